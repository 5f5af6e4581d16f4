/**
 * Office host or browser workbench? office.js comes from Microsoft's CDN; when
 * it is absent (offline, opened in a plain browser) `Office` is undefined and
 * the pane runs as the workbench at once. When it is present outside Excel,
 * Office.onReady reports no host. If it has not answered after the timeout the
 * pane starts as the workbench, but keeps listening: a late answer from Excel
 * (a slow start) switches it to Excel mode through `onLateOffice`.
 */
export type HostMode = 'office' | 'workbench';

export async function detectHost(timeoutMs = 4000, onLateOffice?: () => void): Promise<HostMode> {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') return 'workbench';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  let ready: Promise<HostMode>;
  try {
    ready = Promise.resolve(Office.onReady()).then(
      (info) => (info && String(info.host) === 'Excel' ? 'office' : 'workbench'),
      () => 'workbench' as const,
    );
  } catch {
    return 'workbench';
  }
  try {
    const mode = await Promise.race([
      ready,
      new Promise<null>((resolve) => {
        timer = setTimeout(() => {
          timedOut = true;
          resolve(null);
        }, timeoutMs);
      }),
    ]);
    if (mode) return mode;
    if (onLateOffice) void ready.then((late) => (late === 'office' && timedOut ? onLateOffice() : undefined));
    return 'workbench';
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

/** Dark when Office's body background is dark, else when the browser prefers dark. */
export function prefersDark(): boolean {
  try {
    const bg = typeof Office !== 'undefined' ? Office.context?.officeTheme?.bodyBackgroundColor : undefined;
    const m = bg ? /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(bg) : null;
    if (m) {
      const [r, g, b] = m.slice(1).map((h) => parseInt(h, 16) / 255);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
    }
  } catch {
    // officeTheme is not available on every host.
  }
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
}
