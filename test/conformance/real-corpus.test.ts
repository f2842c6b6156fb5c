// Recorded real answers: each is where it says it comes from, each conforms to the project's schemas (so the
// schemas describe real Graph, not only the emulator), and the saved debug_token answers get the right verdicts
// from the offline evaluator, run as a user runs it (the bundled CLI, `--response-file -`).
import { describe, expect, it } from 'vitest';
import { runCli, withJson } from '../helpers/cli.js';
import { problems, type SchemaName, statusesForCode, validator } from './graph-schemas.js';
import { corpus, recorded } from './real-corpus.js';

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

describe('the recorded corpus', () => {
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

describe('saved debug_token answers through the offline evaluator', () => {
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
