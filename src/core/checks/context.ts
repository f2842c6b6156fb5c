import type { LiveFacts } from '../live.js';
import type { Policy } from '../policy.js';
import type { SettingNamer } from '../settings.js';
import type { Check, TokenData } from '../types.js';

/** What every check may read besides the token data: the policy and the injected clock. */
export interface CheckContext {
  policy: Policy;
  /** Unix seconds. */
  now: number;
  /** How the front names a setting: findings say which setting to change, each front words it. */
  name: SettingNamer;
}

/** One finding a check will give under a policy: its id, and what tells it apart from its siblings. */
export interface CheckSlot {
  id: string;
  details?: Record<string, unknown>;
  /** Names the object in a "Not checked" message: ` (phone number ID 123)`. */
  what?: string;
}

/**
 * A check as the registry (core/registry.ts) holds it. `slots` says which findings it gives for this policy and
 * these live facts (none: it does not apply), so a report lists every asked-for check even when it is skipped;
 * `judge` runs it on a valid token.
 */
export interface CheckDefinition {
  id: string;
  slots(ctx: CheckContext, live: LiveFacts | undefined): CheckSlot[];
  judge(data: TokenData, ctx: CheckContext, live: LiveFacts | undefined): Check | Check[];
}

/** The slot of a check that gives one finding. */
export function oneSlot(id: string): CheckSlot[] {
  return [{ id }];
}

/** One slot per expected phone-number ID (policy order). */
export function perPhone(id: string, ctx: CheckContext): CheckSlot[] {
  return ctx.policy.phoneNumberIds.map((n) => ({
    id,
    details: { phoneNumberId: n },
    what: ` (phone number ID ${n})`,
  }));
}

/** A check with one finding per expected phone number: its id is written once, for its slots and itself. */
export function perPhoneCheck(
  id: string,
  judge: (ctx: CheckContext, live: LiveFacts | undefined) => Check | Check[],
): CheckDefinition {
  return { id, slots: (ctx) => perPhone(id, ctx), judge: (_data, ctx, live) => judge(ctx, live) };
}

/** One slot per expected WABA (policy order). */
export function perWaba(id: string, ctx: CheckContext): CheckSlot[] {
  return ctx.policy.wabaIds.map((w) => ({ id, details: { wabaId: w }, what: ` (WABA ${w})` }));
}
