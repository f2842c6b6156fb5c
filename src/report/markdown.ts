import type { Report, Status } from '../core/types.js';
import { mdCell, mdLine, tokenTable } from './md.js';
import { STATUS_WORD, VERDICT_WORD, verdictLine } from './words.js';

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
      out.push(`| ${ICON[c.status]} | \`${c.id}\` | ${STATUS_WORD[c.status]} | ${mdCell(c.message)} |`);
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
      for (const step of c.remediation ?? []) out.push(`  - ${mdLine(step)}`);
    }
    out.push('');
  }

  out.push(...tokenTable(report.token));
  return `${out.join('\n')}\n`;
}
