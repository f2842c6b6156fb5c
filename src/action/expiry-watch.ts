// Expiry watch: one GitHub issue per watched token slot, opened when the token nears expiry, updated on later
// runs, closed once a run sees a fresh token. The issue names the token by fingerprint and app, never the token.
import type { getOctokit } from '@actions/github';
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
  /** Epoch ms by which every GitHub call has ended (the run's deadline); each call is aborted at it. */
  deadlineAt: number;
  /** Injectable for tests. */
  clock?: () => number;
}

/** A GitHub API problem of the watch, in one line (never the token). */
export class ExpiryWatchError extends Error {
  override name = 'ExpiryWatchError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export type ExpiryWatchResult =
  | { action: 'opened' | 'updated' | 'closed'; number: number; url?: string }
  | { action: 'none'; reason: string };

/** After an audit that used its whole deadline, the watch still gets this long. */
export const EXPIRY_WATCH_MIN_MS = 10_000;

/** Pages of 100 open labelled issues read at most: 1,000 issues, whatever `Link` headers promise. */
export const MAX_ISSUE_PAGES = 10;
const PER_PAGE = 100;

export function marker(key: string): string {
  return `<!-- wa-token-audit:expiry-watch:${key.replace(/[^\w.:-]/g, '_')} -->`;
}

export async function watchExpiry(report: Report, opts: ExpiryWatchOptions): Promise<ExpiryWatchResult> {
  const expiry = report.checks.find((c) => c.id === 'token.expiry');
  if (report.verdict === 'error' || !expiry || expiry.status === 'skip') {
    return { action: 'none', reason: 'the token expiry was not judged in this run' };
  }
  // Loaded for the watch alone (see run.ts): octokit is most of @actions/github.
  const { getOctokit: octokitFor } = await import('@actions/github');
  const gh = new Issues(opts, octokitFor(opts.githubToken));
  const tag = marker(opts.key);
  const open = await gh.findOpen(tag);
  const expiring = expiry.status === 'warn' || expiry.status === 'fail';

  if (!expiring) {
    if (open.length === 0) return { action: 'none', reason: 'the token is not near expiry and no watch issue is open' };
    const note = `A later run saw a fresh token (${report.token.fingerprint ?? 'unknown fingerprint'}): ${expiry.message} Closing.`;
    for (const issue of open) await gh.close(issue, note);
    return { action: 'closed', number: open[0]!.number };
  }

  const title = issueTitle(report, expiry);
  const body = issueBody(report, expiry, tag);
  const [keep, ...extra] = open;
  if (keep) {
    await gh.update(keep, { title, body });
    for (const dup of extra) await gh.close(dup, `Duplicate of #${keep.number}.`);
    return { action: 'updated', number: keep.number };
  }
  const created = await gh.create({ title, body });
  // Two runs at once may both have found nothing and both created an issue. Each re-reads the list: the oldest
  // issue wins, and a run whose own issue is not the oldest closes it as a duplicate. One issue remains.
  const after = await gh.findOpen(tag);
  const oldest = after[0];
  if (oldest && oldest.number < created.number) {
    await gh.close(created, `Duplicate of #${oldest.number} (two runs raced).`);
    await gh.update(oldest, { title, body });
    return { action: 'updated', number: oldest.number };
  }
  return { action: 'opened', number: created.number, url: created.html_url };
}

type Octokit = ReturnType<typeof getOctokit>;

/** The issues calls the watch makes, each bounded by the run's deadline. Pages are asked by number on the
 * configured API host: a `Link` header is never followed, so the token cannot be sent to another origin. */
class Issues {
  private readonly octokit: Octokit;
  private readonly clock: () => number;
  constructor(
    private readonly opts: ExpiryWatchOptions,
    octokit: Octokit,
  ) {
    this.octokit = octokit;
    this.clock = opts.clock ?? Date.now;
  }

  private async call<T>(what: string, fn: (request: { signal: AbortSignal }) => Promise<T>): Promise<T> {
    const left = this.opts.deadlineAt - this.clock();
    if (left <= 0) throw new ExpiryWatchError(`the run's deadline was reached before ${what}`);
    const signal = AbortSignal.timeout(left);
    try {
      return await fn({ signal });
    } catch (err) {
      if (signal.aborted)
        throw new ExpiryWatchError(`the GitHub API did not answer ${what} before the run's deadline (${Math.round(left / 1000)} s left)`);
      const status = (err as { status?: unknown }).status;
      throw new ExpiryWatchError(`the GitHub API refused ${what}`, typeof status === 'number' ? status : undefined);
    }
  }

  /** Open issues carrying the marker, oldest first; at most MAX_ISSUE_PAGES pages are read. */
  async findOpen(tag: string): Promise<{ number: number }[]> {
    const found: { number: number }[] = [];
    for (let page = 1; page <= MAX_ISSUE_PAGES; page++) {
      const res = await this.call('the issue list', (request) =>
        this.octokit.rest.issues.listForRepo({
          owner: this.opts.owner,
          repo: this.opts.repo,
          state: 'open',
          labels: EXPIRY_LABEL,
          per_page: PER_PAGE,
          page,
          request,
        }),
      );
      const items: unknown = res.data;
      if (!Array.isArray(items)) break;
      for (const i of items as { number?: unknown; body?: unknown; pull_request?: unknown }[]) {
        if (typeof i.number === 'number' && !i.pull_request && typeof i.body === 'string' && i.body.includes(tag))
          found.push({ number: i.number });
      }
      if (items.length < PER_PAGE) break;
    }
    return found.sort((a, b) => a.number - b.number);
  }

  async create(fields: { title: string; body: string }): Promise<{ number: number; html_url?: string }> {
    const res = await this.call('the new issue', (request) =>
      this.octokit.rest.issues.create({ owner: this.opts.owner, repo: this.opts.repo, ...fields, labels: [EXPIRY_LABEL], request }),
    );
    return { number: res.data.number, html_url: res.data.html_url };
  }

  async update(issue: { number: number }, fields: { title: string; body: string }): Promise<void> {
    await this.call(`the update of #${issue.number}`, (request) =>
      this.octokit.rest.issues.update({ owner: this.opts.owner, repo: this.opts.repo, issue_number: issue.number, ...fields, request }),
    );
  }

  async close(issue: { number: number }, comment: string): Promise<void> {
    const where = { owner: this.opts.owner, repo: this.opts.repo, issue_number: issue.number };
    await this.call(`the comment on #${issue.number}`, (request) =>
      this.octokit.rest.issues.createComment({ ...where, body: comment, request }),
    );
    await this.call(`the closing of #${issue.number}`, (request) =>
      this.octokit.rest.issues.update({ ...where, state: 'closed', request }),
    );
  }
}

/**
 * Graph's app name is data: in the issue it must not mention anyone, show an image, or carry HTML. It goes in a
 * code span (where Markdown, mentions and HTML are inert), backticks and pipes neutralised.
 */
export function inertName(name: string): string {
  return `\`${name.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
}

/** The title is plain text on GitHub, but a mention in it still notifies: `@` loses its power. */
function titleSafe(name: string): string {
  return name.replace(/@/g, '@\u200b').replace(/[<>]/g, '');
}

function issueTitle(report: Report, expiry: Check): string {
  const app = report.token.application
    ? `${titleSafe(report.token.application)} (${report.token.appId})`
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
    `| App | ${t.appId ?? 'unknown'}${t.application ? ` (${inertName(t.application)})` : ''} |`,
    `| Type | ${t.type ? inertName(t.type) : 'unknown'} |`,
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
