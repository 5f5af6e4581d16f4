/**
 * Read every ExceLint benchmark workbook with the ExcelJS adapter and print,
 * per file, the read time and the cell / formula counts; failures are
 * reported, never thrown. With --roundtrip each workbook is also saved,
 * reloaded and its snapshot compared.
 *
 *   npx tsx scripts/read-all-benchmark.ts [dir] [--roundtrip]
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { loadWorkbook, saveWorkbook } from '../src/workbook/xlsx/io';
import { snapshotFromWorkbook } from '../src/workbook/xlsx/readSnapshot';
import { indexFormulas } from '../src/workbook/xlsx/sheetCells';
import type { WorkbookSnapshot } from '../src/engine/snapshot';

interface Row {
  file: string;
  ms: number;
  sheets: number;
  cells: number;
  formulas: number;
  shared: number;
  roundtrip?: string;
  error?: string;
}

function counts(snapshot: WorkbookSnapshot): { cells: number; formulas: number } {
  let cells = 0;
  let formulas = 0;
  for (const s of snapshot.sheets) {
    for (const r of s.values) for (const v of r) if (v !== null && v !== undefined) cells++;
    for (const r of s.formulas) for (const f of r) if (f) formulas++;
  }
  return { cells, formulas };
}

async function readOne(file: string, roundtrip: boolean): Promise<Row> {
  const row: Row = { file: path.basename(file), ms: 0, sheets: 0, cells: 0, formulas: 0, shared: 0 };
  try {
    const bytes = await fs.readFile(file);
    const t0 = performance.now();
    const wb = await loadWorkbook(bytes);
    const snapshot = snapshotFromWorkbook(wb, row.file);
    row.ms = performance.now() - t0;
    row.sheets = snapshot.sheets.length;
    Object.assign(row, counts(snapshot));
    for (const ws of wb.worksheets) for (const g of indexFormulas(ws).shared.values()) row.shared += g.dependents.length;
    if (roundtrip) {
      const again = snapshotFromWorkbook(await loadWorkbook(await saveWorkbook(wb)), row.file);
      row.roundtrip = JSON.stringify(again) === JSON.stringify(snapshot) ? 'same' : 'DIFFERS';
    }
  } catch (e) {
    row.error = e instanceof Error ? e.message : String(e);
  }
  return row;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const roundtrip = args.includes('--roundtrip');
  const dir = args.find((a) => !a.startsWith('--')) ?? path.resolve(__dirname, '../../shared/benchmarks/excelint/subjects_xlsx');
  const files = (await fs.readdir(dir)).filter((f) => f.toLowerCase().endsWith('.xlsx')).sort();
  const rows: Row[] = [];
  console.log(['file', 'ms', 'sheets', 'cells', 'formulas', 'shared-expanded', ...(roundtrip ? ['roundtrip'] : [])].join('\t'));
  for (const f of files) {
    const r = await readOne(path.join(dir, f), roundtrip);
    rows.push(r);
    if (r.error) console.log(`${r.file}\tFAILED\t${r.error}`);
    else console.log([r.file, r.ms.toFixed(0), r.sheets, r.cells, r.formulas, r.shared, ...(roundtrip ? [r.roundtrip] : [])].join('\t'));
  }
  const ok = rows.filter((r) => !r.error);
  const times = ok.map((r) => r.ms).sort((a, b) => a - b);
  const sum = (k: 'ms' | 'cells' | 'formulas' | 'shared') => ok.reduce((s, r) => s + r[k], 0);
  console.log(
    `\n${ok.length}/${rows.length} workbooks read; total ${sum('ms').toFixed(0)} ms, ` +
      `median ${times.length ? times[Math.floor(times.length / 2)].toFixed(0) : '-'} ms, max ${times.length ? times[times.length - 1].toFixed(0) : '-'} ms; ` +
      `${sum('cells')} non-empty cells, ${sum('formulas')} formulas (${sum('shared')} expanded from shared formulas)`,
  );
  if (roundtrip) console.log(`round trip: ${ok.filter((r) => r.roundtrip === 'same').length}/${ok.length} snapshots unchanged after save/reload`);
  for (const r of rows.filter((x) => x.error)) console.log(`FAILED ${r.file}: ${r.error}`);
  return rows.some((r) => r.error) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
