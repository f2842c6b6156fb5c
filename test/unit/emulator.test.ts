// The Graph emulator's own test: real sockets, global fetch. Other tests rely on these answers being right.
import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appsecretProof } from '../emulator/auth.js';
import { loadTestCerts } from '../emulator/certs.js';
import {
  APP_ID,
  BUSINESS,
  CALLBACK,
  CALLBACK_QUERY,
  OTHER_APP_ID,
  PHONE,
  TOKENS,
  USER_IDS,
  WABA,
} from '../emulator/fixtures.js';
import { HUGE_TARGET_ID } from '../emulator/graph.js';
import { startGitHubEmulator } from '../emulator/github.js';
import { startRefusingProxy } from '../emulator/proxy.js';
import { type Emulator, startEmulator } from '../emulator/server.js';

type Json = any;

const NOW = 1_800_000_000;
let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ now: () => NOW });
});
afterAll(async () => {
  await emu.close();
});
afterEach(() => emu.reset());

async function get(path: string, token?: string): Promise<{ status: number; headers: Headers; json: Json }> {
  const res = await fetch(
    `${emu.url}${path}`,
    token ? { headers: { authorization: `Bearer ${token}` } } : {},
  );
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: JSON.parse(text) };
}

async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 10));
}

const debug = (input: string, inspector: string) =>
  get(`/v26.0/debug_token?input_token=${encodeURIComponent(input)}`, inspector);

describe('debug_token', () => {
  it('answers the app token with the data of a healthy system-user token', async () => {
    const r = await debug(TOKENS.healthy, TOKENS.app);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(r.headers.get('facebook-api-version')).toBe('v26.0');
    expect(r.headers.get('x-fb-trace-id')).toBeTruthy();
    expect(JSON.parse(r.headers.get('x-app-usage')!)).toEqual({
      call_count: 2,
      total_cputime: 2,
      total_time: 2,
    });
    expect(r.json.data).toMatchObject({
      app_id: APP_ID,
      type: 'SYSTEM_USER',
      expires_at: 0,
      data_access_expires_at: 0,
      is_valid: true,
      scopes: ['whatsapp_business_management', 'whatsapp_business_messaging'],
      user_id: USER_IDS.systemUser,
    });
    expect(r.json.data.granular_scopes[0]).toEqual({
      scope: 'whatsapp_business_management',
      target_ids: [WABA.main, WABA.second],
    });
  });

  it('lets a token inspect itself, and shows another app id that way', async () => {
    expect((await debug(TOKENS.healthy, TOKENS.healthy)).json.data.is_valid).toBe(true);
    const other = await debug(TOKENS.otherApp, TOKENS.otherApp);
    expect(other.status).toBe(200);
    expect(other.json.data.app_id).toBe(OTHER_APP_ID);
  });

  it('refuses the app token a token of another app (top-level error)', async () => {
    const r = await debug(TOKENS.otherApp, TOKENS.app);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 100, type: 'OAuthException' });
    expect(r.json.error.message).toContain('did not match the Viewing App');
  });

  it('reports a dead token as 200 + is_valid false + data.error, to the app token and to itself', async () => {
    const byApp = await debug(TOKENS.expired, TOKENS.app);
    expect(byApp.status).toBe(200);
    expect(byApp.json.data).toMatchObject({ is_valid: false, app_id: APP_ID, type: 'USER' });
    expect(byApp.json.data.error).toMatchObject({ code: 190, subcode: 463 });
    expect(byApp.json.data.granular_scopes).toBeUndefined();

    const self = await debug(TOKENS.passwordChanged, TOKENS.passwordChanged);
    expect(self.status).toBe(200);
    expect(self.json.data).toMatchObject({ is_valid: false, app_id: APP_ID });
    expect(self.json.data.error).toEqual({ code: 190, subcode: 460, message: expect.stringMatching(/password/) });
    const expired = await debug(TOKENS.expired, TOKENS.expired);
    expect(expired.json.data.error.message).toMatch(
      /^Error validating access token: Session has expired on \w+day, /,
    );
    // Elsewhere the dead token is a top-level 190, with the user texts Graph's guide shows for 460.
    const elsewhere = await get(`/v26.0/${PHONE.healthy}`, TOKENS.passwordChanged);
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.json.error).toMatchObject({ code: 190, error_subcode: 460, type: 'OAuthException' });
    expect(elsewhere.json.error.error_user_title).toBeTruthy();
    expect(elsewhere.json.error.error_user_msg).toBeTruthy();
    expect(elsewhere.headers.get('www-authenticate')).toMatch(/^OAuth "Facebook Platform" "invalid_token"/);
  });

  it('gives most 190s no subcode, only the message; a debugger session-info token is refused outright', async () => {
    const noSub = await debug(TOKENS.expiredNoSubcode, TOKENS.app);
    expect(noSub.json.data.error.subcode).toBeUndefined();
    expect(noSub.json.data.error.message).toMatch(/Session has expired on/);
    const top = await get(`/v26.0/${PHONE.healthy}`, TOKENS.sessionKeyMalformed);
    expect(top.json.error).toEqual({
      code: 190,
      message: 'Error validating access token: Session key is malformed.',
      type: 'OAuthException',
      fbtrace_id: expect.any(String),
    });
    const debugOnly = await debug(TOKENS.debugOnly, TOKENS.debugOnly);
    expect(debugOnly.status).toBe(400);
    expect(debugOnly.json.error).toMatchObject({
      code: 190,
      message: 'Invalid OAuth access token - Debug only access token',
    });
  });

  it('refuses debug_token without an inspector with the (#100) "must provide" message', async () => {
    const r = await get(`/v26.0/debug_token?input_token=${TOKENS.healthy}`);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({
      code: 100,
      type: 'OAuthException',
      message:
        '(#100) You must provide an app access token, or a user access token that is an owner or developer of the app',
    });
  });

  it('answers app tokens as input: ours (no expires_at), a wrong secret, an unknown app', async () => {
    const ours = (await debug(TOKENS.app, TOKENS.app)).json.data;
    expect(ours).toMatchObject({ type: 'APP', is_valid: true, scopes: [] });
    expect('expires_at' in ours).toBe(false);
    const wrong = (await debug(TOKENS.appWrongSecret, TOKENS.app)).json.data;
    expect(wrong).toEqual({
      error: { code: 190, message: 'Invalid OAuth access token signature.' },
      is_valid: false,
      scopes: [],
    });
    const unknown = (await debug('123|abc', TOKENS.app)).json.data;
    expect(unknown.error.message).toMatch(/Cannot get application info/);
  });

  it('writes ids as JSON numbers for the numeric fixtures, one beyond 2^53 digit for digit', async () => {
    const safe = (await debug(TOKENS.numericIds, TOKENS.app)).json.data;
    expect(typeof safe.app_id).toBe('number');
    expect(typeof safe.user_id).toBe('number');
    expect(safe.granular_scopes[0].target_ids).toEqual([Number(WABA.main), Number(WABA.second)]);
    const res = await fetch(`${emu.url}/v26.0/debug_token?input_token=${TOKENS.hugeTargetId}`, {
      headers: { authorization: `Bearer ${TOKENS.app}` },
    });
    const text = await res.text();
    expect(text).toContain(`,${HUGE_TARGET_ID}]`);
    expect(text).not.toContain(`"${HUGE_TARGET_ID}"`);
  });

  it('answers a garbage self-inspection and a wrong app secret with 190 and no subcode', async () => {
    const garbage = await debug('FAKE-garbage', 'FAKE-garbage');
    expect(garbage.json.error).toMatchObject({
      code: 190,
      message: 'Invalid OAuth access token - Cannot parse access token',
    });
    expect(garbage.json.error.error_subcode).toBeUndefined();
    const secret = await debug(TOKENS.healthy, TOKENS.appWrongSecret);
    expect(secret.json.error).toMatchObject({ code: 190, message: 'Invalid OAuth access token signature.' });
  });

  it('derives expiries from now(), drops issued_at for the short-lived user token', async () => {
    expect((await debug(TOKENS.expiresIn14Days, TOKENS.app)).json.data.expires_at).toBe(NOW + 14 * 86_400);
    const short = (await debug(TOKENS.shortLivedUser, TOKENS.app)).json.data;
    expect(short).toMatchObject({ type: 'USER', expires_at: NOW + 7200 });
    expect(short.issued_at).toBeUndefined();
    const admin = (await debug(TOKENS.adminNoTargets, TOKENS.app)).json.data;
    expect(admin.granular_scopes.every((g: { target_ids?: string[] }) => g.target_ids === undefined)).toBe(
      true,
    );
  });

  it('with Require App Secret on, refuses token calls without a proof; accepts both proof forms', async () => {
    emu.setFault({ kind: 'require-app-secret' });
    const bare = await get(`/v26.0/${PHONE.healthy}`, TOKENS.healthy);
    expect(bare.status).toBe(400);
    expect(bare.json.error).toMatchObject({
      code: 100,
      type: 'GraphMethodException',
      message: 'API calls from the server require an appsecret_proof argument',
    });
    const classic = await get(
      `/v26.0/${PHONE.healthy}?appsecret_proof=${appsecretProof(TOKENS.healthy)}`,
      TOKENS.healthy,
    );
    expect(classic.status).toBe(200);
    const timed = await get(
      `/v26.0/${PHONE.healthy}?appsecret_proof=${appsecretProof(TOKENS.healthy, undefined, NOW - 60)}&appsecret_time=${NOW - 60}`,
      TOKENS.healthy,
    );
    expect(timed.status).toBe(200);
    const stale = await get(
      `/v26.0/${PHONE.healthy}?appsecret_proof=${appsecretProof(TOKENS.healthy, undefined, NOW - 600)}&appsecret_time=${NOW - 600}`,
      TOKENS.healthy,
    );
    expect(stale.json.error).toMatchObject({ code: 100, message: 'Invalid appsecret_proof provided in the API argument' });
    expect((await debug(TOKENS.healthy, TOKENS.app)).status).toBe(200);
    emu.reset();
    expect((await get(`/v26.0/${PHONE.healthy}`, TOKENS.healthy)).status).toBe(200);
  });

  it('checks appsecret_proof', async () => {
    const good = await debug(TOKENS.healthy, TOKENS.healthy);
    expect(good.status).toBe(200);
    const proof = appsecretProof(TOKENS.healthy);
    const ok = await get(
      `/v26.0/debug_token?input_token=${TOKENS.healthy}&appsecret_proof=${proof}`,
      TOKENS.healthy,
    );
    expect(ok.status).toBe(200);
    const bad = await get(
      `/v26.0/debug_token?input_token=${TOKENS.healthy}&appsecret_proof=${'0'.repeat(64)}`,
      TOKENS.healthy,
    );
    expect(bad.json.error).toMatchObject({ code: 100, type: 'GraphMethodException' });
  });

  it('serves malformed data for the malformed fixtures', async () => {
    expect('is_valid' in (await debug(TOKENS.missingIsValid, TOKENS.app)).json.data).toBe(false);
    expect(typeof (await debug(TOKENS.wrongTypes, TOKENS.app)).json.data.scopes).toBe('string');
  });
});

describe('reach probes', () => {
  it('returns only the requested phone fields, with the usage headers', async () => {
    const r = await get(`/v26.0/${PHONE.healthy}?fields=display_phone_number,quality_rating`, TOKENS.healthy);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      id: PHONE.healthy,
      display_phone_number: '+1 555-010-0001',
      quality_rating: 'GREEN',
    });
    const buc = JSON.parse(r.headers.get('x-business-use-case-usage')!);
    expect(buc[WABA.main][0]).toMatchObject({
      type: 'whatsapp_business_management',
      estimated_time_to_regain_access: 0,
    });
  });

  it('answers 100/33 for a phone outside the token grants, 190 for a dead caller', async () => {
    const r = await get(`/v26.0/${PHONE.otherWaba}`, TOKENS.healthy);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
    expect((await get(`/v26.0/${PHONE.healthy}`, TOKENS.expired)).json.error.code).toBe(190);
    expect((await get(`/${PHONE.otherWaba}`, TOKENS.otherWabaOnly)).status).toBe(200);
  });

  it('pages assigned WABAs with cursors and a next URL that carries the token, like Graph', async () => {
    const seen: string[] = [];
    let path: string | undefined = `/v26.0/${USER_IDS.adminSystemUser}/assigned_whatsapp_business_accounts`;
    let pages = 0;
    while (path) {
      const r = await get(path, TOKENS.adminNoTargets);
      expect(r.status).toBe(200);
      seen.push(...r.json.data.map((w: { id: string }) => w.id));
      pages += 1;
      const next: string | undefined = r.json.paging?.next;
      if (next) expect(next).toContain(`access_token=${TOKENS.adminNoTargets}`);
      path = next ? next.slice(emu.url.length) : undefined;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([WABA.main, WABA.second, WABA.third, WABA.unsubscribed, WABA.other]);
    const refused = await get(
      `/v26.0/${USER_IDS.refusedSystemUser}/assigned_whatsapp_business_accounts`,
      TOKENS.adminListingRefused,
    );
    expect(refused.json.error).toMatchObject({ code: 200, message: '(#200) Permissions error' });
  });

  it('answers the phone fields Graph has on each version, and fails the whole read on one it lacks', async () => {
    const v24 = await get(`/v24.0/${PHONE.healthy}?fields=whatsapp_business_manager_messaging_limit`, TOKENS.healthy);
    expect(v24.json).toEqual({ whatsapp_business_manager_messaging_limit: 'TIER_2K', id: PHONE.healthy });
    const v23 = await get(`/v23.0/${PHONE.healthy}?fields=id,whatsapp_business_manager_messaging_limit`, TOKENS.healthy);
    expect(v23.status).toBe(400);
    expect(v23.json.error.message).toBe(
      '(#100) Tried accessing nonexisting field (whatsapp_business_manager_messaging_limit) on node type (WhatsAppBusinessPhoneNumber)',
    );
    expect((await get(`/v23.0/${PHONE.healthy}?fields=messaging_limit_tier`, TOKENS.healthy)).json.messaging_limit_tier).toBe('TIER_1K');
    expect((await get(`/v26.0/${PHONE.healthy}?fields=messaging_limit_tier`, TOKENS.healthy)).json.messaging_limit_tier).toBeNull();
  });

  it('shows live numbers with code_verification_status EXPIRED, a PENDING one, and webhook_configuration', async () => {
    const live = (await get(`/v26.0/${PHONE.healthy}`, TOKENS.adminNoTargets)).json;
    expect(live).toMatchObject({ code_verification_status: 'EXPIRED', webhook_configuration: { application: CALLBACK.app } });
    const pending = (await get(`/v26.0/${PHONE.pending}?fields=status,code_verification_status`, TOKENS.adminNoTargets)).json;
    expect(pending).toMatchObject({ status: 'PENDING', code_verification_status: 'NOT_VERIFIED' });
    const yellow = (await get(`/v26.0/${PHONE.yellow}?fields=webhook_configuration`, TOKENS.healthy)).json;
    expect(yellow.webhook_configuration).toEqual({
      phone_number: `${CALLBACK.phone}${CALLBACK_QUERY}`,
      whatsapp_business_account: CALLBACK.waba,
      application: CALLBACK.app,
    });
  });

  it("shows each app only its own alternates: the other app's on PHONE.red and WABA.main are not ours", async () => {
    const red = (await get(`/v26.0/${PHONE.red}?fields=webhook_configuration`, TOKENS.healthy)).json;
    expect(red.webhook_configuration).toEqual({ application: CALLBACK.app });
    const main = (await get(`/v26.0/${WABA.main}/subscribed_apps`, TOKENS.healthy)).json;
    expect(main.data.map((a: any) => [a.whatsapp_business_api_data.id, a.override_callback_uri ?? null])).toEqual([
      [APP_ID, null],
      [OTHER_APP_ID, CALLBACK.otherAppWaba],
    ]);
  });

  it("lists subscribed apps with the WABA's override_callback_uri, and none when fields=id,name is asked", async () => {
    const sub = await get(`/v26.0/${WABA.second}/subscribed_apps`, TOKENS.healthy);
    expect(sub.json.data[0]).toMatchObject({
      whatsapp_business_api_data: { id: APP_ID },
      override_callback_uri: CALLBACK.waba,
    });
    expect((await get(`/v26.0/${WABA.second}/subscribed_apps?fields=id,name`, TOKENS.healthy)).json).toEqual({ data: [] });
  });

  it("lists a business's owned and client WABAs with business_management, and refuses them without", async () => {
    const owned = await get(`/v26.0/${BUSINESS.main}/owned_whatsapp_business_accounts?limit=10`, TOKENS.viaBusiness);
    expect(owned.json.data.map((w: { id: string }) => w.id)).toEqual([WABA.main, WABA.second, WABA.third, WABA.unsubscribed]);
    const client = await get(`/v26.0/${BUSINESS.main}/client_whatsapp_business_accounts`, TOKENS.viaBusiness);
    expect(client.json.data.map((w: { id: string }) => w.id)).toEqual([WABA.other]);
    const noBm = await get(`/v26.0/${BUSINESS.main}/owned_whatsapp_business_accounts`, TOKENS.viaBusinessNoBm);
    expect(noBm.status).toBe(403);
    expect(noBm.json.error.code).toBe(200);
    expect((await get(`/v26.0/${BUSINESS.stranger}/owned_whatsapp_business_accounts`, TOKENS.viaBusiness)).json.error.code).toBe(200);
    // The business's admin system user has no assigned WABAs, yet reaches them through the business.
    const assigned = await get(`/v26.0/me/assigned_whatsapp_business_accounts`, TOKENS.viaBusiness);
    expect(assigned.json).toEqual({ data: [] });
    expect((await get(`/v26.0/${PHONE.healthy}`, TOKENS.viaBusinessNoBm)).status).toBe(200);
  });

  it('lists phone numbers and subscribed apps per WABA', async () => {
    const nums = await get(`/v26.0/${WABA.main}/phone_numbers?limit=10`, TOKENS.healthy);
    expect(nums.json.data.map((p: { id: string }) => p.id)).toEqual([PHONE.healthy, PHONE.red]);
    const sub = await get(`/v26.0/${WABA.main}/subscribed_apps`, TOKENS.healthy);
    expect(sub.json.data[0].whatsapp_business_api_data.id).toBe(APP_ID);
    const unsub = await get(`/v26.0/${WABA.unsubscribed}/subscribed_apps`, TOKENS.adminNoTargets);
    expect(unsub.json).toEqual({ data: [] });
  });

  it('shows app subscriptions to the app token only, and can make them inactive', async () => {
    const r = await get(`/v26.0/${APP_ID}/subscriptions`, TOKENS.app);
    expect(r.json.data[0]).toMatchObject({ object: 'whatsapp_business_account', active: true });
    expect((await get(`/v26.0/${APP_ID}/subscriptions`, TOKENS.healthy)).status).toBe(400);
    emu.setFault({ kind: 'app-subscriptions', state: 'inactive' });
    expect((await get(`/v26.0/${APP_ID}/subscriptions`, TOKENS.app)).json.data[0].active).toBe(false);
  });

  it('serves the HTML proxy page for its fault token, and records tokens sent in the URL', async () => {
    const res = await fetch(`${emu.url}/v26.0/${PHONE.healthy}?access_token=${TOKENS.proxyHtml502}`);
    expect(res.status).toBe(502);
    expect(await res.text()).toContain('<html>');
    expect(emu.requests[0]!.query.access_token).toBe(TOKENS.proxyHtml502);
  });

  it('records write calls and answers them like Graph without changing anything', async () => {
    const res = await fetch(`${emu.url}/v26.0/${WABA.main}/subscribed_apps`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKENS.healthy}` },
    });
    expect(await res.json()).toEqual({ success: true });
    expect(emu.requests.map((r) => r.method)).toEqual(['POST']);
  });
});

describe('batch', () => {
  const post = async (batch: unknown[], extra = '') => {
    const body = `batch=${encodeURIComponent(JSON.stringify(batch))}&include_headers=false${extra}`;
    const res = await fetch(`${emu.url}/v26.0/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKENS.app}`, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    return { status: res.status, json: (await res.json()) as Json };
  };

  it('answers items in order, each with its own token, errors kept in their item', async () => {
    const r = await post([
      { method: 'GET', relative_url: `v26.0/debug_token?input_token=${TOKENS.healthy}` },
      {
        method: 'GET',
        relative_url: `v26.0/${PHONE.healthy}?fields=id`,
        body: `access_token=${TOKENS.healthy}`,
      },
      { method: 'GET', relative_url: `v26.0/${PHONE.healthy}`, body: `access_token=${TOKENS.expired}` },
      { method: 'DELETE', relative_url: `v26.0/${WABA.main}/subscribed_apps` },
    ]);
    expect(r.status).toBe(200);
    expect(r.json).toHaveLength(4);
    expect(r.json[0].headers).toBeUndefined();
    expect(JSON.parse(r.json[0].body).data.is_valid).toBe(true);
    expect(r.json[1]).toEqual({ code: 200, body: JSON.stringify({ id: PHONE.healthy }) });
    expect(r.json[2].code).toBe(400);
    expect(JSON.parse(r.json[2].body).error).toMatchObject({ code: 190, error_subcode: 463 });
    expect(r.json[3].code).toBe(400);
    expect(emu.requests).toHaveLength(1);
    expect(emu.subRequests).toBe(4);
    expect(emu.batchItems.map((i) => i.tokenFrom)).toEqual(['top-level', 'body', 'body', 'top-level']);
  });

  it('includes headers unless told not to, and refuses more than 50 items', async () => {
    const res = await fetch(`${emu.url}/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKENS.app}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        batch: [{ method: 'GET', relative_url: `debug_token?input_token=${TOKENS.healthy}` }],
      }),
    });
    const items = (await res.json()) as Array<{ headers: Array<{ name: string }> }>;
    expect(items[0]!.headers.map((h) => h.name)).toContain('X-App-Usage');
    const big = await post(
      Array.from({ length: 51 }, () => ({ method: 'GET', relative_url: 'debug_token' })),
    );
    expect(big.status).toBe(400);
    expect(big.json.error.message).toBe('Too many requests in batch message. Maximum batch size is 50');
  });

  it('flaky-items: every n-th item answers code 2 in its item; usage rises per item; in-flight counts', async () => {
    emu.setFault({ kind: 'flaky-items', every: 3 });
    emu.setUsage({ appUsage: 10, perCall: 2.5 });
    try {
      const item = { method: 'GET', relative_url: `v26.0/debug_token?input_token=${TOKENS.healthy}` };
      const first = await post([item, item, item, item]);
      expect(first.json.map((i: { code: number }) => i.code)).toEqual([200, 200, 503, 200]);
      expect(JSON.parse(first.json[2].body).error).toMatchObject({ code: 2, is_transient: true });
      const second = await post([item, item]);
      expect(second.json.map((i: { code: number }) => i.code)).toEqual([200, 503]);
      // 10% + 2.5 per item (whole percentages, as Graph reports): the POST carries its first item's figures.
      expect(emu.requests.map((r) => r.usage)).toEqual([12, 22]);
      expect(emu.requests.map((r) => r.inFlight)).toEqual([1, 1]);
    } finally {
      emu.setUsage({ appUsage: 2, perCall: 0 });
    }
  });

  it('counts fault tokens per item', async () => {
    const item = { method: 'GET', relative_url: `v26.0/debug_token?input_token=${TOKENS.transient2}` };
    const r = await post([item, item, item]);
    expect(r.json.map((i: { code: number }) => i.code)).toEqual([503, 503, 200]);
  });
});

describe('faults', () => {
  it('recovers a transient fault token after two calls, and reset() restarts its counter', async () => {
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await debug(TOKENS.transient2, TOKENS.app)).status);
    expect(codes).toEqual([503, 503, 200]);
    const first = await debug(TOKENS.rateLimited80007, TOKENS.app);
    expect(first.status).toBe(400);
    expect(first.json.error).toMatchObject({ code: 80007, is_transient: true });
    expect(first.headers.get('retry-after')).toBeNull();
    const app = await debug(TOKENS.rateLimited4, TOKENS.app);
    expect(app.status).toBe(429);
    expect(app.json.error).toMatchObject({ code: 4, error_subcode: 2446079, is_transient: true });
    expect(app.headers.get('retry-after')).toBeNull();
    expect(app.headers.get('www-authenticate')).toMatch(/"invalid_request"/);
    for (let i = 0; i < 3; i++)
      expect((await debug(TOKENS.rateLimited80008, TOKENS.app)).json.error.code).toBe(80008);
    emu.reset();
    expect((await debug(TOKENS.transient2, TOKENS.app)).status).toBe(503);
  });

  it('answers a global graph-error fault `times` times, then recovers', async () => {
    emu.setFault({ kind: 'graph-error', code: 4, times: 2 });
    expect((await debug(TOKENS.healthy, TOKENS.app)).json.error.code).toBe(4);
    expect((await debug(TOKENS.healthy, TOKENS.app)).json.error.code).toBe(4);
    expect((await debug(TOKENS.healthy, TOKENS.app)).status).toBe(200);
  });

  it('serves HTML, broken JSON and non-objects', async () => {
    emu.setFault({ kind: 'status', status: 502, body: 'html' });
    const html = await fetch(`${emu.url}/v26.0/debug_token?input_token=x`);
    expect(html.status).toBe(502);
    expect(html.headers.get('content-type')).toContain('text/html');
    emu.setFault({ kind: 'truncated-json' });
    const cut = await fetch(`${emu.url}/v26.0/debug_token?input_token=${TOKENS.healthy}`, {
      headers: { authorization: `Bearer ${TOKENS.app}` },
    });
    const text = await cut.text();
    expect(text.startsWith('{"data":')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
    emu.setFault({ kind: 'non-object-json' });
    expect(await (await fetch(`${emu.url}/v26.0/debug_token`)).json()).toEqual([1, 2]);
    emu.setFault({ kind: 'data-missing-fields' });
    const missing = await debug(TOKENS.healthy, TOKENS.app);
    expect(missing.json.data.is_valid).toBeUndefined();
  });

  it('breaks the connection mid-body and streams oversized bodies', async () => {
    emu.setFault({ kind: 'reset-mid-body' });
    const res = await fetch(`${emu.url}/v26.0/debug_token`);
    await expect(res.text()).rejects.toThrow();
    emu.setFault({ kind: 'oversized', bytes: 3_000_000 });
    const big = await (await fetch(`${emu.url}/v26.0/debug_token`)).text();
    expect(big.length).toBe(3_000_000);
    expect(JSON.parse(big).data.is_valid).toBe(true);
  });

  it('closes promptly with a trickle and a hung request in flight', async () => {
    const local = await startEmulator();
    local.setFault({ kind: 'trickle' });
    const res = await fetch(`${local.url}/v26.0/debug_token`);
    expect(res.status).toBe(200);
    const reading = res.text().catch((e: unknown) => e);
    local.setFault({ kind: 'no-headers' });
    const hung = fetch(`${local.url}/v26.0/debug_token`).catch((e: unknown) => e);
    await until(() => local.requests.length === 2);
    local.setFault(undefined);
    const slow = fetch(`${local.url}/v26.0/debug_token?input_token=${TOKENS.slow}`, {
      headers: { authorization: `Bearer ${TOKENS.app}` },
    }).catch((e: unknown) => e);
    await until(() => local.requests.length === 3);
    // close() resolving at all proves it cut them short: the unanswered request never ends by itself, the trickle
    // goes on forever, and the slow answer would be a 200 five seconds later, not an error.
    await local.close();
    expect(await reading).toBeInstanceOf(Error);
    expect(await hung).toBeInstanceOf(Error);
    expect(await slow).toBeInstanceOf(Error);
    expect(local.requests).toHaveLength(3);
  });
});

describe('side servers', () => {
  it('serves HTTPS with the test certificate, which fetch rejects as untrusted', async () => {
    const tls = await startEmulator({ tls: loadTestCerts() });
    expect(tls.url).toMatch(/^https:/);
    await expect(fetch(`${tls.url}/v26.0/debug_token`)).rejects.toThrow();
    await tls.close();
  });

  it('refuses CONNECT at the proxy and counts it', async () => {
    const proxy = await startRefusingProxy();
    const status = await new Promise<number>((resolve, reject) => {
      const { port } = new URL(proxy.url);
      const req = request({ host: '127.0.0.1', port, method: 'CONNECT', path: 'graph.facebook.com:443' });
      req.on('connect', (res, socket) => {
        socket.destroy();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
    expect(proxy.connects).toBe(1);
    await proxy.close();
  });

  it('fakes the GitHub issues API', async () => {
    const gh = await startGitHubEmulator();
    const call = (method: string, path: string, body?: unknown, auth = true) =>
      fetch(`${gh.url}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(auth ? { authorization: 'token FAKE-gh-token' } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    expect((await call('GET', '/repos/o/r/issues', undefined, false)).status).toBe(401);
    const created = (await (
      await call('POST', '/repos/o/r/issues', { title: 'Token expires', labels: ['wa-token-audit'] })
    ).json()) as Json;
    expect(created).toMatchObject({ number: 1, state: 'open', labels: [{ name: 'wa-token-audit' }] });
    expect(created.html_url).toContain('/o/r/issues/1');
    await call('POST', '/repos/o/r/issues/1/comments', { body: 'still failing' });
    const listed = (await (
      await call('GET', '/repos/o/r/issues?labels=wa-token-audit&state=open')
    ).json()) as Json[];
    expect(listed.map((i) => i.number)).toEqual([1]);
    await call('PATCH', '/repos/o/r/issues/1', { state: 'closed' });
    expect(gh.issues[0]).toMatchObject({ state: 'closed', comments: ['still failing'] });
    await gh.close();
  });
});

it('uses only obviously fake tokens', () => {
  for (const t of Object.values(TOKENS)) {
    expect(t.startsWith('EAA')).toBe(false);
    expect(t.includes('FAKE') || t.startsWith(`${APP_ID}|`)).toBe(true);
  }
});
