// The bundled Action (dist/action.js), run as the runner runs it: a real Node 24 binary (action.yml `using: node24`).
// The bundle's own paths end to end; every input, the CI causes of an empty token, the docs links and a summary
// that cannot be written are covered in-process from the sources (test/integration/action-run.test.ts).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { APP_ID, APP_SECRET, PHONE, TOKENS, WABA } from '../emulator/fixtures.js';
import { type GitHubEmulator, startGitHubEmulator } from '../emulator/github.js';
import { useEmulator } from '../helpers/emulator.js';
import { type ActionOptions, type ActionRun, describeOnNode24, runAction } from '../helpers/action.js';
import { expectNoSecrets, needles } from '../helpers/secrets.js';

const emu = useEmulator();
let gh: GitHubEmulator;
beforeAll(async () => {
  gh = await startGitHubEmulator();
});
afterAll(() => gh.close());

describeOnNode24('[dist] the bundled Action', () => {
  async function action(inputs: Record<string, string>, opts: ActionOptions = {}) {
    const r = await runAction(
      { 'app-id': APP_ID, 'graph-url': emu.url, ...inputs },
      opts,
    );
    const token = inputs.token ?? '';
    if (token) {
      expectNoSecrets(
        { stdout: r.shown, stderr: r.stderr, outputs: r.files.output, summary: r.summary },
        { token, appId: APP_ID, ...(inputs['app-secret'] ? { appSecret: inputs['app-secret'] } : {}) },
      );
    }
    return r;
  }

  it('passes a healthy token: outputs, summary, exit 0', async () => {
    const r = await action({ token: TOKENS.healthy });
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({
      ok: 'true',
      verdict: 'pass',
      'app-id': APP_ID,
      'token-type': 'SYSTEM_USER',
      'expires-at': '',
      'missing-scopes': '',
    });
    // One line of JSON, as in fleet mode: the same shape of output in every mode.
    expect(r.outputs.report).not.toContain('\n');
    const report = JSON.parse(r.outputs.report!);
    expect(report).toMatchObject({ schemaVersion: 1, ok: true, token: { appId: APP_ID } });
    expect(r.summary).toMatch(/## WhatsApp token audit: PASS/);
    expect(r.summary).toMatch(/\| ✅ \| `token.valid` \|/);
    expect(r.annotations.filter((a) => a.level === 'error')).toEqual([]);
  });

  it('masks the token and the app secret before anything else', async () => {
    const r = await action({ token: TOKENS.healthy, 'app-secret': APP_SECRET });
    // Command data is %-escaped by @actions/core; the runner decodes it before masking.
    const masks = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('::add-mask::'))
      .map((l) =>
        l.slice('::add-mask::'.length).replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%'),
      );
    expect(masks).toEqual(
      expect.arrayContaining([
        TOKENS.healthy,
        APP_SECRET,
        `${APP_ID}|${APP_SECRET}`,
        encodeURIComponent(`${APP_ID}|${APP_SECRET}`),
      ]),
    );
    // Every form the leak scanner looks for (raw, URL- and form-encoded; app token; both appsecret_proofs).
    expect(masks).toEqual(
      expect.arrayContaining(needles({ token: TOKENS.healthy, appId: APP_ID, appSecret: APP_SECRET })),
    );
    // The masks come first: no other line before the last add-mask.
    const firstOther = r.stdout.split('\n').findIndex((l) => l !== '' && !l.startsWith('::add-mask::'));
    const lastMask = r.stdout.split('\n').findLastIndex((l) => l.startsWith('::add-mask::'));
    expect(firstOther).toBeGreaterThan(lastMask);
    expect(r.code).toBe(0);
  });

  it('fails on a missing permission: one-line reason, one error annotation per failed check, remediation in the summary', async () => {
    const r = await action({ token: TOKENS.missingMessaging });
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({
      ok: 'false',
      verdict: 'fail',
      'missing-scopes': 'whatsapp_business_messaging',
    });
    const errors = r.annotations.filter((a) => a.level === 'error');
    expect(errors.map((a) => a.title)).toContain('scope.whatsapp_business_messaging');
    expect(errors.find((a) => a.title === 'scope.whatsapp_business_messaging')!.message).toMatch(
      /not granted[\s\S]*To fix:[\s\S]*Generate a new token/,
    );
    // setFailed's line names the failed check.
    expect(errors.at(-1)!.message).toMatch(/^The token audit failed: scope\.whatsapp_business_messaging/);
    expect(r.summary).toMatch(/### What to do[\s\S]*Generate a new token for Meta app 1000000000000001/);
  });

  it("fails on another app's token inspected by the app token", async () => {
    const r = await action({ token: TOKENS.otherApp, 'app-secret': APP_SECRET });
    expect(r.code).toBe(1);
    expect(r.annotations.some((a) => a.level === 'error' && a.title === 'app.id')).toBe(true);
  });

  it("links a failed check's Graph error to its explain entry in the summary", async () => {
    const r = await action({ token: TOKENS.expired, 'app-secret': APP_SECRET });
    expect(r.code).toBe(1);
    expect(r.summary).toMatch(
      /`token.valid`\*\* \(Graph error `190.463`: `wa-token-audit explain 190.463`\)/,
    );
  });

  it('an outage says the token was not judged; on-outage: warn keeps the step green', async () => {
    const r = await action({ token: TOKENS.down503, 'deadline-seconds': '2' });
    expect(r.code).toBe(1);
    expect(r.outputs.verdict).toBe('error');
    expect(r.annotations.at(-1)!.message).toMatch(/^The token was not judged \(Graph could not be asked\)/);
    const warn = await action({ token: TOKENS.down503, 'deadline-seconds': '2', 'on-outage': 'warn' });
    expect(warn.code).toBe(0);
    expect(warn.outputs.ok).toBe('false');
    expect(warn.annotations.some((a) => a.level === 'warning' && /not judged/.test(a.message))).toBe(true);
  });

  it('bad inputs fail with one clear message naming the input', async () => {
    const r = await action({ token: TOKENS.healthy, 'waba-ids': '+1 555 010 0001' });
    expect(r.code).toBe(1);
    const errors = r.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/^input 'waba-ids': .*looks like a phone number/);
    expect(emu.requests).toHaveLength(0);
  });

  it('deeper checks through inputs: waba-ids and phone-number-ids go out in one batch', async () => {
    const r = await action({
      token: TOKENS.healthy,
      'waba-ids': `${WABA.main}\n${WABA.second}`,
      'phone-number-ids': PHONE.red,
    });
    expect(emu.requests).toHaveLength(1);
    expect(r.code).toBe(0);
    expect(r.annotations.some((a) => a.level === 'warning' && a.title === 'phone.reachable')).toBe(true);
    expect(r.summary).toMatch(/`waba.subscribed`/);
  });
});

describeOnNode24('[dist] the bundled Action: expiry watch (fake GitHub issues API)', () => {
  const GITHUB_TOKEN = 'FAKE-github-token-0000';
  /** Everything the run emitted, and every issue it wrote on GitHub: no audited token, no github-token. */
  const scan = (r: ActionRun, token: string) =>
    expectNoSecrets(
      {
        stdout: r.shown,
        stderr: r.stderr,
        outputs: r.files.output,
        summary: r.summary,
        issues: JSON.stringify(gh.issues),
      },
      { token, appId: APP_ID, extra: [GITHUB_TOKEN] },
    );
  const watch = async (token: string) => {
    const r = await runAction(
      {
        token,
        'app-id': APP_ID,
        'graph-url': emu.url,
        'expiry-issue': 'true',
        'github-token': GITHUB_TOKEN,
      },
      { env: { GITHUB_API_URL: gh.url } },
    );
    scan(r, token);
    return r;
  };

  it('opens one issue when the token nears expiry, updates it on the next run, closes it once the token is fresh', async () => {
    const first = await watch(TOKENS.expiresIn5Days);
    expect(first.code).toBe(0);
    expect(first.outputs['expiry-issue']).toMatch(/^\d+$/);
    const open = gh.issues.filter((i) => i.state === 'open');
    expect(open).toHaveLength(1);
    expect(open[0]!.title).toMatch(/expires in 4 days|expires in 5 days/);
    expect(open[0]!.body).toMatch(/sha256:[0-9a-f]{8}/);
    expect(open[0]!.body).not.toContain(TOKENS.expiresIn5Days);

    const second = await watch(TOKENS.expiresIn5Days);
    expect(second.outputs['expiry-issue']).toBe(first.outputs['expiry-issue']);
    expect(gh.issues.filter((i) => i.state === 'open')).toHaveLength(1);

    const fresh = await watch(TOKENS.healthy);
    expect(fresh.code).toBe(0);
    expect(gh.issues.filter((i) => i.state === 'open')).toHaveLength(0);
    expect(gh.issues[0]!.state).toBe('closed');
  });

  it('a GitHub API failure warns and leaves the verdict alone', async () => {
    const r = await runAction(
      {
        token: TOKENS.expiresIn5Days,
        'app-id': APP_ID,
        'graph-url': emu.url,
        'expiry-issue': 'true',
        'github-token': 'FAKE-github-token-0000',
      },
      { env: { GITHUB_API_URL: 'http://127.0.0.1:9' } },
    );
    scan(r, TOKENS.expiresIn5Days);
    expect(r.code).toBe(0);
    expect(
      r.annotations.some((a) => a.level === 'warning' && /Expiry watch could not update/.test(a.message)),
    ).toBe(true);
  });
});
