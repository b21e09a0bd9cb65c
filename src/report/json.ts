/** The JSON reporter: one versioned document on stdout (schema in the README). */
import type { RunSummary } from '../transform-api/types.js';
import type { Output } from './output.js';

export function reportJson(summary: RunSummary, out: Output): void {
  out.stdout(`${JSON.stringify(summary, null, 2)}\n`);
}
