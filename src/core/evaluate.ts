// The pure heart: debug_token evidence + policy + clock -> report. No I/O, no clock of its own, no env.
import { appId, appMismatch } from './checks/app.js';
import type { CheckContext } from './checks/context.js';
import { tokenExpiry } from './checks/expiry.js';
import { tokenKind } from './checks/kind.js';
import { phoneReachable } from './checks/phone.js';
import { phoneWaba } from './checks/phone-waba.js';
import { phoneRegion } from './checks/region.js';
import { leastPrivilege } from './checks/privilege.js';
import { requiredScopes } from './checks/scopes.js';
import { scopeTargets } from './checks/targets.js';
import { tokenValid } from './checks/validity.js';
import { wabaSubscribed } from './checks/waba.js';
import { appWebhook } from './checks/webhook.js';
import type { LiveFacts } from './live.js';
import { normalizeTokenData } from './normalize.js';
import type { Policy } from './policy.js';
import { summarize } from './summary.js';
import type { Check, Report, TokenData, Verdict } from './types.js';

/** What Graph said when asked to inspect the token. */
export type Inspection =
  /** debug_token answered with `data` (which may say the token is invalid). */
  | { kind: 'data'; data: unknown }
  /** The app token inspected a token of another app and Graph refused (top-level error). */
  | { kind: 'app-mismatch'; message?: string }
  /** The token inspected itself and Graph rejected it outright (top-level 190): the token is dead. */
  | { kind: 'token-invalid'; code: number; subcode?: number; message?: string };

export interface Evidence {
  inspection: Inspection;
  fingerprint?: string;
  /** Facts from live probes (phone numbers, WABA subscriptions) the shell gathered with the audited token. */
  live?: LiveFacts;
}

/** Fields without which no verdict can be trusted: a broken answer is "not judged", never "pass". */
const ESSENTIAL = ['data', 'is_valid', 'app_id', 'scopes'];

export function evaluate(evidence: Evidence, policy: Policy, now: Date): Report {
  const ctx: CheckContext = { policy, now: Math.floor(now.getTime() / 1000) };
  const { inspection, live } = evidence;

  if (inspection.kind === 'app-mismatch') {
    const checks = [
      appMismatch(policy.appId),
      ...skipRest(policy, live, 'Graph refused to show this token to the expected app.'),
    ];
    return report(checks, summarize(undefined, evidence.fingerprint), policy, now);
  }
  if (inspection.kind === 'token-invalid') {
    const data = normalizeTokenData({
      is_valid: false,
      error: { code: inspection.code, subcode: inspection.subcode, message: inspection.message },
    });
    const checks = [
      tokenValid(data, ctx),
      ...skipRest(policy, live, 'The token is not valid.', ['token.valid']),
    ];
    return report(checks, summarize(undefined, evidence.fingerprint), policy, now);
  }

  const data = normalizeTokenData(inspection.data);
  const summary = summarize(data, evidence.fingerprint);
  const broken = data.malformed.filter((f) => ESSENTIAL.includes(f));
  if (data.isValid === undefined && !broken.includes('is_valid')) broken.push('is_valid');
  if (broken.length > 0) {
    const message = `The debug_token answer is malformed (${broken.join(', ')} missing or of the wrong type): the token was not judged.`;
    return { ...report([], summary, policy, now), ok: false, verdict: 'error', error: { message } };
  }
  return report(runChecks(data, ctx, live), summary, policy, now);
}

/**
 * The checks, always in this order: token.valid, app.id, scope.<name>..., scope.targets, token.expiry,
 * token.type, scope.least-privilege, phone.reachable and phone.region (one each per expected phone-number ID),
 * waba.subscribed (one per expected WABA), phone.waba (one per expected phone-number ID, when WABAs are expected
 * too), app.webhook (when the shell read the app's webhook subscriptions: with an app secret).
 */
function runChecks(data: TokenData, ctx: CheckContext, live: LiveFacts | undefined): Check[] {
  const valid = tokenValid(data, ctx);
  if (valid.status !== 'pass') {
    return [valid, ...skipRest(ctx.policy, live, 'The token is not valid.', ['token.valid'])];
  }
  const { policy } = ctx;
  return [
    valid,
    appId(data, ctx),
    ...requiredScopes(data, ctx),
    scopeTargets(data, ctx),
    tokenExpiry(data, ctx),
    tokenKind(data, ctx),
    leastPrivilege(data, ctx),
    ...(policy.phoneNumberIds.length > 0 ? phoneReachable(live?.phones, ctx) : []),
    ...(policy.phoneNumberIds.length > 0 ? phoneRegion(live?.phones, policy.phoneNumberIds) : []),
    ...(wantsSubscriptions(policy, live) ? wabaSubscribed(live?.subscriptions, ctx) : []),
    ...(wantsPhoneWaba(policy) ? phoneWaba(live?.wabaPhones, ctx) : []),
    ...(live?.appSubscriptions ? [appWebhook(live.appSubscriptions, ctx)] : []),
  ];
}

/** phone.waba binds each expected phone number to the expected WABAs: it needs both. */
function wantsPhoneWaba(policy: Policy): boolean {
  return policy.wabaIds.length > 0 && policy.phoneNumberIds.length > 0;
}

/**
 * waba.subscribed runs when there are expected WABAs and the shell probed subscriptions, or when the policy
 * requires webhooks (then a missing probe shows as skipped rather than silently absent).
 */
function wantsSubscriptions(policy: Policy, live: LiveFacts | undefined): boolean {
  return policy.wabaIds.length > 0 && (live?.subscriptions !== undefined || policy.requireWebhooks);
}

/** Checks that cannot run, listed as skipped so a report always shows every check the policy asked for. */
function skipRest(
  policy: Policy,
  live: LiveFacts | undefined,
  why: string,
  done: string[] = ['app.id'],
): Check[] {
  const ids = [
    'token.valid',
    'app.id',
    ...policy.scopes.map((s) => `scope.${s}`),
    'scope.targets',
    'token.expiry',
    'token.type',
    'scope.least-privilege',
  ].filter((id) => !done.includes(id));
  const skip = (id: string, details?: Record<string, unknown>, what = ''): Check => ({
    id,
    status: 'skip',
    message: `Not checked${what}: ${why}`,
    ...(details ? { details } : {}),
  });
  return [
    ...ids.map((id) => skip(id)),
    ...policy.phoneNumberIds.map((id) =>
      skip('phone.reachable', { phoneNumberId: id }, ` (phone number ID ${id})`),
    ),
    ...policy.phoneNumberIds.map((id) =>
      skip('phone.region', { phoneNumberId: id }, ` (phone number ID ${id})`),
    ),
    ...(wantsSubscriptions(policy, live)
      ? policy.wabaIds.map((id) => skip('waba.subscribed', { wabaId: id }, ` (WABA ${id})`))
      : []),
    ...(wantsPhoneWaba(policy)
      ? policy.phoneNumberIds.map((id) =>
          skip('phone.waba', { phoneNumberId: id }, ` (phone number ID ${id})`),
        )
      : []),
    ...(live?.appSubscriptions ? [skip('app.webhook', { appId: policy.appId })] : []),
  ];
}

function report(checks: Check[], token: Report['token'], policy: Policy, now: Date): Report {
  const verdict = verdictOf(checks, policy.strict);
  return {
    schemaVersion: 1,
    ok: verdict === 'pass' || verdict === 'warn',
    verdict,
    token,
    checks,
    generatedAt: now.toISOString(),
  };
}

export function verdictOf(checks: Check[], strict: boolean): Verdict {
  if (checks.some((c) => c.status === 'fail')) return 'fail';
  if (checks.some((c) => c.status === 'warn')) return strict ? 'fail' : 'warn';
  return 'pass';
}

/** The report for a run that could not judge the token (Graph unreachable, deadline reached). */
export function notJudgedReport(
  message: string,
  now: Date,
  fingerprint?: string,
  graphError?: string,
): Report {
  return {
    schemaVersion: 1,
    ok: false,
    verdict: 'error',
    error: { message, ...(graphError ? { graphError } : {}) },
    token: summarize(undefined, fingerprint),
    checks: [],
    generatedAt: now.toISOString(),
  };
}
