import { describe, expect, it } from 'vitest';
import { type Evidence, evaluate } from '../../src/core/evaluate.js';
import { type PolicyInput, readPolicy } from '../../src/core/policy.js';

const APP = '634974688087057';
const WABA = '102289599326934';
const PHONE = '106540352242922';
const NOW = new Date('2026-11-23T00:00:00Z');
const MGMT = 'whatsapp_business_management';
const MSG = 'whatsapp_business_messaging';

const policy = (input: PolicyInput = {}) => readPolicy({ appId: APP, ...input });
const withData = (over: Record<string, unknown> = {}): Evidence => ({
  inspection: {
    kind: 'data',
    data: {
      app_id: APP,
      application: 'Lucky Shrub',
      type: 'SYSTEM_USER',
      is_valid: true,
      expires_at: 0,
      data_access_expires_at: 0,
      scopes: [MGMT, MSG],
      granular_scopes: [{ scope: MGMT }, { scope: MSG }],
      ...over,
    },
  },
});
const byId = (r: ReturnType<typeof evaluate>, id: string) => r.checks.find((c) => c.id === id);

describe('evaluate', () => {
  it('passes a healthy non-expiring System User token', () => {
    const r = evaluate(withData(), policy(), NOW);
    expect(r).toMatchObject({ verdict: 'pass', ok: true, generatedAt: NOW.toISOString() });
    expect(r.checks.every((c) => c.status === 'pass')).toBe(true);
    expect(byId(r, 'token.valid')?.message).toBe('The token is valid.');
    expect(byId(r, 'app.id')?.message).toBe(`The token belongs to app ${APP} (Lucky Shrub).`);
    expect(byId(r, `scope.${MSG}`)?.message).toBe(`${MSG} is granted.`);
  });

  it('fails another app and a missing scope', () => {
    const r = evaluate(withData({ app_id: '999', scopes: [MGMT] }), policy(), NOW);
    expect(r.verdict).toBe('fail');
    expect(byId(r, 'app.id')).toMatchObject({
      status: 'fail',
      message: expect.stringContaining(`not to the expected app ${APP}`),
    });
    expect(byId(r, `scope.${MSG}`)).toMatchObject({
      status: 'fail',
      message: `${MSG} is not granted to this token.`,
    });
  });

  it('explains an expired token (190.463) in plain words and skips every other check the policy asked for', () => {
    const r = evaluate(
      withData({ is_valid: false, error: { code: 190, subcode: 463, message: 'Session has expired' } }),
      policy({ wabaIds: WABA, phoneNumberIds: PHONE, requireWebhooks: true }),
      NOW,
    );
    expect(r.verdict).toBe('fail');
    const valid = byId(r, 'token.valid');
    expect(valid).toMatchObject({ status: 'fail', graphError: '190.463' });
    expect(valid?.message).toContain('The access token has expired.');
    expect(r.checks.map((c) => [c.id, c.status])).toEqual([
      ['token.valid', 'fail'],
      ['app.id', 'skip'],
      [`scope.${MGMT}`, 'skip'],
      [`scope.${MSG}`, 'skip'],
      ['scope.targets', 'skip'],
      ['token.expiry', 'skip'],
      ['token.type', 'skip'],
      ['scope.least-privilege', 'skip'],
      ['phone.reachable', 'skip'],
      ['phone.region', 'skip'],
      ['phone.status', 'skip'],
      ['phone.health', 'skip'],
      ['phone.messaging-limit', 'skip'],
      ['waba.subscribed', 'skip'],
      ['phone.waba', 'skip'],
      ['webhook.route', 'skip'],
    ]);
    expect(byId(r, 'phone.reachable')?.message).toContain(`phone number ID ${PHONE}`);
  });

  it('a top-level 190 lists the same skipped checks', () => {
    const r = evaluate({ inspection: { kind: 'token-invalid', code: 190, subcode: 460 } }, policy(), NOW);
    expect(r.verdict).toBe('fail');
    expect(r.checks[0]).toMatchObject({ id: 'token.valid', graphError: '190.460' });
    expect(r.checks.slice(1).every((c) => c.status === 'skip')).toBe(true);
    expect(r.checks.map((c) => c.id)).toContain('scope.least-privilege');
  });

  it("another app's token refused by Graph: app.id fails, the rest is skipped", () => {
    const r = evaluate({ inspection: { kind: 'app-mismatch' } }, policy({ phoneNumberIds: PHONE }), NOW);
    expect(r.checks.map((c) => c.id)).toEqual([
      'app.id',
      'token.valid',
      `scope.${MGMT}`,
      `scope.${MSG}`,
      'scope.targets',
      'token.expiry',
      'token.type',
      'scope.least-privilege',
      'phone.reachable',
      'phone.region',
      'phone.status',
      'phone.health',
      'phone.messaging-limit',
      'webhook.route',
    ]);
    expect(r.checks[0]?.status).toBe('fail');
  });

  it('malformed data is not judged (verdict error), never pass', () => {
    const r = evaluate(withData({ is_valid: 'yes', scopes: 'all' }), policy(), NOW);
    expect(r).toMatchObject({ verdict: 'error', ok: false, checks: [] });
    expect(r.error?.message).toContain('is_valid');
    expect(r.error?.message).toContain('scopes');
    expect(evaluate({ inspection: { kind: 'data', data: null } }, policy(), NOW).verdict).toBe('error');
  });

  it('strict mode turns a warning into a failure', () => {
    const evidence = withData({ type: 'USER' });
    const loose = evaluate(evidence, policy(), NOW);
    expect(loose).toMatchObject({ verdict: 'warn', ok: true });
    expect(byId(loose, 'token.type')?.status).toBe('warn');
    expect(evaluate(evidence, policy({ strict: true }), NOW)).toMatchObject({ verdict: 'fail', ok: false });
  });

  it('uses the injected clock for expiry', () => {
    const expiresAt = NOW.getTime() / 1000 + 10 * 86_400;
    const r = evaluate(withData({ expires_at: expiresAt }), policy(), NOW);
    expect(byId(r, 'token.expiry')).toMatchObject({
      status: 'warn',
      message: expect.stringContaining('(10 days left)'),
    });
    const later = evaluate(withData({ expires_at: expiresAt }), policy(), new Date(expiresAt * 1000 + 1000));
    expect(byId(later, 'token.expiry')?.status).toBe('fail');
  });

  it('runs phone.reachable only with phone-number IDs, waba.subscribed only with WABAs and probed subscriptions', () => {
    const live = { subscriptions: [{ wabaId: WABA, outcome: 'ok' as const, apps: [{ id: APP }] }] };
    const ids = (p: PolicyInput, withLive = true) =>
      evaluate({ ...withData(), ...(withLive ? { live } : {}) }, policy(p), NOW).checks.map((c) => c.id);
    expect(ids({})).not.toContain('phone.reachable');
    expect(ids({})).not.toContain('waba.subscribed');
    expect(ids({ wabaIds: WABA })).toContain('waba.subscribed');
    expect(ids({ wabaIds: WABA }, false)).not.toContain('waba.subscribed');
    // Required webhooks without a probe show as skipped, not silently absent.
    const r = evaluate(withData(), policy({ wabaIds: WABA, requireWebhooks: true }), NOW);
    expect(byId(r, 'waba.subscribed')?.status).toBe('skip');
    // Phone numbers without probes: one skip per number.
    const p = evaluate(withData(), policy({ phoneNumberIds: [PHONE, '42'] }), NOW);
    expect(p.checks.filter((c) => c.id === 'phone.reachable').map((c) => c.details?.phoneNumberId)).toEqual([
      PHONE,
      '42',
    ]);
  });

  it('a refused phone probe fails the audit with the Graph error key', () => {
    const r = evaluate(
      {
        ...withData(),
        live: { phones: [{ phoneNumberId: PHONE, outcome: 'refused', error: { code: 100, subcode: 33 } }] },
      },
      policy({ phoneNumberIds: PHONE }),
      NOW,
    );
    expect(r.verdict).toBe('fail');
    expect(byId(r, 'phone.reachable')).toMatchObject({ status: 'fail', graphError: '100.33' });
  });
});
