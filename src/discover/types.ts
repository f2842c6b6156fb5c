// The discovery document: what a token reaches, as a tree WABA -> phone numbers. JSON keys are stable and
// documented in README (schemaVersion 1); renderers and the Action read only this.
import type { TokenSummary } from '../core/types.js';

/** Where a WABA was learned from. */
export type WabaSource = 'target_ids' | 'assigned_whatsapp_business_accounts';

export interface DiscoveredPhone {
  id: string;
  displayPhoneNumber: string | null;
  verifiedName: string | null;
  qualityRating: string | null;
  platformType: string | null;
  status: string | null;
  nameStatus: string | null;
  codeVerificationStatus: string | null;
  throughput: string | null;
  messagingLimit: string | null;
}

export interface DiscoveredWaba {
  id: string;
  name: string | null;
  source: WabaSource;
  accountReviewStatus: string | null;
  businessVerificationStatus: string | null;
  /** Is the expected app (--app-id, else the token's app) among the WABA's subscribed apps? null: not read. */
  appSubscribed: boolean | null;
  subscribedApps: { id: string; name: string | null }[] | null;
  phoneNumbers: DiscoveredPhone[];
}

/** The app's `whatsapp_business_account` webhook subscription (read with an app secret only). */
export interface WebhookSummary {
  appId: string;
  object: 'whatsapp_business_account';
  subscribed: boolean;
  active: boolean | null;
  fields: string[];
  /** The `messages` field is subscribed. */
  messages: boolean;
  /** Active and with `messages`: replies and statuses reach the app. */
  ok: boolean;
}

export interface SourceSummary {
  source: WabaSource;
  /** ok: read; refused/unknown: see `partial`; not-needed: the grants name every WABA. */
  outcome: 'ok' | 'refused' | 'unknown' | 'not-needed' | 'unavailable';
  wabas: number;
  pages?: number;
  /** Set when the list stopped before its end: `page-cap` or `no-cursor`. */
  cut?: string;
}

export type DiscoveryStatus =
  /** Every source and read answered. */
  | 'complete'
  /** Some source or read was refused, cut or unanswered: `partial` says which and why. */
  | 'partial'
  /** The token is invalid or belongs to another app: nothing to discover (exit 1). */
  | 'failed'
  /** Graph could not be asked (exit 3). */
  | 'not-judged';

export interface Discovery {
  schemaVersion: 1;
  kind: 'discovery';
  status: DiscoveryStatus;
  error?: { message: string; graphError?: string };
  /** The same summary as the audit report's `token`. */
  token: TokenSummary;
  /** The app `appSubscribed` refers to. */
  appId: string | null;
  wabas: DiscoveredWaba[];
  webhook?: WebhookSummary;
  /** Why the tree may be incomplete; empty when it is complete. */
  partial: string[];
  sources: SourceSummary[];
  generatedAt: string;
}
