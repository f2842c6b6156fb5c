// The pure heart: debug_token evidence + policy + clock -> report. No I/O, no clock of its own, no env.
import { appMismatch } from './checks/app.js';
import type { CheckContext } from './checks/context.js';
import { TOKEN_VALID, tokenValid } from './checks/validity.js';
import { isKnownKind } from './checks/kind.js';
import type { LiveFacts } from './live.js';
import { normalizeTokenData } from './normalize.js';
import type { Policy } from './policy.js';
import { CHECKS } from './registry.js';
import { keyName, type SettingNamer } from './settings.js';
import { summarize } from './summary.js';
import { inspectedData } from './usable.js';
import type { Check, Inspection, Report, TokenData, Verdict } from './types.js';

export type { Inspection } from './types.js';

export interface Evidence {
  inspection: Inspection;
  fingerprint?: string;
  /** Facts from live probes (phone numbers, WABA subscriptions) the shell gathered with the audited token. */
  live?: LiveFacts;
}

/** Fields without which no verdict can be trusted: a broken answer is "not judged", never "pass". */
const ESSENTIAL = ['data', 'is_valid', 'app_id', 'scopes'];

export function evaluate(evidence: Evidence, policy: Policy, now: Date, name: SettingNamer = keyName): Report {
  const ctx: CheckContext = { policy, now: Math.floor(now.getTime() / 1000), name };
  const { inspection, live } = evidence;

  if (inspection.kind === 'app-mismatch') {
    const checks = [
      appMismatch(ctx, policy.appId),
      ...skipRest(ctx, live, 'Graph refused to show this token to the expected app.', ['app.id']),
    ];
    return report(checks, summarize(undefined, evidence.fingerprint), policy, now);
  }
  if (inspection.kind === 'token-invalid') {
    const checks = [
      tokenValid(inspectedData(inspection)!, ctx),
      ...skipRest(ctx, live, 'The token is not valid.', ['token.valid']),
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
  const checks = runChecks(data, ctx, live);
  const judged = report(checks, summary, policy, now);
  // A field an explicit gate depends on, present but unreadable, leaves that gate undecided: "not judged", never
  // a pass. A failure judged from what could be read still stands.
  const undecided = judged.verdict === 'fail' ? [] : undecidedGates(data, policy);
  if (undecided.length > 0) {
    const message = `The debug_token answer cannot be judged against the policy: ${undecided.join('; ')}. The token was not judged.`;
    return { ...judged, ok: false, verdict: 'error', error: { message } };
  }
  return judged;
}

/** The explicit gates of the policy that the answer leaves open, in words. */
function undecidedGates(data: TokenData, policy: Policy): string[] {
  const out: string[] = [];
  if (policy.minDays > 0 && data.malformed.includes('expires_at'))
    out.push(`expires_at is not a time, so min-days ${policy.minDays} cannot be checked`);
  if (policy.requireType) {
    if (data.malformed.includes('type')) out.push('type is not a string, so require-type cannot be checked');
    else if (data.type !== undefined && !isKnownKind(data.type))
      out.push('type is a kind this tool does not know, so require-type cannot be checked');
  }
  if ((data.junkGranularScopes ?? 0) > 0 && policy.wabaIds.length > 0)
    out.push(
      `granular_scopes holds ${data.junkGranularScopes} unreadable item${data.junkGranularScopes === 1 ? '' : 's'}, so the expected WABAs cannot be confirmed`,
    );
  return out;
}

/** Every check of the registry, in its order, on a token whose debug_token answer is sound. */
function runChecks(data: TokenData, ctx: CheckContext, live: LiveFacts | undefined): Check[] {
  const valid = tokenValid(data, ctx);
  if (valid.status !== 'pass') {
    return [valid, ...skipRest(ctx, live, 'The token is not valid.', ['token.valid'])];
  }
  return CHECKS.flatMap((c) => {
    if (c === TOKEN_VALID) return [valid];
    if (c.slots(ctx, live).length === 0) return [];
    const out = c.judge(data, ctx, live);
    return Array.isArray(out) ? out : [out];
  });
}

/** Checks that cannot run, listed as skipped so a report always shows every check the policy asked for. */
function skipRest(ctx: CheckContext, live: LiveFacts | undefined, why: string, done: string[]): Check[] {
  return CHECKS.flatMap((c) => c.slots(ctx, live))
    .filter((slot) => !done.includes(slot.id))
    .map((slot) => ({
      id: slot.id,
      status: 'skip' as const,
      message: `Not checked${slot.what ?? ''}: ${why}`,
      ...(slot.details ? { details: slot.details } : {}),
    }));
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

function verdictOf(checks: Check[], strict: boolean): Verdict {
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
