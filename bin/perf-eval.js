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
    process.stderr.write(`内部错误：${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 3;
  },
);
