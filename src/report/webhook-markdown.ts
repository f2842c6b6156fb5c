// `webhook-test` as Markdown: for tickets and the Action's job summary (a section beside the audit).
import type { Status } from '../core/types.js';
import type { WebhookReport } from '../core/webhook-test.js';
import { mdCell, mdLine } from './md.js';
import { webhookVerdictLine } from './webhook-text.js';
import { STATUS_WORD, VERDICT_WORD } from './words.js';

const ICON: Record<Status, string> = { pass: '✅', warn: '⚠️', fail: '❌', skip: '➖' };

export function renderWebhookMarkdown(r: WebhookReport, opts: { title?: string } = {}): string {
  const out = [`## ${opts.title ?? 'WhatsApp webhook test'}: ${VERDICT_WORD[r.verdict]}`, ''];
  out.push(`\`${mdCell(r.url)}\`: ${mdLine(webhookVerdictLine(r))}`, '');
  if (r.checks.length > 0) {
    out.push('| | Check | Status | Finding |', '|---|---|---|---|');
    for (const c of r.checks)
      out.push(`| ${ICON[c.status]} | \`${c.id}\` | ${STATUS_WORD[c.status]} | ${mdCell(c.message)} |`);
    out.push('');
  }
  const todo = r.checks.filter((c) => (c.status === 'fail' || c.status === 'warn') && c.remediation?.length);
  if (todo.length > 0) {
    out.push('### What to do', '');
    for (const c of todo) {
      out.push(`- **\`${c.id}\`**`);
      for (const step of c.remediation ?? []) out.push(`  - ${mdLine(step)}`);
    }
    out.push('');
  }
  out.push(
    `The test posted a \`delivered\` status for message \`${r.payload.messageId}\`, which no real message has; each request had ${r.timeoutMs / 1000} s.`,
    '',
  );
  return `${out.join('\n')}`;
}
