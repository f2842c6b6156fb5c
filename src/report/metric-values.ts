// The numbers the OpenMetrics textfile carries, read from a report: shared by the renderer and the test that
// renders the same gauges through prom-client, so the two can differ only in how the text is written.
import type { Check } from '../core/types.js';

/** ISO 8601 -> Unix seconds; null (never expires) -> +Inf for a valid token; unknown -> no sample. */
export function unixTime(iso: string | null | undefined, valid: boolean): number | undefined {
  if (iso === null) return valid ? Number.POSITIVE_INFINITY : undefined;
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

export function targetOf(check: Check): string | undefined {
  for (const key of ['phoneNumberId', 'wabaId']) {
    const v = check.details?.[key];
    if (typeof v === 'string' && /^\d{1,32}$/.test(v)) return v;
  }
  return undefined;
}

/**
 * A messaging limit as a number, from whichever key a check's details carry it under: Graph's tier names
 * (TIER_250, TIER_1K, TIER_2K, TIER_10K, TIER_100K, TIER_UNLIMITED) or a plain count.
 */
export function messagingLimit(details: Record<string, unknown>): number | undefined {
  // `limit`: the phone.messaging-limit check's tier (TIER_1K, ...).
  for (const key of ['limit', 'messagingLimit', 'messagingLimitTier', 'whatsappBusinessManagerMessagingLimit']) {
    const v = details[key];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
    if (typeof v !== 'string') continue;
    const m = /^TIER_(\d+)(K?)$/i.exec(v.trim());
    if (m) return Number(m[1]) * (m[2] ? 1000 : 1);
    if (/^(TIER_)?UNLIMITED$/i.test(v.trim())) return Number.POSITIVE_INFINITY;
  }
  return undefined;
}
