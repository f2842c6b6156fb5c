// The fleet's text table: one line per entry (name, verdict, days left, failing checks), then the totals.
import type { FleetOutcome } from '../core/types.js';
import { daysWord, type FleetRow, totalsLine } from './fleet-rows.js';
import { painter } from './style.js';
import { VERDICT_WORD } from './words.js';

const COLOR = { pass: 'green', warn: 'yellow', fail: 'red', error: 'magenta' } as const;

export interface FleetTextOptions {
  color: boolean;
  /** Only the entries that did not pass cleanly. */
  quiet?: boolean;
}

export function renderFleetText(rows: FleetRow[], outcome: FleetOutcome, opts: FleetTextOptions): string {
  const paint = painter(opts.color);
  const shown = opts.quiet ? rows.filter((r) => r.verdict !== 'pass') : rows;
  const nameW = Math.min(40, Math.max(4, ...shown.map((r) => r.name.length)));
  const verdictW = Math.max(...Object.values(VERDICT_WORD).map((w) => w.length));
  const lines: string[] = [];
  if (shown.length > 0) {
    lines.push(
      paint(
        'bold',
        `${'NAME'.padEnd(nameW)}  ${'VERDICT'.padEnd(verdictW)}  ${'DAYS LEFT'.padEnd(9)}  CHECKS`,
      ),
    );
  }
  for (const r of shown) {
    const name = r.name.length > nameW ? `${r.name.slice(0, nameW - 1)}…` : r.name.padEnd(nameW);
    const verdict = paint(COLOR[r.verdict], VERDICT_WORD[r.verdict].padEnd(verdictW));
    lines.push(`${name}  ${verdict}  ${daysWord(r.daysLeft).padEnd(9)}  ${detail(r)}`.trimEnd());
  }
  if (shown.length > 0) lines.push('');
  lines.push(
    `wa-token-audit fleet: ${paint(['bold', COLOR[outcome.verdict]], totalsLine(outcome.totals))} (${outcome.requests} HTTP request${outcome.requests === 1 ? '' : 's'}).`,
  );
  return `${lines.join('\n')}\n`;
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
