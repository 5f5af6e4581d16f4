/**
 * ExcelJS (Node build) hands each part's XML to JSZip as a JS string; JSZip
 * encodes strings to UTF-8 in 16 K-unit slices, and a slice that ends between
 * the two halves of a surrogate pair turns that character into U+FFFD. Rare CJK
 * characters (Extension B, 𠀀) in a long shared-strings part — the engine's
 * record, an evaluator's notes — then come back corrupted. The browser build
 * already encodes with TextEncoder; here the string is encoded whole first.
 * Installed once, from the Node file access (node.ts).
 */
interface ZipWriterLike {
  prototype: { append(data: unknown, options: { base64?: boolean; name: string }): void };
}

let installed = false;

export function installZipUtf8Fix(): void {
  if (installed) return;
  installed = true;
  const { ZipWriter } = require('exceljs/lib/utils/zip-stream') as { ZipWriter: ZipWriterLike };
  const append = ZipWriter.prototype.append;
  ZipWriter.prototype.append = function (data, options) {
    const whole = typeof data === 'string' && !options?.base64 ? Buffer.from(data, 'utf8') : data;
    return append.call(this, whole, options);
  };
}
