import type { Report } from '../core/types.js';

/** The machine format: one JSON document, keys documented in README (schemaVersion 1). */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
