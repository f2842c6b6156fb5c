// The fleet's text table: one line per entry (name, verdict, days left, failing checks), then the totals; written
// as the fleet runs, so a 100,000-entry table is never held.
import { daysWord, type FleetRow, fleetRow, totalsLine } from './fleet-rows.js';
import { chunked, type FleetWriter, inFileOrder } from './fleet-stream.js';
import { painter } from './style.js';
import { VERDICT_WORD } from './words.js';

const COLOR = { pass: 'green', warn: 'yellow', fail: 'red', error: 'magenta' } as const;

export interface FleetTextOptions {
  color: boolean;
  /** Only the entries that did not pass cleanly. */
  quiet?: boolean;
}

/**
 * The table, written as the fleet runs: rows in file order (`entries` lists the entries in file order; their names size the
 * name column), then the totals line at the end. With `quiet`, only the entries that did not pass cleanly.
 */
export function fleetTextWriter(
  write: (text: string) => void,
  entries: readonly { index: number; name: string }[],
  opts: FleetTextOptions & { now: () => Date },
): FleetWriter {
  const paint = painter(opts.color);
  let nameW = 4;
  for (const e of entries) nameW = Math.max(nameW, Math.min(40, e.name.length));
  const verdictW = Math.max(...Object.values(VERDICT_WORD).map((w) => w.length));
  const out = chunked(write);
  let shown = 0;
  const rows = inFileOrder<FleetRow>(
    entries.map((e) => e.index),
    (r) => {
      if (opts.quiet && r.verdict === 'pass') return;
      if (shown++ === 0)
        out.write(
          `${paint('bold', `${'NAME'.padEnd(nameW)}  ${'VERDICT'.padEnd(verdictW)}  ${'DAYS LEFT'.padEnd(9)}  CHECKS`)}\n`,
        );
      const name = r.name.length > nameW ? `${r.name.slice(0, nameW - 1)}…` : r.name.padEnd(nameW);
      const verdict = paint(COLOR[r.verdict], VERDICT_WORD[r.verdict].padEnd(verdictW));
      out.write(`${`${name}  ${verdict}  ${daysWord(r.daysLeft).padEnd(9)}  ${detail(r)}`.trimEnd()}\n`);
    },
  );
  return {
    entry: (result) => rows.push(result.index, fleetRow(result, opts.now())),
    end(outcome) {
      rows.flush();
      out.write(
        `${shown > 0 ? '\n' : ''}wa-token-audit fleet: ${paint(['bold', COLOR[outcome.verdict]], totalsLine(outcome.totals))} (${outcome.requests} HTTP request${outcome.requests === 1 ? '' : 's'}).\n`,
      );
      out.flush();
    },
    dispose() {},
  };
}

/** Failing checks; for a warning, the warning checks; for a token not judged, why. */
export function detail(r: FleetRow): string {
  if (r.verdict === 'error') return r.error ? oneLine(r.error) : 'not judged';
  const parts = [...r.failing];
  if (r.warnings.length > 0) parts.push(...r.warnings.map((w) => `${w} (warn)`));
  return parts.join(', ');
}

function oneLine(s: string): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}
