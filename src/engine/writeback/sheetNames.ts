/**
 * Never overwrite a sheet the engine did not create: every sheet the engine
 * creates is checked against the whole workbook at run time. A name held by a
 * sheet of the evaluator's gets the first free name of 名称(新), 名称(新2), …
 * and a finding says where the output went.
 */
import { finding, type Finding } from '../findings';
import type { Patch, SheetCreate } from '../patch';
import { findSheet, valueAt, type WorkbookSnapshot } from '../snapshot';

/** Excel compares sheet names case-insensitively. */
function key(name: string): string {
  return name.toLocaleUpperCase();
}

/** The 校验结果 sheet as validate writes it (title, then the header row 序号 级别 工作表 位置 问题 …). */
function looksLikeResultsSheet(snapshot: WorkbookSnapshot, name: string): boolean {
  const s = findSheet(snapshot, name);
  if (!s) return false;
  const head = ['序号', '级别', '工作表', '位置', '问题'];
  return valueAt(s, 1, 1) === '校验结果' && head.every((h, i) => valueAt(s, 4, i + 1) === h);
}

/**
 * `wanted` if it is free or the engine's own, else the first free 名称(新), 名称(新2)…
 * (Excel's limit of 31 characters kept).
 */
export function freeSheetName(wanted: string, taken: Set<string>, owned: Set<string>): string {
  const ok = (n: string) => owned.has(key(n)) || !taken.has(key(n));
  if (ok(wanted)) return wanted;
  for (let i = 1; ; i++) {
    const suffix = i === 1 ? '(新)' : `(新${i})`;
    const name = `${wanted.slice(0, 31 - suffix.length)}${suffix}`;
    if (ok(name)) return name;
  }
}

/**
 * Rename every `create` op of `patch` whose name belongs to a sheet the engine
 * did not create (`owned`: the record's created sheets). Links and `after`
 * references to a renamed sheet follow it. Returns the renames.
 */
export function claimSheetNames(
  snapshot: WorkbookSnapshot,
  patch: Patch,
  owned: readonly string[],
  findings: Finding[],
  skip: readonly string[] = [],
): Map<string, string> {
  const taken = new Set(snapshot.sheets.map((s) => key(s.name)));
  const mine = new Set(owned.map(key));
  for (const s of snapshot.sheets) if (looksLikeResultsSheet(snapshot, s.name)) mine.add(key(s.name));
  const renames = new Map<string, string>();
  for (const op of patch.ops) {
    if (op.kind !== 'create' || skip.includes(op.sheet)) continue;
    const name = freeSheetName(op.sheet, taken, mine);
    // Names claimed by this patch are taken for the ops after it.
    taken.add(key(name));
    mine.delete(key(name));
    if (name === op.sheet) continue;
    findings.push(
      finding('SHEET_NAME_TAKEN', 'warning', `已存在名为“${op.sheet}”的工作表且不是本工具生成的，未覆盖；结果写入新工作表“${name}”`, {
        sheet: op.sheet,
      }),
    );
    renames.set(op.sheet, name);
    op.sheet = name;
    if (op.replace) (op as SheetCreate).replace = false;
  }
  if (renames.size > 0) {
    for (const op of patch.ops) {
      if (op.kind === 'create' && op.after && renames.has(op.after)) op.after = renames.get(op.after);
      if (op.kind === 'delete') continue;
      for (const c of op.cells) {
        if (!c.link) continue;
        for (const [from, to] of renames) {
          for (const q of [`'${from.replace(/'/g, "''")}'!`, `${from}!`]) {
            if (c.link.startsWith(q) || c.link.startsWith(`#${q}`)) c.link = c.link.replace(q, `'${to.replace(/'/g, "''")}'!`);
          }
        }
      }
    }
  }
  return renames;
}
