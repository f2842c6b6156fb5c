import type { Report, Status } from '../core/types.js';
import { painter } from './style.js';
import { STATUS_WORD, tokenRows, VERDICT_WORD, verdictLine } from './words.js';

const MARK: Record<Status, string> = { pass: '✔', warn: '!', fail: '✖', skip: '-' };
const COLOR = { pass: 'green', warn: 'yellow', fail: 'red', skip: 'gray', error: 'magenta' } as const;

export interface TextOptions {
  color: boolean;
  /** Only the verdict line and what failed or warned. */
  quiet?: boolean;
}

export function renderText(report: Report, opts: TextOptions): string {
  const paint = painter(opts.color);
  const lines: string[] = [];
  const verdict = paint(['bold', COLOR[report.verdict]], VERDICT_WORD[report.verdict]);
  lines.push(`wa-token-audit: ${verdict} - ${verdictLine(report)}`);

  const width = Math.max(0, ...report.checks.map((c) => c.id.length));
  for (const c of report.checks) {
    if (opts.quiet && (c.status === 'pass' || c.status === 'skip')) continue;
    const mark = paint(COLOR[c.status], `${MARK[c.status]} ${STATUS_WORD[c.status].padEnd(4)}`);
    lines.push(`  ${mark}  ${c.id.padEnd(width)}  ${c.message}`);
    for (const step of c.remediation ?? []) lines.push(`          ${' '.repeat(width)}-> ${step}`);
    if (c.graphError && c.status !== 'pass') {
      lines.push(`          ${' '.repeat(width)}-> More: wa-token-audit explain ${c.graphError}`);
    }
  }
  if (report.error?.graphError) lines.push(`  More: wa-token-audit explain ${report.error.graphError}`);

  if (!opts.quiet) {
    const rows = tokenRows(report.token);
    if (rows.length > 0) {
      lines.push('', paint('bold', 'Token'));
      const w = Math.max(...rows.map(([k]) => k.length));
      for (const [k, v] of rows) lines.push(`  ${k.padEnd(w)}  ${v}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
