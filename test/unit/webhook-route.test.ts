// webhook.route and the precedence behind it (core/route.ts): the number's own alternate callback, else its
// WABA's for the expected app, else the app's callback URL; could-not-tell is never a pass.
import { describe, expect, it } from 'vitest';
import { cliSettingName } from '../../src/cli/settings.js';
import { actionSettingName } from '../../src/action/inputs.js';
import type { CheckContext } from '../../src/core/checks/context.js';
import { webhookRoutes } from '../../src/core/checks/route.js';
import type { AppSubscriptionsProbe, LiveFacts, PhoneProbe, SubscriptionProbe } from '../../src/core/live.js';
import { checkPolicy, type PolicyInput, readPolicy, uncheckable } from '../../src/core/policy.js';
import { effectiveRoute, routeFacts } from '../../src/core/route.js';
import { readPhone } from '../../src/graph/reads.js';

const APP = '634974688087057';
const OTHER_APP = '111111111111111';
const WABA = '102289599326934';
const PHONE = '106540352242922';
const APP_URL = 'https://release.example.com/whatsapp';
const WABA_URL = 'https://partner.example.net/waba-hook';
const PHONE_URL = 'https://old.example.org/phone-hook';

function ctx(input: PolicyInput = {}, name = cliSettingName()): CheckContext {
  return { policy: readPolicy({ appId: APP, phoneNumberIds: PHONE, ...input }), now: 0, name };
}

const phoneWith = (config: Record<string, unknown> | undefined): PhoneProbe =>
  readPhone(PHONE, { ok: true, body: { id: PHONE, ...(config ? { webhook_configuration: config } : {}) } } as never);
const waba = (apps: SubscriptionProbe['apps']): SubscriptionProbe => ({ wabaId: WABA, outcome: 'ok', apps });
const app = (callbackUrl?: string): AppSubscriptionsProbe => ({
  appId: APP,
  outcome: 'ok',
  subscriptions: [{ object: 'whatsapp_business_account', active: true, fields: ['messages'], ...(callbackUrl ? { callbackUrl } : {}) }],
});
const live = (phone: PhoneProbe, extra: Partial<LiveFacts> = {}): LiveFacts => ({
  phones: [phone],
  wabaPhones: [{ wabaId: WABA, expected: true, outcome: 'ok', phones: [{ id: PHONE }] }],
  ...extra,
});

describe('effectiveRoute: phone > WABA > app', () => {
  const facts = (phone: PhoneProbe, w?: SubscriptionProbe, a?: AppSubscriptionsProbe) =>
    effectiveRoute(routeFacts({ phoneNumberId: PHONE, appId: APP, phone, ...(w ? { waba: w } : {}), ...(a ? { app: a } : {}) }));

  it("the number's own alternate wins over the WABA's and the app's", () => {
    const r = facts(phoneWith({ phone_number: `${PHONE_URL}?verify=s3cr3t`, application: APP_URL }), waba([{ id: APP, overrideCallbackUri: WABA_URL }]), app(APP_URL));
    // The query string (it may hold a verify token) is gone.
    expect(r).toEqual({ state: 'known', url: PHONE_URL, level: 'phone' });
  });

  it("the WABA's alternate for the expected app wins over the app's URL; another app's does not count", () => {
    expect(facts(phoneWith({ application: APP_URL }), waba([{ id: APP, overrideCallbackUri: WABA_URL }]), app(APP_URL))).toMatchObject({ level: 'waba', url: WABA_URL });
    expect(facts(phoneWith({ application: APP_URL }), waba([{ id: OTHER_APP, overrideCallbackUri: WABA_URL }, { id: APP }]), app(APP_URL))).toMatchObject({ level: 'app', url: APP_URL });
  });

  it('the app not subscribed to the WABA: nothing arrives, whatever the number says', () => {
    expect(facts(phoneWith({ phone_number: PHONE_URL }), waba([{ id: OTHER_APP }]))).toEqual({ state: 'nowhere', reason: 'unsubscribed' });
  });

  it('without the WABA read, webhook_configuration gives the WABA level; without an app secret, its application key the app level', () => {
    expect(facts(phoneWith({ whatsapp_business_account: WABA_URL, application: APP_URL }))).toMatchObject({ level: 'waba', url: WABA_URL });
    expect(facts(phoneWith({ application: APP_URL }))).toMatchObject({ level: 'app', url: APP_URL });
    expect(facts(phoneWith({}))).toEqual({ state: 'nowhere', reason: 'no-callback' });
  });

  it('no webhook_configuration in the answer and nothing else read: cannot tell (at the WABA level)', () => {
    expect(facts(phoneWith(undefined))).toMatchObject({ state: 'unknown', level: 'waba' });
    // With the WABA read, the app's URL still needs the app secret.
    expect(facts(phoneWith(undefined), waba([{ id: APP }]))).toMatchObject({ state: 'unknown', level: 'app' });
    expect(facts(phoneWith(undefined), waba([{ id: APP }]), app(APP_URL))).toMatchObject({ state: 'known', level: 'app' });
  });

  it('a refused phone read, or a refused webhook_configuration field, is cannot tell at the phone level', () => {
    const refused: PhoneProbe = { phoneNumberId: PHONE, outcome: 'refused', error: { code: 100, subcode: 33 } };
    expect(facts(refused, waba([{ id: APP }]), app(APP_URL))).toMatchObject({ state: 'unknown', level: 'phone' });
    const unread: PhoneProbe = { ...phoneWith(undefined), unread: [{ field: 'webhook_configuration', reason: 'Graph refused it' }] };
    expect(facts(unread, waba([{ id: APP }]), app(APP_URL))).toMatchObject({ state: 'unknown', level: 'phone', why: 'Graph refused it' });
  });
});

describe('webhook.route', () => {
  it('with --callback-url: passes when the messages webhooks go there', () => {
    const [c] = webhookRoutes(live(phoneWith({ application: APP_URL }), { subscriptions: [waba([{ id: APP }])] }), ctx({ callbackUrl: APP_URL }));
    expect(c).toMatchObject({ id: 'webhook.route', status: 'pass', details: { phoneNumberId: PHONE, callbackUrl: APP_URL, level: 'app', expected: APP_URL } });
  });

  it('with --callback-url: a WABA override elsewhere fails, names the level and how to change it, keyed by each front', () => {
    const l = live(phoneWith({ application: APP_URL }), { subscriptions: [waba([{ id: APP, overrideCallbackUri: WABA_URL }])] });
    const [c] = webhookRoutes(l, ctx({ callbackUrl: `${APP_URL}?hub=vt` }));
    expect(c!.status).toBe('fail');
    expect(c!.message).toContain(`go to ${WABA_URL}, not to ${APP_URL}`);
    expect(c!.message).toContain(`WABA ${WABA}'s alternate callback for app ${APP}`);
    expect(c!.message).toContain("it outranks the app's own callback URL");
    expect(c!.remediation!.join('\n')).toContain(`POST /{version}/${WABA}/subscribed_apps`);
    expect(c!.remediation!.join('\n')).toContain('--callback-url');
    const [a] = webhookRoutes(l, ctx({ callbackUrl: APP_URL }, actionSettingName));
    expect(a!.remediation!.join('\n')).toContain("input 'callback-url'");
    expect(JSON.stringify(c)).not.toContain('hub=vt');
  });

  it("with --callback-url: the number's own override fails with the phone's remedy", () => {
    const [c] = webhookRoutes(live(phoneWith({ phone_number: PHONE_URL, application: APP_URL }), { subscriptions: [waba([{ id: APP }])] }), ctx({ callbackUrl: APP_URL }));
    expect(c).toMatchObject({ status: 'fail', details: { level: 'phone', callbackUrl: PHONE_URL } });
    expect(c!.remediation![0]).toContain(`POST /{version}/${PHONE} with {"webhook_configuration":{"override_callback_uri":"${APP_URL}"`);
  });

  it('with --callback-url: cannot tell warns, never passes; without it, it is skipped with the reason', () => {
    const l = live(phoneWith(undefined), { subscriptions: [waba([{ id: APP }])] });
    const [w] = webhookRoutes(l, ctx({ callbackUrl: APP_URL }));
    expect(w!.status).toBe('warn');
    expect(w!.message).toMatch(/^Cannot tell where messages webhooks/);
    expect(w!.remediation!.join(' ')).toContain('$WHATSAPP_APP_SECRET');
    const [s] = webhookRoutes(l, ctx());
    expect(s!.status).toBe('skip');
  });

  it('with --callback-url: not subscribed, or no URL anywhere, fails', () => {
    expect(webhookRoutes(live(phoneWith({ application: APP_URL }), { subscriptions: [waba([])] }), ctx({ callbackUrl: APP_URL }))[0]!.status).toBe('fail');
    expect(webhookRoutes(live(phoneWith({})), ctx({ callbackUrl: APP_URL }))[0]!.status).toBe('fail');
    // Without it: warn, or fail with --require-webhooks.
    expect(webhookRoutes(live(phoneWith({})), ctx())[0]!.status).toBe('warn');
    expect(webhookRoutes(live(phoneWith({})), ctx({ requireWebhooks: true }))[0]!.status).toBe('fail');
  });

  it("without --callback-url: the app's URL passes; an override elsewhere warns and names both URLs", () => {
    expect(webhookRoutes(live(phoneWith({ application: APP_URL })), ctx())[0]).toMatchObject({ status: 'pass' });
    const [c] = webhookRoutes(live(phoneWith({ whatsapp_business_account: WABA_URL, application: APP_URL })), ctx());
    expect(c!.status).toBe('warn');
    expect(c!.message).toContain(`go to ${WABA_URL}`);
    expect(c!.message).toContain(`not to app ${APP}'s own callback URL (${APP_URL})`);
    // An override equal to the app's URL is no surprise.
    expect(webhookRoutes(live(phoneWith({ phone_number: APP_URL, application: APP_URL })), ctx())[0]!.status).toBe('pass');
  });
});

describe('--callback-url as a setting', () => {
  it('is an https URL, kept without its query string; needs phone numbers; cannot be checked offline', () => {
    expect(readPolicy({ appId: APP, phoneNumberIds: PHONE, callbackUrl: 'https://Hooks.Example.com/wa?verify=x#f' }).callbackUrl).toBe('https://hooks.example.com/wa');
    const http = checkPolicy({ appId: APP, phoneNumberIds: PHONE, callbackUrl: 'http://hooks.example.com/wa' }, cliSettingName());
    expect(http.problems[0]).toMatch(/^--callback-url: expected an https:\/\/ URL/);
    expect(checkPolicy({ appId: APP, phoneNumberIds: PHONE, callbackUrl: 'not a url' }).problems[0]).toContain('got "not a url"');
    expect(checkPolicy({ appId: APP, callbackUrl: APP_URL }, cliSettingName()).problems[0]).toMatch(/^--callback-url needs --phone-number-id/);
    // A fleet's defaults may name it before the entries name their numbers.
    expect(checkPolicy({ appId: APP, callbackUrl: APP_URL }, undefined, { partial: true }).problems).toEqual([]);
    const p = readPolicy({ appId: APP, phoneNumberIds: PHONE, callbackUrl: APP_URL });
    expect(uncheckable(p, { offline: true, appSecret: false }, cliSettingName())[1]).toMatch(/^--callback-url cannot be checked from a saved debug_token answer/);
  });
});
