/**
 * Spawns the workbench worker. Plain JavaScript so that webpack sees the
 * `new Worker(new URL(…, import.meta.url))` form it bundles as a worker chunk
 * (the TypeScript sources compile as CommonJS for the tests, where
 * import.meta is not allowed). Typed by ./spawn.d.ts.
 */
/* global Worker, URL */
export function spawnWorkbenchWorker() {
  return new Worker(new URL('./workbench.worker.ts', import.meta.url), { name: 'workbench-worker' });
}
