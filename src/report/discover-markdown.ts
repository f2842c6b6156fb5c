// `discover --format markdown`, and the Action's "What this token reaches" job-summary section.
import type { DiscoveredHealth, Discovery } from '../core/types.js';
import { callbackWord, dash, discoveryLine, SOURCE_WORD, webhookLine } from './discover-words.js';
import { mdCell, tokenTable } from './md.js';

export function renderDiscoveryMarkdown(
  d: Discovery,
  opts: { title?: string; token?: boolean } = {},
): string {
  const out: string[] = [`## ${opts.title ?? 'What this token reaches'}`, '', mdCell(discoveryLine(d)), ''];
  if (d.error?.graphError)
    out.push(
      `Graph error: \`${d.error.graphError}\` (run \`wa-token-audit explain ${d.error.graphError}\`)`,
      '',
    );

  if (d.status !== 'failed' && d.status !== 'not-judged') {
    if (d.wabas.length === 0) out.push('The token reaches no WhatsApp Business Account.', '');
    else {
      out.push(
        `| WABA | Name | Source | ${d.appId ? `App ${d.appId} subscribed` : 'App subscribed'} | Phone number ID | Number | Verified name | Quality | Platform | Status | Name | Mode | Health | Limit | WABA health | Messages webhooks go to |`,
        '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
      );
      for (const w of d.wabas) {
        const head = [
          `\`${w.id}\``,
          mdCell(dash(w.name)),
          SOURCE_WORD[w.source],
          w.appSubscribed === null ? 'unknown' : w.appSubscribed ? 'yes' : '**no**',
        ];
        const wabaHealth = mdCell(healthCell(w.health, w.businessVerificationStatus, w.accountReviewStatus));
        if (w.phoneNumbers.length === 0)
          out.push(`| ${[...head, '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', wabaHealth, '-'].join(' | ')} |`);
        for (const p of w.phoneNumbers) {
          out.push(
            `| ${[
              ...head,
              `\`${p.id}\``,
              mdCell(dash(p.displayPhoneNumber)),
              mdCell(dash(p.verifiedName)),
              mdCell(dash(p.qualityRating)),
              mdCell(dash(p.platformType)),
              mdCell(dash(p.status)),
              mdCell(dash(p.nameStatus)),
              mdCell(dash(p.accountMode)),
              mdCell(healthCell(p.health)),
              mdCell(dash(p.messagingLimit)),
              wabaHealth,
              mdCell(callbackWord(p.callback) ?? '-'),
            ].join(' | ')} |`,
          );
        }
      }
      out.push('');
    }
    const hook = webhookLine(d);
    if (hook) out.push(`Webhook: ${mdCell(hook)}`, '');
    if (d.partial.length > 0) {
      out.push('### Partial: why the list may be incomplete', '');
      for (const r of d.partial) out.push(`- ${mdCell(r)}`);
      out.push('');
    }
  }

  if (opts.token !== false) out.push(...tokenTable(d.token));
  return `${out.join('\n')}\n`;
}

/** "AVAILABLE", or "**BLOCKED**: WABA …: BLOCKED (error 141006: …)"; for a WABA also its review and verification. */
function healthCell(h: DiscoveredHealth | null, verification?: string | null, review?: string | null): string {
  const value = h?.canSendMessage ?? 'unknown';
  const head = value === 'AVAILABLE' ? value : `**${value}**`;
  const extra = [
    review ? `review ${review}` : '',
    verification ? `business ${verification}` : '',
  ].filter(Boolean);
  const problems = h?.problems ?? [];
  return [problems.length > 0 ? `${head}: ${problems.join('; ')}` : head, ...extra].join('; ');
}
