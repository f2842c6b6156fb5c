declare const POLICY_KEYS: readonly [
	"appId",
	"scopes",
	"wabaIds",
	"phoneNumberIds",
	"minDays",
	"warnDays",
	"requireType",
	"exactScopes",
	"requireWebhooks",
	"requireLive",
	"minMessagingLimit",
	"strict",
	"templates",
	"callbackUrl"
];
export type PolicyKey = (typeof POLICY_KEYS)[number];
/** Raw values as a front received them: strings from env/inputs, anything from a parsed file. */
export type PolicyInput = {
	[K in PolicyKey]?: unknown;
};
export type Status = "pass" | "warn" | "fail" | "skip";
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
export type Verdict = "pass" | "warn" | "fail" | "error";
export interface GranularScope {
	scope: string;
	/** Absent means the grant covers every object the grantor can reach, not none. */
	targetIds?: string[];
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
	error?: {
		message: string;
		graphError?: string;
	};
	token: TokenSummary;
	checks: Check[];
	generatedAt: string;
}
export declare const ExitCode: {
	/** The audit ran and passed. */
	readonly ok: 0;
	/** The audit ran and the token is not fit (invalid, wrong app, missing scope, ...). */
	readonly failed: 1;
	/** The user's input is wrong: no token, a bad flag value, an unreadable file. */
	readonly usage: 2;
	/** The audit could not be completed: Graph unreachable or still failing at the deadline. */
	readonly notJudged: 3;
};
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
export type ErrorFamily = "auth" | "throttling" | "service" | "parameter" | "message" | "integrity" | "registration" | "template";
/** transient: retry soon; rate-limit: back off, then retry; never: retrying cannot help. */
export type RetryClass = "transient" | "rate-limit" | "never";
export interface ErrorEntry {
	/** `code`, `code.subcode`, or `200-299` for a range entry: what `explain` takes. */
	key: string;
	code: number;
	subcode?: number;
	/** Inclusive code range a range entry stands for (`[200, 299]`); absent for single codes. */
	range?: readonly [
		number,
		number
	];
	name: string;
	family: ErrorFamily;
	meaning: string;
	retry: RetryClass;
	/** How long to wait, in words, when retry is not `never`. */
	retryHint?: string;
	/** The token (or its permissions) is the problem: run the audit and the Access Token Debugger steps. */
	tokenProblem: boolean;
	actions: string[];
	/** HTTP status Meta documents for the error, when it documents one. */
	httpStatus?: number;
	/** The page the entry was written from. */
	source: string;
}
export interface ClientVersion {
	client: string;
	/** What the client is, in words. */
	label: string;
	minimum: string;
}
export interface UndeliveredGuide {
	topic: "undelivered";
	title: string;
	summary: string;
	reasons: string[];
	minimumVersions: ClientVersion[];
	customerChecks: string[];
	/** `explain` keys of errors that belong to this topic. */
	relatedCodes: string[];
	source: string;
}
export interface ConflictingStatusGuide {
	topic: "conflicting-status";
	title: string;
	summary: string;
	points: string[];
	source: string;
}
export interface CodeExplanation {
	kind: "code";
	/** The key asked for (`190.463`, `250`, `200-299`); may be more specific than the entry found. */
	key: string;
	code: number;
	subcode?: number;
	entry: ErrorEntry;
	/** How the entry was found: its own key, the code without the subcode, or the code's range. */
	matchedBy: "exact" | "code" | "range";
}
export type ExplainResult = CodeExplanation | ({
	kind: "undelivered";
} & UndeliveredGuide) | ({
	kind: "conflicting-status";
} & ConflictingStatusGuide) | {
	kind: "unknown";
	message: string;
};
/** Bad input to a library call (a setting, a malformed saved answer): `problems` lists every one. */
export declare class WaTokenAuditError extends Error {
	readonly problems: string[];
	name: string;
	constructor(message: string, problems?: string[]);
}
/** Where Graph is and how long to wait for it. Defaults: https://graph.facebook.com, v26.0, 60 s, 10 s. */
export interface GraphOptions {
	/** Graph API base URL: https, or http for a loopback host only. */
	graphUrl?: string;
	/** Graph API version, e.g. `v26.0`. */
	version?: string;
	/** For the whole audit, retries of transient Graph errors included (ms, at most 300,000). */
	deadlineMs?: number;
	/** For each HTTP attempt, connect to last byte (ms). */
	timeoutMs?: number;
	/** Called before each wait for a retry (for logs). Never carries a secret. */
	onRetry?: (info: {
		failure: string;
		attempt: number;
		waitMs: number;
	}) => void;
}
export interface AuditOptions {
	/** The access token to audit. Sent only to Graph; never in the report. */
	token: string;
	/** The Meta app secret: when set, the app access token inspects the token and `appsecret_proof` is sent. */
	appSecret?: string;
	/** What the token must be: `appId` is required; the other keys are the CLI's options in camelCase. */
	policy: PolicyInput;
	graph?: GraphOptions;
	/** The clock the expiry checks read. */
	now?: () => Date;
}
export interface AuditResult {
	report: Report;
	/** The CLI's exit code for this report: 0 pass, 1 fail, 3 not judged. */
	exitCode: 0 | 1 | 3;
	/** HTTP requests sent to Graph, retries included. */
	requests: number;
}
/**
 * Audits a token against Graph, as the CLI does: debug_token, then the live probes the policy asks for
 * (`phoneNumberIds`, `wabaIds`). Resolves with a report even when Graph could not be asked (verdict `error`,
 * exit code 3: "could not tell" is never a pass); rejects with WaTokenAuditError only on bad options.
 */
export declare function auditToken(options: AuditOptions): Promise<AuditResult>;
/**
 * Evaluates a saved debug_token answer with no network at all: Graph's `{ "data": {...} }` (as an object or JSON
 * text), a bare data object, or Graph's top-level `{ "error": {...} }`.
 */
export declare function evaluate(answer: unknown, policy: PolicyInput, options?: {
	now?: Date;
}): Report;
/** A Graph / Cloud API error code (`190`, `'190.463'`, `'#100'`) or topic (`undelivered`, `conflicting-status`). */
export declare function explain(topic: string | number): ExplainResult;
/** The report as the CLI prints it: `text` (no colour), `json`, `markdown` or `junit`. */
export declare function renderReport(report: Report, format?: "text" | "json" | "markdown" | "junit"): string;

export {};
