/**
 * Whether the task pane is showing, as Office reports it
 * (Office.addin.onVisibilityModeChanged, SharedRuntime 1.1). The ribbon uses
 * it to tell a pane that opened from a showAsTaskpane() call that did
 * nothing (an add-in installed from Microsoft Marketplace).
 */
let visible: boolean | null = null;
const waiters = new Set<(v: boolean) => void>();

export function setPaneVisible(v: boolean): void {
  visible = v;
  for (const w of [...waiters]) w(v);
}

export function paneVisible(): boolean | null {
  return visible;
}

/** Resolves true as soon as the pane is reported visible, false after `ms` without that. */
export function waitForPane(ms: number): Promise<boolean> {
  if (visible) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (v: boolean) => {
      if (!v) return;
      clearTimeout(timer);
      waiters.delete(done);
      resolve(true);
    };
    const timer = setTimeout(() => {
      waiters.delete(done);
      resolve(false);
    }, ms);
    waiters.add(done);
  });
}

/** Follow Office's visibility events (where the host has them); safe to call more than once. */
let watched: unknown = null;
export function watchPaneVisibility(): void {
  try {
    const addin = typeof Office !== 'undefined' ? Office.addin : undefined;
    if (!addin?.onVisibilityModeChanged || watched === addin) return;
    watched = addin;
    void addin
      .onVisibilityModeChanged((args) => setPaneVisible(String(args.visibilityMode) === 'Taskpane'))
      .catch(() => {
        watched = null;
      });
  } catch {
    watched = null;
  }
}
