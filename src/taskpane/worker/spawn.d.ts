/** Spawns the workbench worker (./workbench.worker.ts) as a webpack worker chunk. */
export function spawnWorkbenchWorker(): Worker;
