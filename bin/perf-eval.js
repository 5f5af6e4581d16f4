#!/usr/bin/env node
// Runs the command line from its compiled bundle (build/cli/perf-eval.js, built at
// install time by `prepare` → scripts/build-cli.js) while every source it was built
// from is unchanged (size and mtime, listed in build/cli/sources.json); otherwise,
// as in development, from the TypeScript sources through tsx's require hook.
/* global require, process, __dirname */
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');

/** The bundle's path when it is current, else null. */
function currentBundle() {
  if (process.env.PERF_EVAL_TSX === '1') return null;
  try {
    const list = JSON.parse(fs.readFileSync(path.join(ROOT, 'build', 'cli', 'sources.json'), 'utf8'));
    const bundle = path.join(ROOT, list.bundle);
    if (!fs.existsSync(bundle)) return null;
    for (const f of list.files) {
      const s = fs.statSync(path.join(ROOT, f.file));
      if (s.size !== f.size || s.mtimeMs !== f.mtimeMs) return null;
    }
    return bundle;
  } catch {
    return null;
  }
}

let entry = currentBundle();
if (!entry) {
  require('tsx/cjs/api').register();
  entry = path.join(ROOT, 'src', 'cli', 'main.ts');
}
const { main } = require(entry);
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // Documented exit codes only (0/1/2): an unexpected failure is a 2 with a one-line reason.
    process.stderr.write(`内部错误：${String((err && err.message) || err).replace(/\s*\n\s*/g, ' ')}\n`);
    process.exitCode = 2;
  },
);
