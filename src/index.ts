// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the declaration bundler must see the ambient undici module types, which are not imported.
/// <reference path="./types/undici-slim.d.ts" />
// The library: `import { auditToken, evaluate, explain } from 'wa-token-audit'`. A thin, semver-stable front over
// the same functions the CLI and the Action call (src/run, src/core, src/explain, src/report): it checks its
// inputs, and names settings by their option keys (`appId`, `wabaIds`) in errors. What is exported here, and the
// shapes of its types, are the library's stable interface (CHANGELOG.md, "Versioning").
import { checkPolicy, type Policy, type PolicyInput } from './core/policy.js';
import type { SettingNamer } from './core/settings.js';
import { ExitCode, reportExitCode, UsageError } from './core/errors.js';
import type { Report } from './core/types.js';
import { type ExplainResult, explainTopic } from './explain/explain.js';
import { renderJson } from './report/json.js';
import { renderJunit } from './report/junit.js';
import { renderMarkdown } from './report/markdown.js';
import { renderText } from './report/text.js';
import { auditToken as runAudit } from './run/audit.js';
import { evaluateSavedResponse } from './run/offline.js';

export type { Check, GranularScope, Report, Status, TokenSummary, Verdict } from './core/types.js';
export type { CodeExplanation, ExplainResult } from './explain/explain.js';
export type { PolicyInput } from './core/policy.js';
export { ExitCode };

/** Bad input to a library call (a setting, a malformed saved answer): `problems` lists every one. */
export class WaTokenAuditError extends Error {
  override name = 'WaTokenAuditError';
  constructor(
    message: string,
    readonly problems: string[] = [message],
  ) {
    super(message);
  }
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
  onRetry?: (info: { failure: string; attempt: number; waitMs: number }) => void;
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
export async function auditToken(options: AuditOptions): Promise<AuditResult> {
  if (typeof options?.token !== 'string' || options.token.trim() === '')
    throw new WaTokenAuditError('token: expected the access token, a non-empty string.');
  const policy = readPolicy(options.policy);
  try {
    const { report, requests } = await runAudit({
      token: options.token.trim(),
      ...(options.appSecret ? { appSecret: options.appSecret } : {}),
      settingName: libraryName,
      policy,
      ...(options.graph ? { graph: graphOptions(options.graph) } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    return { report, exitCode: reportExitCode(report) as 0 | 1 | 3, requests };
  } catch (err) {
    if (err instanceof UsageError) throw new WaTokenAuditError(err.message);
    throw err;
  }
}

/**
 * Evaluates a saved debug_token answer with no network at all: Graph's `{ "data": {...} }` (as an object or JSON
 * text), a bare data object, or Graph's top-level `{ "error": {...} }`.
 */
export function evaluate(answer: unknown, policy: PolicyInput, options: { now?: Date } = {}): Report {
  const text = typeof answer === 'string' ? answer : JSON.stringify(answer ?? null);
  try {
    return evaluateSavedResponse(text, readPolicy(policy), options.now ?? new Date(), 'answer', libraryName);
  } catch (err) {
    if (err instanceof UsageError) throw new WaTokenAuditError(err.message);
    throw err;
  }
}

/** A Graph / Cloud API error code (`190`, `'190.463'`, `'#100'`) or topic (`undelivered`, `conflicting-status`). */
export function explain(topic: string | number): ExplainResult {
  return explainTopic(String(topic));
}

/** The report as the CLI prints it: `text` (no colour), `json`, `markdown` or `junit`. */
export function renderReport(report: Report, format: 'text' | 'json' | 'markdown' | 'junit' = 'text'): string {
  if (format === 'json') return renderJson(report);
  if (format === 'markdown') return renderMarkdown(report);
  if (format === 'junit') return renderJunit(report);
  return renderText(report, { color: false, quiet: false });
}

/** Settings as a library caller writes them: `policy.appId`, `appSecret`, `graph.graphUrl`. */
const libraryName: SettingNamer = (key) => {
  if (key === 'responseFile') return 'evaluate()';
  if (key === 'appSecret') return 'appSecret';
  if (key === 'graphUrl') return 'graph.graphUrl';
  if (key === 'graphVersion') return 'graph.version';
  if (key === 'maxPages') return 'maxPages';
  return `policy.${key}`;
};

function readPolicy(input: PolicyInput): Policy {
  if (typeof input !== 'object' || input === null)
    throw new WaTokenAuditError('policy: expected an object with at least appId.');
  const { policy, problems } = checkPolicy(input, libraryName);
  if (!policy) throw new WaTokenAuditError(problems.join(' '), problems);
  return policy;
}

function graphOptions(g: GraphOptions): GraphOptions {
  const ms = (key: 'deadlineMs' | 'timeoutMs', max: number) => {
    const v = g[key];
    if (v !== undefined && (!Number.isFinite(v) || v <= 0 || v > max))
      throw new WaTokenAuditError(`graph.${key}: expected milliseconds between 1 and ${max}.`);
  };
  ms('deadlineMs', 300_000);
  ms('timeoutMs', 120_000);
  return {
    ...(g.graphUrl !== undefined ? { graphUrl: g.graphUrl } : {}),
    ...(g.version !== undefined ? { version: g.version } : {}),
    ...(g.deadlineMs !== undefined ? { deadlineMs: g.deadlineMs } : {}),
    ...(g.timeoutMs !== undefined ? { timeoutMs: g.timeoutMs } : {}),
    ...(g.onRetry ? { onRetry: g.onRetry } : {}),
  };
}
