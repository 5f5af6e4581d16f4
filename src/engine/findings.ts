/**
 * Findings: every doubt, error or inconsistency the engine reports, each
 * pointing at a sheet and cell when it has one. Errors are values, not throws.
 */

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  /** Stable machine code, UPPER_SNAKE, e.g. "SUBTOTAL_MISMATCH". */
  code: string;
  severity: Severity;
  sheet?: string;
  /** A1 address on `sheet`, e.g. "K12". */
  cell?: string;
  /** Chinese, for the evaluator. */
  message: string;
  expected?: string | number;
  actual?: string | number;
  /** A grouped finding (see groupFindings): how many cells of its column it stands for, and the first of them. */
  count?: number;
  cells?: string[];
}

export function finding(
  code: string,
  severity: Severity,
  message: string,
  where: { sheet?: string; cell?: string } = {},
  extra: { expected?: string | number; actual?: string | number } = {},
): Finding {
  const f: Finding = { code, severity, message };
  if (where.sheet !== undefined) f.sheet = where.sheet;
  if (where.cell !== undefined) f.cell = where.cell;
  if (extra.expected !== undefined) f.expected = extra.expected;
  if (extra.actual !== undefined) f.actual = extra.actual;
  return f;
}

export function hasErrors(findings: Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Stable order: severity, then sheet, then cell position, then code. */
export function sortFindings(findings: Finding[]): Finding[] {
  const cellKey = (a?: string) => {
    const m = a ? /^([A-Z]+)(\d+)/.exec(a) : null;
    if (!m) return [Number.MAX_SAFE_INTEGER, ''] as const;
    return [Number(m[2]), m[1].padStart(3, ' ')] as const;
  };
  // Parse each cell address once, not twice per comparison (a run can report thousands of findings).
  const keyed = findings.map((f) => {
    const [row, col] = cellKey(f.cell);
    return { f, row, col };
  });
  keyed.sort(({ f: a, row: ra, col: ca }, { f: b, row: rb, col: cb }) => {
    if (ORDER[a.severity] !== ORDER[b.severity]) return ORDER[a.severity] - ORDER[b.severity];
    if ((a.sheet ?? '') !== (b.sheet ?? '')) return (a.sheet ?? '').localeCompare(b.sheet ?? '');
    if (ra !== rb) return ra - rb;
    if (ca !== cb) return ca < cb ? -1 : 1;
    return a.code.localeCompare(b.code);
  });
  return keyed.map((k) => k.f);
}

/** Drop exact duplicates (same code, sheet, cell, message). */
export function dedupeFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of findings) {
    const k = `${f.code}|${f.sheet ?? ''}|${f.cell ?? ''}|${f.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(f);
  }
  return out;
}

/** More findings than this of one code on one column become one finding (a year of monthly rows stays listed). */
export const GROUP_AT = 20;

/**
 * Findings of one code and severity on one column of one sheet, when there are
 * more than GROUP_AT of them, become one finding at the first cell that gives
 * the count and the first cells (a text ID column of 200,000 rows is one
 * warning, not 200,000). Order otherwise kept; no recursion, no spreading.
 */
export function groupFindings(findings: Finding[], at = GROUP_AT): Finding[] {
  const column = (f: Finding) => (f.sheet !== undefined && f.cell ? /^([A-Z]+)\d+$/.exec(f.cell)?.[1] : undefined);
  const counts = new Map<string, number>();
  const keyOf = (f: Finding) => {
    const col = column(f);
    return col === undefined ? null : `${f.code}|${f.severity}|${f.sheet}|${col}`;
  };
  for (const f of findings) {
    const k = keyOf(f);
    if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let any = false;
  for (const n of counts.values()) if (n > at) any = true;
  if (!any) return findings;
  const groups = new Map<string, { first: Finding; cells: string[] }>();
  const out: Finding[] = [];
  for (const f of findings) {
    const k = keyOf(f);
    if (k === null || (counts.get(k) ?? 0) <= at) {
      out.push(f);
      continue;
    }
    const g = groups.get(k);
    if (g) {
      if (g.cells.length < 5) g.cells.push(f.cell!);
      continue;
    }
    groups.set(k, { first: f, cells: [f.cell!] });
    out.push(f);
  }
  return out.map((f) => {
    const k = keyOf(f);
    const g = k === null ? undefined : groups.get(k);
    if (!g || g.first !== f) return f;
    const n = counts.get(k!)!;
    return { ...f, message: `${f.message}（本列共${n}处同类问题：${g.cells.join('、')}…）`, count: n, cells: g.cells };
  });
}
