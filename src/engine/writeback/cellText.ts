/** Text that has to fit one cell. */

/** Excel's limit per cell. */
export const CELL_LIMIT = 32767;

/**
 * A note longer than a cell holds, cut where a clause ends, with a pointer to where the rest is
 * said (“…共351,531字，详见评分汇总”); never an error. Never splits a surrogate pair.
 */
export function fitNote(text: string, pointer = '详见评分汇总', limit = CELL_LIMIT): string {
  if (text.length <= limit) return text;
  const tail = `…（全文共${text.length.toLocaleString('en-US')}字，${pointer}）`;
  let end = limit - tail.length;
  const cut = Math.max(text.lastIndexOf('；', end), text.lastIndexOf('，', end), text.lastIndexOf('、', end));
  if (cut > end - 2000) end = cut;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return text.slice(0, end) + tail;
}
