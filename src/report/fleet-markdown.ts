// The fleet as Markdown, for the Action's job summary: totals first, then one table row per entry.
import type { FleetOutcome, Verdict } from '../core/types.js';
import { daysWord, type FleetRow, totalsLine } from './fleet-rows.js';
import { detail } from './fleet-text.js';
import { mdCell } from './md.js';
import { VERDICT_WORD } from './words.js';

const ICON: Record<Verdict, string> = { pass: '✅', warn: '⚠️', fail: '❌', error: '❔' };
/** GitHub caps a job summary at 1 MiB: past this many rows, tokens that passed cleanly are counted, not listed. */
const MAX_MARKDOWN_ROWS = 500;

export function renderFleetMarkdown(rows: FleetRow[], outcome: FleetOutcome): string {
  const t = outcome.totals;
  const out: string[] = [`## WhatsApp token fleet audit: ${VERDICT_WORD[outcome.verdict]}`, '', `${totalsLine(t)}.`, ''];
  const listed = rows.length > MAX_MARKDOWN_ROWS ? rows.filter((r) => r.verdict !== 'pass') : rows;
  if (listed.length > 0) {
    out.push('| | Token | Verdict | Days left | Failing checks |', '|---|---|---|---|---|');
    for (const r of listed) {
      out.push(
        `| ${ICON[r.verdict]} | ${mdCell(r.name)} | ${VERDICT_WORD[r.verdict]} | ${daysWord(r.daysLeft)} | ${mdCell(detail(r))} |`,
      );
    }
    out.push('');
  }
  if (listed.length < rows.length)
    out.push(`${rows.length - listed.length} tokens that passed are not listed.`, '');
  out.push(
    `${outcome.requests} HTTP request${outcome.requests === 1 ? '' : 's'} to Graph${outcome.throttledMs > 0 ? `; slowed down ${(outcome.throttledMs / 1000).toFixed(1)} s for Graph's usage limits` : ''}.`,
    '',
  );
  return `${out.join('\n')}\n`;
}

