// What one audit asks Graph in its first wave, each request under its name: debug_token, one probe per expected
// phone number and WABA, the first page of each expected WABA's numbers (phone.waba), the app's webhook
// subscriptions (with an app secret), each expected WABA's node (waba.health), the first page of each expected
// template name per WABA. The single audit sends it as one batch, a fleet packs many plans into
// shared batches, discovery sends the plan of a policy without expectations. reader.ts says what the answers mean.
import type { Policy } from '../core/policy.js';
import type { BatchItem } from '../graph/batch.js';
import { debugTokenItem, type InspectInput } from '../graph/inspect.js';
import { Listing } from '../graph/paging.js';
import { DEFAULT_GRAPH_VERSION } from '../core/limits.js';
import { type NodeRead, nodeItem } from '../graph/fields.js';
import { type TemplateListing, templateListing } from '../graph/templates.js';
import {
  appSubscriptionsItem,
  PHONE_ID_FIELDS,
  phoneListRequest,
  phoneRead,
  subscribedAppsItem,
  wabaRead,
} from '../graph/reads.js';

/** The names of a plan's requests: the reader looks each answer up by name, never by position. */
export type ItemName =
  | 'debug_token'
  | `phone:${string}`
  | `subscribed_apps:${string}`
  | `phone_numbers:${string}`
  | 'app_subscriptions'
  | `waba:${string}`
  | `templates:${string}:${string}`;

interface PlannedItem {
  name: ItemName;
  item: BatchItem;
}

/** What a plan needs to know: the token, its secret, and what the policy expects it to reach. */
export interface PlanInput {
  token: string;
  appSecret?: string;
  /** How the front names its app-secret setting, for the message when Graph rejects the secret. */
  secretName?: string;
  policy: Pick<Policy, 'appId' | 'phoneNumberIds' | 'wabaIds'> & Partial<Pick<Policy, 'templates'>>;
  /** The Graph version the plan is sent to: it decides which fields are asked for (default: the newest). */
  version?: string;
}

export interface AuditPlan {
  input: PlanInput;
  inspect: InspectInput;
  /** In a stable order: debug_token first, then the probes, then the phone.waba and app.webhook reads. */
  items: PlannedItem[];
  /** phone.waba: the expected WABAs' phone listings (their first pages are among `items`). */
  phoneLists: { wabaId: string; listing: Listing }[];
  /** The node reads (phones, then WABAs) whose optional fields Graph may refuse: asked again without them. */
  nodeReads: { name: ItemName; read: NodeRead }[];
  /**
   * template.NAME: one listing per expected WABA and template name, first pages among `items`. Without an
   * expected WABA it is empty: the WABA owning the expected number is learned first (reader.ts).
   */
  templateLists: TemplateListing[];
}

export function planAudit(input: PlanInput): AuditPlan {
  const { policy, token, appSecret, secretName } = input;
  const inspect: InspectInput = {
    token,
    appId: policy.appId,
    ...(appSecret ? { appSecret } : {}),
    ...(secretName ? { secretName } : {}),
  };
  // phone.waba: the expected WABAs' numbers, first page in the first wave; more pages only when Graph has them.
  const bindPhones = policy.wabaIds.length > 0 && policy.phoneNumberIds.length > 0;
  const phoneLists = bindPhones
    ? policy.wabaIds.map((wabaId) => ({
        wabaId,
        listing: new Listing(phoneListRequest(wabaId, token, appSecret, { fields: PHONE_ID_FIELDS })),
      }))
    : [];
  const version = input.version ?? DEFAULT_GRAPH_VERSION;
  // phone.status, phone.health and phone.messaging-limit read the same node as phone.reachable, waba.health
  // reads each expected WABA's node: every sendability field rides in the first wave.
  const phoneReads = policy.phoneNumberIds.map((id) => ({
    name: `phone:${id}` as const,
    read: phoneRead(id, token, appSecret, version),
  }));
  const wabaReads = policy.wabaIds.map((id) => ({
    name: `waba:${id}` as const,
    read: wabaRead(id, token, appSecret),
  }));
  // template.NAME: one item per template name (and expected WABA), in the same first wave.
  const templateLists = policy.wabaIds.flatMap((wabaId) =>
    (policy.templates ?? []).map((t) => templateListing(wabaId, t.name, true, token, appSecret)),
  );
  const items: PlannedItem[] = [
    { name: 'debug_token', item: debugTokenItem(inspect) },
    ...phoneReads.map(({ name, read }) => ({ name, item: nodeItem(read, read.fields) })),
    ...policy.wabaIds.map((id) => ({
      name: `subscribed_apps:${id}` as const,
      item: subscribedAppsItem(id, token, appSecret),
    })),
    ...phoneLists.map(({ wabaId, listing }) => ({
      name: `phone_numbers:${wabaId}` as const,
      item: listing.first(),
    })),
    ...(appSecret
      ? [{ name: 'app_subscriptions' as const, item: appSubscriptionsItem(policy.appId, appSecret) }]
      : []),
    ...wabaReads.map(({ name, read }) => ({ name, item: nodeItem(read, read.fields) })),
    ...templateLists.map((t) => ({
      name: `templates:${t.wabaId}:${t.name}` as const,
      item: t.listing.first(),
    })),
  ];
  return { input, inspect, items, phoneLists, nodeReads: [...phoneReads, ...wabaReads], templateLists };
}
