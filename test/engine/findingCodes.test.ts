/**
 * FINDING_CODES is the one list of finding codes: every code written in src/
 * (finding('X', …), fail('X', …), { code: 'X' }, f.code === 'X') must be in it,
 * so a new code cannot be used without being listed and explained there.
 */
import fs from 'fs';
import path from 'path';
import { FINDING_CODES } from '../../src/engine/findings';

const SRC = path.join(__dirname, '../../src');

/** Node.js system error codes compared with `e.code` (not ours). */
const NODE_ERRORS = new Set(['ENOENT', 'EPIPE', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EBUSY', 'EEXIST', 'EMFILE']);

/** A quoted code: 'X', "X" or `X`, X UPPER_SNAKE (a single word too: 'EMPTY'). */
const QUOTED = /(['"`])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)\1/g;
/** `code: 'X'`, `code === 'X'`, `.code !== 'X'`. */
const CODE_USE = /\bcode\s*(?::|[!=]==?)\s*(['"`])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)\1/g;
/** Calls whose first argument is a finding code (finding, the scoring run's and the CLI's fail, WorkbookLoadError). */
const CODE_CALL = /\b(?:finding|fail|WorkbookLoadError)\(/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The text of a call's first argument: from `start` (just past the paren) to the first comma or `)` at depth 0. */
function firstArgument(text: string, start: number): string {
  let depth = 0;
  let quote: string | null = null;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      if (depth === 0) return text.slice(start, i);
      depth--;
    } else if (ch === ',' && depth === 0) return text.slice(start, i);
  }
  return text.slice(start);
}

/** Every code written in src/, with where it is. */
function codesInSource(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const add = (code: string, file: string, text: string, at: number) => {
    if (NODE_ERRORS.has(code)) return;
    const line = text.slice(0, at).split('\n').length;
    const where = `${path.relative(SRC, file)}:${line}`;
    found.set(code, [...(found.get(code) ?? []), where]);
  };
  for (const file of sourceFiles(SRC)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(CODE_USE)) add(m[2], file, text, m.index!);
    for (const m of text.matchAll(CODE_CALL)) {
      const start = m.index! + m[0].length;
      for (const q of firstArgument(text, start).matchAll(QUOTED)) add(q[2], file, text, start + q.index!);
    }
  }
  return found;
}

const listed = new Set<string>(FINDING_CODES);

test('every finding code used in src/ is listed in FINDING_CODES', () => {
  const used = codesInSource();
  // The scan itself works: single-line, multi-line, ternary and `code:` uses are all seen.
  for (const c of ['SUBTOTAL_MISMATCH', 'CELL_KEPT', 'SUMMARY_MAX_MISMATCH', 'CHECKLIST_POINTS_MISSING', 'FILE_UNREADABLE', 'NO_INDICATOR_SHEET', 'CORRUPT']) {
    expect(used.has(c)).toBe(true);
  }
  expect(used.size).toBeGreaterThan(80);
  const missing = [...used].filter(([c]) => !listed.has(c)).map(([c, at]) => `${c} (${at.join(', ')})`);
  expect(missing).toEqual([]);
});

test('FINDING_CODES has no duplicates and every entry is UPPER_SNAKE', () => {
  const dupes = FINDING_CODES.filter((c, i) => FINDING_CODES.indexOf(c) !== i);
  expect(dupes).toEqual([]);
  for (const c of FINDING_CODES) expect(c).toMatch(/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/);
});
