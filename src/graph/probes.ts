// Read-only probes that prove reach: a phone number's node and a WABA's subscribed apps, with the audited token.

import type { GraphErrorFacts, PhoneProbe, SubscriptionProbe } from '../core/live.js';
import { isObject } from '../core/normalize.js';
import type { BatchItem, BatchResult } from './batch.js';
import type { Failure } from './errors.js';

/** The fields a sender cares about. */
export const PHONE_FIELDS = [
  'id',
  'display_phone_number',
  'verified_name',
  'quality_rating',
  'code_verification_status',
  'platform_type',
  'throughput',
  'status',
  'name_status',
] as const;

export function phoneItem(phoneNumberId: string, token: string, appSecret?: string): BatchItem {
  return {
    path: `${phoneNumberId}?fields=${PHONE_FIELDS.join(',')}`,
    token,
    ...(appSecret ? { appSecret } : {}),
  };
}

export function subscribedAppsItem(wabaId: string, token: string, appSecret?: string): BatchItem {
  return { path: `${wabaId}/subscribed_apps`, token, ...(appSecret ? { appSecret } : {}) };
}

export function readPhone(phoneNumberId: string, r: BatchResult): PhoneProbe {
  if (!r.ok) return { phoneNumberId, ...refusal(r) };
  const b = r.body as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const throughput = isObject(b.throughput) ? str(b.throughput.level) : str(b.throughput);
  return {
    phoneNumberId,
    outcome: 'ok',
    node: {
      displayPhoneNumber: str(b.display_phone_number),
      verifiedName: str(b.verified_name),
      qualityRating: str(b.quality_rating),
      codeVerificationStatus: str(b.code_verification_status),
      platformType: str(b.platform_type),
      throughput,
      status: str(b.status),
      nameStatus: str(b.name_status),
    },
  };
}

export function readSubscription(wabaId: string, r: BatchResult): SubscriptionProbe {
  if (!r.ok) return { wabaId, ...refusal(r) };
  const list = isObject(r.body) && Array.isArray(r.body.data) ? r.body.data : [];
  const apps = list.flatMap((entry) => {
    const app =
      isObject(entry) && isObject(entry.whatsapp_business_api_data)
        ? entry.whatsapp_business_api_data
        : undefined;
    if (!app || (typeof app.id !== 'string' && typeof app.id !== 'number')) return [];
    return [{ id: String(app.id), ...(typeof app.name === 'string' ? { name: app.name } : {}) }];
  });
  return { wabaId, outcome: 'ok', apps };
}

function refusal(r: Extract<BatchResult, { ok: false }>): {
  outcome: 'refused' | 'unknown';
  error?: GraphErrorFacts;
} {
  if (r.notJudged || r.failure.kind !== 'graph') return { outcome: 'unknown' };
  return { outcome: 'refused', error: facts(r.failure) };
}

function facts(f: Extract<Failure, { kind: 'graph' }>): GraphErrorFacts {
  return {
    code: f.error.code,
    ...(f.error.subcode === undefined ? {} : { subcode: f.error.subcode }),
    message: f.error.message,
  };
}
