import type { Report } from '../core/types.js';

/** The machine format: one JSON document, keys documented in README (schemaVersion 1). */
export function renderJson(report: Report, opts: { compact?: boolean } = {}): string {
  return `${JSON.stringify(report, null, opts.compact ? undefined : 2)}\n`;
}
