// `discover --format markdown`, and the Action's "What this token reaches" job-summary section.
import type { Discovery } from '../discover/types.js';
import { dash, discoveryLine, SOURCE_WORD, webhookLine } from './discover-words.js';
import { tokenRows } from './words.js';

export function renderDiscoveryMarkdown(
  d: Discovery,
  opts: { title?: string; token?: boolean } = {},
): string {
  const out: string[] = [`## ${opts.title ?? 'What this token reaches'}`, '', cell(discoveryLine(d)), ''];
  if (d.error?.graphError)
    out.push(
      `Graph error: \`${d.error.graphError}\` (run \`wa-token-audit explain ${d.error.graphError}\`)`,
      '',
    );

  if (d.status !== 'failed' && d.status !== 'not-judged') {
    if (d.wabas.length === 0) out.push('The token reaches no WhatsApp Business Account.', '');
    else {
      out.push(
        `| WABA | Name | Source | ${d.appId ? `App ${d.appId} subscribed` : 'App subscribed'} | Phone number ID | Number | Verified name | Quality | Platform | Status |`,
        '|---|---|---|---|---|---|---|---|---|---|',
      );
      for (const w of d.wabas) {
        const head = [
          `\`${w.id}\``,
          cell(dash(w.name)),
          SOURCE_WORD[w.source],
          w.appSubscribed === null ? 'unknown' : w.appSubscribed ? 'yes' : '**no**',
        ];
        if (w.phoneNumbers.length === 0)
          out.push(`| ${[...head, '-', '-', '-', '-', '-', '-'].join(' | ')} |`);
        for (const p of w.phoneNumbers) {
          out.push(
            `| ${[
              ...head,
              `\`${p.id}\``,
              cell(dash(p.displayPhoneNumber)),
              cell(dash(p.verifiedName)),
              cell(dash(p.qualityRating)),
              cell(dash(p.platformType)),
              cell(dash(p.status)),
            ].join(' | ')} |`,
          );
        }
      }
      out.push('');
    }
    const hook = webhookLine(d);
    if (hook) out.push(`Webhook: ${cell(hook)}`, '');
    if (d.partial.length > 0) {
      out.push('### Partial: why the list may be incomplete', '');
      for (const r of d.partial) out.push(`- ${cell(r)}`);
      out.push('');
    }
  }

  if (opts.token !== false) {
    const rows = tokenRows(d.token);
    if (rows.length > 0) {
      out.push('### Token', '', '| Field | Value |', '|---|---|');
      for (const [k, v] of rows) out.push(`| ${k} | ${cell(v)} |`);
      out.push('');
    }
  }
  return `${out.join('\n')}\n`;
}

function cell(s: string): string {
  return s.replace(/\r?\n/g, ' ').replace(/</g, '&lt;').replace(/\|/g, '\\|');
}
