/**
 * The Office.js adapter's pre-check: the sheet list comes from the snapshot
 * (or a small read), the checks themselves are shared with the ExcelJS
 * adapter (../patchCheck).
 */
import { parseRange, type RangeAddress } from '../../engine/address';
import type { Patch } from '../../engine/patch';
import { checkPatch } from '../patchCheck';

export { parseLinkTarget, sheetNameProblem } from '../patchCheck';

/** What the pre-check needs to know about an existing sheet. */
export interface SheetInfo {
  name: string;
  visibility?: 'visible' | 'hidden' | 'veryHidden';
  protected?: boolean;
  /** Merged areas in A1 ("A3:A9"). */
  merges?: string[];
}

/** Null when the patch can be applied in full; otherwise the Chinese reason. */
export function precheckPatch(sheetsBefore: readonly SheetInfo[], patch: Patch): string | null {
  return checkPatch(
    sheetsBefore.map((s) => ({
      name: s.name,
      visibility: s.visibility ?? 'visible',
      protected: !!s.protected,
      merges: (s.merges ?? []).map((a) => parseRange(a)).filter((r): r is RangeAddress => r !== null),
    })),
    patch,
  );
}
