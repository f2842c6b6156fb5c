// The expiry watch against a fake GitHub issues API that attacks it: an endless `next` chain, a `next` link to
// another origin, an API that never answers, two runs racing, and a hostile app name from Graph.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/types.js';
import { type GitHubEmulator, startGitHubEmulator } from '../emulator/github.js';

let gh: GitHubEmulator;
let elsewhere: Server;
let elsewhereHits = 0;
let watch: typeof import('../../src/action/expiry-watch.js');

const GITHUB_TOKEN = 'FAKE-github-token-for-the-watch-0000';

beforeAll(async () => {
  gh = await startGitHubEmulator();
  elsewhere = createServer((_req, res) => {
    elsewhereHits++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('[]');
  });
  await new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', () => r()));
  // @actions/github reads the API URL when it loads.
  process.env.GITHUB_API_URL = gh.url;
  watch = await import('../../src/action/expiry-watch.js');
});
afterAll(async () => {
  await gh.close();
  await new Promise((r) => elsewhere.close(r));
});
beforeEach(() => {
  gh.issues.length = 0;
  gh.requests.length = 0;
  gh.attack = undefined;
  elsewhereHits = 0;
});

function expiring(application = 'Shop app (fake)'): Report {
  return {
    schemaVersion: 1,
    ok: true,
    verdict: 'warn',
    token: { fingerprint: 'sha256:0123abcd', appId: '1000000000000001', application, type: 'SYSTEM_USER', scopes: [], granularScopes: [] },
    checks: [{ id: 'token.expiry', status: 'warn', message: 'The token expires in 5 days.', details: { daysLeft: 5 } }],
    generatedAt: '2026-12-01T00:00:00Z',
  } as unknown as Report;
}

const opts = (over: Partial<Parameters<typeof watch.watchExpiry>[1]> = {}) => ({
  githubToken: GITHUB_TOKEN,
  owner: 'acme',
  repo: 'shop',
  key: 'app-1000000000000001',
  deadlineAt: Date.now() + 20_000,
  ...over,
});

describe('expiry watch under attack', () => {
  it(`an endless rel="next" chain: at most ${10} pages are read, then the issue is opened`, async () => {
    gh.attack = { kind: 'next-loop' };
    const r = await watch.watchExpiry(expiring(), opts());
    const lists = gh.requests.filter((q) => q.method === 'GET');
    // Twice (before creating, and the race re-check), at most MAX_ISSUE_PAGES each.
    expect(lists.length).toBeLessThanOrEqual(2 * watch.MAX_ISSUE_PAGES);
    expect(lists.every((q) => Number(q.query.page) <= watch.MAX_ISSUE_PAGES)).toBe(true);
    expect(r.action).toBe('opened');
  });

  it('a next link to another origin is never followed: the GitHub token stays on the API host', async () => {
    gh.attack = { kind: 'cross-origin-next', elsewhere: `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}` };
    await watch.watchExpiry(expiring(), opts());
    expect(elsewhereHits).toBe(0);
    expect(gh.requests.every((q) => q.path.startsWith('/repos/acme/shop/issues'))).toBe(true);
  });

  it("an API that never answers: the watch ends at the run's deadline with a one-line reason", async () => {
    gh.attack = { kind: 'hang' };
    let now = 1_000_000;
    const clock = () => now;
    const pending = watch.watchExpiry(expiring(), opts({ clock, deadlineAt: now + 300 }));
    await expect(pending).rejects.toThrow(/did not answer the issue list before the run's deadline/);
    expect(gh.requests).toHaveLength(1);
    // Past the deadline, no further call is even started.
    now += 1000;
    await expect(watch.watchExpiry(expiring(), opts({ clock, deadlineAt: now - 1 }))).rejects.toThrow(
      /deadline was reached before the issue list/,
    );
    expect(gh.requests).toHaveLength(1);
  });

  it('two runs racing open one issue, not two', async () => {
    const [a, b] = await Promise.all([watch.watchExpiry(expiring(), opts()), watch.watchExpiry(expiring(), opts())]);
    const open = gh.issues.filter((i) => i.state === 'open');
    expect(open).toHaveLength(1);
    expect([a, b].map((r) => ('number' in r ? r.number : 0))).toEqual([open[0]!.number, open[0]!.number]);
  });

  it("Graph's app name cannot mention, show an image or carry HTML in the issue", async () => {
    const hostile = '@octocat @acme/security ![x](https://evil.example/p.png) <img src=x onerror=1> `|` [a](javascript:1)';
    await watch.watchExpiry(expiring(hostile), opts());
    const issue = gh.issues[0]!;
    expect(issue.title).not.toMatch(/@(?!\u200b)|<img/);
    const appLine = issue.body.split('\n').find((l) => l.startsWith('| App |'))!;
    // Inside one code span: Markdown, mentions and HTML are inert there.
    expect(appLine).toMatch(/^\| App \| 1000000000000001 \(`[^`]*`\) \|$/);
    expect(issue.body.split('\n').filter((l) => !l.startsWith('| App |')).join('\n')).not.toContain('octocat');
  });
});
