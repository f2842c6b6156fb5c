import { generateNewToken } from '../remediation.js';
import type { Check, TokenData } from '../types.js';
import { type CheckContext, type CheckDefinition, oneSlot } from './context.js';

const DAY = 86_400;

/**
 * `token.expiry`: how long the token (expires_at) and the app's data access (data_access_expires_at) last.
 * 0 means never. The earlier of the two non-zero deadlines is judged:
 * - fail when it has passed (deadline <= now) or fewer than policy.minDays remain;
 * - warn when fewer than policy.warnDays remain ("fewer than N days": exactly N days left passes);
 * - pass otherwise.
 * Days left are whole days, rounded down, so the number in the message agrees with the status.
 * A missing expires_at is "cannot tell": warn with the reason.
 */
export function tokenExpiry(data: TokenData, ctx: CheckContext): Check {
  const { policy, now } = ctx;
  const token = deadline(data.expiresAt, now);
  const access = deadline(data.dataAccessExpiresAt, now);
  const details = {
    expiresAt: token.iso,
    daysLeft: token.daysLeft,
    dataAccessExpiresAt: access.iso,
    dataAccessDaysLeft: access.daysLeft,
  };
  const accessText = access.never
    ? 'Data access never expires.'
    : access.at === undefined
      ? 'Graph did not say when data access expires.'
      : `Data access ${access.left <= 0 ? 'expired' : 'expires'} ${when(access)}.`;
  const rotate = [
    'Rotate the token before it expires: generate a new one and update the secret your integration reads.',
    generateNewToken(policy.appId) + ' Set the token expiration to "Never" so it does not need rotating.',
  ];

  // An app access token (APP_ID|SECRET) has no expires_at because it does not expire (captured debug_token
  // answers of APP tokens carry neither expires_at nor issued_at): nothing to warn about.
  if (token.at === undefined && data.type === 'APP' && !data.malformed.includes('expires_at')) {
    return { id: 'token.expiry', status: 'pass', message: 'App access tokens do not expire.', details };
  }
  if (token.at === undefined) {
    const why = data.malformed.includes('expires_at') ? 'expires_at is not a time' : 'expires_at is missing';
    return {
      id: 'token.expiry',
      status: 'warn',
      message: `Cannot tell when the token expires: ${why} in the debug_token answer. ${accessText}`,
      remediation: ['Check the expiry in the Access Token Debugger.', ...rotate],
      details,
    };
  }

  const tokenText = token.never
    ? 'The token never expires.'
    : `The token ${token.left <= 0 ? 'expired' : 'expires'} ${when(token)}.`;
  const summary = `${tokenText} ${accessText}`;
  // The deadline that comes first decides; a token whose data access has lapsed cannot read WhatsApp assets.
  const first = [token, access]
    .filter((d) => d.at !== undefined && !d.never)
    .sort((a, b) => a.left - b.left)[0];
  if (!first) return { id: 'token.expiry', status: 'pass', message: summary, details };
  const what = first === token ? 'the token' : "the app's data access";

  const finding = (status: 'fail' | 'warn', why: string): Check => ({
    id: 'token.expiry',
    status,
    message: `${summary} ${why}`,
    remediation: rotate,
    details,
  });
  if (first.left <= 0) return finding('fail', 'Calls with it will fail.');
  if (first.left < policy.minDays * DAY) {
    return finding('fail', `Fewer than the required ${days(policy.minDays)} remain for ${what} (${ctx.name('minDays')}).`);
  }
  if (first.left < policy.warnDays * DAY) {
    return finding('warn', `Fewer than ${days(policy.warnDays)} remain for ${what} (${ctx.name('warnDays')}).`);
  }
  return { id: 'token.expiry', status: 'pass', message: summary, details };
}

interface Deadline {
  /** Unix seconds; undefined when Graph did not say. */
  at?: number;
  never: boolean;
  /** Seconds left (negative once passed). */
  left: number;
  iso: string | null | undefined;
  daysLeft: number | null | undefined;
}

function deadline(at: number | undefined, now: number): Deadline {
  if (at === undefined)
    return { never: false, left: Number.POSITIVE_INFINITY, iso: undefined, daysLeft: undefined };
  if (at === 0) return { at, never: true, left: Number.POSITIVE_INFINITY, iso: null, daysLeft: null };
  const left = at - now;
  return { at, never: false, left, iso: new Date(at * 1000).toISOString(), daysLeft: Math.floor(left / DAY) };
}

/** "on 2026-12-01 (8 days left)", "at 2026-12-01 14:03 UTC (5 hours left)", "on 2026-11-20 (3 days ago)". */
function when(d: Deadline): string {
  const iso = new Date((d.at ?? 0) * 1000).toISOString();
  const date = iso.slice(0, 10);
  const time = `${date} ${iso.slice(11, 16)} UTC`;
  if (d.left <= 0) {
    const ago = -d.left;
    if (ago < DAY) return `at ${time} (${hours(ago)} ago)`;
    return `on ${date} (${days(Math.floor(ago / DAY))} ago)`;
  }
  if (d.left < DAY) return `at ${time} (${hours(d.left)} left)`;
  return `on ${date} (${days(Math.floor(d.left / DAY))} left)`;
}

function hours(seconds: number): string {
  if (seconds < 3600) return seconds < 60 ? 'less than a minute' : `${Math.floor(seconds / 60)} min`;
  const h = Math.floor(seconds / 3600);
  return `${h} hour${h === 1 ? '' : 's'}`;
}

function days(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}

export const TOKEN_EXPIRY: CheckDefinition = {
  id: 'token.expiry',
  slots: () => oneSlot('token.expiry'),
  judge: tokenExpiry,
};
