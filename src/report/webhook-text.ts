// `webhook-test` as text: the verdict line, one line per check, the fixes under what failed or warned.
import type { Status } from '../core/types.js';
import type { PlannedRequest, WebhookReport } from '../core/webhook-test.js';
import { painter } from './style.js';
import { STATUS_WORD, VERDICT_WORD } from './words.js';

const MARK: Record<Status, string> = { pass: '✔', warn: '!', fail: '✖', skip: '-' };
const COLOR = { pass: 'green', warn: 'yellow', fail: 'red', skip: 'gray', error: 'magenta' } as const;

/** `6 checks, 1 failed, 0 warnings` or the reason the URL was not judged. */
export function webhookVerdictLine(r: WebhookReport): string {
  if (r.verdict === 'error') return `not judged: ${r.error?.message ?? 'the test could not be made.'}`;
  const n = (s: Status) => r.checks.filter((c) => c.status === s).length;
  const warns = n('warn');
  return `${r.checks.length} checks, ${n('fail')} failed, ${warns} warning${warns === 1 ? '' : 's'}`;
}

export function renderWebhookText(r: WebhookReport, opts: { color: boolean; quiet?: boolean }): string {
  const paint = painter(opts.color);
  const lines = [
    `wa-token-audit webhook-test ${r.url}: ${paint(['bold', COLOR[r.verdict]], VERDICT_WORD[r.verdict])} - ${webhookVerdictLine(r)}`,
  ];
  const width = Math.max(0, ...r.checks.map((c) => c.id.length));
  for (const c of r.checks) {
    if (opts.quiet && (c.status === 'pass' || c.status === 'skip')) continue;
    const mark = paint(COLOR[c.status], `${MARK[c.status]} ${STATUS_WORD[c.status].padEnd(4)}`);
    lines.push(`  ${mark}  ${c.id.padEnd(width)}  ${c.message}`);
    for (const step of c.remediation ?? []) lines.push(`          ${' '.repeat(width)}-> ${step}`);
  }
  if (!opts.quiet)
    lines.push(
      '',
      `Posted: a "delivered" status for message ${r.payload.messageId} (${r.payload.bytes} bytes; the exact payload is in the README). Each request had ${r.timeoutMs / 1000} s.`,
    );
  return `${lines.join('\n')}\n`;
}

/** `--dry-run`: the requests, secrets masked. */
export function renderDryRunText(url: string, requests: PlannedRequest[]): string {
  const out = [`wa-token-audit webhook-test ${url}: dry run, nothing sent. It would send:`, ''];
  for (const r of requests) {
    out.push(`# ${r.check}`, `${r.method} ${r.url}`);
    for (const [k, v] of Object.entries(r.headers)) out.push(`${k}: ${v}`);
    if (r.body !== undefined) out.push('', r.body.replace(/\n$/, ''));
    out.push('');
  }
  return `${out.join('\n')}`;
}
