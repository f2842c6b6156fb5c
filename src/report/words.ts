// Words shared by the human renderers, so text and Markdown say the same thing.
import type { Report, Status, TokenSummary, Verdict } from '../core/types.js';

export const VERDICT_WORD: Record<Verdict, string> = {
  pass: 'PASS',
  warn: 'PASS with warnings',
  fail: 'FAIL',
  error: 'NOT JUDGED',
};

export const STATUS_WORD: Record<Status, string> = { pass: 'pass', warn: 'warn', fail: 'FAIL', skip: 'skip' };

/**
 * The one short line a front prints while the Graph client waits: a retry after a failure, or (attempt 0)
 * slowing down because Graph's usage headers near their limits. In a fleet it starts with the entry's name
 * ("shop: Graph error 2 (API Service) [HTTP 503]; retrying in 0.4 s (attempt 2)"); Graph's own explanation is
 * not repeated every attempt (the final message quotes it once).
 */
export function waitNotice(r: { failure: string; attempt: number; waitMs: number; who?: string }): string {
  const s = (r.waitMs / 1000).toFixed(1);
  const who = r.who ? `${r.who}: ` : '';
  return r.attempt === 0
    ? `${who}${r.failure}; slowing down for ${s} s`
    : `${who}${r.failure}; retrying in ${s} s (attempt ${r.attempt + 1})`;
}

export function verdictLine(report: Report): string {
  if (report.verdict === 'error')
    return `The token was not judged: ${report.error?.message ?? 'the audit could not complete.'}`;
  const count = (s: Status) => report.checks.filter((c) => c.status === s).length;
  const fails = count('fail');
  const warns = count('warn');
  const parts = [
    `${report.checks.length} checks`,
    `${fails} failed`,
    `${warns} warning${warns === 1 ? '' : 's'}`,
  ];
  if (report.verdict === 'fail' && fails === 0) parts.push('strict mode: warnings fail');
  return parts.join(', ');
}

/** Label/value rows of the token summary; never the token itself. */
export function tokenRows(t: TokenSummary): [string, string][] {
  const rows: [string, string | undefined][] = [
    ['Fingerprint', t.fingerprint],
    ['App', t.appId ? `${t.appId}${t.application ? ` (${t.application})` : ''}` : undefined],
    ['Type', t.type],
    ['Valid', t.isValid === undefined ? undefined : t.isValid ? 'yes' : 'no'],
    ['Issued', time(t.issuedAt)],
    ['Expires', time(t.expiresAt)],
    ['Data access expires', time(t.dataAccessExpiresAt)],
    ['Scopes', t.scopes.length > 0 ? t.scopes.join(', ') : undefined],
    [
      'Granular scopes',
      t.granularScopes.length > 0
        ? t.granularScopes
            .map((g) => `${g.scope}: ${g.targetIds ? g.targetIds.join(', ') : 'all'}`)
            .join('; ')
        : undefined,
    ],
    ['User', t.userId],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== undefined);
}

function time(v: string | null | undefined): string | undefined {
  if (v === undefined) return undefined;
  return v === null ? 'never' : v;
}
