import { describe, expect, it } from 'vitest';
import { cliSettingName } from '../../src/cli/settings.js';
import type { CheckContext } from '../../src/core/checks/context.js';
import { tokenExpiry } from '../../src/core/checks/expiry.js';
import { tokenKind } from '../../src/core/checks/kind.js';
import { phoneReachable } from '../../src/core/checks/phone.js';
import { classifyScope, leastPrivilege } from '../../src/core/checks/privilege.js';
import { scopeTargets } from '../../src/core/checks/targets.js';
import { wabaSubscribed } from '../../src/core/checks/waba.js';
import { evaluate } from '../../src/core/evaluate.js';
import type { PhoneProbe, SubscriptionProbe } from '../../src/core/live.js';
import { normalizeTokenData } from '../../src/core/normalize.js';
import { type PolicyInput, readPolicy } from '../../src/core/policy.js';
import type { Check } from '../../src/core/types.js';

const APP = '634974688087057';
const WABA = '102289599326934';
const OTHER_WABA = '101569239400667';
const PHONE = '106540352242922';
const DAY = 86_400;
const NOW = new Date('2026-11-23T00:00:00Z');
const T = NOW.getTime() / 1000;
const MGMT = 'whatsapp_business_management';
const MSG = 'whatsapp_business_messaging';

function ctx(input: PolicyInput = {}): CheckContext {
  return { policy: readPolicy({ appId: APP, ...input }), now: T, name: cliSettingName() };
}

/** A healthy system-user token; `over` replaces raw debug_token fields. */
function data(over: Record<string, unknown> = {}) {
  return normalizeTokenData({
    app_id: APP,
    type: 'SYSTEM_USER',
    is_valid: true,
    expires_at: 0,
    data_access_expires_at: 0,
    scopes: [MGMT, MSG],
    granular_scopes: [
      { scope: MGMT, target_ids: [WABA] },
      { scope: MSG, target_ids: [WABA] },
    ],
    ...over,
  });
}

describe('scope.targets', () => {
  it('passes when the expected WABA is a target of both WhatsApp permissions', () => {
    const c = scopeTargets(data(), ctx({ wabaIds: WABA }));
    expect(c).toMatchObject({ id: 'scope.targets', status: 'pass' });
    expect(c.message).toContain(`reach WABA ${WABA}`);
    expect(c.details?.reached).toEqual({ [MGMT]: [WABA], [MSG]: [WABA] });
  });

  it('compares numeric target_ids as strings', () => {
    const d = data({
      granular_scopes: [
        { scope: MGMT, target_ids: [Number(WABA)] },
        { scope: MSG, target_ids: [Number(WABA)] },
      ],
    });
    expect(scopeTargets(d, ctx({ wabaIds: WABA })).status).toBe('pass');
    expect(scopeTargets(d, ctx({ wabaIds: Number(WABA) })).status).toBe('pass');
  });

  it('fails naming the permission and the missing WABA, and lists what the token reaches', () => {
    const d = data({
      granular_scopes: [
        { scope: MGMT, target_ids: [WABA, OTHER_WABA] },
        { scope: MSG, target_ids: [OTHER_WABA] },
      ],
    });
    const c = scopeTargets(d, ctx({ wabaIds: WABA }));
    expect(c.status).toBe('fail');
    expect(c.message).toContain(`${MSG} does not reach WABA ${WABA}`);
    expect(c.message).not.toContain(`${MGMT} does not reach`);
    expect(c.message).toContain(`${MSG} → WABA ${OTHER_WABA}`);
    expect(c.details?.missing).toEqual([{ scope: MSG, wabaIds: [WABA] }]);
    expect(c.remediation?.join(' ')).toMatch(/Assign assets/);
  });

  it('treats absent target_ids as all WABAs: passes and says the grant is not per-WABA', () => {
    const d = data({ granular_scopes: [{ scope: MGMT }, { scope: MSG }] });
    const c = scopeTargets(d, ctx({ wabaIds: WABA }));
    expect(c.status).toBe('pass');
    expect(c.message).toContain('not per-WABA');
    expect(c.details?.reached).toEqual({ [MGMT]: 'all', [MSG]: 'all' });
  });

  it('an empty target list reaches no WABA', () => {
    const d = data({ granular_scopes: [{ scope: MGMT }, { scope: MSG, target_ids: [] }] });
    const c = scopeTargets(d, ctx({ wabaIds: WABA }));
    expect(c.status).toBe('fail');
    expect(c.message).toContain(`${MSG} → no WABA`);
  });

  it('warns (never fails) when a granted WhatsApp permission is missing from granular_scopes', () => {
    const d = data({ granular_scopes: [{ scope: MGMT, target_ids: [WABA] }] });
    const c = scopeTargets(d, ctx({ wabaIds: WABA }));
    expect(c.status).toBe('warn');
    expect(c.message).toMatch(new RegExp(`Cannot tell whether the token reaches WABA ${WABA}`));
    expect(c.message).toContain(MSG);
    expect(c.details?.unknown).toEqual([MSG]);
  });

  it('fails when a WhatsApp permission is not granted at all', () => {
    const d = data({ scopes: [MGMT], granular_scopes: [{ scope: MGMT, target_ids: [WABA] }] });
    const c = scopeTargets(d, ctx({ wabaIds: WABA }));
    expect(c.status).toBe('fail');
    expect(c.message).toContain(`${MSG} is not granted`);
  });

  it('without expected WABAs passes and reports what the token reaches', () => {
    const d = data({ granular_scopes: [{ scope: MGMT, target_ids: [WABA, OTHER_WABA] }, { scope: MSG }] });
    const c = scopeTargets(d, ctx());
    expect(c.status).toBe('pass');
    expect(c.message).toContain('No expected WABA');
    expect(c.details?.reached).toEqual({ [MGMT]: [WABA, OTHER_WABA], [MSG]: 'all' });
  });
});

describe('token.expiry', () => {
  const at = (seconds: number) =>
    tokenExpiry(data({ expires_at: seconds }), ctx({ warnDays: 14, minDays: 7 }));

  it('passes a token that never expires, and reports both deadlines', () => {
    const c = tokenExpiry(data(), ctx());
    expect(c.status).toBe('pass');
    expect(c.message).toBe('The token never expires. Data access never expires.');
    expect(c.details).toEqual({
      expiresAt: null,
      daysLeft: null,
      dataAccessExpiresAt: null,
      dataAccessDaysLeft: null,
    });
  });

  it('exactly warnDays left passes ("warn when fewer than N days remain")', () => {
    const c = at(T + 14 * DAY);
    expect(c.status).toBe('pass');
    expect(c.message).toContain('expires on 2026-12-07 (14 days left)');
    expect(c.details).toMatchObject({ expiresAt: '2026-12-07T00:00:00.000Z', daysLeft: 14 });
  });

  it('warnDays minus 1 s warns', () => {
    const c = at(T + 14 * DAY - 1);
    expect(c.status).toBe('warn');
    expect(c.message).toContain('(13 days left)');
    expect(c.message).toContain('Fewer than 14 days remain');
    expect(c.remediation?.join(' ')).toMatch(/Rotate the token/);
    expect(c.remediation?.join(' ')).toMatch(/System user/);
  });

  it('exactly minDays left warns; minDays minus 1 s fails', () => {
    expect(at(T + 7 * DAY).status).toBe('warn');
    const c = at(T + 7 * DAY - 1);
    expect(c.status).toBe('fail');
    expect(c.message).toContain('Fewer than the required 7 days remain');
  });

  it('shows hours when less than a day is left', () => {
    const c = at(T + 5 * 3600);
    expect(c.status).toBe('fail');
    expect(c.message).toContain('at 2026-11-23 05:00 UTC (5 hours left)');
  });

  it('fails a token expired by 1 s, and one expiring right now', () => {
    const c = at(T - 1);
    expect(c.status).toBe('fail');
    expect(c.message).toContain('The token expired at 2026-11-22 23:59 UTC (less than a minute ago)');
    expect(at(T).status).toBe('fail');
    const old = at(T - 3 * DAY);
    expect(old.message).toContain('expired on 2026-11-20 (3 days ago)');
    expect(old.details?.daysLeft).toBe(-3);
  });

  it('with minDays 0 only an expired token fails', () => {
    const c = tokenExpiry(data({ expires_at: T + 60 }), ctx({ warnDays: 14 }));
    expect(c.status).toBe('warn');
  });

  it('judges data access expiry too', () => {
    const c = tokenExpiry(data({ data_access_expires_at: T + 3 * DAY }), ctx({ warnDays: 14 }));
    expect(c.status).toBe('warn');
    expect(c.message).toContain('The token never expires. Data access expires on 2026-11-26 (3 days left).');
    expect(c.message).toContain("for the app's data access");
    expect(c.details).toMatchObject({ expiresAt: null, daysLeft: null, dataAccessDaysLeft: 3 });
  });

  it('warns when Graph did not say when the token expires', () => {
    const c = tokenExpiry(normalizeTokenData({ is_valid: true, app_id: APP, scopes: [] }), ctx());
    expect(c.status).toBe('warn');
    expect(c.message).toContain('Cannot tell when the token expires: expires_at is missing');
  });
});

describe('token.type', () => {
  it('passes a System User token', () => {
    const c = tokenKind(data(), ctx());
    expect(c.status).toBe('pass');
    expect(c.message).toContain('System User token');
  });

  it('warns on a user token and explains why', () => {
    const c = tokenKind(data({ type: 'USER' }), ctx());
    expect(c.status).toBe('warn');
    expect(c.message).toContain('last about a day');
    expect(c.message).toContain('production needs a System User token');
  });

  it('warns on page and app tokens, naming the kind in words', () => {
    expect(tokenKind(data({ type: 'PAGE' }), ctx()).message).toContain('a Page token');
    expect(tokenKind(data({ type: 'APP' }), ctx())).toMatchObject({ status: 'warn' });
  });

  it('requireType: the same kind passes, another fails', () => {
    expect(tokenKind(data({ type: 'USER' }), ctx({ requireType: 'user' })).status).toBe('pass');
    const c = tokenKind(data({ type: 'USER' }), ctx({ requireType: 'system-user' }));
    expect(c.status).toBe('fail');
    expect(c.message).toBe('The token is a user token, but a System User token is required (--require-type).');
  });

  it('missing or unknown kind: skip, or warn when a kind is required', () => {
    const missing = tokenKind(data({ type: undefined }), ctx());
    expect(missing.status).toBe('skip');
    expect(missing.message).toContain('did not say what kind');
    const unknown = tokenKind(data({ type: 'BUSINESS_INTEGRATION' }), ctx({ requireType: 'system-user' }));
    expect(unknown.status).toBe('warn');
    expect(unknown.message).toContain('BUSINESS_INTEGRATION');
  });
});

describe('scope.least-privilege', () => {
  it('passes with only the required permissions, ignoring public_profile', () => {
    const c = leastPrivilege(data({ scopes: [MGMT, MSG, 'public_profile'] }), ctx({ exactScopes: true }));
    expect(c.status).toBe('pass');
    expect(c.message).toContain('public_profile');
  });

  it('warns on extras, naming unrelated and WhatsApp-related ones apart', () => {
    const d = data({ scopes: [MGMT, MSG, 'ads_management', 'pages_manage_posts', 'business_management'] });
    const c = leastPrivilege(d, ctx());
    expect(c.status).toBe('warn');
    expect(c.message).toContain('3 permissions beyond the required ones');
    expect(c.message).toContain('with no bearing on WhatsApp: ads_management and pages_manage_posts');
    expect(c.message).toContain('WhatsApp-related but not required: business_management');
    expect(c.details).toMatchObject({
      unrelated: ['ads_management', 'pages_manage_posts'],
      whatsappRelated: ['business_management'],
    });
  });

  it('fails on extras with exactScopes', () => {
    const c = leastPrivilege(
      data({ scopes: [MGMT, MSG, 'whatsapp_business_manage_events'] }),
      ctx({ exactScopes: true }),
    );
    expect(c.status).toBe('fail');
    expect(c.message).toContain('exact-scopes allows none');
  });

  it('an extra listed in policy.scopes is required, not extra', () => {
    const c = leastPrivilege(
      data({ scopes: [MGMT, MSG, 'business_management'] }),
      ctx({ scopes: [MGMT, MSG, 'business_management'] }),
    );
    expect(c.status).toBe('pass');
  });

  it('classifies with the table', () => {
    expect(classifyScope('instagram_basic')).toBe('unrelated');
    expect(classifyScope('user_posts')).toBe('unrelated');
    expect(classifyScope('ads_read')).toBe('whatsapp');
    expect(classifyScope('whatsapp_business_something_new')).toBe('whatsapp');
    expect(classifyScope('public_profile')).toBe('harmless');
    expect(classifyScope('commerce_account_read_orders')).toBe('other');
  });
});

describe('phone.reachable', () => {
  const probe = (node: PhoneProbe['node']): PhoneProbe => ({ phoneNumberId: PHONE, outcome: 'ok', node });
  const run = (probes: PhoneProbe[] | undefined, input: PolicyInput = {}): Check[] =>
    phoneReachable(probes, ctx({ phoneNumberIds: PHONE, ...input }));
  const healthy = {
    displayPhoneNumber: '+1 555-0100',
    verifiedName: 'Lucky Shrub',
    qualityRating: 'GREEN',
    platformType: 'CLOUD_API',
  };

  it('passes a GREEN Cloud API number, showing display number and verified name', () => {
    const [c] = run([probe(healthy)]);
    expect(c).toMatchObject({ id: 'phone.reachable', status: 'pass', details: { phoneNumberId: PHONE } });
    expect(c?.message).toBe(
      `Phone number ID ${PHONE} (+1 555-0100, Lucky Shrub) is reachable (quality GREEN, platform CLOUD_API).`,
    );
  });

  it.each(['RED', 'YELLOW'])('warns on quality %s', (q) => {
    const [c] = run([probe({ ...healthy, qualityRating: q })]);
    expect(c?.status).toBe('warn');
    expect(c?.message).toContain(`quality rating ${q}`);
    expect(c?.remediation?.length).toBeGreaterThan(0);
  });

  it('warns on an On-Premises number', () => {
    const [c] = run([probe({ ...healthy, platformType: 'ON_PREMISE' })]);
    expect(c?.status).toBe('warn');
    expect(c?.message).toContain('On-Premises API, not the Cloud API');
  });

  it('fails a refused probe 100.33 in plain words', () => {
    const [c] = run([{ phoneNumberId: PHONE, outcome: 'refused', error: { code: 100, subcode: 33 } }]);
    expect(c).toMatchObject({ status: 'fail', graphError: '100.33' });
    expect(c?.message).toContain(
      `The token cannot reach phone number ID ${PHONE}: it does not exist or the token has no access to its WABA.`,
    );
    expect(c?.message).toContain('Graph error 100.33');
    expect(c?.remediation?.join(' ')).toMatch(/Assign assets > WhatsApp accounts/);
  });

  it.each([
    [10, undefined, '10'],
    [200, undefined, '200'],
    [294, undefined, '294'],
    [190, 463, '190.463'],
  ])('fails a refused probe with code %s', (code, subcode, key) => {
    const [c] = run([{ phoneNumberId: PHONE, outcome: 'refused', error: { code, subcode } }]);
    expect(c).toMatchObject({ status: 'fail', graphError: key });
  });

  it('warns when refused with a code that says nothing about access', () => {
    const [c] = run([{ phoneNumberId: PHONE, outcome: 'refused', error: { code: 80008 } }]);
    expect(c?.status).toBe('warn');
    expect(c?.message).toContain('Could not confirm');
  });

  it('skips an unknown outcome and a number that was not probed, one check per expected number', () => {
    const checks = run([{ phoneNumberId: PHONE, outcome: 'unknown' }], { phoneNumberIds: [PHONE, '999'] });
    expect(checks.map((c) => [c.status, c.details?.phoneNumberId])).toEqual([
      ['skip', PHONE],
      ['skip', '999'],
    ]);
    expect(checks[0]?.message).toContain('could not be checked');
    expect(checks[1]?.message).toBe('Phone number ID 999 was not probed.');
  });
});

describe('waba.subscribed', () => {
  const run = (probe: SubscriptionProbe, input: PolicyInput = {}): Check =>
    wabaSubscribed([probe], ctx({ wabaIds: WABA, ...input }))[0]!;

  it('passes when the expected app is subscribed', () => {
    const c = run({ wabaId: WABA, outcome: 'ok', apps: [{ id: APP, name: 'Lucky Shrub' }] });
    expect(c).toMatchObject({ id: 'waba.subscribed', status: 'pass', details: { wabaId: WABA } });
    expect(c.message).toContain(`App ${APP} (Lucky Shrub) is subscribed to WABA ${WABA}`);
  });

  it('warns when it is not, explaining the missing webhooks and naming the call', () => {
    const c = run({ wabaId: WABA, outcome: 'ok', apps: [{ id: '111', name: 'Other' }] });
    expect(c.status).toBe('warn');
    expect(c.message).toContain(
      `App ${APP} is not subscribed to WABA ${WABA} (only app 111 (Other) is subscribed)`,
    );
    expect(c.message).toContain('incoming messages and status webhooks (sent, delivered, read, failed)');
    expect(c.remediation?.[0]).toContain(`POST /{version}/${WABA}/subscribed_apps`);
  });

  it('fails when webhooks are required', () => {
    const c = run({ wabaId: WABA, outcome: 'ok', apps: [] }, { requireWebhooks: true });
    expect(c.status).toBe('fail');
    expect(c.message).toContain('no app is subscribed');
  });

  it('describes a refused probe', () => {
    const c = run({ wabaId: WABA, outcome: 'refused', error: { code: 200 } });
    expect(c).toMatchObject({ status: 'warn', graphError: '200' });
    expect(c.message).toContain('Graph refused to list its subscribed apps');
    expect(
      run({ wabaId: WABA, outcome: 'refused', error: { code: 200 } }, { requireWebhooks: true }).status,
    ).toBe('fail');
  });

  it('skips an unknown outcome', () => {
    expect(run({ wabaId: WABA, outcome: 'unknown' }).status).toBe('skip');
  });
});

describe('evaluate with the deeper checks', () => {
  it('puts the checks in a stable order', () => {
    const policy = readPolicy({ appId: APP, wabaIds: WABA, phoneNumberIds: PHONE });
    const r = evaluate(
      {
        inspection: {
          kind: 'data',
          data: { app_id: APP, type: 'SYSTEM_USER', is_valid: true, expires_at: 0, scopes: [MGMT, MSG] },
        },
        live: {
          phones: [
            {
              phoneNumberId: PHONE,
              outcome: 'ok',
              node: { qualityRating: 'GREEN', platformType: 'CLOUD_API' },
            },
          ],
          subscriptions: [{ wabaId: WABA, outcome: 'ok', apps: [{ id: APP }] }],
          wabaNodes: [{ wabaId: WABA, outcome: 'ok', node: {} }],
        },
      },
      policy,
      NOW,
    );
    expect(r.checks.map((c) => c.id)).toEqual([
      'token.valid',
      'app.id',
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
      'waba.subscribed',
      'waba.health',
      'phone.waba',
      'webhook.route',
    ]);
  });
});
