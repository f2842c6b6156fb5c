// The emulator's world: one app, its WhatsApp Business Accounts (WABAs), their phone numbers, the users
// (system users and a developer) and the tokens. Every value is an obviously fake string: no fixture may look
// like a real Meta credential (real user tokens start with "EAA"; ours start with "FAKE-"). The one exception is
// SCAN_TOKENS: the scanner must find them, so they have a real token's shape ("EAA", letters and digits, 100+
// characters) but say FAKE, and are built when this module loads, never written out whole in the repository.
//
// Times are not constants: token expiries are built from the emulator's `now()` so tests can pin the clock.

export const APP_ID = '1000000000000001';
export const APP_NAME = 'Emulated Shop (fake)';
/** An app that is not ours: its tokens are refused by our app token and show this app_id on self-inspection. */
export const OTHER_APP_ID = '1000000000000002';
export const OTHER_APP_NAME = 'Someone Else (fake)';
/** 32 hex digits, as Meta's are (the tools refuse anything else); obviously fake: "fa4e5ec7e7" reads "fake secret". */
export const APP_SECRET = 'fa4e5ec7e7fa4e5ec7e7fa4e5ec7e700';
/** Graph's app access token is literally `APP_ID|APP_SECRET`. */
export const APP_TOKEN = `${APP_ID}|${APP_SECRET}`;

/** The Graph version the emulator reports when a path carries none. */
export const DEFAULT_VERSION = 'v26.0';

export const WABA = {
  /** Subscribed; numbers: healthy, red. Targeted by the healthy token. */
  main: '2000000000000001',
  /** Subscribed, with an `override_callback_uri` (CALLBACK.waba); numbers: yellow, onPremise. Targeted by the healthy token. */
  second: '2000000000000002',
  /** Subscribed; numbers: cuba (+53), turkey (+90). Reachable only by admin-style tokens. */
  third: '2000000000000003',
  /** NOT subscribed (`subscribed_apps` answers `{"data":[]}`); number: unsubscribed. */
  unsubscribed: '2000000000000004',
  /** Subscribed; number: otherWaba. Targeted only by TOKENS.otherWabaOnly. */
  other: '2000000000000005',
  /** Subscribed, APPROVED, verified business; numbers that cannot send or are not quite right (TOKENS.sendability). */
  troubled: '2000000000000006',
  /** Its payment method fails: health_status BLOCKED, WABA error 141006 (TOKENS.sendability). */
  unpaid: '2000000000000007',
  /** Its business is not verified: business_verification_status not_verified, health LIMITED by 141010 on the
   * BUSINESS entity, account review PENDING (TOKENS.sendability). */
  unverified: '2000000000000008',
} as const;

/** Business portfolios. The healthy system users belong to `main`, which owns WABA main/second/third/unsubscribed
 * and was shared WABA.other by a client. */
export const BUSINESS = {
  main: '5000000000000001',
  /** A business no token here may read. */
  stranger: '5000000000000002',
} as const;

/** WABAs a business owns (`owned_whatsapp_business_accounts`) and that clients shared with it (`client_…`). */
export const BUSINESS_WABAS: Readonly<Record<string, { owned: string[]; client: string[] }>> = {
  [BUSINESS.main]: { owned: [WABA.main, WABA.second, WABA.third, WABA.unsubscribed], client: [WABA.other] },
  [BUSINESS.stranger]: { owned: [], client: [] },
};

/**
 * The app's own webhook callback, the overrides our app set on WABA.second and on PHONE.yellow, and those the
 * other app (OTHER_APP_ID) set for itself on WABA.main and PHONE.red, which route only its own webhooks (Meta's
 * "Webhook overrides" page: an app overrides the callback for itself).
 */
export const CALLBACK = {
  app: 'https://hooks.example.invalid/app',
  waba: 'https://hooks.example.invalid/waba-second',
  phone: 'https://hooks.example.invalid/phone-yellow',
  otherApp: 'https://hooks.example.invalid/someone-else',
  otherAppWaba: 'https://hooks.example.invalid/someone-else-waba-main',
  otherAppPhone: 'https://hooks.example.invalid/someone-else-phone-red',
} as const;

/**
 * Graph answers the phone-level overrides with this query string (a verify token, as some integrations put in
 * their URL): reports must never print it.
 */
export const CALLBACK_QUERY = '?hub_verify=FAKE-verify-token-in-url';

export const PHONE = {
  /** GREEN, CLOUD_API, CONNECTED, +1 555-010-0001, WABA.main. */
  healthy: '3000000000000001',
  /** quality RED, WABA.main. */
  red: '3000000000000002',
  /** quality YELLOW, WABA.second; its own webhook override (CALLBACK.phone). */
  yellow: '3000000000000003',
  /** platform_type ON_PREMISE, WABA.second. */
  onPremise: '3000000000000004',
  /** A Cuban (+53) number, WABA.third. */
  cuba: '3000000000000005',
  /** A Turkish (+90) number, WABA.third. */
  turkey: '3000000000000006',
  /** A number of WABA.other: unreachable for the healthy token (100/33). */
  otherWaba: '3000000000000007',
  /** The only number of WABA.unsubscribed. */
  unsubscribed: '3000000000000008',
  /** Added to WABA.third but never registered: status PENDING, code NOT_VERIFIED, quality UNKNOWN, no name yet. */
  pending: '3000000000000009',
  /** WABA.troubled: status PENDING (not registered), name DECLINED, code NOT_VERIFIED, quality UNKNOWN: cannot send. */
  unregistered: '3000000000000010',
  /** WABA.troubled: status FLAGGED, quality RED. */
  flagged: '3000000000000011',
  /** WABA.troubled: status RESTRICTED. */
  restricted: '3000000000000012',
  /** WABA.troubled: status DISCONNECTED. */
  disconnected: '3000000000000013',
  /** WABA.troubled: the test number: account_mode SANDBOX, quality NA, name AVAILABLE_WITHOUT_REVIEW, TIER_250. */
  sandbox: '3000000000000014',
  /** WABA.troubled: a live number that never sent: quality UNKNOWN, code NOT_VERIFIED, CONNECTED, TIER_250. */
  neverSent: '3000000000000015',
  /** WABA.unpaid: CONNECTED and fine itself, but health BLOCKED by the WABA's payment method (141006). */
  unpaid: '3000000000000016',
  /** WABA.unverified: CONNECTED, health LIMITED by business verification (141010), TIER_250. */
  unverified: '3000000000000017',
} as const;

export const USER_IDS = {
  /** System user behind the healthy token (and the fault tokens): assigned WABA.main and WABA.second. */
  systemUser: '4000000000000001',
  /** Admin system user: assigned all five WABAs (three pages at the default page size of 2). */
  adminSystemUser: '4000000000000002',
  /** Admin-like system user whose `assigned_whatsapp_business_accounts` listing is refused with (#200). */
  refusedSystemUser: '4000000000000003',
  /** The developer who copied a temporary token from the App Dashboard. */
  developer: '4000000000000004',
  /** A system user of the other app. */
  otherAppSystemUser: '4000000000000005',
  /** System user with 20 WABAs of 5 numbers each (benchmarks). */
  benchSystemUser: '4000000000000006',
  /** Solution-Partner-scale system user: 200 WABAs of 20 numbers each (PARTNER_WABAS, benchmarks and wave tests). */
  partnerSystemUser: '4000000000000009',
  /** Admin system user of BUSINESS.main that reaches its WABAs through the business: assigned none of them. */
  businessSystemUser: '4000000000000007',
  /** System user of TOKENS.sendability: assigned WABA.troubled, WABA.unpaid and WABA.unverified. */
  sendabilitySystemUser: '4000000000000008',
} as const;

/** The 20 WABAs of the benchmark system user, 5 numbers each: ids 21000000000000NN / 31000000000NNNMM. */
export const BENCH_WABAS: string[] = Array.from({ length: 20 }, (_, i) => `21000000000000${pad2(i + 1)}`);
function benchPhones(waba: string): string[] {
  const n = waba.slice(-2);
  return Array.from({ length: 5 }, (_, j) => `310000000000${n}${pad2(j + 1)}`);
}

/** The 200 WABAs of the partner system user, 20 numbers each: ids 2200000000000NNN / 32000000000NNNMM. */
export const PARTNER_WABAS: string[] = Array.from({ length: 200 }, (_, i) => `2200000000000${pad3(i + 1)}`);
function partnerPhones(waba: string): string[] {
  const n = waba.slice(-3);
  return Array.from({ length: 20 }, (_, j) => `32000000000${n}${pad2(j + 1)}`);
}

export const SCOPE = {
  management: 'whatsapp_business_management',
  messaging: 'whatsapp_business_messaging',
} as const;
const WA = [SCOPE.management, SCOPE.messaging];

// ---------------------------------------------------------------------------------------------------------
// Tokens. The doc comment on each entry says what debug_token answers and how the other endpoints treat it.

export const TOKENS = {
  /** The app access token `APP_ID|APP_SECRET`: inspects any token of our app (debug_token answers 200). */
  app: APP_TOKEN,
  /** App token with a wrong secret: every call answers top-level 190 "Invalid OAuth access token signature." */
  appWrongSecret: `${APP_ID}|wrong`,
  /** SYSTEM_USER, never expires, both WhatsApp scopes, target_ids [WABA.main, WABA.second]. */
  healthy: 'FAKE-healthy-system-user-token',
  /** Admin SYSTEM_USER: WhatsApp grants WITHOUT target_ids (= every WABA); its user is assigned all five WABAs. */
  adminNoTargets: 'FAKE-admin-system-user-no-targets-token',
  /** Admin-like (no target_ids), but listing its user's assigned WABAs answers (#200) Permissions error. */
  adminListingRefused: 'FAKE-admin-listing-refused-token',
  /** Valid, but lacks whatsapp_business_messaging (in scopes and granular_scopes). */
  missingMessaging: 'FAKE-missing-messaging-scope-token',
  /** A valid token of OTHER_APP_ID: app-token inspection is refused (#100 App_id ... Viewing App). */
  otherApp: 'FAKE-other-app-system-user-token',
  /** Expired: 190/463 "Session has expired on ...". */
  expired: 'FAKE-expired-token',
  /** Expired, but Graph gives only the message (no subcode), as most real 190 answers do. */
  expiredNoSubcode: 'FAKE-expired-no-subcode-token',
  /** Damaged: 190 "Error validating access token: Session key is malformed." without a subcode. */
  sessionKeyMalformed: 'FAKE-session-key-malformed-token',
  /** A "Session Info" token of the Access Token Debugger: every call, debug_token included, is a top-level
   * 190 "Invalid OAuth access token - Debug only access token". */
  debugOnly: 'FAKE-debug-only-session-info-token',
  /** Invalidated by a password change: 190/460. */
  passwordChanged: 'FAKE-password-changed-token',
  /** The user removed / never authorised the app: 190/458. */
  appNotAuthorized: 'FAKE-app-not-authorized-token',
  /** Session invalid (logged out / revoked): 190/467. */
  sessionInvalid: 'FAKE-session-invalid-token',
  /** Temporary USER token from the App Dashboard: expires 2 h after now, no issued_at. */
  shortLivedUser: 'FAKE-short-lived-dashboard-user-token',
  /** SYSTEM_USER that expires 5 days after now. */
  expiresIn5Days: 'FAKE-system-user-expires-in-5-days-token',
  /** SYSTEM_USER that expires exactly 14 days (14 * 86400 s) after now. */
  expiresIn14Days: 'FAKE-system-user-expires-in-14-days-token',
  /** Healthy plus business_management, ads_management and pages_manage_posts. */
  extraScopes: 'FAKE-extra-scopes-token',
  /** Both WhatsApp scopes, but target_ids = [WABA.other] only. */
  otherWabaOnly: 'FAKE-other-waba-only-token',
  /** WhatsApp scopes in `scopes` but absent from `granular_scopes` (reach = its user's WABAs). */
  scopesNotGranular: 'FAKE-scopes-not-in-granular-token',
  /** 20 WABAs (BENCH_WABAS) x 5 numbers each, target_ids listing all 20. For benchmarks. */
  bench: 'FAKE-bench-20-wabas-token',
  /** 200 WABAs (PARTNER_WABAS) x 20 numbers each, target_ids listing all 200. */
  partner: 'FAKE-partner-200-wabas-token',
  /** The same 200 WABAs without target_ids: its user's assigned listing (two pages of 100) names them. */
  partnerAdmin: 'FAKE-partner-admin-200-wabas-no-targets-token',
  /** Healthy SYSTEM_USER whose grants target WABA.troubled, WABA.unpaid and WABA.unverified: numbers that cannot send. */
  sendability: 'FAKE-sendability-system-user-token',
  /** Like healthy, but debug_token sends app_id, user_id and target_ids as JSON numbers (as old answers did). */
  numericIds: 'FAKE-numeric-ids-token',
  /** Like numericIds, with a target id beyond 2^53 written as a JSON number: no reader can know its digits. */
  hugeTargetId: 'FAKE-huge-numeric-target-id-token',
  /** Admin system user of BUSINESS.main (WhatsApp grants without target_ids) whose assigned-WABA listing is
   * empty; business_management targets BUSINESS.main, so the business's owned/client WABA edges answer. */
  viaBusiness: 'FAKE-reaches-wabas-via-business-token',
  /** The same admin user without business_management: the empty listing cannot be completed. */
  viaBusinessNoBm: 'FAKE-via-business-without-business-management-token',
  /** Embedded Signup since June 2026: the WhatsApp scopes only in `scopes`; granular_scopes holds
   * business_management (targets: BUSINESS.main) and whatsapp_business_manage_events (targets: WABA.main). */
  esJune2026: 'FAKE-embedded-signup-june-2026-token',

  // Fault tokens: per-token call counters (reset() clears them). Once recovered they answer like `healthy`.
  /** First 2 calls: code 2 "An unexpected error has occurred..." is_transient true, HTTP 503. Then healthy. */
  transient2: 'FAKE-fault-transient-code-2-token',
  /** First call: code 1 "An unknown error occurred", HTTP 500. Then healthy. */
  unknown1: 'FAKE-fault-unknown-code-1-token',
  /** Every call: HTTP 503 with a code 2 envelope (is_transient true). Never recovers. */
  down503: 'FAKE-fault-persistent-503-token',
  /** Every call: HTTP 502 text/html page from a "proxy". Never recovers. */
  proxyHtml502: 'FAKE-fault-proxy-html-502-token',
  /** Every call waits 5 s before sending headers, then answers like healthy. */
  slow: 'FAKE-fault-slow-5s-token',
  /** First call: (#4) Application request limit reached, HTTP 429, subcode 2446079, is_transient, no Retry-After. Then healthy. */
  rateLimited4: 'FAKE-fault-rate-limit-4-token',
  /** First call: (#17) User request limit reached, HTTP 429, subcode 2446079, no Retry-After. Then healthy. */
  rateLimited17: 'FAKE-fault-rate-limit-17-token',
  /** First call: (#32) Page request limit reached, no Retry-After. Then healthy. */
  rateLimited32: 'FAKE-fault-rate-limit-32-token',
  /** First call: (#613) Calls to this api have exceeded the rate limit, no Retry-After. Then healthy. */
  rateLimited613: 'FAKE-fault-rate-limit-613-token',
  /** First call: (#80007) WABA rate limit, HTTP 400, no Retry-After (Graph sends none). Then healthy. */
  rateLimited80007: 'FAKE-fault-rate-limit-80007-token',
  /** Every call: (#80008) WABA rate limit, HTTP 400, no Retry-After. Never recovers within a run. */
  rateLimited80008: 'FAKE-fault-rate-limit-80008-persistent-token',
  /** debug_token answers 200 `{"data":{...}}` without `is_valid`. */
  missingIsValid: 'FAKE-malformed-missing-is-valid-token',
  /** debug_token answers 200 with wrong types: is_valid "true", scopes a string, expires_at "0", ... */
  wrongTypes: 'FAKE-malformed-wrong-types-token',
} as const;

export type TokenName = keyof typeof TOKENS;

/** A token with a real one's shape for `scan` tests: EAAG + a FAKE label + a filler of letters and digits. */
export function scanToken(label: string): string {
  return `EAAG${label}${'0Fake9Token8Scan7'.repeat(6)}`;
}

export const SCAN_TOKENS = {
  /** Like `healthy`: SYSTEM_USER of APP_ID, never expires, WhatsApp grants targeting WABA.main and WABA.second. */
  live: scanToken('FAKEscanLive'),
  /** Admin system user: WhatsApp grants without target_ids (every WABA its user reaches). */
  admin: scanToken('FAKEscanAdmin'),
  /** Expired: 190/463 (a dead token inspecting itself gets a top-level 190). */
  dead: scanToken('FAKEscanDead'),
  /** A live SYSTEM_USER token of OTHER_APP_ID. */
  otherApp: scanToken('FAKEscanOtherApp'),
  /** Never answered: the emulator does not know it (Graph: "Invalid OAuth access token - Cannot parse"). */
  unknown: scanToken('FAKEscanUnknown'),
} as const;

/** 50 distinct live tokens for the scan benchmark (bench/6-scan.bench.mjs reads them from the bundled fixtures). */
export const SCAN_BENCH_TOKENS: string[] = Array.from({ length: 50 }, (_, i) => scanToken(`FAKEbench${pad2(i)}`));

// ---------------------------------------------------------------------------------------------------------
// Tables the emulator answers from.

/** One entity of a `health_status` answer, as Meta's health-status page shows it. */
export interface HealthEntityFixture {
  can: 'AVAILABLE' | 'LIMITED' | 'BLOCKED';
  errors?: { error_code: number; error_description: string; possible_solution: string }[];
  additionalInfo?: string[];
}

export interface WabaFixture {
  id: string;
  name: string;
  subscribed: boolean;
  /** The WABA's alternate webhook callback (`override_callback_uri` beside the app in subscribed_apps). */
  overrideCallbackUri?: string;
  /** The other app is subscribed too, with its own alternate callback when set. */
  otherApp?: { overrideCallbackUri?: string };
  accountReviewStatus: string;
  /** Graph spells it in lower case: `verified`, `not_verified`, `pending`, … */
  businessVerification: string;
  /** The WABA entity of health_status. */
  health: HealthEntityFixture;
  /** The BUSINESS entity of health_status. */
  businessHealth: HealthEntityFixture;
  phones: string[];
}

export interface PhoneFixture {
  id: string;
  waba: string;
  display: string;
  verifiedName: string;
  /** NA and UNKNOWN are what numbers that never sent show in real answers. */
  quality: 'GREEN' | 'YELLOW' | 'RED' | 'NA' | 'UNKNOWN';
  platform: 'CLOUD_API' | 'ON_PREMISE' | 'NOT_APPLICABLE';
  limit: string;
  /** CONNECTED for a registered number; PENDING when never registered. */
  status: string;
  /** Real live numbers mostly say EXPIRED (the registration code expired long ago): that is normal. */
  codeVerification: string;
  nameStatus: string;
  /** The phone's own webhook override (set by our app), if any. */
  overrideCallbackUri?: string;
  /** An override the other app (OTHER_APP_ID) set on the number for itself: invisible to our app. */
  otherAppOverride?: string;
  accountMode: 'LIVE' | 'SANDBOX';
  /** The PHONE_NUMBER entity of health_status. */
  health: HealthEntityFixture;
}

const AVAILABLE: HealthEntityFixture = { can: 'AVAILABLE' };

function phone(id: string, waba: string, display: string, extra: Partial<PhoneFixture> = {}): PhoneFixture {
  return {
    id,
    waba,
    display,
    verifiedName: 'Emulated Shop',
    quality: 'GREEN',
    platform: 'CLOUD_API',
    limit: 'TIER_2K',
    status: 'CONNECTED',
    codeVerification: 'EXPIRED',
    nameStatus: 'APPROVED',
    accountMode: 'LIVE',
    health: AVAILABLE,
    ...extra,
  };
}

function waba(id: string, name: string, extra: Partial<WabaFixture> = {}): WabaFixture {
  return {
    id,
    name,
    subscribed: true,
    accountReviewStatus: 'APPROVED',
    businessVerification: 'verified',
    health: AVAILABLE,
    businessHealth: AVAILABLE,
    phones: [],
    ...extra,
  };
}

const basePhones: PhoneFixture[] = [
  phone(PHONE.healthy, WABA.main, '+1 555-010-0001'),
  phone(PHONE.red, WABA.main, '+1 555-010-0002', {
    quality: 'RED',
    limit: 'TIER_250',
    otherAppOverride: CALLBACK.otherAppPhone,
  }),
  phone(PHONE.yellow, WABA.second, '+1 555-010-0003', { quality: 'YELLOW', overrideCallbackUri: CALLBACK.phone }),
  phone(PHONE.onPremise, WABA.second, '+1 555-010-0004', { platform: 'ON_PREMISE' }),
  phone(PHONE.cuba, WABA.third, '+53 5 555 0105', { verifiedName: 'Tienda Emulada' }),
  phone(PHONE.turkey, WABA.third, '+90 555 010 0106', { verifiedName: 'Emule Magaza' }),
  phone(PHONE.otherWaba, WABA.other, '+1 555-010-0007', { verifiedName: 'Other Brand' }),
  phone(PHONE.unsubscribed, WABA.unsubscribed, '+1 555-010-0008'),
  phone(PHONE.pending, WABA.third, '+1 555-010-0009', {
    status: 'PENDING',
    codeVerification: 'NOT_VERIFIED',
    quality: 'UNKNOWN',
    nameStatus: 'PENDING_REVIEW',
  }),
  phone(PHONE.unregistered, WABA.troubled, '+1 555-010-0010', {
    status: 'PENDING',
    nameStatus: 'DECLINED',
    codeVerification: 'NOT_VERIFIED',
    quality: 'UNKNOWN',
    limit: 'TIER_250',
  }),
  phone(PHONE.flagged, WABA.troubled, '+1 555-010-0011', { status: 'FLAGGED', quality: 'RED' }),
  phone(PHONE.restricted, WABA.troubled, '+1 555-010-0012', { status: 'RESTRICTED' }),
  phone(PHONE.disconnected, WABA.troubled, '+1 555-010-0013', { status: 'DISCONNECTED' }),
  phone(PHONE.sandbox, WABA.troubled, '+1 555-010-0014', {
    verifiedName: 'Test Number',
    accountMode: 'SANDBOX',
    quality: 'NA',
    nameStatus: 'AVAILABLE_WITHOUT_REVIEW',
    codeVerification: 'NOT_VERIFIED',
    limit: 'TIER_250',
  }),
  phone(PHONE.neverSent, WABA.troubled, '+1 555-010-0015', {
    quality: 'UNKNOWN',
    codeVerification: 'NOT_VERIFIED',
    limit: 'TIER_250',
  }),
  phone(PHONE.unpaid, WABA.unpaid, '+1 555-010-0016'),
  phone(PHONE.unverified, WABA.unverified, '+1 555-010-0017', { limit: 'TIER_250' }),
];

const baseWabas: WabaFixture[] = [
  waba(WABA.main, 'Emulated Shop Main', { otherApp: { overrideCallbackUri: CALLBACK.otherAppWaba } }),
  waba(WABA.second, 'Emulated Shop Second', { overrideCallbackUri: CALLBACK.waba }),
  waba(WABA.third, 'Emulated Shop International', { accountReviewStatus: 'PENDING' }),
  waba(WABA.unsubscribed, 'Emulated Shop Unsubscribed', { subscribed: false }),
  waba(WABA.other, 'Other Brand'),
  waba(WABA.troubled, 'Emulated Shop Troubled'),
  // Meta's OpenAPI example codes (facebook/openapi, business-messaging-api): 141006 under a BLOCKED WABA, 141010
  // under a LIMITED business. The wording is the emulator's own.
  waba(WABA.unpaid, 'Emulated Shop Unpaid', {
    health: {
      can: 'BLOCKED',
      errors: [
        {
          error_code: 141006,
          error_description:
            'There is an error with the payment method. This will block business initiated conversations.',
          possible_solution:
            'There is an error with the payment method. Add a valid payment method to the WhatsApp Business Account in WhatsApp Manager.',
        },
      ],
    },
  }),
  waba(WABA.unverified, 'Emulated Shop Unverified', {
    accountReviewStatus: 'PENDING',
    businessVerification: 'not_verified',
    businessHealth: {
      can: 'LIMITED',
      additionalInfo: ['Your business is not verified. Messaging is limited until it is.'],
      errors: [
        {
          error_code: 141010,
          error_description: 'The business has not passed business verification.',
          possible_solution: 'Verify the business in Business Settings > Security Center.',
        },
      ],
    },
  }),
];

const benchWabas: WabaFixture[] = BENCH_WABAS.map((id, i) => waba(id, `Bench WABA ${i + 1}`));
const benchPhoneList: PhoneFixture[] = BENCH_WABAS.flatMap((w) =>
  benchPhones(w).map((p, j) => phone(p, w, `+1 555-01${w.slice(-2)}-${pad2(j + 1)}00`)),
);

const partnerWabas: WabaFixture[] = PARTNER_WABAS.map((id, i) => waba(id, `Partner client ${i + 1}`));
const partnerPhoneList: PhoneFixture[] = PARTNER_WABAS.flatMap((w) =>
  partnerPhones(w).map((p, j) => phone(p, w, `+1 555-2${w.slice(-3)}-${pad2(j + 1)}00`)),
);

export const PHONES: ReadonlyMap<string, PhoneFixture> = new Map(
  [...basePhones, ...benchPhoneList, ...partnerPhoneList].map((p) => [p.id, p]),
);
const phonesOf = new Map<string, string[]>();
for (const p of PHONES.values()) phonesOf.set(p.waba, [...(phonesOf.get(p.waba) ?? []), p.id]);
export const WABAS: ReadonlyMap<string, WabaFixture> = new Map(
  [...baseWabas, ...benchWabas, ...partnerWabas].map((w) => [w.id, { ...w, phones: phonesOf.get(w.id) ?? [] }]),
);

/**
 * One message template in one language, as `/{waba-id}/message_templates` lists it (Meta's Graph reference,
 * WhatsApp Business Account > message_templates; MessageTemplate in Meta's OpenAPI v23.0). `rejected_reason` is
 * NONE unless REJECTED; `quality_score` is `{score}`.
 */
export interface TemplateFixture {
  id: string;
  waba: string;
  name: string;
  language: string;
  status: 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | 'DISABLED' | 'IN_APPEAL';
  category: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
  quality: 'GREEN' | 'YELLOW' | 'RED' | 'UNKNOWN';
  rejectedReason: string;
}

/** Template names of the fixtures, by what a test needs of them. */
export const TEMPLATE = {
  /** WABA.main: en_US APPROVED GREEN, es_ES APPROVED YELLOW, pt_BR PAUSED (RED): two pages at the default size. WABA.second: en_US APPROVED. */
  orderUpdate: 'order_update',
  /** WABA.main: en APPROVED but quality RED (warns). */
  shippingNotice: 'shipping_notice',
  /** WABA.main: en_US REJECTED (PROMOTIONAL). */
  promoSpring: 'promo_spring',
  /** WABA.main: en_US PENDING, fr IN_APPEAL. */
  loginCode: 'login_code',
  /** WABA.main: en_US DISABLED. */
  legacyOffer: 'legacy_offer',
  /** Only in WABA.second (as if made beside the test number): missing from WABA.main. */
  welcomeTest: 'welcome_test',
  /** In no WABA at all. */
  nowhere: 'nowhere_template',
} as const;

let templateSeq = 0;
function template(
  waba: string,
  name: string,
  language: string,
  status: TemplateFixture['status'],
  extra: Partial<TemplateFixture> = {},
): TemplateFixture {
  templateSeq += 1;
  return {
    id: `60000000000000${pad2(templateSeq)}`,
    waba,
    name,
    language,
    status,
    category: 'UTILITY',
    quality: status === 'APPROVED' ? 'GREEN' : 'UNKNOWN',
    rejectedReason: 'NONE',
    ...extra,
  };
}

export const TEMPLATES: readonly TemplateFixture[] = [
  template(WABA.main, TEMPLATE.orderUpdate, 'en_US', 'APPROVED'),
  // Graph's name filter is not documented as exact: the emulator matches substrings, so this one comes back for
  // `name=order_update` too and the client must keep only exact names.
  template(WABA.main, 'order_update_v2', 'en_US', 'APPROVED'),
  template(WABA.main, TEMPLATE.orderUpdate, 'es_ES', 'APPROVED', { quality: 'YELLOW' }),
  template(WABA.main, TEMPLATE.orderUpdate, 'pt_BR', 'PAUSED', { quality: 'RED' }),
  template(WABA.main, TEMPLATE.shippingNotice, 'en', 'APPROVED', { quality: 'RED' }),
  template(WABA.main, TEMPLATE.promoSpring, 'en_US', 'REJECTED', { category: 'MARKETING', rejectedReason: 'PROMOTIONAL' }),
  template(WABA.main, TEMPLATE.loginCode, 'en_US', 'PENDING', { category: 'AUTHENTICATION' }),
  template(WABA.main, TEMPLATE.loginCode, 'fr', 'IN_APPEAL', { category: 'AUTHENTICATION' }),
  template(WABA.main, TEMPLATE.legacyOffer, 'en_US', 'DISABLED', { category: 'MARKETING' }),
  template(WABA.second, TEMPLATE.orderUpdate, 'en_US', 'APPROVED'),
  template(WABA.second, TEMPLATE.welcomeTest, 'en_US', 'APPROVED'),
];

/** WABAs assigned to each user (what `/{user-id}/assigned_whatsapp_business_accounts` lists). */
export const USER_WABAS: Readonly<Record<string, string[]>> = {
  [USER_IDS.systemUser]: [WABA.main, WABA.second],
  [USER_IDS.adminSystemUser]: [WABA.main, WABA.second, WABA.third, WABA.unsubscribed, WABA.other],
  [USER_IDS.refusedSystemUser]: [WABA.main, WABA.second, WABA.third],
  [USER_IDS.developer]: [WABA.main],
  [USER_IDS.otherAppSystemUser]: [WABA.main],
  [USER_IDS.benchSystemUser]: BENCH_WABAS,
  [USER_IDS.partnerSystemUser]: PARTNER_WABAS,
  [USER_IDS.businessSystemUser]: [],
  [USER_IDS.sendabilitySystemUser]: [WABA.troubled, WABA.unpaid, WABA.unverified],
};

/** The business each user belongs to (whose owned and client WABAs an admin system user reaches). */
export const USER_BUSINESS: Readonly<Record<string, string>> = {
  [USER_IDS.systemUser]: BUSINESS.main,
  [USER_IDS.adminSystemUser]: BUSINESS.main,
  [USER_IDS.businessSystemUser]: BUSINESS.main,
};
/** Users whose WABA listing Graph refuses with (#200) Permissions error. */
export const LISTING_REFUSED_USERS: ReadonlySet<string> = new Set([USER_IDS.refusedSystemUser]);

// ---------------------------------------------------------------------------------------------------------
// Token specifications: what debug_token says about each token, and which per-token fault it carries.

interface Grant {
  scope: string;
  /** Absent = the grant covers every object the grantor can reach. WABA ids for the WhatsApp scopes,
   * business ids for business_management. */
  targetIds?: string[];
}

/** Per-token fault: the first `times` calls that concern this token answer the fault, then it recovers. */
type TokenFault =
  | {
      kind: 'graph-error';
      code: number;
      status: number;
      times: number;
      transient?: boolean;
      retryAfter?: number;
    }
  | { kind: 'html'; status: number; times: number }
  | { kind: 'delay'; ms: number };

export interface TokenSpec {
  appId: string;
  type: 'SYSTEM_USER' | 'USER';
  userId: string;
  scopes: string[];
  grants: Grant[];
  /** Seconds after now() when the token expires; 0 = never. Negative = already expired. */
  expiresIn: number;
  /** Seconds before now() when it was issued; undefined = debug_token omits issued_at (short-lived tokens). */
  issuedAgo?: number;
  /** data_access_expires_at relative to now, 0 = field is 0 (system users). */
  dataAccessIn: number;
  /** The token is dead: Graph rejects it with 190, this subcode (often none) and this message. */
  dead?: { subcode?: number; message: (now: number) => string; userTitle?: string; userMsg?: string };
  /** Rejected outright everywhere, debug_token included (a debugger "Session Info" token). */
  debugOnly?: boolean;
  /** debug_token writes app_id, user_id and target_ids as JSON numbers; 'huge' adds a target id beyond 2^53. */
  numericIds?: 'safe' | 'huge';
  fault?: TokenFault;
  /** debug_token answers a broken `data`. */
  malformed?: 'missing-is-valid' | 'wrong-types';
}

const DAY = 86_400;
const both = (targets?: string[]): Grant[] =>
  WA.map((scope) => (targets ? { scope, targetIds: targets } : { scope }));

const healthySpec: TokenSpec = {
  appId: APP_ID,
  type: 'SYSTEM_USER',
  userId: USER_IDS.systemUser,
  scopes: WA,
  grants: both([WABA.main, WABA.second]),
  expiresIn: 0,
  issuedAgo: 30 * DAY,
  dataAccessIn: 0,
};

const dead = (subcode: number | undefined, message: (now: number) => string, extra = {}): TokenSpec => ({
  ...healthySpec,
  dead: { ...(subcode === undefined ? {} : { subcode }), message, ...extra },
});

const faulty = (fault: TokenFault): TokenSpec => ({ ...healthySpec, fault });
const rateLimited = (code: number, status: number, times = 1): TokenSpec =>
  faulty({ kind: 'graph-error', code, status, times });

export const TOKEN_SPECS: Readonly<Record<string, TokenSpec>> = {
  [TOKENS.healthy]: healthySpec,
  [TOKENS.adminNoTargets]: {
    ...healthySpec,
    userId: USER_IDS.adminSystemUser,
    grants: both(),
    issuedAgo: 200 * DAY,
  },
  [TOKENS.adminListingRefused]: { ...healthySpec, userId: USER_IDS.refusedSystemUser, grants: both() },
  [TOKENS.missingMessaging]: {
    ...healthySpec,
    scopes: [SCOPE.management],
    grants: [{ scope: SCOPE.management, targetIds: [WABA.main, WABA.second] }],
  },
  [TOKENS.otherApp]: {
    ...healthySpec,
    appId: OTHER_APP_ID,
    userId: USER_IDS.otherAppSystemUser,
    grants: both([WABA.main]),
  },
  [TOKENS.expired]: {
    ...dead(
      463,
      (now) =>
        `Error validating access token: Session has expired on ${graphDate(now - 3 * DAY)}. The current time is ${graphDate(now)}.`,
    ),
    type: 'USER',
    userId: USER_IDS.developer,
    expiresIn: -3 * DAY,
    issuedAgo: 3 * DAY + 2 * 3600,
    dataAccessIn: 87 * DAY,
  },
  [TOKENS.expiredNoSubcode]: {
    ...dead(
      undefined,
      (now) =>
        `Error validating access token: Session has expired on ${graphDate(now - 9 * DAY)}. The current time is ${graphDate(now)}.`,
    ),
    type: 'USER',
    userId: USER_IDS.developer,
    expiresIn: -9 * DAY,
    issuedAgo: 9 * DAY + 3600,
    dataAccessIn: 80 * DAY,
  },
  [TOKENS.sessionKeyMalformed]: dead(undefined, () => 'Error validating access token: Session key is malformed.'),
  [TOKENS.debugOnly]: {
    ...dead(undefined, () => 'Invalid OAuth access token - Debug only access token'),
    type: 'USER',
    userId: USER_IDS.developer,
    debugOnly: true,
  },
  // Graph's error-handling guide shows error_user_title / error_user_msg on a 190/460 answer; texts are ours.
  [TOKENS.passwordChanged]: dead(
    460,
    () =>
      'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
    { userTitle: 'Session no longer valid (emulated)', userMsg: 'Log in again to continue (emulated).' },
  ),
  [TOKENS.appNotAuthorized]: dead(
    458,
    () => `Error validating access token: The user has not authorized application ${APP_ID}.`,
  ),
  [TOKENS.sessionInvalid]: dead(
    467,
    () => 'Error validating access token: The session is invalid because the user logged out.',
  ),
  [TOKENS.shortLivedUser]: {
    ...healthySpec,
    type: 'USER',
    userId: USER_IDS.developer,
    scopes: [...WA, 'public_profile'],
    grants: both([WABA.main]),
    expiresIn: 2 * 3600,
    issuedAgo: undefined,
    dataAccessIn: 90 * DAY,
  },
  [TOKENS.expiresIn5Days]: { ...healthySpec, expiresIn: 5 * DAY, issuedAgo: 55 * DAY },
  [TOKENS.expiresIn14Days]: { ...healthySpec, expiresIn: 14 * DAY, issuedAgo: 46 * DAY },
  [TOKENS.extraScopes]: {
    ...healthySpec,
    scopes: [...WA, 'business_management', 'ads_management', 'pages_manage_posts'],
    grants: [
      ...both([WABA.main, WABA.second]),
      { scope: 'business_management' },
      { scope: 'ads_management' },
      { scope: 'pages_manage_posts' },
    ],
  },
  [TOKENS.otherWabaOnly]: { ...healthySpec, grants: both([WABA.other]) },
  [TOKENS.scopesNotGranular]: {
    ...healthySpec,
    grants: [{ scope: 'business_management' }],
    scopes: [...WA, 'business_management'],
  },
  [TOKENS.bench]: { ...healthySpec, userId: USER_IDS.benchSystemUser, grants: both(BENCH_WABAS) },
  [TOKENS.partner]: { ...healthySpec, userId: USER_IDS.partnerSystemUser, grants: both(PARTNER_WABAS) },
  [TOKENS.partnerAdmin]: { ...healthySpec, userId: USER_IDS.partnerSystemUser, grants: both() },
  [TOKENS.sendability]: {
    ...healthySpec,
    userId: USER_IDS.sendabilitySystemUser,
    grants: both([WABA.troubled, WABA.unpaid, WABA.unverified]),
  },
  [TOKENS.numericIds]: { ...healthySpec, numericIds: 'safe' },
  [TOKENS.hugeTargetId]: { ...healthySpec, numericIds: 'huge' },
  [TOKENS.viaBusiness]: {
    ...healthySpec,
    userId: USER_IDS.businessSystemUser,
    scopes: [...WA, 'business_management'],
    grants: [...both(), { scope: 'business_management', targetIds: [BUSINESS.main] }],
  },
  [TOKENS.viaBusinessNoBm]: { ...healthySpec, userId: USER_IDS.businessSystemUser, grants: both() },
  [TOKENS.esJune2026]: {
    ...healthySpec,
    type: 'USER',
    userId: USER_IDS.businessSystemUser,
    scopes: [...WA, 'business_management', 'whatsapp_business_manage_events'],
    grants: [
      { scope: 'business_management', targetIds: [BUSINESS.main] },
      { scope: 'whatsapp_business_manage_events', targetIds: [WABA.main] },
    ],
  },

  [TOKENS.transient2]: faulty({ kind: 'graph-error', code: 2, status: 503, times: 2, transient: true }),
  [TOKENS.unknown1]: faulty({ kind: 'graph-error', code: 1, status: 500, times: 1 }),
  [TOKENS.down503]: faulty({
    kind: 'graph-error',
    code: 2,
    status: 503,
    times: Number.POSITIVE_INFINITY,
    transient: true,
  }),
  [TOKENS.proxyHtml502]: faulty({ kind: 'html', status: 502, times: Number.POSITIVE_INFINITY }),
  [TOKENS.slow]: faulty({ kind: 'delay', ms: 5000 }),
  [TOKENS.rateLimited4]: rateLimited(4, 429),
  [TOKENS.rateLimited17]: rateLimited(17, 429),
  [TOKENS.rateLimited32]: rateLimited(32, 400),
  [TOKENS.rateLimited613]: rateLimited(613, 400),
  [TOKENS.rateLimited80007]: rateLimited(80007, 400),
  [TOKENS.rateLimited80008]: rateLimited(80008, 400, Number.POSITIVE_INFINITY),
  [TOKENS.missingIsValid]: { ...healthySpec, malformed: 'missing-is-valid' },
  [TOKENS.wrongTypes]: { ...healthySpec, malformed: 'wrong-types' },

  [SCAN_TOKENS.live]: healthySpec,
  [SCAN_TOKENS.admin]: { ...healthySpec, userId: USER_IDS.adminSystemUser, grants: both() },
  [SCAN_TOKENS.dead]: {
    ...dead(
      463,
      (now) =>
        `Error validating access token: Session has expired on ${graphDate(now - 3 * DAY)}. The current time is ${graphDate(now)}.`,
    ),
    type: 'USER',
    userId: USER_IDS.developer,
    expiresIn: -3 * DAY,
  },
  [SCAN_TOKENS.otherApp]: {
    ...healthySpec,
    appId: OTHER_APP_ID,
    userId: USER_IDS.otherAppSystemUser,
    grants: both([WABA.main]),
  },
  ...Object.fromEntries(SCAN_BENCH_TOKENS.map((t) => [t, healthySpec])),
};

/** Graph's expiry message style: "Wednesday, 14-Feb-18 18:00:00 PST" (Pacific time, fixed UTC-8 here). */
function graphDate(unixSeconds: number): string {
  const d = new Date((unixSeconds - 8 * 3600) * 1000);
  const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const yy = pad2(d.getUTCFullYear() % 100);
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  return `${days[d.getUTCDay()]}, ${pad2(d.getUTCDate())}-${months[d.getUTCMonth()]}-${yy} ${time} PST`;
}

function pad3(n: number): string {
  return String(n).padStart(3, '0');
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
