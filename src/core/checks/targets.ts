import { WHATSAPP_SCOPES } from '../policy.js';
import { generateNewToken, inspectInDebugger } from '../remediation.js';
import type { Check, TokenData } from '../types.js';
import { type CheckContext, type CheckDefinition, oneSlot } from './context.js';

/** What one WhatsApp permission reaches, read from debug_token `granular_scopes`. */
type Reach =
  /** A grant without target_ids: every WABA the token's (system) user can see. */
  | { kind: 'all' }
  | { kind: 'some'; ids: string[] }
  /** In `scopes` but absent from `granular_scopes`: Graph did not say which WABAs. */
  | { kind: 'unknown' }
  /** Neither in `scopes` nor in `granular_scopes`. */
  | { kind: 'not-granted' };

/** Reach of one permission. Several entries for one scope are merged; IDs are already strings (normalize). */
function reachOf(data: TokenData, scope: string): Reach {
  const grants = data.granularScopes.filter((g) => g.scope === scope);
  if (grants.length === 0) return data.scopes.includes(scope) ? { kind: 'unknown' } : { kind: 'not-granted' };
  if (grants.some((g) => g.targetIds === undefined)) return { kind: 'all' };
  return { kind: 'some', ids: [...new Set(grants.flatMap((g) => g.targetIds ?? []))] };
}

/**
 * `scope.targets`: every expected WABA is among the targets of each WhatsApp permission.
 *
 * The permissions judged are the WhatsApp ones the policy requires (both by default); a policy that requires
 * neither falls back to both. Per permission and expected WABA:
 * - grant without target_ids: reached ("all WABAs", and the message says the grant is not per-WABA);
 * - WABA in target_ids: reached; not in target_ids: fail;
 * - permission in `scopes` but not in `granular_scopes`: cannot tell, warn (never fail on it);
 * - permission not granted at all: fail (the token reaches no WABA with it).
 * Without expected WABAs the check passes and only reports what the token reaches.
 */
export function scopeTargets(data: TokenData, ctx: CheckContext): Check {
  const { policy } = ctx;
  const required = WHATSAPP_SCOPES.filter((s) => policy.scopes.includes(s));
  const scopes: string[] = required.length > 0 ? required : [...WHATSAPP_SCOPES];
  const reach = new Map(scopes.map((s) => [s, reachOf(data, s)] as const));

  const reached: Record<string, string[] | 'all'> = {};
  const unknown: string[] = [];
  const notGranted: string[] = [];
  for (const [scope, r] of reach) {
    if (r.kind === 'all') reached[scope] = 'all';
    else if (r.kind === 'some') reached[scope] = r.ids;
    else if (r.kind === 'unknown') unknown.push(scope);
    else notGranted.push(scope);
  }
  const reachText = describeReach(reach);
  const broad = scopes.filter((s) => reach.get(s)?.kind === 'all');
  const broadText =
    broad.length > 0
      ? ` The grant of ${broad.join(' and ')} has no WABA list, so it covers every WABA the token's user can ` +
        'reach: it is not per-WABA.'
      : '';
  const baseDetails = {
    reached,
    ...(unknown.length ? { unknown } : {}),
    ...(notGranted.length ? { notGranted } : {}),
  };

  if (policy.wabaIds.length === 0) {
    return {
      id: 'scope.targets',
      status: 'pass',
      message: `No expected WABA was given, so nothing to compare; the token reaches: ${reachText}.${broadText}`,
      details: baseDetails,
    };
  }

  const missing: { scope: string; wabaIds: string[] }[] = [];
  for (const [scope, r] of reach) {
    if (r.kind === 'unknown' || r.kind === 'all') continue;
    const ids = r.kind === 'some' ? r.ids : [];
    const absent = policy.wabaIds.filter((w) => !ids.includes(String(w)));
    if (absent.length > 0) missing.push({ scope, wabaIds: absent });
  }
  const details = { ...baseDetails, expected: policy.wabaIds, ...(missing.length ? { missing } : {}) };

  if (missing.length > 0) {
    const problems = missing.map(({ scope, wabaIds }) =>
      reach.get(scope)?.kind === 'not-granted'
        ? `${scope} is not granted, so it reaches no WABA (expected ${list(wabaIds, 'and')})`
        : `${scope} does not reach WABA ${list(wabaIds, 'or')}`,
    );
    return {
      id: 'scope.targets',
      status: 'fail',
      message: `The token does not reach every expected WABA: ${problems.join('; ')}. The token reaches: ${reachText}.${unknownText(unknown)}`,
      remediation: [
        'Check that each expected WABA ID is right (WhatsApp Manager > Account tools > Phone numbers shows it).',
        'Give the system user access to the WABA: Business Settings > Users > System users > Assign assets > ' +
          'WhatsApp accounts (Full control), or have the customer share the WABA again through Embedded Signup.',
        generateNewToken(policy.appId) +
          ' A token only covers the WABAs its user could access when it was made.',
        inspectInDebugger(),
      ],
      details,
    };
  }
  const expected = list(policy.wabaIds, 'and');
  if (unknown.length > 0) {
    return {
      id: 'scope.targets',
      status: 'warn',
      message:
        `Cannot tell whether the token reaches WABA ${expected}: ${list(unknown, 'and')} ` +
        `${unknown.length === 1 ? 'is' : 'are'} granted, but Graph listed no per-WABA grant for ` +
        `${unknown.length === 1 ? 'it' : 'them'} (granular_scopes). The token reaches: ${reachText}.${broadText}`,
      remediation: [
        inspectInDebugger() + ' Its "Granular scopes" section lists the WABAs each permission covers.',
        'Give the phone-number or WABA IDs to the live checks (phone.reachable, waba.subscribed) to prove access.',
      ],
      details,
    };
  }
  return {
    id: 'scope.targets',
    status: 'pass',
    message: `${scopes.length === 1 ? `${scopes[0]} reaches` : `Both ${list(scopes, 'and')} reach`} WABA ${expected}.${broadText}`,
    details,
  };
}

function describeReach(reach: Map<string, Reach>): string {
  return [...reach]
    .map(([scope, r]) => {
      if (r.kind === 'all') return `${scope} → all WABAs`;
      if (r.kind === 'some') return `${scope} → ${r.ids.length ? `WABA ${list(r.ids, 'and')}` : 'no WABA'}`;
      if (r.kind === 'unknown') return `${scope} → cannot tell (no granular_scopes entry)`;
      return `${scope} → not granted`;
    })
    .join('; ');
}

function unknownText(unknown: string[]): string {
  return unknown.length
    ? ` For ${list(unknown, 'and')} Graph listed no per-WABA grant, so that part cannot be told.`
    : '';
}

export function list(items: string[], conj: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conj} ${items[items.length - 1]}`;
}

export const SCOPE_TARGETS: CheckDefinition = {
  id: 'scope.targets',
  slots: () => oneSlot('scope.targets'),
  judge: scopeTargets,
};
