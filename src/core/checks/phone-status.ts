// `phone.status` and `phone.messaging-limit`: a phone number's own state, as the phone number node shows it.
//
// Values after Meta's WhatsApp Business Phone Number reference
// (https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account-to-number-current-status/)
// and Meta's OpenAPI description of the WhatsApp Business Messaging API (facebook/openapi): `status` CONNECTED,
// PENDING, DISCONNECTED, UNVERIFIED, FLAGGED, RESTRICTED, RATE_LIMITED, BANNED, DELETED, MIGRATED, LINKED,
// UNLINKED, …; `name_status` APPROVED, AVAILABLE_WITHOUT_REVIEW, DECLINED, EXPIRED, PENDING_REVIEW, NONE;
// `account_mode` LIVE or SANDBOX. Display names: https://developers.facebook.com/documentation/business-messaging/whatsapp/display-names/
// Messaging limits (per business portfolio, shared by its numbers; 250, 2,000, 10,000, 100,000, unlimited):
// https://developers.facebook.com/documentation/business-messaging/whatsapp/messaging-limits
// `code_verification_status` is only reported: real, live numbers mostly show EXPIRED (the code used when the
// number was registered has expired), which says nothing about whether it can send.
import type { PhoneProbe, UnreadField } from '../live.js';
import type { Check, Status } from '../types.js';
import { untrusted } from '../untrusted.js';
import { type CheckContext, type CheckDefinition, perPhoneCheck } from './context.js';

type Level = 'pass' | 'warn' | 'fail';

interface Meaning {
  level: Level;
  /** What the value means for sending, after "is". */
  words: string;
  fix?: string;
}

const register = (id: string) =>
  `Register the number on the Cloud API: POST /{version}/${id}/register with {"messaging_product":"whatsapp","pin":"<6-digit two-step verification PIN>"} ` +
  '(a System User token with whatsapp_business_management). This tool only reads; it never calls it.';

const STATUS: Record<string, (id: string) => Meaning> = {
  CONNECTED: () => ({ level: 'pass', words: 'CONNECTED (registered on the Cloud API)' }),
  PENDING: (id) => ({
    level: 'fail',
    words: 'PENDING: it is not registered, so every message sent from it fails (error 133010)',
    fix: register(id),
  }),
  DISCONNECTED: (id) => ({
    level: 'fail',
    words: 'DISCONNECTED: it was deregistered or its registration lapsed, so it cannot send',
    fix: `${register(id)} Then check WhatsApp Manager > Account tools > Phone numbers.`,
  }),
  UNVERIFIED: (id) => ({
    level: 'fail',
    words: 'UNVERIFIED: its ownership was never verified, so it cannot be registered or send',
    fix: `Verify the number (POST /{version}/${id}/request_code, then /verify_code, or WhatsApp Manager > Phone numbers), then register it.`,
  }),
  FLAGGED: () => ({
    level: 'warn',
    words:
      'FLAGGED: its quality dropped; unless quality improves within 7 days its messaging limit is lowered',
    fix: 'Look at WhatsApp Manager > Insights for blocks and reports; send messages users asked for and pause templates that get blocked.',
  }),
  RESTRICTED: () => ({
    level: 'fail',
    words:
      'RESTRICTED: it reached its messaging limit or was restricted for quality, so it cannot start conversations with customers now',
    fix: 'WhatsApp Manager > Account overview shows the restriction and when it ends; raise the messaging limit (see the messaging-limits guide) or wait for it to reset.',
  }),
  RATE_LIMITED: () => ({
    level: 'warn',
    words: 'RATE_LIMITED: Graph is throttling what it sends',
    fix: 'Send more slowly (respect the throughput level) and retry with backoff.',
  }),
  BANNED: () => ({
    level: 'fail',
    words: 'BANNED from the WhatsApp Business Platform: it cannot send',
    fix: 'WhatsApp Manager > Account overview (Account quality) names the violation; request a review there.',
  }),
  DELETED: () => ({
    level: 'fail',
    words: 'DELETED: it is no longer a business number of this WABA',
    fix: 'Add the number again in WhatsApp Manager, or configure the ID of the number you send from (wa-token-audit discover lists them).',
  }),
  MIGRATED: () => ({
    level: 'fail',
    words: 'MIGRATED: it moved to another WABA or platform, so this ID no longer sends',
    fix: 'Configure the number\'s new phone-number ID (wa-token-audit discover lists what the token reaches).',
  }),
};

const NAME_STATUS: Record<string, Meaning> = {
  APPROVED: { level: 'pass', words: 'APPROVED' },
  AVAILABLE_WITHOUT_REVIEW: { level: 'pass', words: 'AVAILABLE_WITHOUT_REVIEW' },
  DECLINED: {
    level: 'warn',
    words: 'DECLINED (rejected in review: customers see the phone number, not the business name, at the top of chats)',
  },
  EXPIRED: {
    level: 'warn',
    words: 'EXPIRED (the approved name lapsed: customers see the phone number, not the business name)',
  },
  PENDING_REVIEW: {
    level: 'warn',
    words: 'PENDING_REVIEW (not approved yet: customers see the phone number until it is)',
  },
  NONE: { level: 'warn', words: 'NONE (no display name was submitted for review)' },
};

const NAME_FIX =
  'Edit the display name after Meta\'s display name guidelines (WhatsApp Manager > Account tools > Phone numbers > ' +
  'the number > Profile > Display name), or appeal the decision via Developer Support.';

const MODE: Record<string, Meaning> = {
  LIVE: { level: 'pass', words: 'LIVE' },
  SANDBOX: {
    level: 'warn',
    words: 'SANDBOX: a test number, it reaches only the recipients on its allow list',
    fix: 'Send from a production number: add and register a real business phone number in WhatsApp Manager (App Dashboard > WhatsApp > API Setup > Add phone number).',
  },
};

function unknownMeaning(field: string, value: string): Meaning {
  return {
    level: 'warn',
    words: `${value}, a ${field} value this tool does not know, so it cannot tell whether the number can send`,
    fix: 'Check the number in WhatsApp Manager > Account tools > Phone numbers.',
  };
}

function worst(levels: Level[]): Level {
  return levels.includes('fail') ? 'fail' : levels.includes('warn') ? 'warn' : 'pass';
}

function named(id: string, probe: PhoneProbe): string {
  const n = probe.node ?? {};
  const label = [n.displayPhoneNumber, n.verifiedName].filter(Boolean).map((s) => untrusted(s, 80));
  return `Phone number ID ${id}${label.length > 0 ? ` (${label.join(', ')})` : ''}`;
}

/** Skips for a number that was not read; undefined when it was read. */
function notRead(check: string, id: string, probe: PhoneProbe | undefined): Check | undefined {
  const details = { phoneNumberId: id };
  if (!probe) return { id: check, status: 'skip', message: `Phone number ID ${id} was not probed.`, details };
  if (probe.outcome !== 'ok') {
    return {
      id: check,
      status: 'skip',
      message:
        probe.outcome === 'unknown'
          ? `Not checked (phone number ID ${id}): Graph could not be asked.`
          : `Not checked (phone number ID ${id}): Graph refused to show the number (see phone.reachable).`,
      details,
    };
  }
  return undefined;
}

/**
 * `phone.status`: one per expected phone-number ID. The worst of:
 * - `status`: CONNECTED passes; PENDING, DISCONNECTED, UNVERIFIED, RESTRICTED, BANNED, DELETED, MIGRATED fail;
 *   FLAGGED, RATE_LIMITED and any value this tool does not know (LINKED, UNLINKED, …) warn; missing warns.
 * - `name_status`: APPROVED and AVAILABLE_WITHOUT_REVIEW pass; DECLINED, EXPIRED, PENDING_REVIEW, NONE and
 *   unknown values warn.
 * - `account_mode`: LIVE passes; SANDBOX warns (fails with requireLive); unknown warns.
 * `code_verification_status` is shown, never judged.
 */
export function phoneStatus(probes: PhoneProbe[] | undefined, ctx: CheckContext): Check[] {
  return ctx.policy.phoneNumberIds.map((id) => {
    const probe = probes?.find((p) => String(p.phoneNumberId) === String(id));
    const skipped = notRead('phone.status', id, probe);
    if (skipped) return skipped;
    const node = probe!.node ?? {};
    const status = node.status ? untrusted(node.status, 60) : undefined;
    const nameStatus = node.nameStatus ? untrusted(node.nameStatus, 60) : undefined;
    const mode = node.accountMode ? untrusted(node.accountMode, 60) : undefined;
    const code = node.codeVerificationStatus ? untrusted(node.codeVerificationStatus, 60) : undefined;

    const parts: { level: Level; text: string; fix?: string }[] = [];
    const s: Meaning = status
      ? (STATUS[status.toUpperCase()]?.(id) ?? unknownMeaning('status', status))
      : {
          level: 'warn',
          words: 'not shown by Graph, so it cannot tell whether the number is registered',
          fix: 'Check the number in WhatsApp Manager > Account tools > Phone numbers.',
        };
    parts.push({ level: s.level, text: `status ${s.words}`, ...(s.fix ? { fix: s.fix } : {}) });

    const n: Meaning = nameStatus
      ? (NAME_STATUS[nameStatus.toUpperCase()] ?? unknownMeaning('name_status', nameStatus))
      : { level: 'warn', words: 'not shown by Graph' };
    parts.push({
      level: n.level,
      text: `display name ${n.words}`,
      ...(n.level !== 'pass' ? { fix: NAME_FIX } : {}),
    });

    const m: Meaning = mode
      ? (MODE[mode.toUpperCase()] ?? unknownMeaning('account_mode', mode))
      : { level: 'pass', words: 'not shown' };
    const sandbox = mode?.toUpperCase() === 'SANDBOX';
    const modeLevel: Level = sandbox && ctx.policy.requireLive ? 'fail' : m.level;
    parts.push({
      level: modeLevel,
      text: `account mode ${m.words}${sandbox && ctx.policy.requireLive ? ` (${ctx.name('requireLive')})` : ''}`,
      ...(m.fix ? { fix: m.fix } : {}),
    });

    const level = worst(parts.map((p) => p.level));
    const details = {
      phoneNumberId: id,
      status: status ?? null,
      nameStatus: nameStatus ?? null,
      accountMode: mode ?? null,
      codeVerificationStatus: code ?? null,
    };
    // Reported, never judged: EXPIRED is what most numbers in use show.
    const codeNote = code ? ` Code verification: ${code} (reported only; EXPIRED is normal once a number is registered).` : '';
    const label = named(id, probe!);
    if (level === 'pass') {
      return {
        id: 'phone.status',
        status: 'pass',
        message: `${label} can send: ${parts.map((p) => p.text).join(', ')}.${codeNote}`,
        details,
      };
    }
    const bad = parts.filter((p) => p.level !== 'pass');
    const lead = level === 'fail' ? 'cannot send' : 'may not send as expected';
    return {
      id: 'phone.status',
      status: level as Status,
      message: `${label} ${lead}: ${bad.map((p) => p.text).join('; ')}.${codeNote}`,
      remediation: [...new Set(bad.flatMap((p) => (p.fix ? [p.fix] : [])))],
      details,
    };
  });
}

/** Users per 24 hours for each limit value Meta has used (older numbers may still show TIER_50 or TIER_1K). */
export const LIMIT_USERS: Readonly<Record<string, number>> = {
  TIER_50: 50,
  TIER_250: 250,
  TIER_1K: 1000,
  TIER_2K: 2000,
  TIER_10K: 10000,
  TIER_100K: 100000,
  TIER_UNLIMITED: Number.POSITIVE_INFINITY,
  UNLIMITED: Number.POSITIVE_INFINITY,
};

function usersText(n: number): string {
  return Number.isFinite(n) ? `${n.toLocaleString('en-US')} users per 24 hours` : 'unlimited';
}

const RAISE_LIMIT =
  'Raise the messaging limit (set per business portfolio, shared by all its numbers): complete a scaling path ' +
  '(business verification, or enough high-quality business-initiated messages) after Meta\'s messaging-limits guide; ' +
  'WhatsApp Manager > Account overview shows the current limit.';

/**
 * `phone.messaging-limit`: one per expected phone-number ID. Shows the limit from the field the Graph version
 * has (`whatsapp_business_manager_messaging_limit` from v24.0, `messaging_limit_tier` before). With
 * minMessagingLimit: a lower limit fails, a value this tool cannot read warns (cannot tell). Without it: a known
 * limit passes, an unreadable one is skipped. A field Graph refused is always a skip with the reason.
 */
export function phoneMessagingLimit(probes: PhoneProbe[] | undefined, ctx: CheckContext): Check[] {
  const min = ctx.policy.minMessagingLimit;
  return ctx.policy.phoneNumberIds.map((id) => {
    const probe = probes?.find((p) => String(p.phoneNumberId) === String(id));
    const skipped = notRead('phone.messaging-limit', id, probe);
    if (skipped) return skipped;
    const unread = probe!.unread?.find((u: UnreadField) => u.field === 'messaging_limit');
    const node = probe!.node ?? {};
    const field = node.messagingLimitField ?? null;
    const base = { phoneNumberId: id, field, ...(min === undefined ? {} : { minimum: minJson(min) }) };
    if (unread) {
      return {
        id: 'phone.messaging-limit',
        status: 'skip',
        message: `Not checked (phone number ID ${id}): ${unread.reason}`,
        details: { ...base, limit: null },
      };
    }
    const raw = node.messagingLimit ? untrusted(node.messagingLimit, 60) : undefined;
    const users = raw ? LIMIT_USERS[raw.toUpperCase()] : undefined;
    const details = { ...base, limit: raw ?? null, users: users === undefined ? null : minJson(users) };
    const label = named(id, probe!);
    if (users === undefined) {
      const what = raw
        ? `Graph shows a messaging limit this tool does not know (${raw})`
        : `Graph did not give a messaging limit${field ? ` (${field} was empty)` : ''}`;
      if (min === undefined) {
        return { id: 'phone.messaging-limit', status: 'skip', message: `${label}: ${what}.`, details };
      }
      return {
        id: 'phone.messaging-limit',
        status: 'warn',
        message: `${label}: ${what}, so it cannot tell whether it reaches the required ${usersText(min)} (${ctx.name('minMessagingLimit')}).`,
        remediation: ['Check the limit in WhatsApp Manager > Account overview.'],
        details,
      };
    }
    if (min !== undefined && users < min) {
      return {
        id: 'phone.messaging-limit',
        status: 'fail',
        message:
          `${label} may message ${usersText(users)} (${raw}) outside customer service windows, below the required ` +
          `${usersText(min)} (${ctx.name('minMessagingLimit')}).`,
        remediation: [RAISE_LIMIT],
        details,
      };
    }
    return {
      id: 'phone.messaging-limit',
      status: 'pass',
      message: `${label} may message ${usersText(users)} (${raw})${min !== undefined ? `, at least the required ${usersText(min)}` : ''}.`,
      details,
    };
  });
}

/** JSON has no Infinity: unlimited is written as the string "unlimited". */
function minJson(n: number): number | string {
  return Number.isFinite(n) ? n : 'unlimited';
}

export const PHONE_STATUS: CheckDefinition = perPhoneCheck('phone.status', (ctx, live) => phoneStatus(live?.phones, ctx));

export const PHONE_MESSAGING_LIMIT: CheckDefinition = perPhoneCheck('phone.messaging-limit', (ctx, live) => phoneMessagingLimit(live?.phones, ctx));
