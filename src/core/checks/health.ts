// `phone.health` and `waba.health`: can the configured number (or WABA) send now, in Graph's own words.
// health_status: "Messaging and Calling Health Status", Cloud API > Support —
// https://developers.facebook.com/documentation/business-messaging/whatsapp/support/health-status
// WABA fields (account_review_status, business_verification_status): WhatsApp Business Account reference —
// https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account
import { HEALTH_FALLBACK_STEP, judgeHealth } from '../health.js';
import type { PhoneProbe, UnreadField, WabaNodeProbe } from '../live.js';
import type { Check } from '../types.js';
import { untrusted } from '../untrusted.js';
import { type CheckContext, type CheckDefinition, perPhoneCheck, perWaba } from './context.js';
import { graphErrorText } from './phone.js';

type Level = 'pass' | 'warn' | 'fail';

function unreadHealth(unread: UnreadField[] | undefined): UnreadField | undefined {
  return unread?.find((u) => u.field === 'health_status');
}

/**
 * `phone.health`: one per expected phone-number ID. health_status AVAILABLE passes, LIMITED warns, BLOCKED
 * fails, naming each entity (PHONE_NUMBER, WABA, BUSINESS, APP, …) and each error with Graph's own fix; a value
 * this tool does not know, or none, warns. A number that was not read, or a field the Graph version refused,
 * is skipped with the reason.
 */
export function phoneHealth(probes: PhoneProbe[] | undefined, ctx: CheckContext): Check[] {
  return ctx.policy.phoneNumberIds.map((id) => {
    const probe = probes?.find((p) => String(p.phoneNumberId) === String(id));
    const details = { phoneNumberId: id };
    if (!probe) return { id: 'phone.health', status: 'skip', message: `Phone number ID ${id} was not probed.`, details };
    if (probe.outcome !== 'ok') {
      return {
        id: 'phone.health',
        status: 'skip',
        message:
          probe.outcome === 'unknown'
            ? `Not checked (phone number ID ${id}): Graph could not be asked.`
            : `Not checked (phone number ID ${id}): Graph refused to show the number (see phone.reachable).`,
        details,
      };
    }
    const unread = unreadHealth(probe.unread);
    if (unread) {
      return {
        id: 'phone.health',
        status: 'skip',
        message: `Not checked (phone number ID ${id}): ${unread.reason}`,
        details,
      };
    }
    const n = probe.node ?? {};
    const label = [n.displayPhoneNumber, n.verifiedName].filter(Boolean).map((s) => untrusted(s, 80));
    const name = `Phone number ID ${id}${label.length > 0 ? ` (${label.join(', ')})` : ''}`;
    const h = judgeHealth(n.healthStatus);
    const allDetails = { phoneNumberId: id, ...h.details };
    if (h.level === 'pass') {
      return {
        id: 'phone.health',
        status: 'pass',
        message: `${name} can send: Graph's health status is AVAILABLE for the number, its WABA, business and app.`,
        details: allDetails,
      };
    }
    const lead =
      h.level === 'fail'
        ? `cannot send: health status ${h.overall}`
        : h.overall.toUpperCase() === 'LIMITED'
          ? 'can send only with limits: health status LIMITED'
          : `may not be able to send: health status ${h.overall}`;
    return {
      id: 'phone.health',
      status: h.level,
      message: `${name} ${lead} — ${h.problems.join('; ')}.`,
      remediation: h.remediation.length > 0 ? h.remediation : [HEALTH_FALLBACK_STEP],
      details: allDetails,
    };
  });
}

interface Part {
  level: Level;
  text: string;
  fix?: string | string[];
}

const REVIEW: Record<string, Part> = {
  APPROVED: { level: 'pass', text: 'account review APPROVED' },
  PENDING: {
    level: 'warn',
    text: 'account review PENDING (Meta has not finished reviewing the WABA; messaging may be limited until it does)',
    fix: 'Wait for the review to finish; WhatsApp Manager > Account overview shows its state and anything it asks for.',
  },
  REJECTED: {
    level: 'fail',
    text: 'account review REJECTED (the WABA did not pass Meta\'s review and cannot send)',
    fix: 'WhatsApp Manager > Account overview says why the review failed; fix it and request another review there.',
  },
  // In Meta's OpenAPI enum, without a documented meaning for sending: warned, never passed.
  RESTRICTED: {
    level: 'warn',
    text: 'account review RESTRICTED (Meta restricts the WABA; what it may still send is not documented)',
    fix: 'WhatsApp Manager > Account overview names the restriction and how to lift it.',
  },
  LIMIT_REACHED: {
    level: 'warn',
    text: 'account review LIMIT_REACHED (the WABA reached a limit Meta does not document further)',
    fix: 'WhatsApp Manager > Account overview shows which limit and when it resets.',
  },
};

const VERIFY_FIX =
  'Verify the business: Business Settings > Security Center > Start verification (Meta\'s business verification ' +
  'guide). Until it is verified, the portfolio stays at the lowest messaging limit and cannot get an Official Business Account.';

function verificationPart(value: string | undefined): Part {
  if (!value) return { level: 'warn', text: 'business verification not shown by Graph', fix: VERIFY_FIX };
  if (value.toLowerCase() === 'verified') return { level: 'pass', text: 'business verified' };
  // Graph spells these in lower case: not_verified, pending, pending_submission, pending_need_more_info,
  // rejected, failed, expired, revoked, ineligible, … — any of them limits what the business may send.
  return {
    level: 'warn',
    text:
      `business verification ${value} (not verified: the portfolio's messaging limit cannot grow past its lowest ` +
      'level and it cannot get an Official Business Account)',
    fix: VERIFY_FIX,
  };
}

/**
 * `waba.health`: one per expected WABA. The worst of its health_status (as phone.health judges it),
 * account_review_status (APPROVED passes, PENDING warns, REJECTED fails, unknown warns) and
 * business_verification_status (verified passes; anything else warns, saying what it limits). When the Graph
 * version refused health_status and the rest is fine, the check is skipped with the reason.
 */
export function wabaHealth(probes: WabaNodeProbe[] | undefined, ctx: CheckContext): Check[] {
  return ctx.policy.wabaIds.map((wabaId) => {
    const probe = probes?.find((p) => String(p.wabaId) === String(wabaId));
    const base = { wabaId };
    if (!probe) return { id: 'waba.health', status: 'skip', message: `WABA ${wabaId} was not probed.`, details: base };
    if (probe.outcome === 'unknown') {
      return {
        id: 'waba.health',
        status: 'skip',
        message: `Not checked (WABA ${wabaId}): Graph could not be asked.`,
        details: base,
      };
    }
    if (probe.outcome === 'refused') {
      return {
        id: 'waba.health',
        status: 'warn',
        message:
          `Cannot tell whether WABA ${wabaId} can send: Graph refused to show it. ` +
          (probe.error ? graphErrorText(probe.error) : 'Graph gave no reason.'),
        remediation: [
          'Check that the WABA ID is right and that the token reaches it (see scope.targets).',
          'Give the system user access to the WABA: Business Settings > Users > System users > Assign assets > WhatsApp accounts.',
        ],
        details: { ...base, ...(probe.error ? { code: probe.error.code } : {}) },
      };
    }
    const node = probe.node ?? {};
    const name = node.name ? ` (${untrusted(node.name, 80)})` : '';
    const review = node.accountReviewStatus ? untrusted(node.accountReviewStatus, 60) : undefined;
    const verification = node.businessVerificationStatus
      ? untrusted(node.businessVerificationStatus, 60)
      : undefined;
    const parts: Part[] = [];
    const unread = unreadHealth(probe.unread);
    const h = unread ? undefined : judgeHealth(node.healthStatus);
    if (h) {
      parts.push({
        level: h.level,
        text:
          h.level === 'pass'
            ? 'health status AVAILABLE'
            : `health status ${h.overall} — ${h.problems.join('; ')}`,
        ...(h.level === 'pass' ? {} : { fix: h.remediation.length > 0 ? h.remediation : [HEALTH_FALLBACK_STEP] }),
      });
    }
    parts.push(
      review
        ? (REVIEW[review.toUpperCase()] ?? {
            level: 'warn',
            text: `account review ${review} (a value this tool does not know)`,
            fix: 'Check the WABA in WhatsApp Manager > Account overview.',
          })
        : { level: 'warn', text: 'account review status not shown by Graph' },
    );
    parts.push(verificationPart(verification));
    const level: Level = parts.some((p) => p.level === 'fail')
      ? 'fail'
      : parts.some((p) => p.level === 'warn')
        ? 'warn'
        : 'pass';
    const details = {
      ...base,
      name: node.name ? untrusted(node.name, 80) : null,
      accountReviewStatus: review ?? null,
      businessVerificationStatus: verification ?? null,
      healthStatus: h ? h.details : null,
    };
    if (level === 'pass' && unread) {
      return {
        id: 'waba.health',
        status: 'skip',
        message: `Not fully checked (WABA ${wabaId}${name}): ${unread.reason} ${parts.map((p) => p.text).join(', ')}.`,
        details,
      };
    }
    if (level === 'pass') {
      return {
        id: 'waba.health',
        status: 'pass',
        message: `WABA ${wabaId}${name} can send: ${parts.map((p) => p.text).join(', ')}.`,
        details,
      };
    }
    const bad = parts.filter((p) => p.level !== 'pass');
    return {
      id: 'waba.health',
      status: level,
      message:
        `WABA ${wabaId}${name} ${level === 'fail' ? 'cannot send' : 'is limited'}: ${bad.map((p) => p.text).join('; ')}.` +
        (unread ? ` ${unread.reason}` : ''),
      remediation: [...new Set(bad.flatMap((p) => (p.fix === undefined ? [] : [p.fix].flat())))],
      details,
    };
  });
}

export const PHONE_HEALTH: CheckDefinition = perPhoneCheck('phone.health', (ctx, live) => phoneHealth(live?.phones, ctx));

/** Runs when the shell read the expected WABAs' nodes (a live audit; not an offline evaluation). */
export const WABA_HEALTH: CheckDefinition = {
  id: 'waba.health',
  slots: (ctx, live) => (live?.wabaNodes !== undefined ? perWaba('waba.health', ctx) : []),
  judge: (_data, ctx, live) => wabaHealth(live?.wabaNodes, ctx),
};
