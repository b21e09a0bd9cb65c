// Runs many compiled behaviour cases in ONE Node process, one after the other, and prints their
// output as JSON: node run-cases.cjs <root>, where <root>/manifest.json lists case folders (each with
// check.js and mod.js; check.js requires ../harness.js, whose main() publishes globalThis.__alsMain).
'use strict';
const path = require('node:path');

const root = process.argv[2];
const manifest = require(path.join(root, 'manifest.json'));

(async () => {
  const results = {};
  const log = console.log;
  for (const dir of manifest) {
    const lines = [];
    let error;
    console.log = (...args) => lines.push(args.map(String).join(' '));
    globalThis.__alsMain = undefined;
    try {
      require(path.join(root, dir, 'check.js'));
      await globalThis.__alsMain;
    } catch (e) {
      error = String((e && e.stack) || e);
    }
    console.log = log;
    results[dir] = { lines, error };
  }
  process.stdout.write(JSON.stringify({ version: process.version, results }));
})();
