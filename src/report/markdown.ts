import type { Report, Status } from '../core/types.js';
import { STATUS_WORD, tokenRows, VERDICT_WORD, verdictLine } from './words.js';

const ICON: Record<Status, string> = { pass: '✅', warn: '⚠️', fail: '❌', skip: '➖' };

/** For tickets and the Action's job summary. Cells are escaped: Graph text may contain pipes. */
export function renderMarkdown(report: Report, opts: { title?: string } = {}): string {
  const out: string[] = [];
  out.push(`## ${opts.title ?? 'WhatsApp token audit'}: ${VERDICT_WORD[report.verdict]}`, '');
  out.push(verdictLine(report), '');
  if (report.error?.graphError)
    out.push(
      `Graph error: \`${report.error.graphError}\` (run \`wa-token-audit explain ${report.error.graphError}\`)`,
      '',
    );

  if (report.checks.length > 0) {
    out.push('| | Check | Status | Finding |', '|---|---|---|---|');
    for (const c of report.checks) {
      out.push(`| ${ICON[c.status]} | \`${c.id}\` | ${STATUS_WORD[c.status]} | ${cell(c.message)} |`);
    }
    out.push('');
  }

  const todo = report.checks.filter(
    (c) => (c.status === 'fail' || c.status === 'warn') && c.remediation?.length,
  );
  if (todo.length > 0) {
    out.push('### What to do', '');
    for (const c of todo) {
      out.push(
        `- **\`${c.id}\`**${c.graphError ? ` (Graph error \`${c.graphError}\`: \`wa-token-audit explain ${c.graphError}\`)` : ''}`,
      );
      for (const step of c.remediation ?? []) out.push(`  - ${line(step)}`);
    }
    out.push('');
  }

  const rows = tokenRows(report.token);
  if (rows.length > 0) {
    out.push('### Token', '', '| Field | Value |', '|---|---|');
    for (const [k, v] of rows) out.push(`| ${k} | ${cell(v)} |`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

function cell(s: string): string {
  return line(s).replace(/\|/g, '\\|');
}

function line(s: string): string {
  return s.replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}
