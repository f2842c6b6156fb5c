import type { Report, Status } from '../core/types.js';
import { painter } from './style.js';
import { wrapHanging } from './wrap.js';
import { STATUS_WORD, tokenRows, VERDICT_WORD, verdictLine } from './words.js';

const MARK: Record<Status, string> = { pass: '✔', warn: '!', fail: '✖', skip: '-' };
const COLOR = { pass: 'green', warn: 'yellow', fail: 'red', skip: 'gray', error: 'magenta' } as const;

export interface TextOptions {
  color: boolean;
  /** Only the verdict line and what failed or warned. */
  quiet?: boolean;
  /** The terminal's width: long lines wrap between words with a hanging indent. Absent: no wrapping. */
  width?: number;
}

export function renderText(report: Report, opts: TextOptions): string {
  const paint = painter(opts.color);
  const lines: string[] = [];
  const verdict = paint(['bold', COLOR[report.verdict]], VERDICT_WORD[report.verdict]);
  lines.push(...wrapHanging(`wa-token-audit: ${verdict} - `, verdictLine(report), 16, opts.width));

  const width = Math.max(0, ...report.checks.map((c) => c.id.length));
  for (const c of report.checks) {
    if (opts.quiet && (c.status === 'pass' || c.status === 'skip')) continue;
    const mark = paint(COLOR[c.status], `${MARK[c.status]} ${STATUS_WORD[c.status].padEnd(4)}`);
    const text = 12 + width;
    lines.push(...wrapHanging(`  ${mark}  ${c.id.padEnd(width)}  `, c.message, text, opts.width));
    const steps = [...(c.remediation ?? [])];
    if (c.graphError && c.status !== 'pass') steps.push(`More: wa-token-audit explain ${c.graphError}`);
    for (const step of steps) lines.push(...wrapHanging(`${' '.repeat(text - 2)}-> `, step, text + 1, opts.width));
  }
  if (report.error?.graphError) lines.push(`  More: wa-token-audit explain ${report.error.graphError}`);

  if (!opts.quiet) {
    const rows = tokenRows(report.token);
    if (rows.length > 0) {
      lines.push('', paint('bold', 'Token'));
      const w = Math.max(...rows.map(([k]) => k.length));
      for (const [k, v] of rows) lines.push(...wrapHanging(`  ${k.padEnd(w)}  `, v, w + 4, opts.width));
    }
  }
  return `${lines.join('\n')}\n`;
}
