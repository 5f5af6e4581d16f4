#!/usr/bin/env node
/**
 * Bundles the command line (src/cli/main.ts and everything it imports) into one
 * CommonJS file, build/cli/perf-eval.js, so `perf-eval` starts from compiled
 * JavaScript instead of transpiling the TypeScript sources through tsx on every
 * run (issue 10). Runs at install time (`prepare`), so `npm ci && npm run sample`
 * uses it on a fresh machine.
 *
 * Next to the bundle it writes build/cli/sources.json: every source file the
 * bundle was built from with its size and mtime. bin/perf-eval.js uses the
 * bundle only while all of them are unchanged, else it falls back to tsx (a
 * source edited during development is never run stale).
 *
 * Dependencies (exceljs, decimal.js …) are bundled too (start-up at 34 indicators:
 * 0.66–0.93 s against 0.99–1.24 s with them loaded from node_modules), so the
 * list also holds node_modules/.package-lock.json: after any install, upgrade or
 * removal the CLI falls back to tsx until the next build (`npm run build:cli`;
 * `npm install` runs it through `prepare`).
 */
/* global require, process, __dirname */
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'build', 'cli');
const OUT = path.join(OUT_DIR, 'perf-eval.js');
const SOURCES = path.join(OUT_DIR, 'sources.json');

/** The entry point: the CLI's main and the review worker's loop (a worker re-requires the bundle). */
const ENTRY = "export { main } from './src/cli/main';\nexport { workerLoop } from './src/cli/review';\n";

function build() {
  let esbuild;
  try {
    esbuild = require('esbuild');
  } catch {
    // Installed without devDependencies: the CLI runs through tsx instead.
    process.stderr.write('build-cli: esbuild not installed, perf-eval will run the TypeScript sources through tsx\n');
    return;
  }
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.rmSync(SOURCES, { force: true });
  const result = esbuild.buildSync({
    stdin: { contents: ENTRY, resolveDir: ROOT, sourcefile: 'perf-eval-entry.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    outfile: OUT,
    metafile: true,
    sourcemap: 'linked',
    keepNames: true,
    logLevel: 'warning',
  });
  // Our sources one by one; the bundled packages through node_modules/.package-lock.json,
  // which npm rewrites on every install, upgrade or removal.
  const inputs = new Set();
  for (const f of Object.keys(result.metafile.inputs)) {
    if (f === 'perf-eval-entry.ts') continue;
    inputs.add(f.includes('node_modules/') ? 'node_modules/.package-lock.json' : f);
  }
  const files = [...inputs]
    .filter((f) => fs.existsSync(path.join(ROOT, f)))
    .sort()
    .map((f) => {
      const s = fs.statSync(path.join(ROOT, f));
      return { file: f, size: s.size, mtimeMs: s.mtimeMs };
    });
  // Written last: a bundle without its list is never used.
  fs.writeFileSync(SOURCES, JSON.stringify({ bundle: path.relative(ROOT, OUT), files }, null, 1) + '\n');
  process.stdout.write(`build-cli: ${path.relative(ROOT, OUT)} from ${files.length} sources\n`);
}

build();
