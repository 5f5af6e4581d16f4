/** Shared helpers for CLI tests: run main() with captured output, build fixtures once. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { writeFixtures } from '../../scripts/fixtures';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(...argv: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { out: (s) => (stdout += s), err: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

export function tempDir(prefix = 'pe-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

let built: Promise<string> | null = null;

/** Build the seed fixtures from the generator into a temp dir (once per test file). */
export function fixturesDir(): Promise<string> {
  if (!built) {
    const dir = tempDir('pe-fixtures-');
    built = writeFixtures(dir).then(() => dir);
  }
  return built;
}
