// Pure: what the reads answered -> the discovery tree, with every reason it may be partial. No I/O, no clock.
import { webhookHealth, WEBHOOK_OBJECT } from '../core/checks/webhook.js';
import type { AppSubscriptionsProbe, SubscriptionProbe } from '../core/live.js';
import { keyName, type SettingNamer } from '../core/settings.js';
import type { GrantReach } from '../core/reach.js';
import { type HealthStatus, judgeHealth } from '../core/health.js';
import type {
  DiscoveredCallback,
  DiscoveredHealth,
  DiscoveredPhone,
  DiscoveredWaba,
  Discovery,
  SourceSummary,
  TokenSummary,
  WabaSource,
  WebhookSummary,
} from '../core/types.js';
import type { BatchResult } from '../graph/batch.js';
import { describeCut, type ListOutcome, type ListRequest } from '../graph/paging.js';
import {
  failureText,
  readPhoneNode,
  readSubscribedApps,
  readSubscription,
  readWabaNode,
  WEBHOOK_CONFIGURATION,
} from '../graph/reads.js';
import { effectiveRoute, routeFacts } from '../core/route.js';

export interface WabaReads {
  id: string;
  source: WabaSource;
  /** The name the listing gave, used when the node itself could not be read. */
  listedName?: string;
  node?: BatchResult;
  phones?: ListOutcome;
  apps?: BatchResult;
  /** Fields left out after Graph refused them: why health or limits show as unknown. */
  notes?: string[];
  /** Phone-listing fields Graph refused (the listing was read again without them). */
  droppedPhoneFields?: string[];
}

export type ListingFacts =
  | { state: 'not-needed' }
  /** The listing was needed but could not be asked for (no user_id). */
  | { state: 'unavailable'; reason: string }
  | {
      state: 'read';
      userId: string;
      outcome: ListOutcome;
      request: Pick<ListRequest, 'pageSize' | 'maxPages'>;
    };

/** One of the business's WABA lists, read when the user's own listing came back empty. */
export interface BusinessListing {
  businessId: string;
  edge: 'owned_whatsapp_business_accounts' | 'client_whatsapp_business_accounts';
  request: Pick<ListRequest, 'pageSize' | 'maxPages'>;
  /** Unset until the list ended. */
  outcome?: ListOutcome;
}

export interface DiscoveryFacts {
  token: TokenSummary;
  /** The app whose subscription `appSubscribed` reports. */
  appId?: string;
  reach: GrantReach;
  listing: ListingFacts;
  /** The business's WABA lists that were read (none when they were not needed or not allowed). */
  business?: BusinessListing[];
  /** In the order they were learned: target_ids first (Graph's order), then the listing's order. */
  wabas: WabaReads[];
  phonePaging: Pick<ListRequest, 'pageSize' | 'maxPages'>;
  webhook?: AppSubscriptionsProbe;
}

const ASSIGNED = 'assigned_whatsapp_business_accounts';

/** `name` words the settings the reasons mention (the page cap). */
export function buildDiscovery(
  facts: DiscoveryFacts,
  generatedAt: string,
  name: SettingNamer = keyName,
): Discovery {
  const maxPages = name('maxPages');
  const partial: string[] = [];
  const sources: SourceSummary[] = [];

  const fromTargets = facts.wabas.filter((w) => w.source === 'target_ids').length;
  if (facts.reach.targetIds.length > 0)
    sources.push({ source: 'target_ids', outcome: 'ok', wabas: fromTargets });
  sources.push(listingSource(facts, partial, maxPages));
  sources.push(...(facts.business ?? []).map((b) => businessSource(b, facts, partial, maxPages)));
  emptyListing(facts, partial);

  const wabas = facts.wabas.map((w) => waba(w, facts.appId, facts.phonePaging, partial, maxPages, facts.webhook));
  const webhook = facts.webhook ? webhookOf(facts.webhook, partial) : undefined;

  return {
    schemaVersion: 1,
    kind: 'discovery',
    status: partial.length > 0 ? 'partial' : 'complete',
    token: facts.token,
    appId: facts.appId ?? null,
    wabas,
    ...(webhook ? { webhook } : {}),
    partial,
    sources,
    generatedAt,
  };
}

/** The document for a run that discovered nothing: the token is unusable, or Graph could not be asked. */
export function failedDiscovery(
  status: 'failed' | 'not-judged',
  message: string,
  token: TokenSummary,
  generatedAt: string,
  opts: { appId?: string; graphError?: string } = {},
): Discovery {
  return {
    schemaVersion: 1,
    kind: 'discovery',
    status,
    error: { message, ...(opts.graphError ? { graphError: opts.graphError } : {}) },
    token,
    appId: opts.appId ?? null,
    wabas: [],
    partial: [],
    sources: [],
    generatedAt,
  };
}

/**
 * Under grants that name no WABA, an empty list of assigned WABAs is not "no WABAs": a system user may reach them
 * through its business. Partial, saying what was tried, unless the business's lists were read to their end.
 */
function emptyListing(facts: DiscoveryFacts, partial: string[]): void {
  const { listing, reach } = facts;
  if (listing.state !== 'read' || listing.outcome.failure || listing.outcome.cut) return;
  if (facts.wabas.length > 0 || reach.noWhatsApp || !reach.needsListing) return;
  const business = facts.business ?? [];
  const tried = business.map((b) => `${b.edge} of business ${b.businessId}`);
  const read = business.length > 0 && business.every((b) => b.outcome && !b.outcome.failure && !b.outcome.cut);
  if (read) return;
  const why = !reach.businessManagement
    ? ' The token lacks business_management, so the business\'s own and shared WABA lists could not be read: grant it, or pass the WABA IDs the token should reach.'
    : reach.businessIds.length === 0
      ? ' business_management names no business (no target_ids), so the business\'s WABA lists could not be asked for: pass the WABA IDs the token should reach.'
      : ` Also tried: ${tried.join(', ')}.`;
  partial.push(
    `No WABA is assigned to user ${listing.userId}, but the WhatsApp grants name no WABA (no target_ids): the system user may reach its WABAs through its business.${why}`,
  );
}

function businessSource(
  b: BusinessListing,
  facts: DiscoveryFacts,
  partial: string[],
  maxPages: string,
): SourceSummary {
  const learned = facts.wabas.filter((w) => w.source === b.edge).length;
  const base = { source: b.edge, businessId: b.businessId, wabas: learned } as const;
  const outcome = b.outcome;
  if (!outcome) return { ...base, outcome: 'unknown' };
  if (outcome.failure) {
    const refused =
      outcome.failure.ok === false && !outcome.failure.notJudged && outcome.failure.failure.kind === 'graph';
    partial.push(
      `The ${b.edge} of business ${b.businessId} could not be listed: ${failureText(outcome.failure)}.`,
    );
    return { ...base, outcome: refused ? 'refused' : 'unknown', pages: outcome.pages };
  }
  if (outcome.cut)
    partial.push(`The ${b.edge} of business ${b.businessId} is incomplete: ${describeCut(outcome.cut, b.request, maxPages)}.`);
  return { ...base, outcome: 'ok', pages: outcome.pages, ...(outcome.cut ? { cut: outcome.cut } : {}) };
}

function listingSource(facts: DiscoveryFacts, partial: string[], maxPages: string): SourceSummary {
  const { listing } = facts;
  const learned = facts.wabas.filter((w) => w.source === 'assigned_whatsapp_business_accounts').length;
  if (listing.state === 'not-needed') return { source: ASSIGNED, outcome: 'not-needed', wabas: 0 };
  if (listing.state === 'unavailable') {
    partial.push(`The WABAs assigned to the token's user could not be listed: ${listing.reason}.`);
    return { source: ASSIGNED, outcome: 'unavailable', wabas: 0 };
  }
  const { outcome, userId } = listing;
  const why = facts.reach.noWhatsApp
    ? ''
    : ' The WhatsApp grants name no WABA (no target_ids), so WABAs the token reaches may be missing here.';
  if (outcome.failure) {
    const refused =
      outcome.failure.ok === false && !outcome.failure.notJudged && outcome.failure.failure.kind === 'graph';
    const hint =
      refused &&
      outcome.failure.failure.kind === 'graph' &&
      [10, 200].includes(outcome.failure.failure.error.code)
        ? ' Give the system user access to its WhatsApp accounts (Business Settings > Users > System users > Assign assets), or grant the token business_management.'
        : '';
    const where = outcome.pages > 0 ? ` after ${outcome.pages} page${outcome.pages === 1 ? '' : 's'}` : '';
    partial.push(
      `The WABAs assigned to user ${userId} (${ASSIGNED}) could not be listed${where}: ${failureText(outcome.failure)}.${why}${hint}`,
    );
    return {
      source: ASSIGNED,
      outcome: refused ? 'refused' : 'unknown',
      wabas: learned,
      pages: outcome.pages,
    };
  }
  if (outcome.cut) {
    partial.push(
      `The list of WABAs assigned to user ${userId} is incomplete: ${describeCut(outcome.cut, listing.request, maxPages)}.`,
    );
  }
  return {
    source: ASSIGNED,
    outcome: 'ok',
    wabas: learned,
    pages: outcome.pages,
    ...(outcome.cut ? { cut: outcome.cut } : {}),
  };
}

function waba(
  w: WabaReads,
  appId: string | undefined,
  paging: Pick<ListRequest, 'pageSize' | 'maxPages'>,
  partial: string[],
  maxPages: string,
  webhook: AppSubscriptionsProbe | undefined,
): DiscoveredWaba {
  const node = w.node?.ok ? readWabaNode(w.node.body) : undefined;
  partial.push(...(w.notes ?? []));
  if (w.node && !w.node.ok)
    partial.push(`WABA ${w.id}: its details could not be read: ${failureText(w.node)}.`);

  const phones = w.phones;
  if (phones?.failure) {
    const where = phones.pages > 0 ? ` after ${phones.pages} page${phones.pages === 1 ? '' : 's'}` : '';
    partial.push(
      `WABA ${w.id}: its phone numbers could not be listed${where}: ${failureText(phones.failure)}.`,
    );
  } else if (phones?.cut) {
    partial.push(
      `WABA ${w.id}: the list of its phone numbers is incomplete: ${describeCut(phones.cut, paging, maxPages)}.`,
    );
  }

  let subscribedApps: DiscoveredWaba['subscribedApps'] = null;
  if (w.apps?.ok) {
    subscribedApps = readSubscribedApps(w.apps.body).map((a) => ({ id: a.id, name: a.name ?? null }));
  } else if (w.apps) {
    partial.push(`WABA ${w.id}: its subscribed apps could not be read: ${failureText(w.apps)}.`);
  }

  return {
    id: w.id,
    name: node?.name ?? w.listedName ?? null,
    source: w.source,
    accountReviewStatus: node?.accountReviewStatus ?? null,
    businessVerificationStatus: node?.businessVerificationStatus ?? null,
    health: healthOf(node?.healthStatus),
    appSubscribed:
      subscribedApps === null || appId === undefined ? null : subscribedApps.some((a) => a.id === appId),
    subscribedApps,
    phoneNumbers: (phones?.items ?? []).flatMap((item) => {
      const p = phone(item, {
        appId,
        waba: w.apps ? readSubscription(w.id, w.apps) : undefined,
        webhook,
        unread: w.droppedPhoneFields?.includes(WEBHOOK_CONFIGURATION) ?? false,
      });
      return p ? [p] : [];
    }),
  };
}

/** A listed phone number as the discovery document shows it; undefined without an ID. */
function phone(
  item: unknown,
  route: { appId: string | undefined; waba?: SubscriptionProbe; webhook?: AppSubscriptionsProbe; unread: boolean },
): DiscoveredPhone | undefined {
  const p = readPhoneNode(item);
  if (!p.id) return undefined;
  return {
    id: p.id,
    displayPhoneNumber: p.displayPhoneNumber ?? null,
    verifiedName: p.verifiedName ?? null,
    qualityRating: p.qualityRating ?? null,
    platformType: p.platformType ?? null,
    status: p.status ?? null,
    nameStatus: p.nameStatus ?? null,
    codeVerificationStatus: p.codeVerificationStatus ?? null,
    throughput: p.throughput ?? null,
    messagingLimit: p.messagingLimit ?? null,
    accountMode: p.accountMode ?? null,
    health: healthOf(p.healthStatus),
    callback: route.appId ? callbackOf(p.id, p, route as typeof route & { appId: string }) : null,
  };
}

/** The number's effective messages-webhook URL for the app, by Meta's precedence (core/route.ts). */
function callbackOf(
  id: string,
  node: ReturnType<typeof readPhoneNode>,
  route: { appId: string; waba?: SubscriptionProbe; webhook?: AppSubscriptionsProbe; unread: boolean },
): DiscoveredCallback {
  const facts = routeFacts({
    phoneNumberId: id,
    appId: route.appId,
    phone: {
      phoneNumberId: id,
      outcome: 'ok',
      node,
      ...(route.unread
        ? { unread: [{ field: WEBHOOK_CONFIGURATION, reason: 'Graph refused the webhook_configuration field' }] }
        : {}),
    },
    ...(route.waba ? { waba: route.waba } : {}),
    ...(route.webhook ? { app: route.webhook } : {}),
  });
  const r = effectiveRoute(facts);
  if (r.state === 'known') return { state: 'known', url: r.url, level: r.level };
  if (r.state === 'nowhere')
    return {
      state: 'nowhere',
      url: null,
      level: null,
      why: r.reason === 'unsubscribed' ? `app ${route.appId} is not subscribed to the WABA` : 'no level has a callback URL',
    };
  return { state: 'unknown', url: null, level: null, why: r.why };
}

/** health_status in short; its strings were made safe when it was read (core/health.ts). */
export function healthOf(h: HealthStatus | undefined): DiscoveredHealth | null {
  if (!h) return null;
  const j = judgeHealth(h);
  return { canSendMessage: h.canSendMessage ?? null, problems: j.level === 'pass' ? [] : j.problems };
}

function webhookOf(probe: AppSubscriptionsProbe, partial: string[]): WebhookSummary | undefined {
  if (probe.outcome !== 'ok') {
    const why =
      probe.outcome === 'unknown'
        ? 'Graph could not be asked'
        : `Graph refused${probe.error ? ` with error ${probe.error.code}${probe.error.subcode === undefined ? '' : `.${probe.error.subcode}`}: ${probe.error.message ?? ''}` : ''}`;
    partial.push(`The webhook subscriptions of app ${probe.appId} could not be read: ${why}.`);
    return undefined;
  }
  const { subscribed, active, fields, messages, ok } = webhookHealth(probe.subscriptions ?? []);
  return { appId: probe.appId, object: WEBHOOK_OBJECT, subscribed, active, fields, messages, ok };
}
