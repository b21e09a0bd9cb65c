#!/usr/bin/env node
// The only place that touches `process`: everything else receives what it needs.
import { main } from '../dist/src/cli/main.js';

// `migrate … | head` closes the pipe early: stop writing quietly instead of crashing with EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv, process.env, {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  color: Boolean(process.stdout.isTTY),
  stderrColor: Boolean(process.stderr.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
});
