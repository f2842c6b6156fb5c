// One compact row per fleet entry, shared by the text and Markdown renderers: small enough to keep for 10,000
// entries where whole reports are not kept.
import type { Report, Verdict } from '../core/types.js';
import type { FleetEntryResult, FleetTotals } from '../core/types.js';

export interface FleetRow {
  index: number;
  name: string;
  verdict: Verdict;
  /** Whole days before expiry; null = never expires; undefined = unknown (not judged, invalid). */
  daysLeft: number | null | undefined;
  failing: string[];
  warnings: string[];
  /** Why the entry was not judged. */
  error?: string;
}

export function fleetRow(result: FleetEntryResult, now: Date): FleetRow {
  const { report } = result;
  return {
    index: result.index,
    name: result.name,
    verdict: report.verdict,
    daysLeft: daysLeft(report, now),
    failing: ids(report, 'fail'),
    warnings: ids(report, 'warn'),
    ...(report.verdict === 'error' && report.error ? { error: report.error.message } : {}),
  };
}

function ids(report: Report, status: 'fail' | 'warn'): string[] {
  return [...new Set(report.checks.filter((c) => c.status === status).map((c) => c.id))];
}

function daysLeft(report: Report, now: Date): number | null | undefined {
  const at = report.token.expiresAt;
  if (at === null) return report.token.isValid === false ? undefined : null;
  if (at === undefined) return undefined;
  const ms = Date.parse(at) - now.getTime();
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 86_400_000);
}

export function daysWord(d: number | null | undefined): string {
  if (d === null) return 'never';
  if (d === undefined) return '-';
  return String(d);
}

/** "120 tokens: 100 passed, 10 with warnings, 5 failed, 5 not judged; 3 phone numbers cannot send" */
export function totalsLine(t: FleetTotals): string {
  return (
    `${t.entries} token${t.entries === 1 ? '' : 's'}: ${t.pass} passed, ${t.warn} with warnings, ` +
    `${t.fail} failed, ${t.notJudged} not judged` +
    (t.cannotSend > 0 ? `; ${t.cannotSend} phone number${t.cannotSend === 1 ? '' : 's'} cannot send` : '')
  );
}
