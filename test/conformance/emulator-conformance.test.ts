// The emulator's answers, success and error, hold to the project's JSON schemas of Graph's answers
// (test/conformance/schemas/, written from Meta's OpenAPI description and the Graph reference). Real HTTP to a
// real emulator on 127.0.0.1: what a client would receive is what is validated.
import { describe, expect, it } from 'vitest';
import {
  APP_ID,
  APP_TOKEN,
  BUSINESS,
  PHONE,
  TOKENS,
  USER_IDS,
  WABA,
  type TokenName,
} from '../emulator/fixtures.js';
import { useEmulator } from '../helpers/emulator.js';
import { answerProblems, problems, schemaFiles, statusesForCode, successSchemaFor } from './graph-schemas.js';

const emulator = useEmulator();

/** Tokens whose debug_token `data` is broken on purpose (the readers' robustness tests). */
const MALFORMED: TokenName[] = ['missingIsValid', 'wrongTypes'];
const SLOW: TokenName[] = ['slow'];
const HTML: TokenName[] = ['proxyHtml502'];

interface Got {
  status: number;
  body: unknown;
  headers: Headers;
}

async function get(path: string, token?: string): Promise<Got> {
  const res = await fetch(`${emulator.url}/v26.0/${path}`, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as unknown, headers: res.headers };
}

function conform(path: string, got: Got, node?: 'phone-number' | 'waba'): void {
  const segments = path.split('?')[0]!.split('/');
  expect(answerProblems('GET', segments, got.status, got.body, node), `GET ${path} -> ${got.status}`).toEqual([]);
}

const PHONE_ASK =
  'id,display_phone_number,verified_name,quality_rating,code_verification_status,platform_type,throughput,status,name_status,account_mode,health_status,whatsapp_business_manager_messaging_limit';
const WABA_ASK =
  'id,name,currency,timezone_id,message_template_namespace,account_review_status,business_verification_status,country,health_status';
const TEMPLATE_ASK = 'id,name,language,status,category,quality_score,rejected_reason';

const judged = (Object.keys(TOKENS) as TokenName[]).filter(
  (t) => !MALFORMED.includes(t) && !SLOW.includes(t) && !HTML.includes(t) && TOKENS[t] !== APP_TOKEN,
);

describe('the schemas themselves', () => {
  it('each one names the version of Meta\'s description (or the doc page) and the path it describes', () => {
    const files = schemaFiles();
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const { file, schema } of files) {
      const src = schema['x-source'] as { version?: string; paths?: string[]; spec?: string; docs?: string[] };
      expect(src?.version, file).toMatch(/^v\d+\.\d+$/);
      expect(src?.paths?.length, file).toBeGreaterThan(0);
      expect(Boolean(src?.spec) || (src?.docs?.length ?? 0) > 0, file).toBe(true);
    }
  });

  it('they can fail: an invented field, a wrong enum value, a subcode under the envelope key', () => {
    expect(problems('phone-number', { id: '1', quality_rating: 'PURPLE' })).not.toEqual([]);
    expect(problems('phone-number', { id: '1', colour: 'GREEN' })).not.toEqual([]);
    expect(problems('debug-token', { data: { is_valid: false, scopes: [], error: { code: 190, message: 'x', error_subcode: 463 } } })).not.toEqual([]);
    expect(problems('debug-token', { data: { is_valid: false, scopes: [] } })).not.toEqual([]);
    expect(problems('debug-token', { data: { type: 'APP', is_valid: true, scopes: [], expires_at: 0 } })).not.toEqual([]);
    expect(problems('graph-error', { error: { message: 'x', code: 190 } })).not.toEqual([]);
    expect(problems('batch', [{ code: 200, body: { id: '1' } }])).not.toEqual([]);
    expect(statusesForCode(190)).not.toContain(200);
  });

  it('success schemas are routed by path', () => {
    expect(successSchemaFor('GET', ['debug_token'])).toBe('debug-token');
    expect(successSchemaFor('GET', [WABA.main, 'phone_numbers'])).toBe('waba-phone-numbers');
    expect(successSchemaFor('GET', ['4', 'owned_whatsapp_business_accounts'])).toBe('business-wabas');
    expect(successSchemaFor('GET', [APP_ID, 'subscriptions'])).toBe('app-subscriptions');
    expect(successSchemaFor('GET', [WABA.main, 'message_templates'])).toBe('waba-message-templates');
  });
});

describe('debug_token answers', () => {
  it.each(judged)('inspected by the app token: %s', async (name) => {
    const path = `debug_token?input_token=${encodeURIComponent(TOKENS[name])}`;
    conform(path, await get(path, APP_TOKEN));
  });

  it.each(judged)('inspecting itself: %s', async (name) => {
    const path = `debug_token?input_token=${encodeURIComponent(TOKENS[name])}`;
    conform(path, await get(path, TOKENS[name]));
  });

  it('the app token, garbage input, a missing inspector and a wrong secret', async () => {
    for (const [input, inspector] of [
      [APP_TOKEN, APP_TOKEN],
      ['not-a-token-at-all', APP_TOKEN],
      [TOKENS.healthy, undefined],
      [TOKENS.healthy, TOKENS.appWrongSecret],
      [TOKENS.otherApp, APP_TOKEN],
    ] as const) {
      const path = `debug_token?input_token=${encodeURIComponent(input)}`;
      conform(path, await get(path, inspector));
    }
  });

  it('deliberately malformed answers do NOT conform (so the schema is what the readers are tested against)', async () => {
    for (const name of MALFORMED) {
      const got = await get(`debug_token?input_token=${encodeURIComponent(TOKENS[name])}`, APP_TOKEN);
      expect(problems('debug-token', got.body), name).not.toEqual([]);
    }
  });
});

describe('node and edge reads', () => {
  const tokens: TokenName[] = ['healthy', 'sendability', 'adminNoTargets', 'otherWabaOnly', 'expired', 'transient2', 'rateLimited4', 'rateLimited80007', 'unknown1'];

  it.each(tokens)('phone numbers, asked fields and default fields: %s', async (name) => {
    for (const id of Object.values(PHONE)) {
      for (const path of [`${id}?fields=${PHONE_ASK}`, id]) conform(path, await get(path, TOKENS[name]), 'phone-number');
    }
  });

  it.each(tokens)('WABA nodes and their edges: %s', async (name) => {
    for (const id of Object.values(WABA)) {
      conform(`${id}?fields=${WABA_ASK}`, await get(`${id}?fields=${WABA_ASK}`, TOKENS[name]), 'waba');
      conform(id, await get(id, TOKENS[name]), 'waba');
      for (const edge of [
        'phone_numbers',
        'subscribed_apps',
        `phone_numbers?fields=id,display_phone_number`,
        'message_templates',
        `message_templates?name=order_update&fields=${TEMPLATE_ASK}`,
        `message_templates?name=login_code&fields=${TEMPLATE_ASK}&limit=1`,
      ]) {
        const path = `${id}/${edge}`;
        conform(path, await get(path, TOKENS[name]));
      }
    }
  });

  it('assigned WABAs of each user, listed by its own token and refused to others', async () => {
    for (const [name, user] of [
      ['healthy', USER_IDS.systemUser],
      ['adminNoTargets', USER_IDS.adminSystemUser],
      ['adminListingRefused', USER_IDS.refusedSystemUser],
      ['healthy', USER_IDS.adminSystemUser],
    ] as const) {
      for (const who of [user, 'me']) {
        const path = `${who}/assigned_whatsapp_business_accounts?fields=id,name`;
        conform(path, await get(path, TOKENS[name]));
      }
    }
  });

  it("a business's owned and client WABAs, with and without business_management", async () => {
    for (const name of ['viaBusiness', 'viaBusinessNoBm', 'healthy', 'esJune2026'] as const)
      for (const edge of ['owned_whatsapp_business_accounts', 'client_whatsapp_business_accounts'])
        for (const business of Object.values(BUSINESS)) {
          const path = `${business}/${edge}?fields=${WABA_ASK}`;
          conform(path, await get(path, TOKENS[name]));
        }
  });

  it('Require App Secret refusals, and subscribed apps asked with fields', async () => {
    emulator.setFault({ kind: 'require-app-secret' });
    conform(PHONE.healthy, await get(PHONE.healthy, TOKENS.healthy), 'phone-number');
    emulator.setFault(undefined);
    conform(`${WABA.second}/subscribed_apps?fields=id,name`, await get(`${WABA.second}/subscribed_apps?fields=id,name`, TOKENS.healthy));
  });

  it('the fields of each Graph version', async () => {
    for (const v of ['v23.0', 'v24.0', 'v26.0'])
      for (const f of ['whatsapp_business_manager_messaging_limit', 'messaging_limit_tier', 'webhook_configuration']) {
        const res = await fetch(`${emulator.url}/${v}/${PHONE.yellow}?fields=${f}`, {
          headers: { authorization: `Bearer ${TOKENS.healthy}` },
        });
        expect(answerProblems('GET', [PHONE.yellow], res.status, await res.json(), 'phone-number'), `${v} ${f}`).toEqual([]);
      }
  });

  it('webhook routing: each level of webhook_configuration, and a WABA that lists another app with its own alternate', async () => {
    // PHONE.yellow: our phone override (with a query string) over WABA.second's; PHONE.onPremise: WABA.second's;
    // PHONE.red: the other app's overrides, invisible to our app; PHONE.healthy: the app's callback only.
    for (const id of [PHONE.yellow, PHONE.onPremise, PHONE.red, PHONE.healthy])
      conform(id, await get(`${id}?fields=${PHONE_ASK},webhook_configuration`, TOKENS.healthy), 'phone-number');
    const main = await get(`${WABA.main}/subscribed_apps`, TOKENS.healthy);
    conform(`${WABA.main}/subscribed_apps`, main);
    expect((main.body as { data: unknown[] }).data).toHaveLength(2);
  });

  it('the app\'s subscriptions, with the app token and with a user token', async () => {
    conform(`${APP_ID}/subscriptions`, await get(`${APP_ID}/subscriptions`, APP_TOKEN));
    conform(`${APP_ID}/subscriptions`, await get(`${APP_ID}/subscriptions`, TOKENS.healthy));
  });

  it('v23.0: messaging_limit_tier, and the v24.0 field it lacks', async () => {
    for (const id of [PHONE.healthy, PHONE.pending]) {
      const old = await fetch(`${emulator.url}/v23.0/${id}?fields=id,messaging_limit_tier,health_status`, {
        headers: { authorization: `Bearer ${id === PHONE.healthy ? TOKENS.healthy : TOKENS.sendability}` },
      });
      const body = (await old.json()) as unknown;
      expect(answerProblems('GET', [id], old.status, body, 'phone-number')).toEqual([]);
      const missing = await fetch(`${emulator.url}/v23.0/${id}?fields=id,whatsapp_business_manager_messaging_limit`, {
        headers: { authorization: `Bearer ${id === PHONE.healthy ? TOKENS.healthy : TOKENS.sendability}` },
      });
      expect(missing.status).toBe(400);
      expect(answerProblems('GET', [id], missing.status, await missing.json(), 'phone-number')).toEqual([]);
    }
  });

  it('a field the node lacks, and unknown objects', async () => {
    conform(`${PHONE.healthy}?fields=id,search_visibility_x`, await get(`${PHONE.healthy}?fields=id,search_visibility_x`, TOKENS.healthy));
    conform('9999999999/phone_numbers', await get('9999999999/phone_numbers', TOKENS.healthy));
    conform(PHONE.healthy, await get(PHONE.healthy));
  });
});

describe('batch answers', () => {
  it('single null items conform', async () => {
    emulator.setFault({ kind: 'batch-null-items', positions: [1] });
    const batch = [PHONE.healthy, PHONE.red, PHONE.yellow].map((id) => ({ method: 'GET', relative_url: `v26.0/${id}` }));
    const res = await fetch(`${emulator.url}/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKENS.healthy}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ batch: JSON.stringify(batch) }).toString(),
    });
    const items = (await res.json()) as unknown[];
    expect(items[1]).toBeNull();
    expect(items[0]).not.toBeNull();
    expect(problems('batch', items)).toEqual([]);
  });

  it('every item, and every item body, conforms', async () => {
    const relative = [
      `v26.0/debug_token?input_token=${encodeURIComponent(TOKENS.healthy)}`,
      `v26.0/${PHONE.healthy}?fields=${PHONE_ASK}`,
      `v26.0/${WABA.main}/subscribed_apps`,
      `v26.0/${PHONE.otherWaba}`,
      `v26.0/${WABA.main}/phone_numbers`,
      `v26.0/${WABA.main}/message_templates?name=order_update&fields=${TEMPLATE_ASK}&limit=100`,
    ];
    const batch = relative.map((relative_url) => ({ method: 'GET', relative_url }));
    const res = await fetch(`${emulator.url}/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKENS.healthy}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ batch: JSON.stringify(batch), include_headers: 'true' }).toString(),
    });
    expect(res.status).toBe(200);
    const items = (await res.json()) as ({ code: number; body: string } | null)[];
    expect(problems('batch', items)).toEqual([]);
    items.forEach((item, i) => {
      if (item === null) return;
      const segments = relative[i]!.split('?')[0]!.split('/').slice(1);
      const node = i === 3 ? 'phone-number' : undefined;
      expect(answerProblems('GET', segments, item.code, JSON.parse(item.body), node), relative[i]).toEqual([]);
    });
  });
});
