// `discover` and the phone.waba / app.webhook checks: the bundled CLI (and the discovery engine in-process, for
// wave counts) against the Graph emulator over real sockets.
import { describe, expect, it } from 'vitest';
import { readPolicy } from '../../src/core/policy.js';
import { discoverToken } from '../../src/run/discover.js';
import { APP_ID, APP_SECRET, BENCH_WABAS, BUSINESS, PHONE, TOKENS, USER_IDS, WABA } from '../emulator/fixtures.js';
import { useEmulator } from '../helpers/emulator.js';
import { type RunResult, runCli, withJson } from '../helpers/cli.js';
import { expectNoSecrets } from '../helpers/secrets.js';

const emu = useEmulator();

interface Run {
  token: string;
  args?: string[];
  secret?: boolean;
}

async function cli({ token, args = [], secret = false }: Run): Promise<RunResult & { json: any }> {
  const r = await runCli([...args, '--graph-url', emu.url], {
    env: { WHATSAPP_ACCESS_TOKEN: token, ...(secret ? { WHATSAPP_APP_SECRET: APP_SECRET } : {}) },
  });
  expectNoSecrets(
    { stdout: r.stdout, stderr: r.stderr },
    { token, appId: APP_ID, ...(secret ? { appSecret: APP_SECRET } : {}) },
  );
  return withJson(r);
}

const discover = (run: Run) => cli({ ...run, args: ['discover', ...(run.args ?? [])] });
const audit = (run: Run) => cli({ ...run, args: ['--app-id', APP_ID, '--json', ...(run.args ?? [])] });
const check = (json: any, id: string) => json.checks.filter((c: any) => c.id === id);

/** No request may carry the token in its URL: paging by cursor, never by the `next` URL Graph hands out. */
function expectNoTokenInUrls(): void {
  for (const r of emu.requests) {
    expect(r.query.access_token).toBeUndefined();
    expect(r.path).not.toMatch(/access_token/);
  }
  for (const item of emu.batchItems) {
    expect(item.relativeUrl).not.toMatch(/access_token/);
    expect(item.tokenFrom).toBe('body');
  }
}

describe('[dist] discover: output per format', () => {
  it('JSON: the documented keys, WABAs from target_ids with their numbers and subscription', async () => {
    const r = await discover({ token: TOKENS.healthy, args: ['--json'] });
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({
      schemaVersion: 1,
      status: 'complete',
      partial: [],
      token: {
        appId: APP_ID,
        type: 'SYSTEM_USER',
        fingerprint: expect.stringMatching(/^sha256:[0-9a-f]{8}$/),
      },
    });
    expect(r.json.webhook).toBeUndefined();
    expect(r.json.wabas.map((w: any) => [w.id, w.source, w.appSubscribed])).toEqual([
      [WABA.main, 'target_ids', true],
      [WABA.second, 'target_ids', true],
    ]);
    const main = r.json.wabas[0];
    expect(main.name).toBe('Emulated Shop Main');
    expect(main.phoneNumbers.map((p: any) => p.id)).toEqual([PHONE.healthy, PHONE.red]);
    expect(main.phoneNumbers[0]).toMatchObject({
      id: PHONE.healthy,
      displayPhoneNumber: '+1 555-010-0001',
      verifiedName: 'Emulated Shop',
      qualityRating: 'GREEN',
      platformType: 'CLOUD_API',
      status: 'CONNECTED',
    });
    expect(r.json.wabas[1].phoneNumbers[1]).toMatchObject({
      id: PHONE.onPremise,
      platformType: 'ON_PREMISE',
    });
    // Read-only and token-safe: debug_token alone, then one batch of GETs.
    expect(emu.requests.map((q) => q.method)).toEqual(['GET', 'POST']);
    expectNoTokenInUrls();
  });

  it('text: a tree WABA -> phone numbers', async () => {
    const r = await discover({ token: TOKENS.healthy });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wa-token-audit discover: 2 WABAs, 4 phone numbers; complete/);
    expect(r.stdout).toMatch(
      /WABA 2000000000000001 {2}Emulated Shop Main {2}\[from grant target_ids; review APPROVED; [^\]]*subscribed\]\n {2}├─ 3000000000000001 {2}\+1 555-010-0001/,
    );
    expect(r.stdout).toMatch(/└─ 3000000000000004 .*ON_PREMISE/);
  });

  it('Markdown: a table, one row per phone number', async () => {
    const r = await discover({ token: TOKENS.healthy, args: ['--format', 'markdown'] });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^## What this token reaches/);
    expect(r.stdout).toContain(
      `| \`${WABA.main}\` | Emulated Shop Main | grant target_ids | yes | \`${PHONE.red}\` | +1 555-010-0002 | Emulated Shop | RED | CLOUD_API | CONNECTED |`,
    );
  });

  it('with the app secret: the app token inspects, and the webhook is read in the same first batch', async () => {
    const r = await discover({ token: TOKENS.healthy, secret: true, args: ['--app-id', APP_ID, '--json'] });
    expect(r.code).toBe(0);
    expect(r.json.webhook).toMatchObject({
      appId: APP_ID,
      object: 'whatsapp_business_account',
      active: true,
      messages: true,
      ok: true,
    });
    expect(emu.requests.map((q) => q.method)).toEqual(['POST', 'POST']);
    expect(emu.batchItems.slice(0, 2).map((i) => i.relativeUrl)).toEqual([
      expect.stringMatching(/^v26\.0\/debug_token\?input_token=/),
      `v26.0/${APP_ID}/subscriptions`,
    ]);
  });

  it('an inactive webhook shows in every format', async () => {
    emu.setFault({ kind: 'app-subscriptions', state: 'inactive' });
    const j = await discover({ token: TOKENS.healthy, secret: true, args: ['--app-id', APP_ID, '--json'] });
    expect(j.json.webhook).toMatchObject({ active: false, ok: false });
    const t = await discover({ token: TOKENS.healthy, secret: true, args: ['--app-id', APP_ID] });
    expect(t.stdout).toMatch(
      /Webhook: app 1000000000000001's whatsapp_business_account subscription is NOT active/,
    );
  });

  it('an app secret without --app-id is a usage error before any request', async () => {
    const r = await discover({ token: TOKENS.healthy, secret: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--app-id is required/);
    expect(emu.requests).toHaveLength(0);
  });

  it('an expired token: nothing discovered, exit 1, the Graph error to explain', async () => {
    const r = await discover({ token: TOKENS.expired, args: ['--json'] });
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ status: 'failed', wabas: [], error: { graphError: '190.463' } });
  });

  it('Graph unreachable: not judged, exit 3', async () => {
    const r = await runCli(['discover', '--graph-url', 'http://127.0.0.1:9', '--deadline', '3', '--json'], {
      env: { WHATSAPP_ACCESS_TOKEN: TOKENS.healthy },
    });
    expectNoSecrets({ stdout: r.stdout, stderr: r.stderr }, { token: TOKENS.healthy, appId: APP_ID });
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).status).toBe('not-judged');
  });
});

describe('[dist] discover: sources, paging and partial lists', () => {
  it('an admin token with no target_ids: the user’s assigned WABAs, followed by cursor over several pages', async () => {
    const r = await discover({ token: TOKENS.adminNoTargets, args: ['--json', '--page-size', '2'] });
    expect(r.code).toBe(0);
    expect(r.json.status).toBe('complete');
    expect(r.json.wabas.map((w: any) => w.id)).toEqual([
      WABA.main,
      WABA.second,
      WABA.third,
      WABA.unsubscribed,
      WABA.other,
    ]);
    expect(r.json.wabas.every((w: any) => w.source === 'assigned_whatsapp_business_accounts')).toBe(true);
    expect(r.json.wabas.find((w: any) => w.id === WABA.unsubscribed).appSubscribed).toBe(false);
    expect(r.json.sources).toContainEqual({
      source: 'assigned_whatsapp_business_accounts',
      outcome: 'ok',
      wabas: 5,
      pages: 3,
    });
    // Pages 2 and 3 asked with `after`, from the listed user's node, inside batches.
    const listing = emu.batchItems.filter((i) =>
      i.relativeUrl.includes('assigned_whatsapp_business_accounts'),
    );
    expect(listing.map((i) => i.relativeUrl.startsWith(`v26.0/${USER_IDS.adminSystemUser}/`))).toEqual([
      true,
      true,
      true,
    ]);
    expect(listing.filter((i) => /[?&]after=/.test(i.relativeUrl))).toHaveLength(2);
    // Phone numbers paged by cursor too (WABA.main has 2 numbers: one page; pages of 2 never need `next` here).
    expect(r.json.wabas.reduce((n: number, w: any) => n + w.phoneNumbers.length, 0)).toBe(9);
    expectNoTokenInUrls();
  });

  it('phone numbers over several pages are followed by cursor', async () => {
    const r = await discover({ token: TOKENS.healthy, args: ['--json', '--page-size', '1'] });
    expect(r.json.status).toBe('complete');
    expect(r.json.wabas[0].phoneNumbers.map((p: any) => p.id)).toEqual([PHONE.healthy, PHONE.red]);
    const pages = emu.batchItems.filter((i) => i.relativeUrl.includes(`${WABA.main}/phone_numbers`));
    expect(pages).toHaveLength(2);
    expect(pages[1]!.relativeUrl).toMatch(/[?&]after=/);
    expectNoTokenInUrls();
  });

  it('the page cap cuts the list and the report says so, in every format', async () => {
    const args = ['--page-size', '2', '--max-pages', '2'];
    const j = await discover({ token: TOKENS.adminNoTargets, args: [...args, '--json'] });
    expect(j.code).toBe(0);
    expect(j.json.status).toBe('partial');
    expect(j.json.wabas).toHaveLength(4);
    expect(j.json.partial).toEqual([
      `The list of WABAs assigned to user ${USER_IDS.adminSystemUser} is incomplete: the page cap stopped the list after 2 pages of up to 2 (raise --max-pages to read further).`,
    ]);
    expect(j.json.sources).toContainEqual(expect.objectContaining({ cut: 'page-cap', pages: 2 }));
    const t = await discover({ token: TOKENS.adminNoTargets, args });
    expect(t.stdout).toMatch(
      /partial \(1 reason below\)[\s\S]*Partial \(1 reason\):\n {2}- The list of WABAs/,
    );
    const m = await discover({ token: TOKENS.adminNoTargets, args: [...args, '--format', 'markdown'] });
    expect(m.stdout).toMatch(/### Partial: why the list may be incomplete\n\n- The list of WABAs/);
  });

  it('a refused source (error 200): the list is partial and says why', async () => {
    const r = await discover({ token: TOKENS.adminListingRefused, args: ['--json'] });
    expect(r.code).toBe(0);
    expect(r.json.status).toBe('partial');
    expect(r.json.wabas).toEqual([]);
    expect(r.json.partial[0]).toMatch(
      new RegExp(
        `user ${USER_IDS.refusedSystemUser} \\(assigned_whatsapp_business_accounts\\) could not be listed: Graph refused with error 200`,
      ),
    );
    expect(r.json.sources).toEqual([
      { source: 'assigned_whatsapp_business_accounts', outcome: 'refused', wabas: 0, pages: 0 },
    ]);
  });
});

describe('discover: waves and requests (sources, in-process)', () => {
  it('the bench token (20 WABAs x 5 numbers): at most 3 waves and 6 HTTP requests', async () => {
    const out = await discoverToken({ token: TOKENS.bench, graph: { graphUrl: emu.url } });
    expect(out.discovery.status).toBe('complete');
    expect(out.discovery.wabas.map((w) => w.id)).toEqual(BENCH_WABAS);
    expect(out.discovery.wabas.every((w) => w.phoneNumbers.length === 5 && w.appSubscribed)).toBe(true);
    expect(out.waves).toBeLessThanOrEqual(3);
    expect(out.requests).toBeLessThanOrEqual(6);
    expect(emu.requests).toHaveLength(out.requests);
    // debug_token (GET), then 60 reads in two batch POSTs of the same wave.
    expect(out).toMatchObject({ waves: 2, requests: 3 });
    expectNoTokenInUrls();
  });

  it('with the app secret too: still 2 waves, 3 requests', async () => {
    const out = await discoverToken({
      token: TOKENS.bench,
      appId: APP_ID,
      appSecret: APP_SECRET,
      graph: { graphUrl: emu.url },
    });
    expect(out.discovery.webhook?.ok).toBe(true);
    expect(out).toMatchObject({ waves: 2, requests: 3 });
  });

  it('the admin token: debug_token, listing, reads: 3 waves', async () => {
    const out = await discoverToken({ token: TOKENS.adminNoTargets, graph: { graphUrl: emu.url } });
    expect(out.discovery.wabas).toHaveLength(5);
    expect(out).toMatchObject({ waves: 3, requests: 3 });
  });
});

describe('[dist] audit: phone.waba', () => {
  it('a number of the expected WABA passes', async () => {
    const r = await audit({
      token: TOKENS.healthy,
      args: ['--waba-id', WABA.main, '--phone-number-id', PHONE.healthy],
    });
    expect(r.code).toBe(0);
    expect(check(r.json, 'phone.waba')).toEqual([
      expect.objectContaining({ status: 'pass', details: expect.objectContaining({ wabaId: WABA.main }) }),
    ]);
    // All in the first wave: one batch POST.
    expect(emu.requests).toHaveLength(1);
  });

  it('a number of another WABA the token reaches fails naming that WABA, in every format', async () => {
    const args = ['--waba-id', WABA.main, '--phone-number-id', PHONE.yellow];
    const r = await audit({ token: TOKENS.healthy, args });
    expect(r.code).toBe(1);
    const [c] = check(r.json, 'phone.waba');
    expect(c).toMatchObject({ status: 'fail', details: { wabaId: WABA.second } });
    expect(c.message).toMatch(
      `Phone number ID ${PHONE.yellow} (+1 555-010-0003) belongs to WABA ${WABA.second}, not to the expected WABA ${WABA.main}.`,
    );
    expect(c.remediation.length).toBeGreaterThan(0);
    // The stray number was searched for in the token's other WABA: one more wave, only because it was needed.
    expect(emu.requests).toHaveLength(2);
    const text = await cli({ token: TOKENS.healthy, args: ['--app-id', APP_ID, ...args] });
    expect(text.stdout).toMatch(
      /FAIL {2}phone\.waba +Phone number ID 3000000000000003 .*belongs to WABA 2000000000000002/,
    );
    const md = await cli({
      token: TOKENS.healthy,
      args: ['--app-id', APP_ID, '--format', 'markdown', ...args],
    });
    expect(md.stdout).toMatch(/\| ❌ \| `phone\.waba` \| FAIL \|/);
  });

  it('a number the token cannot place fails without naming a WABA', async () => {
    const r = await audit({
      token: TOKENS.healthy,
      args: ['--waba-id', WABA.main, '--phone-number-id', PHONE.otherWaba],
    });
    expect(check(r.json, 'phone.waba')[0]).toMatchObject({ status: 'fail', details: { wabaId: null } });
  });

  it('an admin token (no target_ids): a number of the expected WABA passes', async () => {
    const r = await audit({
      token: TOKENS.adminNoTargets,
      args: ['--waba-id', WABA.third, '--phone-number-id', PHONE.turkey],
    });
    expect(check(r.json, 'phone.waba')[0].status).toBe('pass');
    expectNoTokenInUrls();
  });

  it('a phone number where its ID belongs is a usage error before any network call', async () => {
    const r = await audit({ token: TOKENS.healthy, args: ['--phone-number-id', '+1 555-010-0001'] });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/looks like a phone number, but Graph needs the phone number's ID/);
    expect(emu.requests).toHaveLength(0);
  });
});

describe('[dist] audit: app.webhook', () => {
  it('with the app secret: an active subscription with messages passes, read in the first batch', async () => {
    const r = await audit({ token: TOKENS.healthy, secret: true });
    expect(r.code).toBe(0);
    expect(check(r.json, 'app.webhook')).toEqual([expect.objectContaining({ status: 'pass' })]);
    expect(emu.requests).toHaveLength(1);
    expect(emu.batchItems.map((i) => i.relativeUrl)).toEqual([
      expect.stringMatching(/debug_token/),
      `v26.0/${APP_ID}/subscriptions`,
    ]);
  });

  it.each([
    ['inactive', /not active/],
    ['missing', /no whatsapp_business_account webhook subscription/],
  ] as const)('a %s subscription warns (exit 0), with remediation', async (state, words) => {
    emu.setFault({ kind: 'app-subscriptions', state });
    const r = await audit({ token: TOKENS.healthy, secret: true });
    expect(r.code).toBe(0);
    expect(r.json.verdict).toBe('warn');
    const [c] = check(r.json, 'app.webhook');
    expect(c.status).toBe('warn');
    expect(c.message).toMatch(words);
    expect(c.remediation.join(' ')).toMatch(/messages/);
  });

  it('--require-webhooks makes it fail', async () => {
    emu.setFault({ kind: 'app-subscriptions', state: 'missing' });
    const r = await audit({ token: TOKENS.healthy, secret: true, args: ['--require-webhooks'] });
    expect(r.code).toBe(1);
    expect(check(r.json, 'app.webhook')[0].status).toBe('fail');
  });

  it('without an app secret there is no app.webhook check (it needs the app token)', async () => {
    const r = await audit({ token: TOKENS.healthy });
    expect(check(r.json, 'app.webhook')).toEqual([]);
  });
});

describe('planAudit contract (sources, in-process)', () => {
  it('keeps the original items first and appends the new reads', async () => {
    const { planAudit } = await import('../../src/run/plan.js');
    const policy = readPolicy({ appId: APP_ID, wabaIds: WABA.main, phoneNumberIds: PHONE.healthy });
    const plan = planAudit({ token: TOKENS.healthy, appSecret: APP_SECRET, policy });
    expect(plan.items.map((i) => i.item.path.split('?')[0])).toEqual([
      'debug_token',
      PHONE.healthy,
      `${WABA.main}/subscribed_apps`,
      `${WABA.main}/phone_numbers`,
      `${APP_ID}/subscriptions`,
      WABA.main,
    ]);
    expect(plan.items.map((i) => i.name)).toEqual([
      'debug_token',
      `phone:${PHONE.healthy}`,
      `subscribed_apps:${WABA.main}`,
      `phone_numbers:${WABA.main}`,
      'app_subscriptions',
      `waba:${WABA.main}`,
    ]);
  });
});

describe('discover: WABAs reached through the business', () => {
  it('an empty assigned list under grants without target_ids is completed from the business edges', async () => {
    const r = await discover({ token: TOKENS.viaBusiness, args: ['--json'] });
    expect(r.code).toBe(0);
    expect(r.json.status).toBe('complete');
    expect(r.json.sources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'assigned_whatsapp_business_accounts', outcome: 'ok', wabas: 0 }),
        expect.objectContaining({ source: 'owned_whatsapp_business_accounts', businessId: BUSINESS.main, outcome: 'ok', wabas: 4 }),
        expect.objectContaining({ source: 'client_whatsapp_business_accounts', businessId: BUSINESS.main, outcome: 'ok', wabas: 1 }),
      ]),
    );
    expect(r.json.wabas.map((w: any) => [w.id, w.source])).toEqual([
      [WABA.main, 'owned_whatsapp_business_accounts'],
      [WABA.second, 'owned_whatsapp_business_accounts'],
      [WABA.third, 'owned_whatsapp_business_accounts'],
      [WABA.unsubscribed, 'owned_whatsapp_business_accounts'],
      [WABA.other, 'client_whatsapp_business_accounts'],
    ]);
    expectNoTokenInUrls();
  });

  it('without business_management the empty list is partial, and says what would complete it', async () => {
    const r = await discover({ token: TOKENS.viaBusinessNoBm, args: ['--json'] });
    expect(r.json.status).toBe('partial');
    expect(r.json.wabas).toEqual([]);
    expect(r.json.partial.join(' ')).toMatch(/may reach its WABAs through its business.*lacks business_management/);
    expect(emu.batchItems.some((i) => /owned_whatsapp|client_whatsapp/.test(i.relativeUrl))).toBe(false);
  });

  it('an Embedded Signup token of June 2026: manage_events targets are not WABAs; the business edges find them', async () => {
    const r = await discover({ token: TOKENS.esJune2026, args: ['--json'] });
    expect(r.json.wabas.some((w: any) => w.source === 'target_ids')).toBe(false);
    expect(r.json.wabas.map((w: any) => w.id)).toContain(WABA.main);
    expect(r.json.status).toBe('complete');
  });
});
