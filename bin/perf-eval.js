#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's require hook, so it works right after
// `npm ci` with no build step.
'use strict';
const path = require('path');
const { register } = require('tsx/cjs/api');

register();
const { main } = require(path.join(__dirname, '..', 'src', 'cli', 'main.ts'));
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
