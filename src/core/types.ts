// Shared shapes of the pure core and everything the renderers read: the audit report, the fleet's results and
// the discovery document. Nothing here performs I/O.

/** What Graph said when asked to inspect the token. */
export type Inspection =
  /** debug_token answered with `data` (which may say the token is invalid). */
  | { kind: 'data'; data: unknown }
  /** The app token inspected a token of another app and Graph refused (top-level error). */
  | { kind: 'app-mismatch'; message?: string }
  /** The token inspected itself and Graph rejected it outright (top-level 190): the token is dead. */
  | { kind: 'token-invalid'; code: number; subcode?: number; message?: string };

export type Status = 'pass' | 'warn' | 'fail' | 'skip';

/** One finding. `id` is stable: users key CI rules and dashboards on it. */
export interface Check {
  id: string;
  status: Status;
  message: string;
  /** Steps that fix the problem, in order. Present when status is warn or fail. */
  remediation?: string[];
  /** Graph error this finding came from, as an `explain` key (`190.463`, `100.33`). */
  graphError?: string;
  /** Machine-readable facts behind the message (reached WABAs, days left, ...). */
  details?: Record<string, unknown>;
}

/** pass: nothing to fix; warn: usable but look at it; fail: do not deploy; error: the token was not judged. */
export type Verdict = 'pass' | 'warn' | 'fail' | 'error';

type TokenKind = 'SYSTEM_USER' | 'USER' | 'PAGE' | 'APP' | (string & {});

export interface GranularScope {
  scope: string;
  /** Absent means the grant covers every object the grantor can reach, not none. */
  targetIds?: string[];
}

/** The `data` of a debug_token answer, normalised: every field typed, IDs as strings. */
export interface TokenData {
  appId?: string;
  application?: string;
  type?: TokenKind;
  isValid?: boolean;
  issuedAt?: number;
  expiresAt?: number;
  dataAccessExpiresAt?: number;
  scopes: string[];
  granularScopes: GranularScope[];
  userId?: string;
  profileId?: string;
  error?: { code?: number; subcode?: number; message?: string };
  /** Field names that were present but of the wrong type: the answer cannot be fully trusted. */
  malformed: string[];
  /** Items of granular_scopes that could not be read (the readable ones are kept and judged one by one). */
  junkGranularScopes?: number;
}

/** What a human or a machine needs to know about the token. Never the token itself. */
export interface TokenSummary {
  fingerprint?: string;
  appId?: string;
  application?: string;
  type?: string;
  isValid?: boolean;
  issuedAt?: string | null;
  /** ISO 8601, or null when the token never expires. */
  expiresAt?: string | null;
  dataAccessExpiresAt?: string | null;
  scopes: string[];
  granularScopes: GranularScope[];
  userId?: string;
}

export interface Report {
  schemaVersion: 1;
  ok: boolean;
  verdict: Verdict;
  /** Set when verdict is `error`: why the token could not be judged. */
  error?: { message: string; graphError?: string };
  token: TokenSummary;
  checks: Check[];
  generatedAt: string;
}

// ---- The fleet: one result per entry, and the run's outcome (its headline verdict is decided here, once). ----

export interface FleetEntryResult {
  index: number;
  name: string;
  report: Report;
  /** This entry's contribution to the exit code: 0, 1 (failed), 2 (usage: e.g. a wrong app secret), 3. */
  exitCode: number;
}

export interface FleetTotals {
  entries: number;
  pass: number;
  warn: number;
  fail: number;
  notJudged: number;
  /** Phone numbers (counted per entry) that cannot send: their phone.status or phone.health failed. */
  cannotSend: number;
}

export interface FleetOutcome {
  totals: FleetTotals;
  /** The fleet's headline: fail when any entry failed, else error (not judged), else warn, else pass. */
  verdict: Verdict;
  exitCode: number;
  ok: boolean;
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Time spent waiting because Graph's usage headers neared their limits. */
  throttledMs: number;
}

// ---- Discovery: what a token reaches, as a tree WABA -> phone numbers. JSON keys are stable and documented in
// README (schemaVersion 1); renderers and the Action read only this. ----

/** Where a WABA was learned from. */
export type WabaSource =
  | 'target_ids'
  | 'assigned_whatsapp_business_accounts'
  | 'owned_whatsapp_business_accounts'
  | 'client_whatsapp_business_accounts';

export interface DiscoveredPhone {
  id: string;
  displayPhoneNumber: string | null;
  verifiedName: string | null;
  qualityRating: string | null;
  platformType: string | null;
  status: string | null;
  nameStatus: string | null;
  codeVerificationStatus: string | null;
  throughput: string | null;
  messagingLimit: string | null;
  accountMode: string | null;
  /** Meta's health status of the number (health_status): null when Graph did not give it. */
  health: DiscoveredHealth | null;
  /**
   * Where the number's `messages` webhooks go for the expected app (the number's override, else its WABA's,
   * else the app's callback URL), without the URL's query string. null: no app to route for.
   */
  callback: DiscoveredCallback | null;
}

/** known: `url` set at `level`; nowhere: the app is not subscribed or no level has a URL; unknown: `why`. */
export interface DiscoveredCallback {
  state: 'known' | 'nowhere' | 'unknown';
  url: string | null;
  level: 'phone' | 'waba' | 'app' | null;
  /** Why it is nowhere or unknown. */
  why?: string;
}

/** health_status, summed up: the overall value and, for each entity that is not AVAILABLE, what Graph said. */
export interface DiscoveredHealth {
  canSendMessage: string | null;
  /** "WABA 200… BLOCKED (error 141006: …)", Graph's text made safe. Empty when everything is AVAILABLE. */
  problems: string[];
}

export interface DiscoveredWaba {
  id: string;
  name: string | null;
  source: WabaSource;
  accountReviewStatus: string | null;
  businessVerificationStatus: string | null;
  health: DiscoveredHealth | null;
  /** Is the expected app (--app-id, else the token's app) among the WABA's subscribed apps? null: not read. */
  appSubscribed: boolean | null;
  subscribedApps: { id: string; name: string | null }[] | null;
  phoneNumbers: DiscoveredPhone[];
}

/** The app's `whatsapp_business_account` webhook subscription (read with an app secret only). */
export interface WebhookSummary {
  appId: string;
  object: 'whatsapp_business_account';
  subscribed: boolean;
  active: boolean | null;
  fields: string[];
  /** The `messages` field is subscribed. */
  messages: boolean;
  /** Active and with `messages`: replies and statuses reach the app. */
  ok: boolean;
}

export interface SourceSummary {
  source: WabaSource;
  /** For the business's owned/client WABA lists: which business. */
  businessId?: string;
  /** ok: read; refused/unknown: see `partial`; not-needed: the grants name every WABA. */
  outcome: 'ok' | 'refused' | 'unknown' | 'not-needed' | 'unavailable';
  wabas: number;
  pages?: number;
  /** Set when the list stopped before its end: `page-cap` or `no-cursor`. */
  cut?: string;
}

type DiscoveryStatus =
  /** Every source and read answered. */
  | 'complete'
  /** Some source or read was refused, cut or unanswered: `partial` says which and why. */
  | 'partial'
  /** The token is invalid or belongs to another app: nothing to discover (exit 1). */
  | 'failed'
  /** Graph could not be asked (exit 3). */
  | 'not-judged';

export interface Discovery {
  schemaVersion: 1;
  kind: 'discovery';
  status: DiscoveryStatus;
  error?: { message: string; graphError?: string };
  /** The same summary as the audit report's `token`. */
  token: TokenSummary;
  /** The app `appSubscribed` refers to. */
  appId: string | null;
  wabas: DiscoveredWaba[];
  webhook?: WebhookSummary;
  /** Why the tree may be incomplete; empty when it is complete. */
  partial: string[];
  sources: SourceSummary[];
  generatedAt: string;
}
