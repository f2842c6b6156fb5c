// Every read-only Graph request the audit, the fleet and discovery make (besides debug_token, see inspect.ts),
// and the ONE reading of each Graph object they answer with: a phone number node, a WABA's subscribed apps, an
// app's webhook subscriptions, a WABA node. Every request here is a GET (sent alone or as a batch item); nothing
// in this tool writes to Graph. Field names follow Meta's Graph API reference (WhatsApp Business Account,
// WhatsApp Business Phone Number, Application/subscriptions).
import { readHealthStatus } from '../core/health.js';
import type {
  AppSubscriptionsProbe,
  GraphErrorFacts,
  PhoneNode,
  PhoneProbe,
  SubscriptionProbe,
  UnreadField,
  WabaNodeProbe,
} from '../core/live.js';
import { isObject } from '../core/normalize.js';
import { withoutQuery } from '../core/policy.js';
import type { BatchItem, BatchResult } from './batch.js';
import { LIMIT_FIELD_OLD, LIMIT_FIELD_V24, messagingLimitField, type NodeRead, nodeItem } from './fields.js';
import type { Failed, ListRequest } from './paging.js';
import { appAccessToken } from './proof.js';

/**
 * Fields of a WABA node that discovery and waba.health read (WhatsApp Business Account reference;
 * health_status: Meta's "Messaging and Calling Health Status" page, Cloud API > Support,
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/support/health-status).
 */
export const WABA_FIELDS = [
  'id',
  'name',
  'account_review_status',
  'business_verification_status',
  'health_status',
] as const;

/** WABA fields Graph may refuse on some version: the node is then read again without them. */
export const WABA_OPTIONAL_FIELDS: readonly string[] = ['health_status'];

/** The fields of a phone number the phone.reachable probe asks for. */
const PHONE_FIELDS = [
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

/**
 * The phone number's sendability fields the Graph version has, which Graph may still refuse (then they are left
 * out and their check skipped): health_status, and the messaging limit under its version's name
 * (`whatsapp_business_manager_messaging_limit` from v24.0, `messaging_limit_tier` before; Meta's messaging-limits
 * guide, https://developers.facebook.com/documentation/business-messaging/whatsapp/messaging-limits).
 */
export function phoneOptionalFields(version: string): string[] {
  return ['health_status', messagingLimitField(version), WEBHOOK_CONFIGURATION];
}

/**
 * The number's webhook routing for the calling app (webhook.route, discovery): its alternate callback, its
 * WABA's and the app's callback URL, one key per level that is set (Meta's "Webhook overrides" page,
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/override/). Optional: a
 * version that refuses it leaves the route "cannot tell", never the number unread.
 */
export const WEBHOOK_CONFIGURATION = 'webhook_configuration';

/** Fields of each phone number in `/{waba-id}/phone_numbers` (discovery), for the Graph version. */
export function phoneListFields(version: string): string[] {
  return [
    'id',
    'display_phone_number',
    'verified_name',
    'quality_rating',
    'status',
    'name_status',
    'platform_type',
    'code_verification_status',
    'throughput',
    'account_mode',
    ...phoneOptionalFields(version),
  ];
}

/** The few fields the phone.waba check needs. */
export const PHONE_ID_FIELDS = ['id', 'display_phone_number'] as const;

const withSecret = (appSecret?: string) => (appSecret ? { appSecret } : {});

/**
 * `GET /{phone-number-id}` with the audited token: what phone.reachable, phone.status, phone.health and
 * phone.messaging-limit read, all in the one item of the first batch wave.
 */
export function phoneRead(phoneNumberId: string, token: string, appSecret: string | undefined, version: string): NodeRead {
  const optional = phoneOptionalFields(version);
  return {
    id: phoneNumberId,
    fields: [...PHONE_FIELDS, 'account_mode', ...optional],
    optional,
    token,
    ...withSecret(appSecret),
  };
}

export function phoneItem(phoneNumberId: string, token: string, appSecret: string | undefined, version: string): BatchItem {
  const read = phoneRead(phoneNumberId, token, appSecret, version);
  return nodeItem(read, read.fields);
}

/** `GET /{waba-id}?fields=…` (waba.health, discovery) with the audited token. */
export function wabaRead(wabaId: string, token: string, appSecret?: string): NodeRead {
  return { id: wabaId, fields: WABA_FIELDS, optional: WABA_OPTIONAL_FIELDS, token, ...withSecret(appSecret) };
}

/** `GET /{waba-id}/subscribed_apps` with the audited token. */
export function subscribedAppsItem(wabaId: string, token: string, appSecret?: string): BatchItem {
  return { path: `${wabaId}/subscribed_apps`, token, ...withSecret(appSecret) };
}

/** `GET /{waba-id}?fields=…` with the audited token (fewer fields when Graph refused one). */
export function wabaNodeItem(
  wabaId: string,
  token: string,
  appSecret?: string,
  fields: readonly string[] = WABA_FIELDS,
): BatchItem {
  return nodeItem({ id: wabaId, token, ...withSecret(appSecret) }, fields);
}

/** `GET /{app-id}/subscriptions` with the app token `APP_ID|SECRET` (and its appsecret_proof). */
export function appSubscriptionsItem(appId: string, appSecret: string): BatchItem {
  return { path: `${appId}/subscriptions`, token: appAccessToken(appId, appSecret), appSecret };
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
    ...paging(opts),
  };
}

/** A business's own WABAs, or those its clients shared with it: both need business_management. */
export function businessWabasRequest(
  businessId: string,
  edge: 'owned_whatsapp_business_accounts' | 'client_whatsapp_business_accounts',
  token: string,
  appSecret: string | undefined,
  opts: { pageSize?: number; maxPages?: number },
): ListRequest {
  return {
    path: `${businessId}/${edge}`,
    query: { fields: 'id,name' },
    token,
    ...withSecret(appSecret),
    ...paging(opts),
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
    ...paging(opts),
  };
}

function paging(opts: { pageSize?: number; maxPages?: number }): Pick<ListRequest, 'pageSize' | 'maxPages'> {
  return {
    ...(opts.pageSize ? { pageSize: opts.pageSize } : {}),
    ...(opts.maxPages ? { maxPages: opts.maxPages } : {}),
  };
}

/**
 * A phone number node (`GET /{phone-number-id}` or an item of `/{waba-id}/phone_numbers`). `throughput` is an
 * object `{ level }` in current versions and a plain string in older answers; the messaging limit is a string
 * or `{ current_limit }`, read from the field the version has (null when Graph answered it with null, as
 * `messaging_limit_tier` does on newer versions). Empty strings read as absent.
 */
export function readPhoneNode(v: unknown): PhoneNode {
  const b = isObject(v) ? v : {};
  const throughput = isObject(b.throughput) ? str(b.throughput.level) : str(b.throughput);
  const limitField = LIMIT_FIELD_V24 in b ? LIMIT_FIELD_V24 : LIMIT_FIELD_OLD in b ? LIMIT_FIELD_OLD : undefined;
  const limit = limitField ? b[limitField] : undefined;
  const messagingLimit = limitField
    ? ((isObject(limit) ? str(limit.current_limit) : str(limit)) ?? null)
    : undefined;
  const healthStatus = readHealthStatus(b.health_status);
  const webhookConfiguration = readWebhookConfiguration(b.webhook_configuration);
  const node: PhoneNode = {
    id: idOf(b),
    displayPhoneNumber: str(b.display_phone_number),
    verifiedName: str(b.verified_name),
    qualityRating: str(b.quality_rating),
    codeVerificationStatus: str(b.code_verification_status),
    platformType: str(b.platform_type),
    throughput,
    status: str(b.status),
    nameStatus: str(b.name_status),
    messagingLimit,
    messagingLimitField: limitField,
    accountMode: str(b.account_mode),
    healthStatus,
    webhookConfiguration,
  };
  return Object.fromEntries(Object.entries(node).filter(([, x]) => x !== undefined)) as PhoneNode;
}

/**
 * `webhook_configuration` of a phone number: `{phone_number, whatsapp_business_account, application}`, each key
 * present only for a level that has a callback (Meta's "Webhook overrides" page). Meta's OpenAPI v23.0 writes
 * the same field with `override_callback_uri` (schema WebhookConfiguration, the POST body that sets the phone's
 * override): read as the phone's own. URLs lose their query string; anything else reads as absent.
 */
function readWebhookConfiguration(v: unknown): PhoneNode['webhookConfiguration'] {
  if (!isObject(v)) return undefined;
  const url = (x: unknown) => {
    const s = str(x);
    return s ? withoutQuery(s) : undefined;
  };
  const phoneNumber = url(v.phone_number) ?? url(v.override_callback_uri);
  const waba = url(v.whatsapp_business_account);
  const application = url(v.application);
  return {
    ...(phoneNumber ? { phoneNumber } : {}),
    ...(waba ? { whatsappBusinessAccount: waba } : {}),
    ...(application ? { application } : {}),
  };
}

export function readPhone(phoneNumberId: string, r: BatchResult, unread: UnreadField[] = []): PhoneProbe {
  if (!r.ok) return { phoneNumberId, ...refusal(r) };
  return {
    phoneNumberId,
    outcome: 'ok',
    node: readPhoneNode(r.body),
    ...(unread.length > 0 ? { unread } : {}),
  };
}

/**
 * The apps of a `subscribed_apps` answer: `data[].whatsapp_business_api_data.{id,name}`, and the WABA's alternate
 * callback for that app, `override_callback_uri`, a sibling of `whatsapp_business_api_data` (schema
 * SubscribedApp_1 in Meta's OpenAPI v23.0; Meta's "Webhook overrides" page). The URL is kept without its query
 * string, which may hold a verify token.
 */
export function readSubscribedApps(body: unknown): { id: string; name?: string; overrideCallbackUri?: string }[] {
  const list = isObject(body) && Array.isArray(body.data) ? body.data : [];
  return list.flatMap((entry) => {
    const app = isObject(entry) ? entry.whatsapp_business_api_data : undefined;
    const id = idOf(app);
    if (!id) return [];
    const name = str((app as Record<string, unknown>).name);
    const override = str((entry as Record<string, unknown>).override_callback_uri);
    return [{ id, ...(name ? { name } : {}), ...(override ? { overrideCallbackUri: withoutQuery(override) } : {}) }];
  });
}

export function readSubscription(wabaId: string, r: BatchResult): SubscriptionProbe {
  if (!r.ok) return { wabaId, ...refusal(r) };
  return { wabaId, outcome: 'ok', apps: readSubscribedApps(r.body) };
}

export function readAppSubscriptions(appId: string, r: BatchResult): AppSubscriptionsProbe {
  if (!r.ok) return { appId, ...refusal(r) };
  const list = isObject(r.body) && Array.isArray(r.body.data) ? r.body.data : [];
  const subscriptions = list.flatMap((entry) => {
    if (!isObject(entry) || typeof entry.object !== 'string') return [];
    const fields = (Array.isArray(entry.fields) ? entry.fields : []).flatMap((f) =>
      typeof f === 'string' ? [f] : isObject(f) && typeof f.name === 'string' ? [f.name] : [],
    );
    const callbackUrl = str(entry.callback_url);
    return [
      {
        object: entry.object,
        active: typeof entry.active === 'boolean' ? entry.active : undefined,
        fields,
        ...(callbackUrl ? { callbackUrl: withoutQuery(callbackUrl) } : {}),
      },
    ];
  });
  return { appId, outcome: 'ok', subscriptions };
}

/** A WABA node's fields (discovery shows them, waba.health judges them). */
export function readWabaNode(body: unknown): NonNullable<WabaNodeProbe['node']> {
  const b = isObject(body) ? body : {};
  const name = str(b.name);
  const review = str(b.account_review_status);
  const verification = str(b.business_verification_status);
  const healthStatus = readHealthStatus(b.health_status);
  return {
    ...(name ? { name } : {}),
    ...(review ? { accountReviewStatus: review } : {}),
    ...(verification ? { businessVerificationStatus: verification } : {}),
    ...(healthStatus ? { healthStatus } : {}),
  };
}

/** waba.health's probe of an expected WABA. */
export function readWabaProbe(wabaId: string, r: BatchResult, unread: UnreadField[] = []): WabaNodeProbe {
  if (!r.ok) return { wabaId, ...refusal(r) };
  return { wabaId, outcome: 'ok', node: readWabaNode(r.body), ...(unread.length > 0 ? { unread } : {}) };
}

/** refused: a permanent Graph refusal with its error; unknown: Graph could not be asked (outage, deadline). */
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

/** A non-empty string, else undefined. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A Graph object's `id` as a string (very old answers used numbers). */
export function idOf(v: unknown): string | undefined {
  if (!isObject(v)) return undefined;
  if (typeof v.id === 'string' && v.id !== '') return v.id;
  if (typeof v.id === 'number' && Number.isSafeInteger(v.id)) return String(v.id);
  return undefined;
}
