/**
 * Turn an Office.js failure into one Chinese line the user can act on and a
 * developer can search for: code, message and where in the batch it failed.
 */

interface DebugInfo {
  code?: string;
  message?: string;
  errorLocation?: string;
  statement?: string;
  surroundingStatements?: string[];
}

export interface OfficeErrorInfo {
  code: string;
  message: string;
  location?: string;
  statement?: string;
  /** Statement text around the failure, used to attribute it to a sheet. */
  context: string;
}

export function officeErrorInfo(e: unknown): OfficeErrorInfo {
  const err = (e ?? {}) as { code?: unknown; name?: unknown; message?: unknown; debugInfo?: DebugInfo };
  const debug = err.debugInfo ?? {};
  const code = typeof err.code === 'string' ? err.code : typeof debug.code === 'string' ? debug.code : typeof err.name === 'string' ? err.name : 'Error';
  const message = typeof err.message === 'string' && err.message ? err.message : typeof debug.message === 'string' ? debug.message : String(e);
  const info: OfficeErrorInfo = { code, message, context: [debug.statement ?? '', ...(debug.surroundingStatements ?? [])].join('\n') };
  if (debug.errorLocation) info.location = debug.errorLocation;
  if (debug.statement) info.statement = debug.statement;
  return info;
}

/** What the user can do about the errors that have a known cause. */
const HINTS: Record<string, string> = {
  RequestPayloadSizeLimitExceeded: '单次请求超过 Excel 网页版 5 MB 的上限',
  ResponsePayloadSizeLimitExceeded: '工作簿内容超过 Excel 网页版单次读取 5 MB 的上限，请删除不需要的大表后再试',
  InvalidOperationInCellEditMode: 'Excel 正处于单元格编辑状态，请先按 Enter 或 Esc 退出编辑',
  AccessDenied: '工作簿或工作表受保护，或当前没有编辑权限',
};

/** "Excel 错误 InvalidArgument：… （位置：Range.values）" */
export function describeOfficeError(e: unknown): string {
  const i = officeErrorInfo(e);
  const hint = HINTS[i.code] ? `；${HINTS[i.code]}` : '';
  return `Excel 错误 ${i.code}：${i.message}${i.location ? `（位置：${i.location}）` : ''}${hint}`;
}
