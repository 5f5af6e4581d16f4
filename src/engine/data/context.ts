/** All data behind the indicators: monthly tables and surveys, read once per run. */
import type { Finding } from '../findings';
import type { SheetView } from '../sheetView';
import { readDataTable, type DataTable } from './tables';
import { readSurveyTable, type SurveyTable } from './survey';

export interface DataContext {
  tables: DataTable[];
  surveys: SurveyTable[];
}

/** Read every sheet that is not an indicator table as a possible data or survey sheet. */
export function loadDataContext(views: Iterable<SheetView>, skip: Set<string>, findings: Finding[]): DataContext {
  const tables: DataTable[] = [];
  const surveys: SurveyTable[] = [];
  for (const view of views) {
    if (skip.has(view.name)) continue;
    const survey = readSurveyTable(view);
    if (survey) {
      surveys.push(survey);
      continue;
    }
    const table = readDataTable(view, findings);
    if (table && table.columns.length > 0) tables.push(table);
  }
  return { tables, surveys };
}
