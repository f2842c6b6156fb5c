// The fleet's machine formats. `json`: one document (schemaVersion 1) with every entry's report and the totals,
// written as the fleet runs (fleetJsonWriter): entries in file order, then the totals (known only at the end), so
// neither the reports nor the document are ever held whole. `jsonl`: one line per entry as it finishes
// ({"kind":"entry",...}), then one totals line ({"kind":"totals",...}).
import type { FleetEntryResult, FleetOutcome } from '../core/types.js';
import { chunked, type FleetWriter, inFileOrder } from './fleet-stream.js';

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

/**
 * `--format json`, streamed: the content of fleetDocument(...) with the same two-space indentation, `entries`
 * first (in file order: `order` lists the entries' indices) and the totals after them. An entry that finishes
 * before one listed above it waits, already serialised, for its turn.
 */
export function fleetJsonWriter(write: (text: string) => void, order: readonly number[]): FleetWriter {
  const out = chunked(write);
  let count = 0;
  const entries = inFileOrder<string>(order, (text) => {
    out.write(`${count++ === 0 ? '' : ','}\n    ${text}`);
  });
  // The opening goes out at once: a reader sees the document start with the fleet.
  write('{\n  "schemaVersion": 1,\n  "entries": [');
  return {
    entry(r) {
      const text = JSON.stringify({ name: r.name, exitCode: r.exitCode, report: r.report }, null, 2);
      entries.push(r.index, text.replaceAll('\n', '\n    '));
    },
    end(outcome, now) {
      entries.flush();
      const tail = JSON.stringify(totalsPart(outcome, now), null, 2);
      // `tail` is `{\n  "ok": ...\n}`: its members follow the entries in the same object.
      out.write(`${count === 0 ? ']' : '\n  ]'},\n${tail.slice(2)}\n`);
      out.flush();
    },
    dispose() {},
  };
}

function totalsPart(outcome: FleetOutcome, now: Date) {
  return {
    ok: outcome.ok,
    exitCode: outcome.exitCode,
    totals: outcome.totals,
    graph: { requests: outcome.requests, throttledMs: Math.round(outcome.throttledMs) },
    generatedAt: now.toISOString(),
  };
}

/** `--format jsonl`: each entry's line as it finishes (not in file order), then the totals line. */
export function fleetJsonlWriter(write: (text: string) => void): FleetWriter {
  return {
    entry: (r) => write(jsonlEntry(r)),
    end: (outcome, now) => write(jsonlTotals(outcome, now)),
    dispose() {},
  };
}

export function jsonlEntry(r: FleetEntryResult): string {
  return `${JSON.stringify({ kind: 'entry', index: r.index, name: r.name, exitCode: r.exitCode, report: r.report })}\n`;
}

export function jsonlTotals(outcome: FleetOutcome, now: Date): string {
  return `${JSON.stringify({ kind: 'totals', schemaVersion: 1, ...totalsPart(outcome, now) })}\n`;
}
