import { errorKey } from '../error-catalog.js';
import type { WabaPhonesProbe } from '../live.js';
import type { Check } from '../types.js';
import { type CheckContext, type CheckDefinition, perPhone } from './context.js';
import { graphErrorText } from './phone.js';
import { list } from './targets.js';

/**
 * `phone.waba`: with expected WABAs and expected phone-number IDs, each number must be one of the expected
 * WABAs' numbers (`GET /{waba-id}/phone_numbers`). One check per phone-number ID (policy order), same id,
 * the number ID in details.phoneNumberId.
 * - listed by an expected WABA: pass;
 * - listed by another WABA the token reaches: fail, naming that WABA;
 * - listed nowhere, and every expected WABA was listed completely: fail;
 * - listed nowhere, but an expected WABA's listing was refused or cut short: warn (cannot tell);
 * - not probed, or no expected listing could be asked (outage): skip with the reason.
 */
export function phoneWaba(probes: WabaPhonesProbe[] | undefined, ctx: CheckContext): Check[] {
  return ctx.policy.phoneNumberIds.map((id) => judge(String(id), probes, ctx));
}

function judge(phoneId: string, probes: WabaPhonesProbe[] | undefined, ctx: CheckContext): Check {
  const expectedIds = ctx.policy.wabaIds.map(String);
  const id = 'phone.waba';
  const base = { phoneNumberId: phoneId, expected: expectedIds };
  if (!probes) {
    return {
      id,
      status: 'skip',
      message: `Phone number ID ${phoneId}: the numbers of WABA ${list(expectedIds, 'and')} were not listed.`,
      details: base,
    };
  }
  const expected = expectedIds.map((w) => probes.find((p) => p.expected && String(p.wabaId) === w));
  const holds = (p: WabaPhonesProbe | undefined) =>
    p?.outcome === 'ok' ? p.phones?.find((n) => String(n.id) === phoneId) : undefined;

  const home = expected.find((p) => holds(p));
  if (home) {
    const n = holds(home)!;
    return {
      id,
      status: 'pass',
      message: `Phone number ID ${phoneId}${n.displayPhoneNumber ? ` (${n.displayPhoneNumber})` : ''} belongs to WABA ${home.wabaId}, as expected.`,
      details: { ...base, wabaId: home.wabaId },
    };
  }

  const owner = probes.find((p) => !expectedIds.includes(String(p.wabaId)) && holds(p));
  const fixSteps = (real?: string) => [
    `Check which WABA your integration sends from: WhatsApp Manager > Account tools > Phone numbers lists each WABA's numbers with their "Phone number ID".`,
    real
      ? `Either use a phone number of WABA ${list(expectedIds, 'or')}, or, if WABA ${real} is the right account, set ${ctx.name('wabaIds')} ${real} (and subscribe the app to it).`
      : `Use a phone number of WABA ${list(expectedIds, 'or')}, or correct ${ctx.name('wabaIds')} / ${ctx.name('phoneNumberIds')} so they name the same account.`,
    'Replies and status webhooks arrive for the WABA that owns the number: a number of another WABA sends, but its webhooks go elsewhere.',
  ];
  if (owner) {
    const n = holds(owner)!;
    return {
      id,
      status: 'fail',
      message:
        `Phone number ID ${phoneId}${n.displayPhoneNumber ? ` (${n.displayPhoneNumber})` : ''} belongs to WABA ${owner.wabaId}, ` +
        `not to the expected WABA ${list(expectedIds, 'or')}.`,
      remediation: fixSteps(owner.wabaId),
      details: { ...base, wabaId: owner.wabaId },
    };
  }

  const missing = expected.filter((p) => !p || p.outcome === 'unknown');
  const refused = expected.filter((p) => p?.outcome === 'refused');
  const incomplete = expected.filter((p) => p?.outcome === 'ok' && p.incomplete);
  if (missing.length === expected.length) {
    return {
      id,
      status: 'skip',
      message: `Phone number ID ${phoneId}: the numbers of WABA ${list(expectedIds, 'and')} could not be listed (Graph could not be asked).`,
      details: base,
    };
  }
  if (refused.length + incomplete.length + missing.length > 0) {
    const why = [
      ...refused.map(
        (p) =>
          `Graph refused to list the numbers of WABA ${p!.wabaId}${p!.error ? ` (${graphErrorText(p!.error)})` : ''}`,
      ),
      ...incomplete.map((p) => `the list of WABA ${p!.wabaId}'s numbers was cut short`),
      ...expectedIds
        .filter((_, i) => !expected[i] || expected[i]!.outcome === 'unknown')
        .map((w) => `WABA ${w}'s numbers could not be listed`),
    ];
    const firstError = refused.find((p) => p?.error)?.error;
    return {
      id,
      status: 'warn',
      message: `Cannot tell whether phone number ID ${phoneId} belongs to WABA ${list(expectedIds, 'or')}: it is not among the numbers read, and ${why.join('; ')}.`,
      remediation: [
        'Check that the token reaches each expected WABA (see scope.targets) and that the WABA IDs are right.',
        ...fixSteps().slice(0, 1),
      ],
      ...(firstError ? { graphError: errorKey(firstError.code, firstError.subcode) } : {}),
      details: base,
    };
  }
  const count = expected.reduce((n, p) => n + (p?.phones?.length ?? 0), 0);
  return {
    id,
    status: 'fail',
    message:
      `Phone number ID ${phoneId} is not a number of WABA ${list(expectedIds, 'or')} ` +
      `(${count} number${count === 1 ? '' : 's'} listed), and the token cannot see which WABA it belongs to.`,
    remediation: fixSteps(),
    details: { ...base, wabaId: null },
  };
}

/** Binds each expected phone number to the expected WABAs: it needs both. */
export const PHONE_WABA: CheckDefinition = {
  id: 'phone.waba',
  slots: (ctx) => (ctx.policy.wabaIds.length > 0 ? perPhone('phone.waba', ctx) : []),
  judge: (_data, ctx, live) => phoneWaba(live?.wabaPhones, ctx),
};
