// The terminal form of `discover`: a tree, WABA -> phone numbers.
import type { Discovery } from '../core/types.js';
import {
  callbackWord,
  count,
  dash,
  discoveryLine,
  healthWord,
  SOURCE_WORD,
  subscribedWord,
  webhookLine,
} from './discover-words.js';
import { painter } from './style.js';
import { tokenRows } from './words.js';

export function renderDiscoveryText(d: Discovery, opts: { color: boolean }): string {
  const paint = painter(opts.color);
  const lines: string[] = [`wa-token-audit discover: ${discoveryLine(d)}`];
  if (d.error?.graphError) lines.push(`  More: wa-token-audit explain ${d.error.graphError}`);

  if (d.status !== 'failed' && d.status !== 'not-judged') {
    lines.push('');
    if (d.wabas.length === 0) lines.push('  The token reaches no WhatsApp Business Account.');
    for (const w of d.wabas) {
      const facts = [
        `from ${SOURCE_WORD[w.source]}`,
        w.accountReviewStatus ? `review ${w.accountReviewStatus}` : undefined,
        w.businessVerificationStatus ? `business ${w.businessVerificationStatus}` : undefined,
        healthWord(w.health),
        subscribedWord(w, d.appId),
      ].filter(Boolean);
      lines.push(`${paint('bold', `WABA ${w.id}`)}  ${dash(w.name)}  [${facts.join('; ')}]`);
      if (w.phoneNumbers.length === 0) lines.push('  └─ (no phone numbers listed)');
      w.phoneNumbers.forEach((p, i) => {
        const branch = i === w.phoneNumbers.length - 1 ? '└─' : '├─';
        const cols = [
          p.id,
          dash(p.displayPhoneNumber),
          dash(p.verifiedName),
          `quality ${dash(p.qualityRating)}`,
          dash(p.platformType),
          dash(p.status),
          `name ${dash(p.nameStatus)}`,
          dash(p.accountMode),
          healthWord(p.health),
          `limit ${dash(p.messagingLimit)}`,
        ];
        lines.push(`  ${branch} ${cols.join('  ')}`);
        const pipe = i === w.phoneNumbers.length - 1 ? ' ' : '│';
        for (const problem of p.health?.problems ?? []) lines.push(`  ${pipe}    ! ${problem}`);
        const hook = callbackWord(p.callback);
        if (hook) lines.push(`  ${pipe}    messages webhooks -> ${hook}`);
      });
      for (const problem of w.health?.problems ?? []) lines.push(`  ! WABA health: ${problem}`);
    }
    const hook = webhookLine(d);
    if (hook) lines.push('', `Webhook: ${hook}`);
    if (d.partial.length > 0) {
      lines.push('', paint(['bold', 'yellow'], `Partial (${count(d.partial.length, 'reason')}):`));
      for (const r of d.partial) lines.push(`  - ${r}`);
    }
  }

  const rows = tokenRows(d.token);
  if (rows.length > 0) {
    lines.push('', paint('bold', 'Token'));
    const w = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) lines.push(`  ${k.padEnd(w)}  ${v}`);
  }
  return `${lines.join('\n')}\n`;
}
