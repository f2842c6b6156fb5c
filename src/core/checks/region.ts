import type { PhoneProbe } from '../live.js';
import { regionOf, restrictedRegionWarning } from '../regions.js';
import type { Check } from '../types.js';
import { type CheckDefinition, perPhoneCheck } from './context.js';

/**
 * `phone.region`: one per probed phone number. Warns when its calling code belongs to a region where, per Meta's
 * troubleshooting guide, businesses may not use the platform and users cannot receive its messages (Cuba, Iran,
 * North Korea, Syria). Turkey is not restricted (lifted 2024-05-15); the sanctioned regions of Ukraine cannot be
 * told from a number, so +380 passes with a note.
 */
export function phoneRegion(phones: PhoneProbe[] | undefined, expected: string[]): Check[] {
  return expected.map((phoneNumberId) => {
    const probe = phones?.find((p) => p.phoneNumberId === phoneNumberId);
    const display = probe?.outcome === 'ok' ? probe.node?.displayPhoneNumber : undefined;
    const details = { phoneNumberId, ...(display ? { displayPhoneNumber: display } : {}) };
    if (!display) {
      return {
        id: 'phone.region',
        status: 'skip',
        message: `Not checked (phone number ID ${phoneNumberId}): Graph did not show its display number.`,
        details,
      };
    }
    const info = regionOf(display);
    const warning = restrictedRegionWarning(display);
    if (warning) {
      return {
        id: 'phone.region',
        status: 'warn',
        message: `Phone number ID ${phoneNumberId} (${display}): ${warning}`,
        remediation: [
          'Send from a business phone number registered outside the restricted regions, and check that your customers can receive messages from the platform (wa-token-audit explain undelivered).',
        ],
        details: { ...details, callingCode: info?.callingCode, region: info?.region },
      };
    }
    const where = info ? ` (+${info.callingCode}, ${info.region})` : '';
    const note = info?.note ? ` ${info.note}` : '';
    return {
      id: 'phone.region',
      status: 'pass',
      message: `Phone number ID ${phoneNumberId} (${display})${where} is not in a region where the platform is restricted.${note}`,
      details: { ...details, ...(info ? { callingCode: info.callingCode, region: info.region } : {}) },
    };
  });
}

export const PHONE_REGION: CheckDefinition = perPhoneCheck('phone.region', (ctx, live) => phoneRegion(live?.phones, ctx.policy.phoneNumberIds));
