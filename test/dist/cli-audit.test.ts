// The bundled CLI against the Graph emulator over real sockets: verdicts, exit codes, JSON, retries, deadlines.
import { describe, expect, it, vi } from 'vitest';
import { APP_ID, APP_SECRET, OTHER_APP_ID, PHONE, TOKENS, WABA } from '../emulator/fixtures.js';
import { useEmulator } from '../helpers/emulator.js';
import { LAG_MS, spanMs } from '../helpers/deadline.js';
import { type RunResult, runCli, withJson } from '../helpers/cli.js';
import { expectNoSecrets } from '../helpers/secrets.js';

const emu = useEmulator();

interface Audit {
  token: string;
  args?: string[];
  secret?: boolean;
  env?: Record<string, string>;
}

async function audit({
  token,
  args = [],
  secret = false,
  env = {},
}: Audit): Promise<RunResult & { json: any }> {
  const graph = args.includes('--graph-url') ? [] : ['--graph-url', emu.url];
  const r = await runCli(['--app-id', APP_ID, ...graph, '--json', ...args], {
    env: { WHATSAPP_ACCESS_TOKEN: token, ...(secret ? { WHATSAPP_APP_SECRET: APP_SECRET } : {}), ...env },
  });
  expectNoSecrets(
    { stdout: r.stdout, stderr: r.stderr },
    { token, appId: APP_ID, ...(secret ? { appSecret: APP_SECRET } : {}) },
  );
  return withJson(r);
}

const check = (json: any, id: string) => json.checks.find((c: any) => c.id === id);

describe('[dist] verdicts', () => {
  it('a healthy System User token passes (exit 0) with the documented JSON shape', async () => {
    const r = await audit({ token: TOKENS.healthy });
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({
      schemaVersion: 1,
      ok: true,
      verdict: 'pass',
      token: {
        appId: APP_ID,
        type: 'SYSTEM_USER',
        isValid: true,
        expiresAt: null,
        fingerprint: expect.stringMatching(/^sha256:[0-9a-f]{8}$/),
      },
    });
    expect(r.json.checks.map((c: any) => c.id)).toEqual(
      expect.arrayContaining([
        'token.valid',
        'app.id',
        'scope.whatsapp_business_management',
        'scope.whatsapp_business_messaging',
      ]),
    );
    expect(r.json.checks.every((c: any) => ['pass', 'skip'].includes(c.status))).toBe(true);
    // debug_token carried the token as input_token; the inspector (itself) went in a header, never the URL.
    expect(emu.requests).toHaveLength(1);
    expect(emu.requests[0]!.headers.authorization).toBe(`Bearer ${TOKENS.healthy}`);
    expect(emu.requests[0]!.query.access_token).toBeUndefined();
  });

  it('a token missing whatsapp_business_messaging fails (exit 1) and says how to fix it', async () => {
    const r = await audit({ token: TOKENS.missingMessaging });
    expect(r.code).toBe(1);
    const c = check(r.json, 'scope.whatsapp_business_messaging');
    expect(c.status).toBe('fail');
    expect(c.remediation.join(' ')).toMatch(
      /Access Token Debugger[\s\S]*Generate a new token for Meta app 1000000000000001/,
    );
  });

  it("another app's token fails app.id when it inspects itself (another app_id in the data)", async () => {
    const r = await audit({ token: TOKENS.otherApp });
    expect(r.code).toBe(1);
    expect(check(r.json, 'app.id')).toMatchObject({
      status: 'fail',
      details: { expected: APP_ID, found: OTHER_APP_ID },
    });
  });

  it("another app's token fails app.id when the app token inspects (Graph's top-level refusal)", async () => {
    const r = await audit({ token: TOKENS.otherApp, secret: true });
    expect(r.code).toBe(1);
    expect(check(r.json, 'app.id').status).toBe('fail');
    expect(check(r.json, 'app.id').message).toMatch(/not to the expected app 1000000000000001/);
    // The app token is the inspector, with its proof; never in the URL path or as access_token.
    expect(emu.requests[0]!.headers.authorization).toBe(`Bearer ${APP_ID}|${APP_SECRET}`);
    expect(emu.requests[0]!.query.appsecret_proof).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['expired', TOKENS.expired, '190.463', /expired/i],
    ['password changed', TOKENS.passwordChanged, '190.460', /password/i],
    ['app not authorised', TOKENS.appNotAuthorized, '190.458', /authori[sz]ed|installed/i],
    ['session invalid', TOKENS.sessionInvalid, '190.467', /invalid|revoked/i],
  ])(
    'a %s token fails token.valid in plain words, self-inspected and app-inspected',
    async (_n, token, key, words) => {
      for (const secret of [false, true]) {
        const r = await audit({ token, secret });
        expect(r.code).toBe(1);
        const c = check(r.json, 'token.valid');
        expect(c).toMatchObject({ status: 'fail', graphError: key });
        expect(c.message).toMatch(words);
        expect(check(r.json, 'app.id').status).toBe('skip');
      }
    },
  );

  it('an unparseable token is judged invalid (exit 1), not an outage', async () => {
    const r = await audit({ token: 'FAKE-not-a-token-at-all-xyz' });
    expect(r.code).toBe(1);
    expect(check(r.json, 'token.valid').status).toBe('fail');
  });

  it("a wrong app secret is the user's input error (exit 2) and names the setting, never the value", async () => {
    const r = await runCli(['--app-id', APP_ID, '--graph-url', emu.url], {
      env: { WHATSAPP_ACCESS_TOKEN: TOKENS.healthy, WHATSAPP_APP_SECRET: '0bad5ec7e70bad5ec7e70bad5ec7e700' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/WHATSAPP_APP_SECRET/);
    expectNoSecrets(
      { stdout: r.stdout, stderr: r.stderr },
      { token: TOKENS.healthy, appId: APP_ID, appSecret: '0bad5ec7e70bad5ec7e70bad5ec7e700' },
    );
  });

  it('a wrong app secret read through --app-secret-env is named by that variable', async () => {
    const r = await runCli(
      ['--app-id', APP_ID, '--graph-url', emu.url, '--app-secret-env', 'SHOP_APP_SECRET'],
      {
        env: { WHATSAPP_ACCESS_TOKEN: TOKENS.healthy, SHOP_APP_SECRET: '0bad5ec7e70bad5ec7e70bad5ec7e700' },
      },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/app secret \(\$SHOP_APP_SECRET\)/);
    expect(r.stderr).not.toMatch(/WHATSAPP_APP_SECRET/);
  });

  it('--strict turns the warnings of a 24-hour dashboard token into a failure', async () => {
    const plain = await audit({ token: TOKENS.shortLivedUser });
    expect(plain.code).toBe(0);
    expect(plain.json.verdict).toBe('warn');
    expect(check(plain.json, 'token.type').status).toBe('warn');
    const strict = await audit({ token: TOKENS.shortLivedUser, args: ['--strict'] });
    expect(strict.code).toBe(1);
    expect(strict.json.verdict).toBe('fail');
  });
});

describe('[dist] retries and deadlines', () => {
  it('code 2 twice, then success: retried, passes, 3 requests', async () => {
    const r = await audit({ token: TOKENS.transient2 });
    expect(r.code).toBe(0);
    expect(emu.requests).toHaveLength(3);
    expect(r.stderr).toMatch(/Graph error 2 \(API Service\).*retrying in/);
  });

  it('a WABA rate limit without Retry-After: the minute it needs does not fit the 60 s default, asked once', async () => {
    const r = await audit({ token: TOKENS.rateLimited80007 });
    expect(r.code).toBe(3);
    expect(emu.requests).toHaveLength(1);
    expect(r.json.error.message).toMatch(/^Graph asks to wait ~1 min; the deadline leaves \d+ s \(it sent no Retry-After/);
    expect(r.stderr).not.toMatch(/retrying/);
  });

  it('a rate limit with Retry-After is honoured before the retry', async () => {
    emu.setFault({ kind: 'graph-error', code: 80007, times: 1, retryAfter: 2 });
    const r = await audit({ token: TOKENS.healthy });
    expect(r.code).toBe(0);
    expect(emu.requests).toHaveLength(2);
    expect(emu.requests[1]!.at - emu.requests[0]!.at).toBeGreaterThanOrEqual(1950);
    expect(r.stderr).toMatch(/^wa-token-audit: Graph error 80007 \(WABA Rate Limit\) \[HTTP 400\]; retrying in 2\.0 s \(attempt 2\)$/m);
  });

  it('a persistent 503 is "not judged" (exit 3) at the deadline, after several tries', async () => {
    const r = await audit({ token: TOKENS.down503, args: ['--deadline', '5'] });
    expect(r.code).toBe(3);
    expect(r.json).toMatchObject({ ok: false, verdict: 'error', checks: [] });
    expect(r.json.error.message).toMatch(/within the 5 s deadline/);
    expect(emu.requests.length).toBeGreaterThanOrEqual(2);
    // The attempts the message counts are the requests Graph saw (but for a last one the deadline cut before it
    // left), all within the deadline on the emulator's clock.
    const attempts = Number(/\((\d+) attempts\)/.exec(r.json.error.message)?.[1]);
    expect(attempts - emu.requests.length).toBeGreaterThanOrEqual(0);
    expect(attempts - emu.requests.length).toBeLessThanOrEqual(1);
    expect(spanMs(emu.requests)).toBeLessThanOrEqual(5000 + LAG_MS);
  });

  it('an HTML 502 from a proxy is retried, then "not judged"', async () => {
    const r = await audit({ token: TOKENS.proxyHtml502, args: ['--deadline', '5'] });
    expect(r.code).toBe(3);
    expect(r.json.error.message).toMatch(/HTML page instead of JSON/);
  });

  it('a response that never starts hits the per-attempt timeout and the deadline', async () => {
    const r = await audit({ token: TOKENS.slow, args: ['--deadline', '4', '--timeout', '500'] });
    expect(r.code).toBe(3);
    expect(r.json.error.message).toMatch(/timed out/);
    // The hung attempts were abandoned by the deadline: Graph saw the client hang up within it.
    await vi.waitFor(() => expect(emu.requests.every((q) => q.endedAt !== undefined)).toBe(true));
    expect(emu.requests.length).toBeGreaterThanOrEqual(2);
    expect(spanMs(emu.requests)).toBeLessThanOrEqual(4000 + LAG_MS);
  });

  it('a malformed debug_token answer is never a pass: not judged', async () => {
    const r = await audit({ token: TOKENS.missingIsValid, args: ['--deadline', '2'] });
    expect(r.code).toBe(3);
    expect(r.json.verdict).toBe('error');
  });

  it('an unreachable Graph is "not judged" (exit 3)', async () => {
    const r = await audit({
      token: TOKENS.healthy,
      args: ['--graph-url', 'http://127.0.0.1:9', '--deadline', '3'],
    });
    expect(r.code).toBe(3);
    expect(r.json.error.message).toMatch(/connection was refused/);
  });
});

describe('[dist] live probes go out with debug_token in one batch', () => {
  it('phone numbers and subscribed apps: one HTTP request, tokens only in item bodies', async () => {
    const r = await audit({
      token: TOKENS.healthy,
      args: ['--phone-number-id', PHONE.healthy, '--phone-number-id', PHONE.red, '--waba-id', WABA.main],
    });
    expect(emu.requests).toHaveLength(1);
    expect(emu.requests[0]!.method).toBe('POST');
    // debug_token, two phone numbers, subscribed_apps, WABA.main's phone_numbers (phone.waba) and WABA.main's
    // node (waba.health).
    expect(emu.batchItems.map((i) => i.tokenFrom)).toEqual(['body', 'body', 'body', 'body', 'body', 'body']);
    expect(r.code).toBe(0);
    expect(r.json.verdict).toBe('warn');
    const phones = r.json.checks.filter((c: any) => c.id === 'phone.reachable');
    expect(phones.map((c: any) => c.status)).toEqual(['pass', 'warn']);
    expect(phones[0].message).toMatch(/\+1 555-010-0001/);
    expect(check(r.json, 'waba.subscribed').status).toBe('pass');
  });

  it.each([
    ['--exact-scopes', TOKENS.extraScopes, ['--exact-scopes'], 'scope.least-privilege'],
    ['--require-type', TOKENS.shortLivedUser, ['--require-type', 'system-user'], 'token.type'],
    ['--min-days', TOKENS.expiresIn5Days, ['--min-days', '7'], 'token.expiry'],
    ['--waba-id', TOKENS.otherWabaOnly, ['--waba-id', WABA.main], 'scope.targets'],
    ['--require-webhooks', TOKENS.healthy, ['--waba-id', WABA.unsubscribed, '--require-webhooks'], 'waba.subscribed'],
  ])('%s turns its check into a failure (exit 1)', async (_n, token, args, id) => {
    const r = await audit({ token, args });
    expect(r.code).toBe(1);
    expect(check(r.json, id).status).toBe('fail');
    expect(check(r.json, id).remediation.length).toBeGreaterThan(0);
  });

  it('without the strict flags the same findings only warn (exit 0)', async () => {
    const extra = await audit({ token: TOKENS.extraScopes });
    expect(extra.code).toBe(0);
    expect(check(extra.json, 'scope.least-privilege').status).toBe('warn');
    const unsubscribed = await audit({ token: TOKENS.adminNoTargets, args: ['--waba-id', WABA.unsubscribed] });
    expect(unsubscribed.code).toBe(0);
    expect(check(unsubscribed.json, 'waba.subscribed').status).toBe('warn');
    expect(check(unsubscribed.json, 'scope.targets').status).toBe('pass');
  });

  it('phone.region warns for a Cuban number and passes a Turkish one (lifted 2024-05-15)', async () => {
    const r = await audit({ token: TOKENS.adminNoTargets, args: ['--phone-number-id', PHONE.cuba, '--phone-number-id', PHONE.turkey] });
    expect(r.code).toBe(0);
    const regions = r.json.checks.filter((c: any) => c.id === 'phone.region');
    expect(regions.map((c: any) => [c.status, c.details.region])).toEqual([
      ['warn', 'Cuba'],
      ['pass', 'Turkey'],
    ]);
  });

  it('a phone number of another WABA fails phone.reachable (100.33)', async () => {
    const r = await audit({ token: TOKENS.healthy, args: ['--phone-number-id', PHONE.otherWaba] });
    expect(r.code).toBe(1);
    expect(check(r.json, 'phone.reachable')).toMatchObject({ status: 'fail', graphError: '100.33' });
  });
});
