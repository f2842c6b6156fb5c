// One logical Graph call -> one Answer. Plain HTTP requests and batch items both come through `answerGraph`,
// so a fault token or a missing grant behaves the same inside and outside a batch.
import type { Answer } from './answer.js';
import { htmlAnswer, jsonAnswer } from './answer.js';
import { type Caller, checkProof, resolveCaller } from './auth.js';
import {
  APP_ID,
  APP_NAME,
  APP_TOKEN,
  BUSINESS,
  BUSINESS_WABAS,
  CALLBACK,
  CALLBACK_QUERY,
  type HealthEntityFixture,
  LISTING_REFUSED_USERS,
  OTHER_APP_ID,
  OTHER_APP_NAME,
  PHONES,
  type PhoneFixture,
  SCOPE,
  TEMPLATES,
  type TemplateFixture,
  TOKEN_SPECS,
  type TokenSpec,
  USER_BUSINESS,
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
  mustProvide,
  objectNotFound,
  permissionsError,
  standardError,
  wrongAppSecret,
} from './graph-errors.js';
import { pageOf } from './paging.js';

export interface Usage {
  /** Percent (0-100) reported in X-App-Usage. */
  appUsage: number;
  /** Percent (0-100) reported in X-Business-Use-Case-Usage. */
  bucUsage: number;
  /** estimated_time_to_regain_access, in minutes as Graph documents it. */
  regainMinutes: number;
  /**
   * Percentage points every call adds to both figures (capped at 100): Graph's usage is a rolling-hour share of
   * the allowance, and every call counts, each batch item on its own (Meta's rate-limiting and batch guides).
   */
  perCall: number;
}

export interface GraphState {
  now(): number;
  usage: Usage;
  /** Calls seen per token (the inspected token for debug_token, the caller otherwise). */
  counters: Map<string, number>;
  /** What `/{app-id}/subscriptions` shows (set by the `app-subscriptions` fault). */
  subscriptions: 'active' | 'inactive' | 'missing';
  /** The app's "Require App Secret" toggle (set by the `require-app-secret` fault). */
  requireAppSecret: boolean;
  /** Fields every node answers "nonexisting field" for (set by the `unknown-field` fault). */
  refusedFields: ReadonlySet<string>;
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
  if (state.usage.perCall > 0) {
    state.usage.appUsage = Math.min(100, state.usage.appUsage + state.usage.perCall);
    state.usage.bucUsage = Math.min(100, state.usage.bucUsage + state.usage.perCall);
  }
  const { answer: faulted, delayMs } = tokenFault(state, subject);
  if (faulted) return faulted;
  const withDelay = (a: Answer): Answer => (delayMs ? { ...a, delayMs } : a);

  const proofError = checkProof(call.params, call.token, {
    required: state.requireAppSecret,
    now: state.now(),
  });
  if (proofError) return graphError(proofError);

  const method = call.method.toUpperCase();
  if (first === undefined) return graphError(objectNotFound('', verb(method)));
  if (rest.length > 0) return graphError(objectNotFound(first, verb(method)));
  if (method !== 'GET') return withDelay(writeCall(state, call, first, edge));
  if (first === 'debug_token' && edge === undefined) return withDelay(debugToken(state, call));

  const caller = resolveCaller(call.token, state.now());
  if ('error' in caller) return graphError(caller.error);

  if (edge === undefined) return withDelay(node(state, caller, first, call));
  if (edge === 'phone_numbers') return withDelay(phoneNumbers(state, caller, first, call));
  if (edge === 'subscribed_apps') return withDelay(subscribedApps(state, caller, first, call.params));
  if (edge === 'message_templates') return withDelay(messageTemplates(state, caller, first, call));
  if (edge === 'owned_whatsapp_business_accounts' || edge === 'client_whatsapp_business_accounts')
    return withDelay(businessWabas(state, caller, first, edge, call));
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
  const { regainMinutes } = state.usage;
  // Graph reports whole percentages.
  const appUsage = Math.floor(state.usage.appUsage);
  const bucUsage = Math.floor(state.usage.bucUsage);
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
  // No inspector at all: a permanent refusal the user fixes by giving the app secret (captured from real Graph).
  if (call.token === undefined || call.token === '') return graphError(mustProvide());
  // A dead token inspecting itself still gets 200 with data.is_valid false and data.error, as real captures
  // show (bk-rs/facebook-apis-rs debug_token__user_access_token_3.json and _4.json); only a debugger
  // "Session Info" token is refused outright (debug_token__400__debug_only_access_token.json).
  const self = TOKEN_SPECS[call.token];
  if (self?.dead && !self.debugOnly && input === call.token) return tokenAnswer(state, self, now);
  const inspector = resolveCaller(call.token, now);
  // Any other bad inspector is a top-level error.
  if ('error' in inspector) return graphError(inspector.error);
  if (input === null || input === '') return graphError(missingParam('input_token'));
  const inspectorApp = inspector.kind === 'app' ? inspector.appId : inspector.spec.appId;

  if (input.includes('|')) {
    // Inspecting an app token `APP_ID|SECRET`. Real answers (bk-rs/facebook-apis-rs, debug_token__200__*):
    // ours with a wrong secret says "Invalid OAuth access token signature.", an unknown app id "Cannot get
    // application info"; both as 200 + data.error, like any dead input. A valid app token has no expires_at.
    if (input !== call.token && inspector.kind !== 'app') return graphError(appMismatch());
    if (input === APP_TOKEN)
      return ok(state, {
        data: { app_id: APP_ID, type: 'APP', application: APP_NAME, is_valid: true, scopes: [] },
      });
    const message = input.startsWith(`${APP_ID}|`)
      ? wrongAppSecret().message
      : 'Error validating application. Cannot get application info due to a system error.';
    return ok(state, { data: { error: { code: 190, message }, is_valid: false, scopes: [] } });
  }
  const spec = TOKEN_SPECS[input];
  // An unparseable input: Graph still answers 200 and says so in data.error (no app_id: it cannot tell).
  if (!spec)
    return ok(state, {
      data: { error: { code: 190, message: cannotParse().message }, is_valid: false, scopes: [] },
    });
  if (spec.appId !== inspectorApp) return graphError(appMismatch());
  return tokenAnswer(state, spec, now);
}

/** 2^54 + 1: an id no JSON number reader holds exactly (the nearest double is 2^54). */
export const HUGE_TARGET_ID = '18014398509481985';

function tokenAnswer(state: GraphState, spec: TokenSpec, now: number): Answer {
  const answer = ok(state, { data: tokenData(spec, now) });
  // JSON.stringify cannot write an integer beyond 2^53 exactly: write its digits into the text.
  return spec.numericIds === 'huge'
    ? { ...answer, body: answer.body.replaceAll(`"${HUGE_TARGET_ID}"`, HUGE_TARGET_ID) }
    : answer;
}

/** The `data` of debug_token for a token of the table. */
function tokenData(spec: TokenSpec, now: number): Record<string, unknown> {
  const data: Record<string, unknown> = {
    app_id: spec.appId,
    type: spec.type,
    application: spec.appId === APP_ID ? APP_NAME : OTHER_APP_NAME,
    data_access_expires_at: spec.dataAccessIn === 0 ? 0 : now + spec.dataAccessIn,
    expires_at: spec.expiresIn === 0 ? 0 : now + spec.expiresIn,
    is_valid: !spec.dead,
  };
  if (spec.issuedAgo !== undefined) data.issued_at = now - spec.issuedAgo;
  const num = (id: string): string | number => (spec.numericIds && id !== HUGE_TARGET_ID ? Number(id) : id);
  if (spec.dead) {
    // The key is `subcode` (not the envelope's error_subcode), and often there is none. A dead token keeps
    // its scopes (captures above) but not its granular grants.
    data.error = {
      code: 190,
      message: spec.dead.message(now),
      ...(spec.dead.subcode === undefined ? {} : { subcode: spec.dead.subcode }),
    };
    data.scopes = spec.scopes;
  } else {
    data.scopes = spec.scopes;
    data.granular_scopes = spec.grants.map((g) => {
      if (!g.targetIds) return { scope: g.scope };
      const ids = spec.numericIds === 'huge' ? [...g.targetIds, HUGE_TARGET_ID] : g.targetIds;
      return { scope: g.scope, target_ids: ids.map(num) };
    });
  }
  data.user_id = spec.userId;
  if (spec.numericIds) {
    data.app_id = Number(spec.appId);
    data.user_id = Number(spec.userId);
  }
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

/**
 * WABAs a caller can read: the management grant's target_ids, or (no target_ids / no grant) its user's
 * assigned WABAs, plus, for the admin system user of a business with no assignments, everything the business
 * owns or was shared (it reaches them through the business).
 */
export function reachableWabas(caller: Caller): Set<string> {
  if (caller.kind === 'app') return new Set();
  const { spec } = caller;
  if (!spec.scopes.includes(SCOPE.management)) return new Set();
  const grant = spec.grants.find((g) => g.scope === SCOPE.management);
  if (grant?.targetIds) return new Set(grant.targetIds);
  const assigned = USER_WABAS[spec.userId] ?? [];
  const business = USER_BUSINESS[spec.userId];
  const viaBusiness =
    assigned.length === 0 && business ? [...BUSINESS_WABAS[business]!.owned, ...BUSINESS_WABAS[business]!.client] : [];
  return new Set([...assigned, ...viaBusiness]);
}

/** Who reads a node: the caller's app, and whether that app has a webhook callback (webhook_configuration). */
interface Viewer {
  appId: string;
  subscriptions: GraphState['subscriptions'];
}

/** A field read: its value, or `undefined` when the node does not have it on this Graph version. */
type FieldRead<T> = (item: T, version: number, viewer: Viewer) => unknown;

/** Graph version as a number: 'v23.0' -> 23. */
function major(version: string): number {
  return Number(/^v(\d+)/.exec(version)?.[1] ?? 0);
}

const PHONE_FIELDS: Record<string, FieldRead<PhoneFixture>> = {
  id: (p) => p.id,
  display_phone_number: (p) => p.display,
  verified_name: (p) => p.verifiedName,
  quality_rating: (p) => p.quality,
  code_verification_status: (p) => p.codeVerification,
  platform_type: (p) => p.platform,
  throughput: () => ({ level: 'STANDARD' }),
  status: (p) => p.status,
  name_status: (p) => p.nameStatus,
  // From v24.0 the portfolio's limit; the old per-number field is deprecated and answers null there
  // (Meta's messaging-limits page; david-lev/pywa#221).
  whatsapp_business_manager_messaging_limit: (p, v) => (v >= 24 ? p.limit : undefined),
  messaging_limit_tier: (p, v) => (v >= 24 ? null : p.limit === 'TIER_2K' ? 'TIER_1K' : p.limit),
  account_mode: (p) => p.accountMode,
  health_status: (p) => healthOf(WABAS.get(p.waba)!, p),
  is_official_business_account: () => false,
  webhook_configuration: (p, _v, viewer) => webhookConfiguration(p, viewer),
};
/** The default fields of a phone number, as real answers list them; webhook_configuration is among them. */
const PHONE_DEFAULT = [
  'verified_name',
  'code_verification_status',
  'display_phone_number',
  'quality_rating',
  'platform_type',
  'throughput',
  'webhook_configuration',
  'id',
];

/**
 * `health_status` as Meta's health-status page shows it: PHONE_NUMBER (when a number is the target), then WABA,
 * BUSINESS and APP; the overall value is the worst entity's. BLOCKED and LIMITED entities carry their errors
 * (and LIMITED ones `additional_info`).
 */
function healthOf(w: WabaFixture, p?: PhoneFixture): Record<string, unknown> {
  const entity = (type: string, id: string, f: HealthEntityFixture) => ({
    entity_type: type,
    id,
    can_send_message: f.can,
    ...(f.additionalInfo ? { additional_info: f.additionalInfo } : {}),
    ...(f.errors ? { errors: f.errors } : {}),
  });
  const entities = [
    ...(p ? [entity('PHONE_NUMBER', p.id, p.health)] : []),
    entity('WABA', w.id, w.health),
    entity('BUSINESS', BUSINESS.main, w.businessHealth),
    entity('APP', APP_ID, { can: 'AVAILABLE' }),
  ];
  const rank = ['AVAILABLE', 'LIMITED', 'BLOCKED'];
  const worst = entities.reduce((a, e) => Math.max(a, rank.indexOf(e.can_send_message)), 0);
  return { can_send_message: rank[worst], entities };
}

/**
 * One key per level that has a callback for the calling app (phone > WABA > app), as Meta's "Webhook overrides"
 * page shows `GET /{phone-number-id}?fields=webhook_configuration`: an override another app set is not shown,
 * it routes only that app's webhooks. Phone-level URLs come back with a query string (CALLBACK_QUERY).
 */
function webhookConfiguration(p: PhoneFixture, viewer: Viewer): Record<string, string> {
  const waba = WABAS.get(p.waba);
  const ours = viewer.appId === APP_ID;
  const phoneOverride = ours ? p.overrideCallbackUri : p.otherAppOverride;
  const wabaOverride = ours ? waba?.overrideCallbackUri : waba?.otherApp?.overrideCallbackUri;
  const application = ours ? (viewer.subscriptions === 'missing' ? undefined : CALLBACK.app) : CALLBACK.otherApp;
  return {
    ...(phoneOverride ? { phone_number: `${phoneOverride}${CALLBACK_QUERY}` } : {}),
    ...(wabaOverride ? { whatsapp_business_account: wabaOverride } : {}),
    ...(application ? { application } : {}),
  };
}

const WABA_FIELDS: Record<string, FieldRead<WabaFixture>> = {
  id: (w) => w.id,
  name: (w) => w.name,
  account_review_status: (w) => w.accountReviewStatus,
  // Meta's WABA guide shows this value in lower case; its OpenAPI in upper case.
  business_verification_status: (w) => w.businessVerification,
  health_status: (w) => healthOf(w),
  currency: () => 'USD',
  timezone_id: () => '1',
  message_template_namespace: (w) => `fake_namespace_${w.id.slice(-4)}`,
  country: () => 'US',
};
const WABA_DEFAULT = ['id', 'name', 'timezone_id', 'message_template_namespace'];

/**
 * Picks the requested fields (plus id), or answers Graph's "nonexisting field" error: one field the node lacks
 * on this version fails the whole read. A default field without a value is left out.
 */
function pick<T>(
  item: T,
  table: Record<string, FieldRead<T>>,
  fields: string | null,
  fallback: string[],
  nodeType: string,
  version: string,
  refused: ReadonlySet<string> = new Set(),
  viewer: Viewer = { appId: APP_ID, subscriptions: 'active' },
): Record<string, unknown> | GraphErrorSpec {
  const wanted = fields
    ? fields
        .split(',')
        .map((f) => f.trim().replace(/\{.*$/, ''))
        .filter(Boolean)
    : fallback;
  const v = major(version);
  const out: Record<string, unknown> = {};
  for (const f of wanted) {
    const read = table[f];
    const value = read && !refused.has(f) ? read(item, v, viewer) : undefined;
    if (value === undefined) {
      if (!fields) continue;
      return {
        code: 100,
        message: `(#100) Tried accessing nonexisting field (${f}) on node type (${nodeType})`,
        type: 'OAuthException',
      };
    }
    out[f] = value;
  }
  if (!('id' in out)) out.id = table.id!(item, v, viewer);
  return out;
}

function node(state: GraphState, caller: Caller, id: string, call: GraphCall): Answer {
  const reach = reachableWabas(caller);
  const fields = call.params.get('fields');
  const phone = PHONES.get(id);
  if (phone && reach.has(phone.waba)) {
    const body = pick(phone, PHONE_FIELDS, fields, PHONE_DEFAULT, 'WhatsAppBusinessPhoneNumber', call.version, state.refusedFields, viewerOf(state, caller));
    return 'code' in body ? graphError(body as GraphErrorSpec) : ok(state, body, phone.waba);
  }
  const waba = WABAS.get(id);
  if (waba && reach.has(waba.id)) {
    const body = pick(waba, WABA_FIELDS, fields, WABA_DEFAULT, 'WhatsAppBusinessAccount', call.version, state.refusedFields);
    return 'code' in body ? graphError(body as GraphErrorSpec) : ok(state, body, waba.id);
  }
  return graphError(objectNotFound(id, 'get'));
}

function viewerOf(state: GraphState, caller: Caller): Viewer {
  return { appId: caller.kind === 'app' ? caller.appId : caller.spec.appId, subscriptions: state.subscriptions };
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
      call.version,
      state.refusedFields,
      viewerOf(state, caller),
    );
    if ('code' in body) return graphError(body as GraphErrorSpec);
    items.push(body);
  }
  const page = pageOf(items, call);
  return 'error' in page ? graphError(page.error) : ok(state, page, wabaId);
}

function subscribedApps(state: GraphState, caller: Caller, wabaId: string, params: URLSearchParams): Answer {
  const waba = WABAS.get(wabaId);
  if (!waba || !reachableWabas(caller).has(wabaId)) return graphError(objectNotFound(wabaId, 'get'));
  // Asking for fields the entries do not have at the top level (`fields=id,name`) empties the list, as
  // observed by chatbotgang/meta-token-doctor (commit c63ccde): ask without fields.
  const fields = params.get('fields');
  if (fields !== null && !fields.split(',').some((f) => f.trim().startsWith('whatsapp_business_api_data')))
    return ok(state, { data: [] }, wabaId);
  const data = waba.subscribed
    ? [
        {
          whatsapp_business_api_data: {
            id: APP_ID,
            link: `https://www.example.invalid/apps/${APP_ID}/`,
            name: APP_NAME,
          },
          // A sibling of whatsapp_business_api_data (Meta's OpenAPI, schema SubscribedApp_1).
          ...(waba.overrideCallbackUri ? { override_callback_uri: waba.overrideCallbackUri } : {}),
        },
      ]
    : [];
  // Another app subscribed to the same WABA, with the alternate callback it set for itself.
  if (waba.otherApp)
    data.push({
      whatsapp_business_api_data: {
        id: OTHER_APP_ID,
        link: `https://www.example.invalid/apps/${OTHER_APP_ID}/`,
        name: OTHER_APP_NAME,
      },
      ...(waba.otherApp.overrideCallbackUri ? { override_callback_uri: waba.otherApp.overrideCallbackUri } : {}),
    });
  return ok(state, { data }, wabaId);
}

/** The fields of a template entry (MessageTemplate in Meta's OpenAPI v23.0). */
const TEMPLATE_FIELDS: Record<string, FieldRead<TemplateFixture>> = {
  id: (t) => t.id,
  name: (t) => t.name,
  language: (t) => t.language,
  status: (t) => t.status,
  category: (t) => t.category,
  quality_score: (t) => ({ score: t.quality }),
  rejected_reason: (t) => t.rejectedReason,
};
/** Without `fields`, Graph lists a template's main fields (the emulator: these). */
const TEMPLATE_DEFAULT = ['name', 'language', 'status', 'category', 'id'];

/**
 * `GET /{waba-id}/message_templates`, filtered by `name` and `status` (filters from Meta's reference and the
 * facebook-php-business-sdk's WhatsAppBusinessAccount::getMessageTemplates), cursor-paged like every list edge.
 */
function messageTemplates(state: GraphState, caller: Caller, wabaId: string, call: GraphCall): Answer {
  const waba = WABAS.get(wabaId);
  if (!waba || !reachableWabas(caller).has(wabaId)) return graphError(objectNotFound(wabaId, 'get'));
  const name = call.params.get('name');
  const status = call.params.get('status');
  const items: Record<string, unknown>[] = [];
  for (const t of TEMPLATES) {
    if (t.waba !== wabaId || (name !== null && !t.name.includes(name)) || (status !== null && t.status !== status))
      continue;
    const body = pick(t, TEMPLATE_FIELDS, call.params.get('fields'), TEMPLATE_DEFAULT, 'WhatsAppMessageTemplate', call.version);
    if ('code' in body) return graphError(body as GraphErrorSpec);
    items.push(body);
  }
  const page = pageOf(items, call);
  return 'error' in page ? graphError(page.error) : ok(state, page, wabaId);
}

/**
 * `/{business-id}/owned_whatsapp_business_accounts` and `/client_whatsapp_business_accounts`: they need
 * business_management on that business (Meta's WhatsApp permissions page). Without it Graph refuses with a
 * permission error; the exact message here is the emulator's. WABA ids come back as strings.
 */
function businessWabas(
  state: GraphState,
  caller: Caller,
  businessId: string,
  edge: 'owned_whatsapp_business_accounts' | 'client_whatsapp_business_accounts',
  call: GraphCall,
): Answer {
  const lists = BUSINESS_WABAS[businessId];
  if (caller.kind === 'app' || !lists) return graphError(objectNotFound(businessId, 'get'));
  const { spec } = caller;
  const bm = spec.grants.find((g) => g.scope === 'business_management');
  const allowed =
    spec.scopes.includes('business_management') &&
    (bm === undefined || bm.targetIds === undefined || bm.targetIds.includes(businessId)) &&
    USER_BUSINESS[spec.userId] === businessId;
  if (!allowed)
    return graphError({
      code: 200,
      message: '(#200) Requires business_management permission to manage the object',
      type: 'OAuthException',
      status: 403,
    });
  const ids = edge === 'owned_whatsapp_business_accounts' ? lists.owned : lists.client;
  const items: Record<string, unknown>[] = [];
  for (const id of ids) {
    const body = pick(
      WABAS.get(id)!,
      WABA_FIELDS,
      call.params.get('fields'),
      WABA_DEFAULT,
      'WhatsAppBusinessAccount',
      call.version,
      state.refusedFields,
    );
    if ('code' in body) return graphError(body as GraphErrorSpec);
    items.push(body);
  }
  const page = pageOf(items, call);
  return 'error' in page ? graphError(page.error) : ok(state, page);
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
        callback_url: CALLBACK.app,
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
