// Recorded real answers: each is where it says it comes from, each conforms to the project's schemas (so the
// schemas describe real Graph, not only the emulator), and the saved debug_token answers get the right verdicts
// from the offline evaluator, run as a user runs it (the bundled CLI, `--response-file -`).
import { describe, expect, it } from 'vitest';
import { runCli, withJson } from '../helpers/cli.js';
import { problems, type SchemaName, statusesForCode, validator } from '../conformance/graph-schemas.js';
import { corpus, recorded } from '../conformance/real-corpus.js';

const SCHEMA_OF: Record<string, SchemaName> = {
  'GET /debug_token': 'debug-token',
  'GET /{phone-number-id}': 'phone-number',
  'GET /{waba-id}': 'waba',
  'GET /{waba-id}/phone_numbers': 'waba-phone-numbers',
  'GET /{waba-id}/subscribed_apps': 'waba-subscribed-apps',
  'GET /{business-id}/owned_whatsapp_business_accounts': 'business-wabas',
  'GET /{business-id}/client_whatsapp_business_accounts': 'business-wabas',
  'GET /{user-id}/assigned_whatsapp_business_accounts': 'user-assigned-wabas',
};

const all = corpus();

describe('the recorded corpus (schemas, in-process)', () => {
  it('has the answers the readings depend on', () => {
    expect(all.length).toBeGreaterThanOrEqual(40);
    const names = all.map((r) => r.name);
    for (const n of ['debug-token/user-expired-463.json', 'debug-token/must-provide-100.json', 'debug-token/app-token.json',
      'phone/whatomate-390-expired.json', 'errors/openapi-429-80007.json', 'phone/openapi-flow-health-status.json'])
      expect(names).toContain(n);
  });

  it.each(all.map((r) => [r.name, r] as const))('%s: says where it comes from and what it answers', (_n, r) => {
    expect(r.source.kind).toMatch(/\w/);
    expect(r.source.answers).toMatch(/^(GET|POST|any) /);
    expect(Boolean(r.source.url) || Boolean(r.source.repo && r.source.path), 'repository and path, or a page').toBe(true);
    if (r.source.url) expect(r.source.url).toMatch(/^https:\/\//);
    expect(Number.isInteger(r.status)).toBe(true);
  });

  it.each(all.map((r) => [r.name, r] as const))('%s: conforms to the project schemas', (_n, r) => {
    if (r.status !== 200) {
      expect(problems('graph-error', r.body)).toEqual([]);
      const code = (r.body as { error: { code: number } }).error.code;
      expect(statusesForCode(code)).toContain(r.status);
      return;
    }
    if (r.source.answers.includes('fields=health_status')) {
      const health = validator('common');
      expect(health).toBeTruthy();
      const v = (r.body as { health_status: unknown }).health_status;
      expect(problems('phone-number', { id: '1', health_status: v })).toEqual([]);
      return;
    }
    const schema = SCHEMA_OF[r.source.answers];
    expect(schema, r.source.answers).toBeDefined();
    expect(problems(schema!, r.body)).toEqual([]);
  });
});

// --- the offline evaluator on saved debug_token answers -------------------------------------------------------

async function offline(body: unknown, appId: string, extra: string[] = []) {
  const r = withJson(
    await runCli(['--response-file', '-', '--app-id', appId, '--json', ...extra], { stdin: JSON.stringify(body) }),
  );
  return r;
}
const check = (json: { checks: { id: string; status: string; graphError?: string; message: string }[] }, id: string) =>
  json.checks.find((c) => c.id === id);
const appOf = (body: unknown): string => String((body as { data?: { app_id?: string } }).data?.app_id ?? '1');

describe('[dist] saved debug_token answers through the offline evaluator', () => {
  it.each([
    ['debug-token/user-expired-463', '190.463'],
    ['debug-token/user-password-changed-460', '190.460'],
    ['debug-token/user-revoked-466', '190.466'],
    ['debug-token/sdk-php-data-error', '190.463'],
  ])('%s: token.valid fails with the subcode Graph gave (%s), exit 1', async (name, key) => {
    const { body } = recorded(name);
    const r = await offline(body, appOf(body));
    expect(r.code).toBe(1);
    expect(r.json.verdict).toBe('fail');
    expect(check(r.json, 'token.valid')).toMatchObject({ status: 'fail', graphError: key });
  });

  it.each(['could-not-decrypt', 'cannot-parse', 'cannot-get-application-info', 'invalid-signature'])(
    'debug-token/%s: a garbage or damaged input token fails token.valid (190, no subcode), exit 1',
    async (name) => {
      const { body } = recorded(`debug-token/${name}`);
      const r = await offline(body, '257422819769992');
      expect(r.code).toBe(1);
      expect(check(r.json, 'token.valid')).toMatchObject({ status: 'fail', graphError: '190' });
    },
  );

  it('debug-token/debug-only-token-190: a top-level 190 on a token inspecting itself fails token.valid, exit 1', async () => {
    const r = await offline(recorded('debug-token/debug-only-token-190').body, '257422819769992');
    expect(r.code).toBe(1);
    expect(check(r.json, 'token.valid')?.status).toBe('fail');
  });

  it('debug-token/whatsapp-doc-system-user: the documented system-user token passes, exit 0', async () => {
    const { body } = recorded('debug-token/whatsapp-doc-system-user');
    const r = await offline(body, '634974688087057');
    expect(r.code).toBe(0);
    expect(r.json.verdict).toBe('pass');
    expect(check(r.json, 'token.expiry')?.status).toBe('pass');
  });

  it('debug-token/whatsapp-doc-system-user: a grant without target_ids covers an expected WABA', async () => {
    const { body } = recorded('debug-token/whatsapp-doc-system-user');
    const r = await offline(body, '634974688087057', ['--waba-id', '102289599326934']);
    expect(check(r.json, 'scope.targets')?.status).toBe('pass');
  });

  it('debug-token/embedded-signup-doc: target_ids name the WABAs; another WABA fails scope.targets', async () => {
    const { body } = recorded('debug-token/embedded-signup-doc');
    const ok = await offline(body, '670843887433847', ['--waba-id', '101569239400667']);
    expect(check(ok.json, 'scope.targets')?.status).toBe('pass');
    const other = await offline(body, '670843887433847', ['--waba-id', '999999999999999']);
    expect(check(other.json, 'scope.targets')?.status).toBe('fail');
    expect(check(other.json, 'token.expiry')?.status).toBe('fail');
  });

  it('debug-token/user-never-expires: expires_at 0 is "never", yet the lapsed data access fails token.expiry', async () => {
    const { body } = recorded('debug-token/user-never-expires');
    const r = await offline(body, appOf(body));
    expect(check(r.json, 'token.valid')?.status).toBe('pass');
    expect(check(r.json, 'token.expiry')).toMatchObject({ status: 'fail' });
    expect(check(r.json, 'token.expiry')?.message).toMatch(/never expires/);
  });

  it('a token of another app fails app.id', async () => {
    const { body } = recorded('debug-token/whatsapp-doc-system-user');
    const r = await offline(body, '1000000000000001');
    expect(r.code).toBe(1);
    expect(check(r.json, 'app.id')?.status).toBe('fail');
  });
});

// --- readings that real answers need ------------------------------------------------------------------------

/** The same answer as a bare `data` object (what many users save from the Graph Explorer). */
const bare = (body: unknown) => (body as { data: unknown }).data;

/** The same answer with its ids written as JSON numbers, as old Graph answers did. */
function numericIds(body: unknown): unknown {
  const d = structuredClone((body as { data: Record<string, unknown> }).data);
  for (const k of ['app_id', 'user_id']) if (typeof d[k] === 'string') d[k] = Number(d[k]);
  for (const g of (d.granular_scopes ?? []) as { target_ids?: unknown[] }[])
    if (g.target_ids) g.target_ids = g.target_ids.map(Number);
  return { data: d };
}

describe('readings of real shapes', () => {
  const withData = all.filter((r) => r.source.answers === 'GET /debug_token' && r.status === 200);

  it.each(withData.map((r) => [r.name, r] as const))(
    '%s saved as a bare data object gets the same verdict and Graph error',
    async (_n, r) => {
      const app = appOf(r.body);
      const [wrapped, plain] = await Promise.all([offline(r.body, app), offline(bare(r.body), app)]);
      expect(plain.code).toBe(wrapped.code);
      expect(check(plain.json, 'token.valid')).toEqual(check(wrapped.json, 'token.valid'));
      expect(plain.json.token.appId).toBe(wrapped.json.token.appId);
    },
  );

  it.each(['debug-token/whatsapp-doc-system-user', 'debug-token/embedded-signup-doc', 'debug-token/user-expired-463'])(
    '%s with its ids as JSON numbers gets the same verdict',
    async (name) => {
      const { body } = recorded(name);
      const extra = name.includes('embedded') ? ['--waba-id', '102289599326934'] : [];
      const [text, num] = await Promise.all([offline(body, appOf(body), extra), offline(numericIds(body), appOf(body), extra)]);
      expect(num.code).toBe(text.code);
      expect(num.json.checks).toEqual(text.json.checks);
    },
  );

  it('a target id beyond 2^53 is unreadable, never rounded into a match', async () => {
    const { body } = recorded('debug-token/embedded-signup-doc');
    // 2^54 + 1 written as a JSON number: JSON readers hold 2^54, a different id.
    const text = JSON.stringify(body).replace('"102289599326934"', '18014398509481985');
    const r = withJson(
      await runCli(['--response-file', '-', '--app-id', '670843887433847', '--json', '--waba-id', '18014398509481984'], {
        stdin: text,
      }),
    );
    expect(check(r.json, 'scope.targets')?.status).not.toBe('pass');
  });

  it('errors/190-session-expired: no subcode, so the reason is read from the text and Graph is quoted', async () => {
    const r = await offline(recorded('errors/190-session-expired').body, '1');
    expect(r.code).toBe(1);
    const valid = check(r.json, 'token.valid')!;
    expect(valid).toMatchObject({ status: 'fail', graphError: '190.463' });
    expect(valid.message).toMatch(/expired/i);
    expect(valid.message).toContain('Graph said: "Error validating access token: Session has expired on Thursday, 06-Oct-22');
  });

  it.each([
    ['errors/190-session-invalidated', '190.460', /password/],
    ['errors/190-could-not-decrypt', '190', /damaged/],
    ['errors/190-session-key-malformed', '190', /damaged/],
    ['debug-token/could-not-decrypt', '190', /damaged/],
    ['debug-token/cannot-parse', '190', /not an access token/],
    ['debug-token/invalid-signature', '190', /wrong secret/],
    ['debug-token/debug-only-token-190', '190', /debugger-only/],
  ])('%s: the reason from the text (%s)', async (name, key, why) => {
    const r = await offline(recorded(name).body, '257422819769992');
    expect(check(r.json, 'token.valid')).toMatchObject({ status: 'fail', graphError: key });
    expect(check(r.json, 'token.valid')?.message).toMatch(why);
  });

  it("errors/190-session-key-x-malformed: the session key Graph quotes is redacted from the message", async () => {
    const r = await offline(recorded('errors/190-session-key-x-malformed').body, '1');
    const message = check(r.json, 'token.valid')!.message;
    expect(message).toContain('[redacted]');
    expect(message).not.toMatch(/FAKE-session-key|1664010000/);
    expect(r.stdout).not.toContain('FAKE-session-key');
  });

  it('debug-token/must-provide-100: a usage error (exit 2) that says to give the app secret', async () => {
    const r = await offline(recorded('debug-token/must-provide-100').body, '257422819769992');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/You must provide an app access token/);
    expect(r.stderr).toMatch(/app secret/);
  });

  it('debug-token/app-token: an app token has no expires_at because it does not expire: no warning', async () => {
    const { body } = recorded('debug-token/app-token');
    const r = await offline(body, appOf(body), ['--scope', 'public_profile']);
    expect(check(r.json, 'token.expiry')).toMatchObject({ status: 'pass', message: 'App access tokens do not expire.' });
  });
});
