// Expiry watch: one GitHub issue per watched token slot, opened when the token nears expiry, updated on later
// runs, closed once a run sees a fresh token. The issue names the token by fingerprint and app, never the token.
import * as github from '@actions/github';
import type { Check, Report } from '../core/types.js';

const EXPIRY_LABEL = 'wa-token-audit';

export interface ExpiryWatchOptions {
  githubToken: string;
  owner: string;
  repo: string;
  /**
   * What identifies the token slot across rotations: a rotated token has a new fingerprint, so the marker is
   * keyed by app ID and an optional user-chosen key, not by the fingerprint.
   */
  key: string;
}

export type ExpiryWatchResult =
  | { action: 'opened' | 'updated' | 'closed'; number: number; url?: string }
  | { action: 'none'; reason: string };

function marker(key: string): string {
  return `<!-- wa-token-audit:expiry-watch:${key.replace(/[^\w.:-]/g, '_')} -->`;
}

export async function watchExpiry(report: Report, opts: ExpiryWatchOptions): Promise<ExpiryWatchResult> {
  const expiry = report.checks.find((c) => c.id === 'token.expiry');
  if (report.verdict === 'error' || !expiry || expiry.status === 'skip') {
    return { action: 'none', reason: 'the token expiry was not judged in this run' };
  }
  const octokit = github.getOctokit(opts.githubToken);
  const tag = marker(opts.key);
  const open = await findOpenIssue(octokit, opts, tag);
  const expiring = expiry.status === 'warn' || expiry.status === 'fail';

  if (!expiring) {
    if (!open) return { action: 'none', reason: 'the token is not near expiry and no watch issue is open' };
    await octokit.rest.issues.createComment({
      owner: opts.owner,
      repo: opts.repo,
      issue_number: open.number,
      body: `A later run saw a fresh token (${report.token.fingerprint ?? 'unknown fingerprint'}): ${expiry.message} Closing.`,
    });
    await octokit.rest.issues.update({
      owner: opts.owner,
      repo: opts.repo,
      issue_number: open.number,
      state: 'closed',
    });
    return { action: 'closed', number: open.number };
  }

  const title = issueTitle(report, expiry);
  const body = issueBody(report, expiry, tag);
  if (open) {
    await octokit.rest.issues.update({
      owner: opts.owner,
      repo: opts.repo,
      issue_number: open.number,
      title,
      body,
    });
    return { action: 'updated', number: open.number };
  }
  const created = await octokit.rest.issues.create({
    owner: opts.owner,
    repo: opts.repo,
    title,
    body,
    labels: [EXPIRY_LABEL],
  });
  return { action: 'opened', number: created.data.number, url: created.data.html_url };
}

type Octokit = ReturnType<typeof github.getOctokit>;

async function findOpenIssue(
  octokit: Octokit,
  opts: ExpiryWatchOptions,
  tag: string,
): Promise<{ number: number } | undefined> {
  const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
    owner: opts.owner,
    repo: opts.repo,
    state: 'open',
    labels: EXPIRY_LABEL,
    per_page: 100,
  });
  return issues.find((i) => !i.pull_request && (i.body ?? '').includes(tag));
}

function issueTitle(report: Report, expiry: Check): string {
  const app = report.token.application
    ? `${report.token.application} (${report.token.appId})`
    : `app ${report.token.appId}`;
  const days = expiry.details?.daysLeft;
  const when =
    typeof days === 'number'
      ? days < 0
        ? 'has expired'
        : `expires in ${days} day${days === 1 ? '' : 's'}`
      : 'expires soon';
  return `WhatsApp access token for ${app} ${when}`;
}

function issueBody(report: Report, expiry: Check, tag: string): string {
  const t = report.token;
  return [
    tag,
    '## A WhatsApp Cloud API access token is about to expire',
    '',
    expiry.message,
    '',
    '| | |',
    '|---|---|',
    `| Token fingerprint | \`${t.fingerprint ?? 'unknown'}\` |`,
    `| App | ${t.appId ?? 'unknown'}${t.application ? ` (${t.application})` : ''} |`,
    `| Type | ${t.type ?? 'unknown'} |`,
    `| Expires | ${t.expiresAt === null ? 'never' : (t.expiresAt ?? 'unknown')} |`,
    `| Data access expires | ${t.dataAccessExpiresAt === null ? 'never' : (t.dataAccessExpiresAt ?? 'unknown')} |`,
    '',
    '### How to rotate it',
    '',
    ...(expiry.remediation ?? []).map((step, i) => `${i + 1}. ${step}`),
    `${(expiry.remediation?.length ?? 0) + 1}. Update the repository or environment secret that holds the token; the next scheduled run closes this issue once it sees a fresh token.`,
    '',
    '_Opened by wa-token-audit. The token itself is never written here, only its fingerprint._',
  ].join('\n');
}
