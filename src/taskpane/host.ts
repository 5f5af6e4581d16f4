/**
 * Office host or browser workbench? office.js comes from Microsoft's CDN; when
 * it is absent (offline, opened in a plain browser) `Office` is undefined and
 * the pane runs as the workbench at once. When it is present outside Excel,
 * Office.onReady reports no host; if it never answers, a timeout decides.
 */
export type HostMode = 'office' | 'workbench';

export async function detectHost(timeoutMs = 4000): Promise<HostMode> {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') return 'workbench';
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const info = await Promise.race([
      Office.onReady(),
      new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), timeoutMs);
      }),
    ]);
    return info && String(info.host) === 'Excel' ? 'office' : 'workbench';
  } catch {
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
