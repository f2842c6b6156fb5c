import { describeGraphError, errorKey } from '../error-catalog.js';
import type { GraphErrorFacts, PhoneProbe } from '../live.js';
import { generateNewToken } from '../remediation.js';
import type { Check } from '../types.js';
import { type CheckContext, type CheckDefinition, perPhoneCheck } from './context.js';

/** Graph errors that mean "this token cannot reach that object": a wrong ID, no asset access, no permission, dead token. */
function isAccessError(e: GraphErrorFacts): boolean {
  return e.code === 100 || e.code === 10 || e.code === 190 || (e.code >= 200 && e.code <= 299);
}

/**
 * The Graph error in plain words, from the one error table. The probe's message was redacted by the Graph
 * client (see live.ts), so it may be quoted.
 */
export function graphErrorText(e: GraphErrorFacts): string {
  return describeGraphError(e, (message) => message);
}

const QUALITY_WORDS: Record<string, string> = {
  RED: 'RED (low quality: messaging limits may be lowered or the number restricted)',
  YELLOW: 'YELLOW (medium quality: at risk of dropping to RED)',
};

/**
 * `phone.reachable`: one check per expected phone-number ID (policy order), all with the same id; the number ID
 * is in the message and in details.phoneNumberId, so the report stays unambiguous.
 * - refused with 100 (e.g. 100.33), 10, 190 or 200-299: fail (wrong ID, or no access to its WABA);
 * - refused with another code: warn, it could not be confirmed;
 * - outcome unknown, or the number was not probed: skip with the reason (the shell decides whether the whole
 *   audit is then "not judged");
 * - reached: warn on quality RED or YELLOW and on a platform other than CLOUD_API, else pass.
 */
export function phoneReachable(probes: PhoneProbe[] | undefined, ctx: CheckContext): Check[] {
  return ctx.policy.phoneNumberIds.map((id) => {
    const probe = probes?.find((p) => String(p.phoneNumberId) === String(id));
    return judge(id, probe, ctx);
  });
}

function judge(id: string, probe: PhoneProbe | undefined, ctx: CheckContext): Check {
  const base = { id: 'phone.reachable', details: { phoneNumberId: id } };
  if (!probe) return { ...base, status: 'skip', message: `Phone number ID ${id} was not probed.` };
  if (probe.outcome === 'unknown') {
    return {
      ...base,
      status: 'skip',
      message: `Phone number ID ${id} could not be checked: Graph could not be asked.${probe.error ? ` ${graphErrorText(probe.error)}` : ''}`,
      ...(probe.error ? { graphError: errorKey(probe.error.code, probe.error.subcode) } : {}),
    };
  }
  if (probe.outcome === 'refused') {
    const e = probe.error ?? { code: 0 };
    const graphError = probe.error ? errorKey(e.code, e.subcode) : undefined;
    const why = probe.error ? ` ${graphErrorText(e)}` : ' Graph gave no reason.';
    const access = isAccessError(e);
    return {
      ...base,
      status: access ? 'fail' : 'warn',
      message: access
        ? `The token cannot reach phone number ID ${id}: ${e.code === 190 ? 'Graph rejected the token' : 'it does not exist or the token has no access to its WABA'}.${why}`
        : `Could not confirm that the token reaches phone number ID ${id}.${why}`,
      remediation: [
        `Check that ${id} is the phone number's ID (not the phone number or the WABA ID): App Dashboard > WhatsApp > API Setup shows it as "Phone number ID".`,
        'Give the system user access to the WABA that owns the number: Business Settings > Users > System users > ' +
          'Assign assets > WhatsApp accounts (Full control).',
        generateNewToken(ctx.policy.appId) + ' Make sure the WABA is among the assets the token covers.',
      ],
      ...(graphError ? { graphError } : {}),
      details: { phoneNumberId: id, ...(probe.error ? { code: e.code, subcode: e.subcode ?? null } : {}) },
    };
  }

  const node = probe.node ?? {};
  const label = [node.displayPhoneNumber, node.verifiedName].filter(Boolean).join(', ');
  const named = `Phone number ID ${id}${label ? ` (${label})` : ''}`;
  const details = {
    phoneNumberId: id,
    displayPhoneNumber: node.displayPhoneNumber ?? null,
    verifiedName: node.verifiedName ?? null,
    qualityRating: node.qualityRating ?? null,
    platformType: node.platformType ?? null,
    status: node.status ?? null,
  };
  const problems: string[] = [];
  const remediation: string[] = [];
  const quality = node.qualityRating?.toUpperCase();
  if (quality && QUALITY_WORDS[quality]) {
    problems.push(`quality rating ${QUALITY_WORDS[quality]}`);
    remediation.push(
      'Look at WhatsApp Manager > Insights for blocks and reports; send messages users asked for and pause templates that get blocked.',
    );
  }
  const platform = node.platformType?.toUpperCase();
  if (platform && platform !== 'CLOUD_API') {
    problems.push(
      platform === 'ON_PREMISE'
        ? 'it is registered on the On-Premises API, not the Cloud API, so Cloud API calls cannot send from it'
        : `it is not registered on the Cloud API (platform ${platform})`,
    );
    remediation.push(
      `Register the number on the Cloud API (POST /${id}/register, or migrate it from On-Premises in WhatsApp Manager).`,
    );
  }
  const facts = [quality ? `quality ${quality}` : '', platform ? `platform ${platform}` : '']
    .filter(Boolean)
    .join(', ');
  if (problems.length > 0) {
    return {
      id: 'phone.reachable',
      status: 'warn',
      message: `${named} is reachable, but ${problems.join('; and ')}.`,
      remediation,
      details,
    };
  }
  return {
    id: 'phone.reachable',
    status: 'pass',
    message: `${named} is reachable${facts ? ` (${facts})` : ''}.`,
    details,
  };
}

export const PHONE_REACHABLE: CheckDefinition = perPhoneCheck('phone.reachable', (ctx, live) => phoneReachable(live?.phones, ctx));
