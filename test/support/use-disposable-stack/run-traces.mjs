// Runs compiled fixture programs one after another in this Node process and prints their traces as JSON.
// Usage: node [-r core-js/proposals/explicit-resource-management] run-traces.mjs <list.json>
// list.json: [{ "id": "...", "file": "/abs/path.mjs" }]. console.log is captured per program; unhandled
// rejections and uncaught exceptions are recorded in the trace of the program that was running.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const list = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const write = process.stdout.write.bind(process.stdout);
const traces = {};
let current = [];
const fmt = (e) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));
console.log = (...args) => { current.push(args.join(' ')); };
process.on('unhandledRejection', (e) => { current.push(`UNHANDLED ${fmt(e)}`); });
process.on('uncaughtException', (e) => { current.push(`UNCAUGHT ${fmt(e)}`); });
for (const { id, file } of list) {
  current = [];
  traces[id] = current;
  try {
    await import(pathToFileURL(file).href);
  } catch (e) {
    current.push(`MODULE THREW ${fmt(e)}`);
  }
  // Let stray timers, rejections and microtask loops of this program settle before the next one.
  await new Promise((r) => setTimeout(r, 25));
}
write(JSON.stringify({ node: process.version, traces }));
