/**
 * bin/perf-eval.js runs the compiled bundle (build/cli/perf-eval.js, built by
 * `prepare`) when it is current and the TypeScript sources through tsx
 * otherwise (PERF_EVAL_TSX=1 forces that): both print the same output.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const bin = path.join(ROOT, 'bin', 'perf-eval.js');

function run(env: Record<string, string>, ...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

test.each([
  ['score', 'samples/lvliang-2020.xlsx'],
  ['validate', 'samples/haikou-2021-as-published.xlsx'],
])(
  '%s %s: bundle and sources agree',
  (cmd, file) => {
    const a = run({}, cmd, path.join(ROOT, file), '--json');
    const b = run({ PERF_EVAL_TSX: '1' }, cmd, path.join(ROOT, file), '--json');
    expect(a.stderr).toBe(b.stderr);
    expect(a.status).toBe(b.status);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout)).toBeTruthy();
  },
  60_000,
);
