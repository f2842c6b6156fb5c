// A fleet's outcome from its entries' reports: totals, the worst exit code and the headline verdict, decided
// here once for every front and renderer. Pure.
import { ExitCode } from './errors.js';
import type { FleetTotals, Report, Verdict } from './types.js';

/** The worst exit code over entries: a failure beats an outage, which beats a usage problem. */
export function worstExit(codes: Iterable<number>): number {
  let seen = 0;
  for (const c of codes) {
    if (c === ExitCode.failed) return ExitCode.failed;
    if (c === ExitCode.notJudged) seen = ExitCode.notJudged;
    else if (c === ExitCode.usage && seen === 0) seen = ExitCode.usage;
  }
  return seen;
}

export function emptyTotals(): FleetTotals {
  return { entries: 0, pass: 0, warn: 0, fail: 0, notJudged: 0, cannotSend: 0 };
}

export function addToTotals(t: FleetTotals, report: Pick<Report, 'verdict' | 'checks'>): void {
  t.entries++;
  if (report.verdict === 'error') t.notJudged++;
  else t[report.verdict]++;
  t.cannotSend += cannotSend(report).length;
}

/** The phone-number IDs of a report that cannot send: their phone.status or phone.health failed. */
export function cannotSend(report: Pick<Report, 'checks'>): string[] {
  const ids = report.checks
    .filter((c) => (c.id === 'phone.status' || c.id === 'phone.health') && c.status === 'fail')
    .map((c) => String(c.details?.phoneNumberId ?? ''));
  return [...new Set(ids)].filter(Boolean);
}

/** The fleet's headline: any failure fails it; else any token not judged; else any warning; else pass. */
export function fleetVerdict(t: FleetTotals): Verdict {
  if (t.fail > 0) return 'fail';
  if (t.notJudged > 0) return 'error';
  if (t.warn > 0) return 'warn';
  return 'pass';
}
