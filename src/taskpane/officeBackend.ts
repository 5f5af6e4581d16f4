/** The Office host's backend: the shared services plus the ribbon's outcome bus. */
import { lastOutcome, subscribeOutcome } from '../workbook/office/outcomeBus';
import { goToCell, runPreview, runScoring, runUndo, runValidation } from '../workbook/office/run';
import type { OfficeBackend } from './backend';

export const officeBackend: OfficeBackend = {
  score: (onPhase, score) => runScoring({ onPhase, score }),
  preview: (score, onPhase) => runPreview({ onPhase, score }),
  validate: (onPhase, o) => runValidation({ onPhase, writeResults: o?.writeResults, score: { indicatorSheet: o?.indicatorSheet } }),
  undo: (onPhase, o) => runUndo({ onPhase, force: o?.force, dryRun: o?.dryRun }),
  goToCell: (sheet, cell) => goToCell(sheet, cell),
  subscribe: subscribeOutcome,
  last: lastOutcome,
};
