// One logical Graph call -> one Answer. Plain HTTP requests and batch items both come through `answerGraph`,
// so a fault token or a missing grant behaves the same inside and outside a batch.
import type { Answer } from './answer.js';
import { htmlAnswer, jsonAnswer } from './answer.js';
import { type Caller, checkProof, resolveCaller } from './auth.js';
import {
  APP_ID,
  APP_NAME,
  LISTING_REFUSED_USERS,
  OTHER_APP_NAME,
  PHONES,
  type PhoneFixture,
  SCOPE,
  TOKEN_SPECS,
  type TokenSpec,
  USER_WABAS,
  WABAS,
  type WabaFixture,
} from './fixtures.js';
import {
  appMismatch,
  appTokenRequired,
  cannotParse,
  type GraphErrorSpec,
  graphError,
  missingParam,
  objectNotFound,
  permissionsError,
  standardError,
} from './graph-errors.js';
import { pageOf } from './paging.js';

export interface Usage {
  /** Percent (0-100) reported in X-App-Usage. */
  appUsage: number;
  /** Percent (0-100) reported in X-Business-Use-Case-Usage. */
  bucUsage: number;
  /** estimated_time_to_regain_access, in minutes as Graph documents it. */
  regainMinutes: number;
}

export interface GraphState {
  now(): number;
  usage: Usage;
  /** Calls seen per token (the inspected token for debug_token, the caller otherwise). */
  counters: Map<string, number>;
  /** What `/{app-id}/subscriptions` shows (set by the `app-subscriptions` fault). */
  subscriptions: 'active' | 'inactive' | 'missing';
}

export interface GraphCall {
  method: string;
  /** Path segments after the version: `['debug_token']`, `['2000…', 'phone_numbers']`. */
  segments: string[];
  version: string;
  /** Query and form parameters, merged. */
  params: URLSearchParams;
  token: string | undefined;
  /** `http://127.0.0.1:PORT`, for paging URLs. */
  baseUrl: string;
}

export function answerGraph(state: GraphState, call: GraphCall): Answer {
  const [first, edge, ...rest] = call.segments;
  const subject = first === 'debug_token' ? (call.params.get('input_token') ?? call.token) : call.token;

  // Server-side trouble comes before any auth check, as a failing backend would.
  const { answer: faulted, delayMs } = tokenFault(state, subject);
  if (faulted) return faulted;
  const withDelay = (a: Answer): Answer => (delayMs ? { ...a, delayMs } : a);

  const proofError = checkProof(call.params, call.token);
  if (proofError) return graphError(proofError);

  const method = call.method.toUpperCase();
  if (first === undefined) return graphError(objectNotFound('', verb(method)));
  if (rest.length > 0) return graphError(objectNotFound(first, verb(method)));
  if (method !== 'GET') return withDelay(writeCall(state, call, first, edge));
  if (first === 'debug_token' && edge === undefined) return withDelay(debugToken(state, call));

  const caller = resolveCaller(call.token, state.now());
  if ('error' in caller) return graphError(caller.error);

  if (edge === undefined) return withDelay(node(state, caller, first, call.params));
  if (edge === 'phone_numbers') return withDelay(phoneNumbers(state, caller, first, call));
  if (edge === 'subscribed_apps') return withDelay(subscribedApps(state, caller, first));
  if (edge === 'assigned_whatsapp_business_accounts')
    return withDelay(assignedWabas(state, caller, first, call));
  if (edge === 'subscriptions') return withDelay(appSubscriptions(state, caller, first));
  return graphError(objectNotFound(first, 'get'));
}

function verb(method: string): 'get' | 'post' | 'delete' {
  return method === 'DELETE' ? 'delete' : method === 'GET' ? 'get' : 'post';
}

/** Counts the call for `token`; returns the fault answer (or delay) its fixture asks for, if any. */
function tokenFault(state: GraphState, token: string | undefined): { answer?: Answer; delayMs?: number } {
  if (token === undefined) return {};
  const n = (state.counters.get(token) ?? 0) + 1;
  state.counters.set(token, n);
  const fault = TOKEN_SPECS[token]?.fault;
  if (!fault) return {};
  if (fault.kind === 'delay') return { delayMs: fault.ms };
  if (n > fault.times) return {};
  if (fault.kind === 'html') return { answer: htmlAnswer(fault.status) };
  const answer = graphError({
    ...standardError(fault.code),
    status: fault.status,
    ...(fault.transient === undefined ? {} : { transient: fault.transient }),
    ...(fault.retryAfter === undefined ? {} : { retryAfter: fault.retryAfter }),
  });
  return { answer };
}

// --- success answers and usage headers ---------------------------------------------------------------------

function ok(state: GraphState, value: unknown, waba?: string): Answer {
  const { appUsage, bucUsage, regainMinutes } = state.usage;
  const headers: Record<string, string> = {
    'x-app-usage': JSON.stringify({ call_count: appUsage, total_cputime: appUsage, total_time: appUsage }),
  };
  if (waba !== undefined) {
    headers['x-business-use-case-usage'] = JSON.stringify({
      [waba]: [
        {
          type: 'whatsapp_business_management',
          call_count: bucUsage,
          total_cputime: bucUsage,
          total_time: bucUsage,
          estimated_time_to_regain_access: regainMinutes,
        },
      ],
    });
  }
  return jsonAnswer(200, value, headers);
}

// --- debug_token -------------------------------------------------------------------------------------------

function debugToken(state: GraphState, call: GraphCall): Answer {
  const now = state.now();
  const input = call.params.get('input_token');
  const inspector = resolveCaller(call.token, now);
  // A bad inspector is a top-level error: for self-inspection that is how a dead token shows.
  if ('error' in inspector) return graphError(inspector.error);
  if (input === null || input === '') return graphError(missingParam('input_token'));
  const inspectorApp = inspector.kind === 'app' ? inspector.appId : inspector.spec.appId;

  if (input.includes('|')) {
    // Inspecting an app token: only our own, correct one is known.
    if (input !== call.token && inspector.kind !== 'app') return graphError(appMismatch());
    return ok(state, {
      data: { app_id: APP_ID, type: 'APP', application: APP_NAME, is_valid: true, scopes: [] },
    });
  }
  const spec = TOKEN_SPECS[input];
  // An unparseable input: Graph still answers 200 and says so in data.error (no app_id: it cannot tell).
  if (!spec)
    return ok(state, {
      data: { error: { code: 190, message: cannotParse().message }, is_valid: false, scopes: [] },
    });
  if (spec.appId !== inspectorApp) return graphError(appMismatch());
  return ok(state, { data: tokenData(spec, now) });
}

/** The `data` of debug_token for a token of the table. */
export function tokenData(spec: TokenSpec, now: number): Record<string, unknown> {
  const data: Record<string, unknown> = {
    app_id: spec.appId,
    type: spec.type,
    application: spec.appId === APP_ID ? APP_NAME : OTHER_APP_NAME,
    data_access_expires_at: spec.dataAccessIn === 0 ? 0 : now + spec.dataAccessIn,
    expires_at: spec.expiresIn === 0 ? 0 : now + spec.expiresIn,
    is_valid: !spec.dead,
  };
  if (spec.issuedAgo !== undefined) data.issued_at = now - spec.issuedAgo;
  if (spec.dead) {
    data.error = { code: 190, message: spec.dead.message(now), subcode: spec.dead.subcode };
    data.scopes = [];
  } else {
    data.scopes = spec.scopes;
    data.granular_scopes = spec.grants.map((g) =>
      g.targetIds ? { scope: g.scope, target_ids: g.targetIds } : { scope: g.scope },
    );
  }
  data.user_id = spec.userId;
  if (spec.malformed === 'missing-is-valid') delete data.is_valid;
  if (spec.malformed === 'wrong-types') {
    data.is_valid = 'true';
    data.scopes = spec.scopes.join(',');
    data.expires_at = '0';
    data.granular_scopes = { scope: SCOPE.management };
  }
  return data;
}

// --- reach -------------------------------------------------------------------------------------------------

/** WABAs a caller can read: the management grant's target_ids, or (no target_ids / no grant) its user's WABAs. */
export function reachableWabas(caller: Caller): Set<string> {
  if (caller.kind === 'app') return new Set();
  const { spec } = caller;
  if (!spec.scopes.includes(SCOPE.management)) return new Set();
  const grant = spec.grants.find((g) => g.scope === SCOPE.management);
  return new Set(grant?.targetIds ?? USER_WABAS[spec.userId] ?? []);
}

const PHONE_FIELDS: Record<string, (p: PhoneFixture) => unknown> = {
  id: (p) => p.id,
  display_phone_number: (p) => p.display,
  verified_name: (p) => p.verifiedName,
  quality_rating: (p) => p.quality,
  code_verification_status: () => 'VERIFIED',
  platform_type: (p) => p.platform,
  throughput: () => ({ level: 'STANDARD' }),
  status: () => 'CONNECTED',
  name_status: () => 'APPROVED',
  whatsapp_business_manager_messaging_limit: (p) => p.limit,
  account_mode: () => 'LIVE',
  is_official_business_account: () => false,
};
const PHONE_DEFAULT = [
  'verified_name',
  'code_verification_status',
  'display_phone_number',
  'quality_rating',
  'platform_type',
  'throughput',
  'id',
];

const WABA_FIELDS: Record<string, (w: WabaFixture) => unknown> = {
  id: (w) => w.id,
  name: (w) => w.name,
  account_review_status: (w) => w.accountReviewStatus,
  business_verification_status: () => 'verified',
  currency: () => 'USD',
  timezone_id: () => '1',
  message_template_namespace: (w) => `fake_namespace_${w.id.slice(-4)}`,
  country: () => 'US',
};
const WABA_DEFAULT = ['id', 'name', 'timezone_id', 'message_template_namespace'];

/** Picks the requested fields (plus id), or answers Graph's "nonexisting field" error. */
function pick<T>(
  item: T,
  table: Record<string, (x: T) => unknown>,
  fields: string | null,
  fallback: string[],
  nodeType: string,
): Record<string, unknown> | GraphErrorSpec {
  const wanted = fields
    ? fields
        .split(',')
        .map((f) => f.trim().replace(/\{.*$/, ''))
        .filter(Boolean)
    : fallback;
  const out: Record<string, unknown> = {};
  for (const f of wanted) {
    const read = table[f];
    if (!read)
      return {
        code: 100,
        message: `(#100) Tried accessing nonexisting field (${f}) on node type (${nodeType})`,
        type: 'OAuthException',
      };
    out[f] = read(item);
  }
  if (!('id' in out)) out.id = table.id!(item);
  return out;
}

function node(state: GraphState, caller: Caller, id: string, params: URLSearchParams): Answer {
  const reach = reachableWabas(caller);
  const phone = PHONES.get(id);
  if (phone && reach.has(phone.waba)) {
    const body = pick(
      phone,
      PHONE_FIELDS,
      params.get('fields'),
      PHONE_DEFAULT,
      'WhatsAppBusinessPhoneNumber',
    );
    return 'code' in body ? graphError(body as GraphErrorSpec) : ok(state, body, phone.waba);
  }
  const waba = WABAS.get(id);
  if (waba && reach.has(waba.id)) {
    const body = pick(waba, WABA_FIELDS, params.get('fields'), WABA_DEFAULT, 'WhatsAppBusinessAccount');
    return 'code' in body ? graphError(body as GraphErrorSpec) : ok(state, body, waba.id);
  }
  return graphError(objectNotFound(id, 'get'));
}

function phoneNumbers(state: GraphState, caller: Caller, wabaId: string, call: GraphCall): Answer {
  const waba = WABAS.get(wabaId);
  if (!waba || !reachableWabas(caller).has(wabaId)) return graphError(objectNotFound(wabaId, 'get'));
  const items: Record<string, unknown>[] = [];
  for (const id of waba.phones) {
    const body = pick(
      PHONES.get(id)!,
      PHONE_FIELDS,
      call.params.get('fields'),
      PHONE_DEFAULT,
      'WhatsAppBusinessPhoneNumber',
    );
    if ('code' in body) return graphError(body as GraphErrorSpec);
    items.push(body);
  }
  const page = pageOf(items, call);
  return 'error' in page ? graphError(page.error) : ok(state, page, wabaId);
}

function subscribedApps(state: GraphState, caller: Caller, wabaId: string): Answer {
  const waba = WABAS.get(wabaId);
  if (!waba || !reachableWabas(caller).has(wabaId)) return graphError(objectNotFound(wabaId, 'get'));
  const data = waba.subscribed
    ? [
        {
          whatsapp_business_api_data: {
            id: APP_ID,
            link: `https://www.example.invalid/apps/${APP_ID}/`,
            name: APP_NAME,
          },
        },
      ]
    : [];
  return ok(state, { data }, wabaId);
}

function assignedWabas(state: GraphState, caller: Caller, userId: string, call: GraphCall): Answer {
  if (caller.kind === 'app') return graphError(objectNotFound(userId, 'get'));
  const user = userId === 'me' ? caller.spec.userId : userId;
  if (user !== caller.spec.userId || !USER_WABAS[user]) return graphError(objectNotFound(userId, 'get'));
  if (LISTING_REFUSED_USERS.has(user)) return graphError(permissionsError());
  const items = USER_WABAS[user]!.map((id) => ({ id, name: WABAS.get(id)?.name ?? id }));
  const page = pageOf(items, call);
  return 'error' in page ? graphError(page.error) : ok(state, page);
}

function appSubscriptions(state: GraphState, caller: Caller, appId: string): Answer {
  if (caller.kind !== 'app') return graphError(appTokenRequired());
  if (appId !== caller.appId) return graphError(objectNotFound(appId, 'get'));
  if (state.subscriptions === 'missing') return ok(state, { data: [] });
  return ok(state, {
    data: [
      {
        object: 'whatsapp_business_account',
        callback_url: 'https://example.invalid/webhook',
        active: state.subscriptions === 'active',
        fields: [{ name: 'messages', version: 'v26.0' }],
      },
    ],
  });
}

// --- writes: answered like Graph, never change state (the tool must not send them at all) ------------------

function writeCall(state: GraphState, call: GraphCall, first: string, edge: string | undefined): Answer {
  const v = verb(call.method.toUpperCase());
  const caller = resolveCaller(call.token, state.now());
  if ('error' in caller) return graphError(caller.error);
  if (edge === 'subscribed_apps' && WABAS.has(first) && reachableWabas(caller).has(first)) {
    return ok(state, { success: true }, first);
  }
  return graphError(objectNotFound(first, v));
}
