/**
 * Caches that live for one engine run (scoreWorkbook / validateWorkbook): pure
 * functions of their input — parsed rule texts, normalised text, header matches —
 * computed once per distinct input within the run, and dropped when it ends, so
 * memory stays bounded and nothing leaks from one workbook to the next. Outside
 * a run (a direct call from the pane or a test) nothing is cached.
 */

const caches: Map<unknown, unknown>[] = [];
let depth = 0;

/** Run `f` as one engine run: the run caches are cleared when the outermost run ends. */
export function inRun<T>(f: () => T): T {
  depth++;
  try {
    return f();
  } finally {
    if (--depth === 0) for (const c of caches) c.clear();
  }
}

/** A map that is cleared at the end of every run; `null` outside a run (do not cache then). */
export function runMap<K, V>(): () => Map<K, V> | null {
  const m = new Map<K, V>();
  caches.push(m as Map<unknown, unknown>);
  return () => (depth > 0 ? m : null);
}

/** `fn` memoised per distinct argument within a run (fn must be pure and its result never mutated). */
export function memoInRun<A, R>(fn: (a: A) => R): (a: A) => R {
  const map = runMap<A, R>();
  return (a: A) => {
    const m = map();
    if (!m) return fn(a);
    let r = m.get(a);
    if (r === undefined && !m.has(a)) m.set(a, (r = fn(a)));
    return r as R;
  };
}
