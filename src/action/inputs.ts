// Every Action input is read here, once, into one typed settings object (the actions/checkout model): the
// secrets first, masked as soon as they are read, then the mode (single audit, fleet), then everything else
// through the CLI's own policy code. Nothing else in the Action calls core.getInput.
import * as core from '@actions/core';
import { UsageError } from '../core/errors.js';
import { DEFAULT_DEADLINE_S, FLEET_DEADLINE_S, MAX_DEADLINE_S, TIMEOUT_MS } from '../core/limits.js';
import { checkPolicy, type Policy, type PolicyInput, uncheckable } from '../core/policy.js';
import { isPolicyKey, type SettingNamer } from '../core/settings.js';
import { BOOLEAN_SPELLINGS, parseBoolean, parseSeconds, parseWholeNumber } from '../core/values.js';
import { appSecretProblem, readTokenValue } from '../core/secret-shape.js';
import { graphUrlNotices } from '../graph/url.js';
import type { GraphClientOptions } from '../graph/client.js';
import { runSecrets } from '../graph/proof.js';
import { waitNotice } from '../report/words.js';
import { type WebhookActionSettings, webhookSettings } from './webhook-test.js';
import { maskSecrets } from './mask.js';

/** What every mode reads: Graph, deadline, summary and outage handling. */

/**
 * The token input is empty. Why (a fork, Dependabot, a missing secret) comes from the event that started the run,
 * which only @actions/github reads: run.ts loads it for this error alone (why-empty.ts), not on every run.
 */
export class EmptyTokenError extends UsageError {
  constructor() {
    super("The token input is empty: the secret it references is not set, or its name is misspelt in `with: token:`.");
  }
}

export interface RunSettings {
  appSecret?: string;
  graphUrl?: string;
  graphVersion?: string;
  deadlineMs: number;
  timeoutMs?: number;
  summary: boolean;
  /** `fail`: an outage fails the step; `warn`: it only warns (the token was not judged either way). */
  onOutage: 'fail' | 'warn';
}

/** One token (`token`): the audit, optionally discovery and the expiry watch. */
export interface SingleSettings extends RunSettings {
  mode: 'single';
  token: string;
  policy: Policy;
  /** Also map what the token reaches (job-summary section, `wabas` output). */
  discover: boolean;
  /** Open / update / close a GitHub issue about the token's expiry. */
  expiryIssue?: { githubToken: string; key: string };
  /** `webhook-url`: also run webhook-test on the callback URL (job-summary section beside the audit). */
  webhook?: WebhookActionSettings;
}

/** A fleet (`fleet-file` set): the policy lives in the fleet file. */
export interface FleetSettings extends RunSettings {
  mode: 'fleet';
  fleetFile: string;
}

/** A secret scan (`scan` set): paths to scan; no token needed. */
export interface ScanSettings extends RunSettings {
  mode: 'scan';
  paths: string[];
  gitHistory: boolean;
  verify: boolean;
  failOn: 'live' | 'any';
  /** Where the SARIF file is written (for github/codeql-action/upload-sarif). */
  sarifFile: string;
}

export type ActionSettings = SingleSettings | FleetSettings | ScanSettings;

/** Input names, as the user writes them in `with:`, for each policy key. */
const INPUT_OF: Record<keyof PolicyInput, string> = {
  appId: 'app-id',
  scopes: 'required-scopes',
  wabaIds: 'waba-ids',
  phoneNumberIds: 'phone-number-ids',
  minDays: 'min-days',
  warnDays: 'warn-days',
  requireType: 'require-type',
  exactScopes: 'exact-scopes',
  requireWebhooks: 'require-webhooks',
  requireLive: 'require-live',
  minMessagingLimit: 'min-messaging-limit',
  strict: 'fail-on-warning',
  templates: 'templates',
  callbackUrl: 'callback-url',
};

/** How the Action names each setting in its messages: its inputs. */
export const actionSettingName: SettingNamer = (key) => {
  if (isPolicyKey(key)) return `input '${INPUT_OF[key]}'`;
  if (key === 'appSecret') return "input 'app-secret'";
  if (key === 'graphUrl') return "input 'graph-url'";
  if (key === 'graphVersion') return "input 'graph-version'";
  // The Action reads every list up to the default page cap; the CLI's discover command can raise it.
  if (key === 'maxPages') return "the CLI's --max-pages (wa-token-audit discover)";
  return key;
};

/**
 * All inputs. Every secret is handed to `mask` (the runner's masking) before anything else is read, so nothing a
 * later problem logs can show it. Throws UsageError (one line, naming the input) on a bad value.
 */
export function readInputs(mask: (secrets: string[]) => void = maskSecrets): ActionSettings {
  const token = core.getInput('token').trim();
  const appSecret = optional('app-secret');
  const appId = core.getInput('app-id').trim();
  const verifyToken = core.getInput('verify-token').trim();
  mask(verifyToken ? [...runSecrets(token, appId, appSecret), verifyToken] : runSecrets(token, appId, appSecret));
  // Checked as the CLI checks its own, values never shown: an implausible app secret, a non-Meta Graph URL.
  const secretProblem = appSecret ? appSecretProblem(appSecret) : undefined;
  if (secretProblem) throw new UsageError(`input 'app-secret' ${secretProblem}; its value is not shown.`);
  for (const n of graphUrlNotices(optional('graph-url'), "input 'graph-url'"))
    core.warning(n, { title: 'wa-token-audit: Graph URL' });
  // A scan replaces the audit: it looks for committed credentials instead of auditing a given token.
  const scan = optional('scan');
  if (scan !== undefined) {
    if (optional('fleet-file') !== undefined)
      throw new UsageError("inputs 'scan' and 'fleet-file' cannot be used together: run them as two steps.");
    const verify = bool('scan-verify', true);
    const failOn = optional('scan-fail-on')?.toLowerCase() ?? (verify ? 'live' : 'any');
    if (failOn !== 'live' && failOn !== 'any')
      throw new UsageError(`input 'scan-fail-on': expected live or any, got "${failOn.slice(0, 20)}".`);
    return {
      mode: 'scan',
      paths: scan.split(/[\n,]/).map((p) => p.trim()).filter(Boolean),
      gitHistory: bool('scan-git-history', false),
      verify,
      failOn,
      sarifFile: optional('sarif-file') ?? 'wa-token-audit.sarif',
      ...readRunSettings(appSecret, FLEET_DEADLINE_S),
    };
  }
  // A fleet file replaces the single audit: its tokens come from the environment or files it names.
  const fleetFile = optional('fleet-file');
  if (fleetFile !== undefined)
    return { mode: 'fleet', fleetFile, ...readRunSettings(appSecret, FLEET_DEADLINE_S) };

  if (token === '') throw new EmptyTokenError();
  const read = readTokenValue(token);
  if ('problem' in read) throw new UsageError(`input 'token' ${read.problem}; its value is not shown.`);
  const raw: PolicyInput = {};
  for (const [key, name] of Object.entries(INPUT_OF) as [keyof PolicyInput, string][]) {
    const value = core.getInput(name);
    if (value.trim() !== '') raw[key] = value;
  }
  const { policy, problems } = checkPolicy(raw, actionSettingName);
  if (!policy) throw new UsageError(problems.join(' '));
  const uncheck = uncheckable(policy, { offline: false, appSecret: appSecret !== undefined }, actionSettingName);
  if (uncheck.length > 0) throw new UsageError(uncheck.join(' '));
  return {
    mode: 'single',
    ...readRunSettings(appSecret, DEFAULT_DEADLINE_S),
    token: read.token,
    policy,
    discover: bool('discover', false),
    ...expiryIssue(policy.appId, mask),
    ...webhookSettings(optional('webhook-url'), verifyToken, optional('webhook-timeout-ms')),
  };
}

function expiryIssue(appId: string, mask: (secrets: string[]) => void): Pick<SingleSettings, 'expiryIssue'> {
  if (!bool('expiry-issue', false)) return {};
  const githubToken = core.getInput('github-token').trim();
  if (!githubToken) {
    throw new UsageError("input 'expiry-issue' needs input 'github-token' (default: github.token) with issues: write permission.");
  }
  mask([githubToken]);
  const extra = optional('expiry-issue-key');
  return { expiryIssue: { githubToken, key: extra ? `app-${appId}:${extra}` : `app-${appId}` } };
}

/** The Graph client's options from the run inputs; its waits go to the step's log. */
export function graphOptionsOf(settings: RunSettings, logPrefix = ''): Omit<GraphClientOptions, 'secrets'> {
  return {
    graphUrl: settings.graphUrl,
    version: settings.graphVersion,
    deadlineMs: settings.deadlineMs,
    timeoutMs: settings.timeoutMs,
    settingName: actionSettingName,
    onRetry: (r) => core.info(`${logPrefix}${waitNotice(r)}`),
  };
}

function readRunSettings(appSecret: string | undefined, defaultDeadlineS: number): RunSettings {
  return {
    ...(appSecret ? { appSecret } : {}),
    graphUrl: optional('graph-url'),
    graphVersion: optional('graph-version'),
    deadlineMs: deadlineSeconds(defaultDeadlineS) * 1000,
    timeoutMs: optionalInt('timeout-ms', TIMEOUT_MS.min, TIMEOUT_MS.max, 'milliseconds'),
    summary: bool('summary', true),
    onOutage: outage(),
  };
}

function optional(name: string): string | undefined {
  const v = core.getInput(name).trim();
  return v === '' ? undefined : v;
}

function deadlineSeconds(fallback: number): number {
  const v = optional('deadline-seconds');
  return v === undefined ? fallback : valueOf('deadline-seconds', parseSeconds(v, MAX_DEADLINE_S));
}

function optionalInt(name: string, min: number, max: number, unit?: string): number | undefined {
  const v = optional(name);
  return v === undefined ? undefined : valueOf(name, parseWholeNumber(v, min, max, unit));
}

function valueOf(name: string, parsed: number | { problem: string }): number {
  if (typeof parsed === 'number') return parsed;
  throw new UsageError(`input '${name}': ${parsed.problem}`);
}

function bool(name: string, fallback: boolean): boolean {
  const v = optional(name);
  if (v === undefined) return fallback;
  const b = parseBoolean(v);
  if (b === undefined)
    throw new UsageError(`input '${name}': expected ${BOOLEAN_SPELLINGS}, got "${v.slice(0, 20)}".`);
  return b;
}

function outage(): 'fail' | 'warn' {
  const v = optional('on-outage')?.toLowerCase() ?? 'fail';
  if (v === 'fail' || v === 'warn') return v;
  throw new UsageError(`input 'on-outage': expected fail or warn, got "${v.slice(0, 20)}".`);
}
