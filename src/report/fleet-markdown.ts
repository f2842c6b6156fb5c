// The fleet as Markdown, for the Action's job summary: totals first, then one table row per entry. The totals
// are known only at the end, so the rows are kept, as rendered text, within a byte budget: GitHub refuses a job
// summary over 1 MiB (docs.github.com, "Workflow commands for GitHub Actions" > "Adding a job summary": each step's
// summary is limited to 1 MiB). Past MAX_MARKDOWN_ROWS entries, tokens that passed cleanly are counted, not
// listed; past MAX_LISTED rows or the byte budget, rows are counted by a closing note that points to the full report.
import type { FleetEntryResult, FleetOutcome, Verdict } from '../core/types.js';
import { daysWord, type FleetRow, fleetRow, totalsLine } from './fleet-rows.js';
import { BoundedLines, inFileOrder } from './fleet-stream.js';
import { detail } from './fleet-text.js';
import { mdCell } from './md.js';
import { VERDICT_WORD } from './words.js';

const ICON: Record<Verdict, string> = { pass: '✅', warn: '⚠️', fail: '❌', error: '❔' };
/** Past this many entries, tokens that passed cleanly are counted, not listed. */
const MAX_MARKDOWN_ROWS = 500;
/** At most this many rows are listed: a table a person can read; the report file has the rest. */
const MAX_LISTED = 500;
/** The table's rows stay within this many bytes (UTF-8), leaving room under 1 MiB for the rest of a summary. */
export const MARKDOWN_ROWS_MAX_BYTES = 768 * 1024;

export interface FleetMarkdownOptions {
  /** Byte budget of the table rows (default MARKDOWN_ROWS_MAX_BYTES). */
  maxBytes?: number;
  /** Where every entry can be read when rows are left out (e.g. the Action's report file). */
  fullReport?: string;
}

/** Collects the table in file order (`order`: the entries' indices) within the budget; `render` at the end. */
export function fleetMarkdownWriter(order: readonly number[], now: () => Date, opts: FleetMarkdownOptions = {}) {
  const budget = opts.maxBytes ?? MARKDOWN_ROWS_MAX_BYTES;
  const listAll = order.length <= MAX_MARKDOWN_ROWS;
  const table = new BoundedLines(MAX_LISTED, budget);
  let passedNotListed = 0;
  const rows = inFileOrder<FleetRow>(order, (r) => {
    if (!listAll && r.verdict === 'pass') {
      passedNotListed++;
      return;
    }
    const line = `| ${ICON[r.verdict]} | ${mdCell(r.name)} | ${VERDICT_WORD[r.verdict]} | ${daysWord(r.daysLeft)} | ${mdCell(detail(r))} |`;
    table.add(line);
  });
  return {
    entry: (result: FleetEntryResult) => rows.push(result.index, fleetRow(result, now())),
    render(outcome: FleetOutcome): string {
      rows.flush();
      const out: string[] = [
        `## WhatsApp token fleet audit: ${VERDICT_WORD[outcome.verdict]}`,
        '',
        `${totalsLine(outcome.totals)}.`,
        '',
      ];
      if (table.lines.length > 0) out.push('| | Token | Verdict | Days left | Failing checks |', '|---|---|---|---|---|', ...table.lines, '');
      if (passedNotListed > 0) out.push(`${passedNotListed} tokens that passed are not listed.`, '');
      if (table.omitted > 0)
        out.push(
          `${table.omitted} more token${table.omitted === 1 ? '' : 's'} that did not pass ${table.omitted === 1 ? 'is' : 'are'} not listed (a job summary lists at most ${MAX_LISTED} and holds at most 1 MiB)${opts.fullReport ? `; ${opts.fullReport} lists every token` : ''}.`,
          '',
        );
      out.push(
        `${outcome.requests} HTTP request${outcome.requests === 1 ? '' : 's'} to Graph${outcome.throttledMs > 0 ? `; slowed down ${(outcome.throttledMs / 1000).toFixed(1)} s for Graph's usage limits` : ''}.`,
        '',
      );
      return `${out.join('\n')}\n`;
    },
  };
}
