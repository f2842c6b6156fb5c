// Facts the I/O shell gathered with live Graph calls, handed to the pure core as plain data.
import type { HealthStatus } from './health.js';

/** A Graph error as the core needs it: never the raw message of a request that carried a secret. */
export interface GraphErrorFacts {
  code: number;
  subcode?: number;
  /** Already redacted by the Graph client. */
  message?: string;
}

/** A phone number node as Graph describes it (one reading for the probe and for discovery's listings). */
export interface PhoneNode {
  id?: string;
  displayPhoneNumber?: string;
  verifiedName?: string;
  qualityRating?: string;
  codeVerificationStatus?: string;
  platformType?: string;
  throughput?: string;
  status?: string;
  nameStatus?: string;
  /** The messaging limit as Graph spells it (`TIER_2K`); null: Graph answered the field with null. */
  messagingLimit?: string | null;
  /** The field the limit was read from: `whatsapp_business_manager_messaging_limit` or `messaging_limit_tier`. */
  messagingLimitField?: string;
  accountMode?: string;
  /** `health_status`, read (undefined when Graph did not give it). */
  healthStatus?: HealthStatus;
  /**
   * `webhook_configuration` as Graph answered it for the calling app (undefined: not in the answer): one key per
   * level that has a callback, each URL without its query string.
   */
  webhookConfiguration?: WebhookConfiguration;
}

/**
 * A number's webhook routing as `GET /{phone-number-id}?fields=webhook_configuration` shows it to the calling
 * app: its own alternate callback (`phone_number`), its WABA's (`whatsapp_business_account`) and the app's
 * callback URL (`application`), each present only when set (Meta's "Webhook overrides" page).
 */
interface WebhookConfiguration {
  phoneNumber?: string;
  whatsappBusinessAccount?: string;
  application?: string;
}

/** A field that was not read: the dependent check is skipped with `reason`, never failed. */
export interface UnreadField {
  /** `health_status`, `messaging_limit` (either limit field), … */
  field: string;
  reason: string;
}

/** `GET /{phone-number-id}` with the audited token. */
export interface PhoneProbe {
  phoneNumberId: string;
  /** ok: Graph answered with the node; refused: a permanent Graph error; unknown: could not ask (outage). */
  outcome: 'ok' | 'refused' | 'unknown';
  node?: PhoneNode;
  /** Fields left out of the read (Graph refused them), with the reason. */
  unread?: UnreadField[];
  error?: GraphErrorFacts;
}

/** `GET /{waba-id}?fields=health_status,account_review_status,business_verification_status` (waba.health). */
export interface WabaNodeProbe {
  wabaId: string;
  outcome: 'ok' | 'refused' | 'unknown';
  node?: {
    name?: string;
    accountReviewStatus?: string;
    businessVerificationStatus?: string;
    healthStatus?: HealthStatus;
  };
  unread?: UnreadField[];
  error?: GraphErrorFacts;
}

/** `GET /{waba-id}/subscribed_apps` with the audited token. */
export interface SubscriptionProbe {
  wabaId: string;
  outcome: 'ok' | 'refused' | 'unknown';
  /** `overrideCallbackUri`: the WABA's alternate callback for that app (query string removed). */
  apps?: { id: string; name?: string; overrideCallbackUri?: string }[];
  error?: GraphErrorFacts;
}

/**
 * `GET /{waba-id}/phone_numbers` (every page up to the page cap) with the audited token: which numbers a WABA
 * holds. `expected` marks the policy's WABAs; the others are WABAs the token reaches (its target_ids), read only
 * to name the WABA a stray number really belongs to.
 */
export interface WabaPhonesProbe {
  wabaId: string;
  expected: boolean;
  outcome: 'ok' | 'refused' | 'unknown';
  phones?: { id: string; displayPhoneNumber?: string }[];
  /** The listing stopped before Graph's end of the list (page cap, or no cursor): a number may be missing. */
  incomplete?: boolean;
  error?: GraphErrorFacts;
}

/** `GET /{app-id}/subscriptions` with the app token: the app's webhook configuration. */
export interface AppSubscriptionsProbe {
  appId: string;
  outcome: 'ok' | 'refused' | 'unknown';
  /** `callbackUrl`: the subscription's `callback_url`, without its query string. */
  subscriptions?: { object: string; active?: boolean; fields: string[]; callbackUrl?: string }[];
  error?: GraphErrorFacts;
}

/** One message template (one name in one language) as `/{waba-id}/message_templates` lists it. */
export interface TemplateNode {
  id?: string;
  name: string;
  language?: string;
  status?: string;
  category?: string;
  /** `quality_score.score`: GREEN, YELLOW, RED or UNKNOWN. */
  quality?: string;
  /** `rejected_reason` (Graph says NONE when not rejected). */
  rejectedReason?: string;
}

/**
 * `GET /{waba-id}/message_templates?name=NAME` (every page up to the cap) with the audited token. `expected`
 * marks the WABAs the audit asks (the policy's, or the one that owns an expected number); the others are WABAs
 * the token reaches, searched only when a name was found in none of the expected ones.
 */
export interface TemplatesProbe {
  wabaId: string;
  name: string;
  expected: boolean;
  outcome: 'ok' | 'refused' | 'unknown';
  /** Only templates whose name is exactly `name` (Graph's filter also matches other names). */
  templates?: TemplateNode[];
  incomplete?: boolean;
  error?: GraphErrorFacts;
}

export interface LiveFacts {
  phones?: PhoneProbe[];
  subscriptions?: SubscriptionProbe[];
  /** Read when the policy names both WABAs and phone numbers (phone.waba). */
  wabaPhones?: WabaPhonesProbe[];
  /** Read when an app secret is given (app.webhook). */
  appSubscriptions?: AppSubscriptionsProbe;
  /** Read for each expected WABA (waba.health). */
  wabaNodes?: WabaNodeProbe[];
  /** Read when the policy names templates (template.NAME). */
  templates?: TemplatesProbe[];
  /**
   * With templates but no expected WABA: the WABA found to own each expected number (undefined: not found among
   * the WABAs the token's grants name).
   */
  templateWabas?: { phoneNumberId: string; wabaId?: string }[];
}
