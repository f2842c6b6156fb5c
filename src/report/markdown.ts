import type { Report, Status } from '../core/types.js';
import { errorDocsAnchor } from '../explain/docs.js';
import { mdCell, mdLine, tokenTable } from './md.js';
import { STATUS_WORD, VERDICT_WORD, verdictLine } from './words.js';

const ICON: Record<Status, string> = { pass: '✅', warn: '⚠️', fail: '❌', skip: '➖' };

export interface MarkdownOptions {
  title?: string;
  /** Where docs/errors.md is published (the Action knows its own repository): Graph errors link to it. */
  errorDocsUrl?: string;
}

/** For tickets and the Action's job summary. Cells are escaped: Graph text may contain pipes. */
export function renderMarkdown(report: Report, opts: MarkdownOptions = {}): string {
  const out: string[] = [];
  const graphError = (key: string) => explainRef(key, opts.errorDocsUrl);
  out.push(`## ${opts.title ?? 'WhatsApp token audit'}: ${VERDICT_WORD[report.verdict]}`, '');
  out.push(verdictLine(report), '');
  if (report.error?.graphError) out.push(`Graph error ${graphError(report.error.graphError)}`, '');

  if (report.checks.length > 0) {
    out.push('| | Check | Status | Finding |', '|---|---|---|---|');
    for (const c of report.checks) {
      out.push(`| ${ICON[c.status]} | \`${c.id}\` | ${STATUS_WORD[c.status]} | ${mdCell(c.message)} |`);
    }
    out.push('');
  }

  out.push(...readiness(report));

  const todo = report.checks.filter(
    (c) => (c.status === 'fail' || c.status === 'warn') && c.remediation?.length,
  );
  if (todo.length > 0) {
    out.push('### What to do', '');
    for (const c of todo) {
      out.push(
        `- **\`${c.id}\`**${c.graphError ? ` (Graph error ${graphError(c.graphError)})` : ''}`,
      );
      for (const step of c.remediation ?? []) out.push(`  - ${mdLine(step)}`);
    }
    out.push('');
  }

  out.push(...tokenTable(report.token));
  return `${out.join('\n')}\n`;
}

/** Deploy readiness: the templates the release sends, each WABA's languages and statuses (template.* details). */
function readiness(report: Report): string[] {
  const out: string[] = [];
  const templates = report.checks.filter((c) => c.id.startsWith('template.') && c.details?.wabaId);
  if (templates.length > 0) {
    out.push('### Templates', '', '| | Template | WABA | Languages |', '|---|---|---|---|');
    for (const c of templates) {
      const d = c.details as { template?: string; wabaId?: string; languages?: { language: string | null; status: string | null; quality: string | null }[] };
      const langs = (d.languages ?? [])
        .map((l) => `${l.language ?? '?'} ${l.status ?? '?'}${l.quality && l.quality !== 'GREEN' && l.quality !== 'UNKNOWN' ? ` (${l.quality})` : ''}`)
        .join(', ');
      out.push(`| ${ICON[c.status]} | \`${mdCell(d.template ?? '')}\` | ${mdCell(d.wabaId ?? '')} | ${mdCell(langs || 'none found')} |`);
    }
    out.push('');
  }
  // Webhook routing: where each number's messages webhooks go, and which level set it (webhook.route details).
  const routes = report.checks.filter((c) => c.id === 'webhook.route' && c.details?.phoneNumberId);
  if (routes.length > 0) {
    out.push('### Webhook routing', '', '| | Phone number ID | Messages webhooks go to | Set by |', '|---|---|---|---|');
    for (const c of routes) {
      const d = c.details as {
        phoneNumberId: string;
        wabaId?: string;
        route?: string;
        callbackUrl: string | null;
        level: string | null;
      };
      const by =
        d.level === 'phone'
          ? "the number's own override"
          : d.level === 'waba'
            ? `the override of WABA ${d.wabaId ?? '?'}`
            : d.level === 'app'
              ? "the app's callback URL"
              : '–';
      const to = d.callbackUrl ? `\`${mdCell(d.callbackUrl)}\`` : d.route === 'nowhere' ? 'nowhere' : 'cannot tell';
      out.push(`| ${ICON[c.status]} | ${mdCell(d.phoneNumberId)} | ${to} | ${mdCell(by)} |`);
    }
    out.push('');
  }
  return out;
}

/** `190.463` as a link to its entry in docs/errors.md when the page's address is known, and the command. */
function explainRef(key: string, docsUrl: string | undefined): string {
  const anchor = docsUrl ? errorDocsAnchor(key) : undefined;
  const name = anchor ? `[\`${key}\`](${docsUrl}#${anchor})` : `\`${key}\``;
  return `${name}: \`wa-token-audit explain ${key}\``;
}
