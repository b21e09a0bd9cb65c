#!/usr/bin/env node
// The only place that touches `process`: everything else receives what it needs.
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv, process.env, {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  color: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
});
