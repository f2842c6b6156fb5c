// The read-only Graph requests discovery and the phone.waba / app.webhook checks make, and how their answers
// are read. Every request here is a GET (sent alone or as a batch item); nothing in this tool writes to Graph.
import type { AppSubscriptionsProbe, GraphErrorFacts } from '../core/live.js';
import { isObject } from '../core/normalize.js';
import type { BatchItem, BatchResult } from '../graph/batch.js';
import type { Failed, ListRequest } from '../graph/paging.js';
import { appAccessToken } from '../graph/proof.js';

/** Fields of a WABA node discovery reads. */
export const WABA_FIELDS = ['id', 'name', 'account_review_status', 'business_verification_status'] as const;

/** Fields of each phone number in `/{waba-id}/phone_numbers`. */
export const PHONE_LIST_FIELDS = [
  'id',
  'display_phone_number',
  'verified_name',
  'quality_rating',
  'status',
  'name_status',
  'platform_type',
  'code_verification_status',
  'throughput',
  'whatsapp_business_manager_messaging_limit',
] as const;

/** The few fields the phone.waba check needs. */
export const PHONE_ID_FIELDS = ['id', 'display_phone_number'] as const;

const withSecret = (appSecret?: string) => (appSecret ? { appSecret } : {});

export function wabaNodeItem(wabaId: string, token: string, appSecret?: string): BatchItem {
  return { path: `${wabaId}?fields=${WABA_FIELDS.join(',')}`, token, ...withSecret(appSecret) };
}

export function phoneListRequest(
  wabaId: string,
  token: string,
  appSecret: string | undefined,
  opts: { fields: readonly string[]; pageSize?: number; maxPages?: number },
): ListRequest {
  return {
    path: `${wabaId}/phone_numbers`,
    query: { fields: opts.fields.join(',') },
    token,
    ...withSecret(appSecret),
    ...(opts.pageSize ? { pageSize: opts.pageSize } : {}),
    ...(opts.maxPages ? { maxPages: opts.maxPages } : {}),
  };
}

export function assignedWabasRequest(
  userId: string,
  token: string,
  appSecret: string | undefined,
  opts: { pageSize?: number; maxPages?: number },
): ListRequest {
  return {
    path: `${userId}/assigned_whatsapp_business_accounts`,
    query: { fields: 'id,name' },
    token,
    ...withSecret(appSecret),
    ...(opts.pageSize ? { pageSize: opts.pageSize } : {}),
    ...(opts.maxPages ? { maxPages: opts.maxPages } : {}),
  };
}

/** `GET /{app-id}/subscriptions` with the app token `APP_ID|SECRET` (and its appsecret_proof). */
export function appSubscriptionsItem(appId: string, appSecret: string): BatchItem {
  return { path: `${appId}/subscriptions`, token: appAccessToken(appId, appSecret), appSecret };
}

export function readAppSubscriptions(appId: string, r: BatchResult): AppSubscriptionsProbe {
  if (!r.ok) return { appId, ...refusal(r) };
  const list = isObject(r.body) && Array.isArray(r.body.data) ? r.body.data : [];
  const subscriptions = list.flatMap((entry) => {
    if (!isObject(entry) || typeof entry.object !== 'string') return [];
    const fields = (Array.isArray(entry.fields) ? entry.fields : []).flatMap((f) =>
      typeof f === 'string' ? [f] : isObject(f) && typeof f.name === 'string' ? [f.name] : [],
    );
    return [
      {
        object: entry.object,
        active: typeof entry.active === 'boolean' ? entry.active : undefined,
        fields,
      },
    ];
  });
  return { appId, outcome: 'ok', subscriptions };
}

/** ok: a permanent Graph refusal with its error; unknown: Graph could not be asked (outage, deadline). */
export function refusal(r: Failed): { outcome: 'refused' | 'unknown'; error?: GraphErrorFacts } {
  if (r.notJudged || r.failure.kind !== 'graph') return { outcome: 'unknown' };
  const e = r.failure.error;
  return {
    outcome: 'refused',
    error: { code: e.code, ...(e.subcode === undefined ? {} : { subcode: e.subcode }), message: e.message },
  };
}

/** Why a read failed, in one line (messages were redacted by the Graph client). */
export function failureText(r: Failed): string {
  if (r.notJudged) return `Graph could not be asked (${r.notJudged})`;
  const f = r.failure;
  if (f.kind === 'graph') {
    const key = f.error.subcode === undefined ? `${f.error.code}` : `${f.error.code}.${f.error.subcode}`;
    return `Graph refused with error ${key}: ${f.error.message}`;
  }
  if (f.kind === 'http') return `Graph answered HTTP ${f.status} ${f.detail}`;
  return `the request failed: ${f.detail}`;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function idOf(v: unknown): string | undefined {
  if (!isObject(v)) return undefined;
  if (typeof v.id === 'string' && v.id !== '') return v.id;
  if (typeof v.id === 'number' && Number.isSafeInteger(v.id)) return String(v.id);
  return undefined;
}
