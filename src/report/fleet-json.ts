// The fleet's machine formats. `json`: one document (schemaVersion 1) with totals and every entry's report.
// `jsonl`: one line per entry as it finishes ({"kind":"entry",...}), then one totals line ({"kind":"totals",...}).
import type { FleetEntryResult, FleetOutcome } from '../core/types.js';

export interface FleetDocument {
  schemaVersion: 1;
  ok: boolean;
  exitCode: number;
  totals: FleetOutcome['totals'];
  graph: { requests: number; throttledMs: number };
  entries: { name: string; exitCode: number; report: FleetEntryResult['report'] }[];
  generatedAt: string;
}

export function fleetDocument(results: FleetEntryResult[], outcome: FleetOutcome, now: Date): FleetDocument {
  return {
    schemaVersion: 1,
    ok: outcome.ok,
    exitCode: outcome.exitCode,
    totals: outcome.totals,
    graph: { requests: outcome.requests, throttledMs: Math.round(outcome.throttledMs) },
    entries: [...results]
      .sort((a, b) => a.index - b.index)
      .map((r) => ({ name: r.name, exitCode: r.exitCode, report: r.report })),
    generatedAt: now.toISOString(),
  };
}

export function renderFleetJson(doc: FleetDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function jsonlEntry(r: FleetEntryResult): string {
  return `${JSON.stringify({ kind: 'entry', index: r.index, name: r.name, exitCode: r.exitCode, report: r.report })}\n`;
}

export function jsonlTotals(outcome: FleetOutcome, now: Date): string {
  return `${JSON.stringify({
    kind: 'totals',
    schemaVersion: 1,
    ok: outcome.ok,
    exitCode: outcome.exitCode,
    totals: outcome.totals,
    graph: { requests: outcome.requests, throttledMs: Math.round(outcome.throttledMs) },
    generatedAt: now.toISOString(),
  })}\n`;
}
