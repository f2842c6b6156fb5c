// Pure parts of discovery: grant reach, cursor paging and its caps, tree building and its partial reasons, and
// the boundaries of the phone.waba and app.webhook checks.
import { describe, expect, it } from 'vitest';
import { cliSettingName } from '../../src/cli/settings.js';
import type { CheckContext } from '../../src/core/checks/context.js';
import { phoneWaba } from '../../src/core/checks/phone-waba.js';
import { appWebhook } from '../../src/core/checks/webhook.js';
import type { AppSubscriptionsProbe, WabaPhonesProbe } from '../../src/core/live.js';
import { readPolicy } from '../../src/core/policy.js';
import { grantReach } from '../../src/core/reach.js';
import { buildDiscovery, type DiscoveryFacts, failedDiscovery } from '../../src/run/discovery.js';
import type { BatchResult } from '../../src/graph/batch.js';
import { Listing, pageItem, readPage } from '../../src/graph/paging.js';
import { renderDiscoveryMarkdown } from '../../src/report/discover-markdown.js';
import { renderDiscoveryText } from '../../src/report/discover-text.js';

const MGMT = 'whatsapp_business_management';
const MSG = 'whatsapp_business_messaging';
const ok = (body: unknown): BatchResult => ({ ok: true, status: 200, body });
const refused = (code: number, message = `(#${code}) refused`): BatchResult => ({
  ok: false,
  failure: { kind: 'graph', status: 400, error: { code, message }, retry: 'never' },
});
const outage: BatchResult = {
  ok: false,
  failure: { kind: 'network', code: 'DEADLINE', detail: 'deadline', retry: 'transient' },
  notJudged: 'still failing at the deadline',
};
const page = (ids: string[], after?: string, next = after !== undefined) => ({
  data: ids.map((id) => ({ id })),
  paging: {
    cursors: { before: 'b', ...(after ? { after } : {}) },
    ...(next ? { next: 'https://graph.example/v26.0/x?access_token=SECRET&after=zz' } : {}),
  },
});

describe('grantReach', () => {
  it('unions target_ids of the WhatsApp grants, as strings, without repeats, in order', () => {
    const r = grantReach({
      scopes: [MGMT, MSG],
      granularScopes: [
        { scope: MGMT, targetIds: ['2', '1'] },
        { scope: MSG, targetIds: ['1', '3'] },
        { scope: 'business_management', targetIds: ['99'] },
      ],
    });
    // business_management's target_ids are business IDs, never WABAs.
    expect(r).toEqual({
      targetIds: ['2', '1', '3'],
      needsListing: false,
      noWhatsApp: false,
      businessManagement: true,
      businessIds: ['99'],
    });
  });

  it('only the two WhatsApp permissions name WABAs: whatsapp_business_manage_events does not', () => {
    // The Embedded Signup shape since June 2026: WhatsApp scopes only in `scopes`.
    const r = grantReach({
      scopes: [MGMT, MSG, 'business_management', 'whatsapp_business_manage_events'],
      granularScopes: [
        { scope: 'business_management', targetIds: ['5'] },
        { scope: 'whatsapp_business_manage_events', targetIds: ['7'] },
      ],
    });
    expect(r).toEqual({
      targetIds: [],
      needsListing: true,
      noWhatsApp: false,
      businessManagement: true,
      businessIds: ['5'],
    });
    expect(grantReach({ scopes: ['whatsapp_business_manage_events'], granularScopes: [] }).noWhatsApp).toBe(true);
  });

  it('a WhatsApp grant without target_ids (all WABAs) needs the listing', () => {
    const r = grantReach({ scopes: [MGMT, MSG], granularScopes: [{ scope: MGMT }, { scope: MSG }] });
    expect(r).toMatchObject({ targetIds: [], needsListing: true });
  });

  it('a WhatsApp scope missing from granular_scopes (cannot tell) needs the listing too', () => {
    const r = grantReach({ scopes: [MGMT, MSG], granularScopes: [{ scope: MGMT, targetIds: ['1'] }] });
    expect(r).toMatchObject({ targetIds: ['1'], needsListing: true });
  });

  it('no WhatsApp permission: nothing to list', () => {
    expect(grantReach({ scopes: ['public_profile'], granularScopes: [] })).toEqual({
      targetIds: [],
      needsListing: false,
      noWhatsApp: true,
      businessManagement: false,
      businessIds: [],
    });
  });
});

describe('cursor paging', () => {
  const request = { path: '7/phone_numbers', query: { fields: 'id' }, token: 'T', pageSize: 2, maxPages: 3 };

  it('asks the next page by `after`, never by the `next` URL', () => {
    expect(pageItem(request).path).toBe('7/phone_numbers?fields=id&limit=2');
    const l = new Listing(request);
    const next = l.accept(ok(page(['a', 'b'], 'CUR1')));
    expect(next?.path).toBe('7/phone_numbers?fields=id&limit=2&after=CUR1');
    expect(next?.path).not.toMatch(/access_token|graph\.example/);
    expect(next?.token).toBe('T');
    expect(l.accept(ok(page(['c'])))).toBeUndefined();
    expect(l.outcome()).toEqual({ items: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], pages: 2 });
  });

  it('the page cap cuts a list that goes on, and says so', () => {
    const l = new Listing(request);
    l.accept(ok(page(['a'], 'C1')));
    l.accept(ok(page(['b'], 'C2')));
    expect(l.accept(ok(page(['c'], 'C3')))).toBeUndefined();
    expect(l.outcome()).toMatchObject({ pages: 3, cut: 'page-cap' });
  });

  it('the last page within the cap is not a cut', () => {
    const l = new Listing(request);
    l.accept(ok(page(['a'], 'C1')));
    l.accept(ok(page(['b'], 'C2')));
    expect(l.accept(ok(page(['c'])))).toBeUndefined();
    expect(l.outcome().cut).toBeUndefined();
  });

  it('a cursor after its last page (no `next`) ends the list', () => {
    expect(readPage(page(['a'], 'C1', false))).toEqual({ data: [{ id: 'a' }], moreWithoutCursor: false });
  });

  it('`next` without a cursor is a cut (the URL is never fetched)', () => {
    const l = new Listing(request);
    expect(
      l.accept(ok({ data: [{ id: 'a' }], paging: { next: 'https://x/?access_token=S' } })),
    ).toBeUndefined();
    expect(l.outcome().cut).toBe('no-cursor');
  });

  it('a repeated cursor or an empty page stops instead of looping', () => {
    const l = new Listing({ ...request, maxPages: 50 });
    l.accept(ok(page(['a'], 'SAME')));
    expect(l.accept(ok(page(['b'], 'SAME')))).toBeUndefined();
    const e = new Listing(request);
    expect(e.accept(ok(page([], 'X')))).toBeUndefined();
  });

  it('a refused page ends the list with the failure; a body without data is a failure too', () => {
    const l = new Listing(request);
    l.accept(ok(page(['a'], 'C1')));
    l.accept(refused(200));
    expect(l.outcome()).toMatchObject({ pages: 1, failure: { ok: false } });
    const m = new Listing(request);
    m.accept(ok({ nope: true }));
    expect(m.outcome().failure).toBeDefined();
  });
});

describe('buildDiscovery', () => {
  const token = { fingerprint: 'sha256:00000000', scopes: [MGMT], granularScopes: [] };
  const base = (over: Partial<DiscoveryFacts> = {}): DiscoveryFacts => ({
    token,
    appId: '10',
    reach: { targetIds: ['1'], needsListing: false, noWhatsApp: false, businessManagement: false, businessIds: [] },
    listing: { state: 'not-needed' },
    wabas: [
      {
        id: '1',
        source: 'target_ids',
        node: ok({ id: '1', name: 'Main', account_review_status: 'APPROVED' }),
        apps: ok({ data: [{ whatsapp_business_api_data: { id: '10', name: 'Ours' } }] }),
        phones: {
          items: [
            {
              id: '31',
              display_phone_number: '+1 555',
              verified_name: 'Shop',
              quality_rating: 'GREEN',
              platform_type: 'CLOUD_API',
              status: 'CONNECTED',
              throughput: { level: 'STANDARD' },
            },
          ],
          pages: 1,
        },
      },
    ],
    phonePaging: {},
    ...over,
  });

  it('a complete tree with the documented keys', () => {
    const d = buildDiscovery(base(), '2026-01-01T00:00:00.000Z');
    expect(d).toMatchObject({
      schemaVersion: 1,
      status: 'complete',
      partial: [],
      wabas: [
        {
          id: '1',
          name: 'Main',
          source: 'target_ids',
          appSubscribed: true,
          phoneNumbers: [
            {
              id: '31',
              displayPhoneNumber: '+1 555',
              verifiedName: 'Shop',
              qualityRating: 'GREEN',
              platformType: 'CLOUD_API',
              status: 'CONNECTED',
              throughput: 'STANDARD',
            },
          ],
        },
      ],
    });
    expect(d.webhook).toBeUndefined();
    expect(renderDiscoveryText(d, { color: false })).toMatch(/WABA 1 {2}Main[\s\S]*└─ 31 {2}\+1 555/);
    expect(renderDiscoveryMarkdown(d)).toMatch(
      /\| `1` \| Main \| grant target_ids \| yes \| `31` \| \+1 555 \|/,
    );
  });

  it('a refused listing makes the tree partial and says why (error 200 -> how to grant access)', () => {
    const d = buildDiscovery(
      base({
        reach: { targetIds: [], needsListing: true, noWhatsApp: false, businessManagement: false, businessIds: [] },
        wabas: [],
        listing: {
          state: 'read',
          userId: '44',
          outcome: { items: [], pages: 0, failure: refused(200) as never },
          request: {},
        },
      }),
      'now',
    );
    expect(d.status).toBe('partial');
    expect(d.partial[0]).toMatch(
      /user 44 .*could not be listed: Graph refused with error 200[\s\S]*Assign assets/,
    );
    expect(d.sources).toEqual([
      { source: 'assigned_whatsapp_business_accounts', outcome: 'refused', wabas: 0, pages: 0 },
    ]);
  });

  it('a listing cut by the page cap says so and how to read further', () => {
    const d = buildDiscovery(
      base({
        listing: {
          state: 'read',
          userId: '44',
          outcome: { items: [], pages: 2, cut: 'page-cap' },
          request: { pageSize: 2, maxPages: 2 },
        },
      }),
      'now',
      cliSettingName(),
    );
    expect(d.partial).toEqual([
      'The list of WABAs assigned to user 44 is incomplete: the page cap stopped the list after 2 pages of up to 2 (raise --max-pages to read further).',
    ]);
  });

  it('per-WABA failures, a cut phone list and an unreadable webhook are each a reason', () => {
    const d = buildDiscovery(
      base({
        wabas: [
          {
            id: '1',
            source: 'target_ids',
            listedName: 'Listed',
            node: refused(100),
            apps: outage,
            phones: { items: [{ id: '31' }], pages: 10, cut: 'page-cap' },
          },
        ],
        webhook: { appId: '10', outcome: 'refused', error: { code: 10, message: 'no' } },
      }),
      'now',
    );
    expect(d.wabas[0]).toMatchObject({ name: 'Listed', appSubscribed: null, subscribedApps: null });
    expect(d.partial).toHaveLength(4);
    expect(d.partial.join('\n')).toMatch(
      /details could not be read[\s\S]*incomplete[\s\S]*subscribed apps[\s\S]*webhook/,
    );
  });

  it('the webhook summary: active with messages is ok; inactive or without messages is not', () => {
    const hook = (s: AppSubscriptionsProbe['subscriptions']) =>
      buildDiscovery(base({ webhook: { appId: '10', outcome: 'ok', subscriptions: s } }), 'now').webhook;
    expect(hook([{ object: 'whatsapp_business_account', active: true, fields: ['messages'] }])).toMatchObject(
      {
        ok: true,
        messages: true,
      },
    );
    expect(
      hook([{ object: 'whatsapp_business_account', active: false, fields: ['messages'] }]),
    ).toMatchObject({
      ok: false,
      active: false,
    });
    expect(hook([{ object: 'page', active: true, fields: ['messages'] }])).toMatchObject({
      subscribed: false,
      ok: false,
    });
  });

  it('a failed discovery carries the error and no tree', () => {
    const d = failedDiscovery('failed', 'The token is not valid.', token, 'now', { graphError: '190.463' });
    expect(d).toMatchObject({ status: 'failed', wabas: [], partial: [], error: { graphError: '190.463' } });
    expect(renderDiscoveryText(d, { color: false })).toMatch(/Nothing discovered: The token is not valid/);
  });
});

const ctx = (over: Record<string, unknown> = {}): CheckContext => ({
  policy: readPolicy({ appId: '10', wabaIds: ['1'], phoneNumberIds: ['31'], ...over }),
  now: 0,
  name: cliSettingName(),
});
const listed = (wabaId: string, ids: string[], expected = true, extra: Partial<WabaPhonesProbe> = {}) => ({
  wabaId,
  expected,
  outcome: 'ok' as const,
  phones: ids.map((id) => ({ id })),
  ...extra,
});

describe('phone.waba', () => {
  it('passes when an expected WABA lists the number', () => {
    expect(phoneWaba([listed('1', ['31'])], ctx())[0]).toMatchObject({
      status: 'pass',
      details: { wabaId: '1' },
    });
  });

  it('with several expected WABAs, any of them will do', () => {
    const c = phoneWaba([listed('1', []), listed('2', ['31'])], ctx({ wabaIds: ['1', '2'] }));
    expect(c[0]).toMatchObject({ status: 'pass', details: { wabaId: '2' } });
  });

  it('fails naming the WABA the number really belongs to', () => {
    const [c] = phoneWaba([listed('1', ['30']), listed('9', ['31'], false)], ctx());
    expect(c).toMatchObject({ status: 'fail', details: { wabaId: '9' } });
    expect(c!.message).toMatch(/belongs to WABA 9, not to the expected WABA 1/);
    expect(c!.remediation!.join(' ')).toMatch(/--waba-id 9/);
  });

  it('fails without an owner when every expected list was read completely', () => {
    const [c] = phoneWaba([listed('1', ['30'])], ctx());
    expect(c).toMatchObject({ status: 'fail', details: { wabaId: null } });
    expect(c!.message).toMatch(/cannot see which WABA/);
  });

  it('warns (cannot tell) when an expected list was refused or cut short', () => {
    const refusedList = { wabaId: '1', expected: true, outcome: 'refused' as const, error: { code: 200 } };
    expect(phoneWaba([refusedList], ctx())[0]).toMatchObject({ status: 'warn', graphError: '200' });
    expect(phoneWaba([listed('1', ['30'], true, { incomplete: true })], ctx())[0]!.status).toBe('warn');
    const twoExpected = ctx({ wabaIds: ['1', '2'] });
    expect(
      phoneWaba([listed('1', []), { wabaId: '2', expected: true, outcome: 'unknown' }], twoExpected)[0]!
        .status,
    ).toBe('warn');
  });

  it('skips when nothing was listed or no expected list could be asked', () => {
    expect(phoneWaba(undefined, ctx())[0]!.status).toBe('skip');
    expect(phoneWaba([{ wabaId: '1', expected: true, outcome: 'unknown' }], ctx())[0]!.status).toBe('skip');
  });

  it('one check per expected phone number, in policy order', () => {
    const c = phoneWaba([listed('1', ['31'])], ctx({ phoneNumberIds: ['31', '32'] }));
    expect(c.map((x) => [x.details?.phoneNumberId, x.status])).toEqual([
      ['31', 'pass'],
      ['32', 'fail'],
    ]);
  });
});

describe('app.webhook', () => {
  const probe = (subscriptions: AppSubscriptionsProbe['subscriptions']): AppSubscriptionsProbe => ({
    appId: '10',
    outcome: 'ok',
    subscriptions,
  });
  const wa = (active: boolean | undefined, fields: string[]) => ({
    object: 'whatsapp_business_account',
    active,
    fields,
  });

  it('passes with an active whatsapp_business_account subscription that has messages', () => {
    expect(appWebhook(probe([wa(true, ['messages', 'account_update'])]), ctx()).status).toBe('pass');
    // `active` absent: Graph did not say otherwise.
    expect(appWebhook(probe([wa(undefined, ['messages'])]), ctx()).status).toBe('pass');
  });

  it.each([
    ['no subscription at all', [], /no whatsapp_business_account webhook subscription/],
    [
      'only another object',
      [{ object: 'page', active: true, fields: ['messages'] }],
      /no whatsapp_business_account/,
    ],
    ['inactive', [wa(false, ['messages'])], /not active/],
    ['without messages', [wa(true, ['account_update'])], /does not include the "messages" field/],
  ])('warns when there is %s, with remediation', (_n, subs, words) => {
    const c = appWebhook(probe(subs), ctx());
    expect(c.status).toBe('warn');
    expect(c.message).toMatch(words);
    expect(c.message).toMatch(/replies\) and delivery statuses/);
    expect(c.remediation!.join(' ')).toMatch(/WhatsApp > Configuration/);
  });

  it('require-webhooks turns the warning into a failure', () => {
    expect(appWebhook(probe([]), ctx({ requireWebhooks: true })).status).toBe('fail');
  });

  it('refused: cannot tell (warn, with the Graph error); unknown: skip', () => {
    const r = appWebhook({ appId: '10', outcome: 'refused', error: { code: 190, message: 'bad' } }, ctx());
    expect(r).toMatchObject({ status: 'warn', graphError: '190' });
    expect(appWebhook({ appId: '10', outcome: 'unknown' }, ctx()).status).toBe('skip');
  });
});

describe('input check before any network call', () => {
  it('a phone number given as --phone-number-id explains the ID and where to find it', () => {
    expect(() => readPolicy({ appId: '1', phoneNumberIds: '+1 555-010-0001' })).toThrow(
      /looks like a phone number, but Graph needs the phone number's ID[\s\S]*WhatsApp Manager/,
    );
  });

  it('a phone number given as --waba-id says so; other non-digits are plain usage errors', () => {
    expect(() => readPolicy({ appId: '1', wabaIds: '+1 555 010 0001' })).toThrow(/looks like a phone number/);
    expect(() => readPolicy({ appId: '1', wabaIds: 'abc' })).toThrow(/digits only/);
    expect(() => readPolicy({ appId: '1', phoneNumberIds: '12ab' })).toThrow(/digits only/);
  });
});
