// `discover`: everything a token reaches, read-only, in as few network waves as the data allows.
//
// Wave 1: debug_token (plus, with an app secret, the app's webhook subscriptions: independent of the token's
//         answer, so it rides in the same batch POST).
// Wave 2: for every WABA the grants name (target_ids): its node, the first page of phone_numbers and
//         subscribed_apps, all in one batch (chunks of 50 POSTed concurrently); and, when a WhatsApp grant names
//         no WABA, the first page of the user's assigned WABAs.
// Later waves: next pages (by cursor) of every unfinished list, together with the reads of WABAs a listing page
//         just revealed. A wave is one sendBatch; it ends when nothing is left to ask.
import { batchedInspection, runSecrets } from '../audit.js';
import { describeGraphError, errorKey } from '../core/error-catalog.js';
import type { Inspection } from '../core/evaluate.js';
import { fingerprint } from '../core/fingerprint.js';
import type { AppSubscriptionsProbe } from '../core/live.js';
import { normalizeTokenData } from '../core/normalize.js';
import { summarize } from '../core/summary.js';
import { NotJudgedError, UsageError } from '../errors.js';
import { type BatchItem, type BatchResult, sendBatch } from '../graph/batch.js';
import { GraphClient, type GraphClientOptions, GraphRequestError } from '../graph/client.js';
import { debugTokenItem, inspectToken } from '../graph/inspect.js';
import { Listing } from '../graph/paging.js';
import { subscribedAppsItem } from '../graph/probes.js';
import { grantReach } from './reach.js';
import {
  appSubscriptionsItem,
  assignedWabasRequest,
  idOf,
  PHONE_LIST_FIELDS,
  phoneListRequest,
  readAppSubscriptions,
  str,
  wabaNodeItem,
} from './reads.js';
import {
  buildDiscovery,
  type DiscoveryFacts,
  failedDiscovery,
  type ListingFacts,
  type WabaReads,
} from './tree.js';
import type { Discovery, WabaSource } from './types.js';

export interface DiscoverInput {
  token: string;
  appSecret?: string;
  /** How the front names its app-secret setting, for the message when Graph rejects the secret. */
  secretName?: string;
  /** The app `appSubscribed` refers to; required with an app secret. Default: the token's own app. */
  appId?: string;
  graph?: Omit<GraphClientOptions, 'secrets'>;
  /** Items per page of every list (default 100). */
  pageSize?: number;
  /** Pages per list before it is cut and the report says so (default 10). */
  maxPages?: number;
  now?: () => Date;
}

export interface DiscoverOutcome {
  discovery: Discovery;
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Network round trips that had to wait for the previous one. */
  waves: number;
}

interface Task {
  item: BatchItem;
  handle(result: BatchResult): void;
}

export async function discoverToken(input: DiscoverInput): Promise<DiscoverOutcome> {
  const { token, appSecret } = input;
  if (appSecret && !input.appId)
    throw new UsageError(
      '--app-id is required with an app secret: the app token APP_ID|SECRET is what inspects the token.',
    );
  const now = input.now ?? (() => new Date());
  const client = new GraphClient({
    ...input.graph,
    secrets: runSecrets(token, input.appId ?? '', appSecret),
  });
  const print = fingerprint(token);
  let waves = 0;
  const done = (discovery: Discovery): DiscoverOutcome => ({
    discovery,
    requests: client.requestsSent,
    waves,
  });
  const notJudged = (message: string, graphError?: string) =>
    done(
      failedDiscovery('not-judged', message, summarize(undefined, print), now().toISOString(), {
        ...(input.appId ? { appId: input.appId } : {}),
        ...(graphError ? { graphError } : {}),
      }),
    );

  try {
    // Wave 1.
    const inspect = {
      token,
      appId: input.appId ?? '',
      ...(appSecret ? { appSecret } : {}),
      ...(input.secretName ? { secretName: input.secretName } : {}),
    };
    let inspection: Inspection;
    let webhook: AppSubscriptionsProbe | undefined;
    waves += 1;
    if (appSecret && input.appId) {
      const [dbg, subs] = await sendBatch(client, [
        debugTokenItem(inspect),
        appSubscriptionsItem(input.appId, appSecret),
      ]);
      webhook = readAppSubscriptions(input.appId, subs!);
      const batched = batchedInspection(dbg!, true, input.secretName);
      if (!batched) waves += 1;
      inspection = batched ?? (await inspectToken(client, inspect));
    } else {
      inspection = await inspectToken(client, inspect);
    }

    const unusable = unusableToken(inspection, input.appId);
    if (unusable) {
      const data = inspection.kind === 'data' ? normalizeTokenData(inspection.data) : undefined;
      return done(
        failedDiscovery('failed', unusable.message, summarize(data, print), now().toISOString(), {
          ...(input.appId ? { appId: input.appId } : {}),
          ...(unusable.graphError ? { graphError: unusable.graphError } : {}),
        }),
      );
    }
    const data = normalizeTokenData((inspection as { data: unknown }).data);
    const appId = input.appId ?? data.appId;
    const reach = grantReach(data);

    const paging = {
      ...(input.pageSize ? { pageSize: input.pageSize } : {}),
      ...(input.maxPages ? { maxPages: input.maxPages } : {}),
    };
    const wabas = new Map<string, WabaReads>();
    let tasks: Task[] = [];
    const learn = (id: string, source: WabaSource, listedName?: string) => {
      if (wabas.has(id)) return;
      const w: WabaReads = { id, source, ...(listedName ? { listedName } : {}) };
      wabas.set(id, w);
      tasks.push({
        item: wabaNodeItem(id, token, appSecret),
        handle: (r) => {
          w.node = r;
        },
      });
      tasks.push({
        item: subscribedAppsItem(id, token, appSecret),
        handle: (r) => {
          w.apps = r;
        },
      });
      const phones = new Listing(
        phoneListRequest(id, token, appSecret, { fields: PHONE_LIST_FIELDS, ...paging }),
      );
      follow(phones, phones.first(), () => {
        w.phones = phones.outcome();
      });
    };
    /** Queues a page of `listing`; its handler queues the next one, and calls `over` once the list ends. */
    const follow = (
      listing: Listing,
      item: BatchItem,
      over: () => void,
      onPage?: (items: unknown[]) => void,
    ) => {
      tasks.push({
        item,
        handle: (r) => {
          const before = listing.items.length;
          const next = listing.accept(r);
          onPage?.(listing.items.slice(before));
          if (next) follow(listing, next, over, onPage);
          else over();
        },
      });
    };

    for (const id of reach.targetIds) learn(id, 'target_ids');
    let listing: ListingFacts = { state: 'not-needed' };
    if (reach.needsListing) {
      if (!data.userId) {
        listing = {
          state: 'unavailable',
          reason: 'debug_token did not say which user the token belongs to (user_id)',
        };
      } else {
        const userId = data.userId;
        const request = assignedWabasRequest(userId, token, appSecret, paging);
        const assigned = new Listing(request);
        follow(
          assigned,
          assigned.first(),
          () => {
            listing = { state: 'read', userId, outcome: assigned.outcome(), request };
          },
          (items) => {
            for (const item of items) {
              const id = idOf(item);
              if (id)
                learn(id, 'assigned_whatsapp_business_accounts', str((item as { name?: unknown }).name));
            }
          },
        );
      }
    }

    while (tasks.length > 0) {
      const wave = tasks;
      tasks = [];
      waves += 1;
      const results = await sendBatch(
        client,
        wave.map((t) => t.item),
      );
      wave.forEach((t, i) => {
        t.handle(results[i]!);
      });
    }

    const facts: DiscoveryFacts = {
      token: summarize(data, print),
      ...(appId ? { appId } : {}),
      reach,
      listing,
      wabas: [...wabas.values()],
      phonePaging: paging,
      ...(webhook ? { webhook } : {}),
    };
    return done(buildDiscovery(facts, now().toISOString()));
  } catch (err) {
    if (err instanceof NotJudgedError) return notJudged(err.message, err.graphError);
    if (err instanceof GraphRequestError)
      return notJudged(`Graph could not be asked: ${err.message}. Nothing was discovered.`);
    throw err;
  } finally {
    await client.close();
  }
}

/** Why there is nothing to discover with this token, or undefined when it can be used. */
function unusableToken(
  inspection: Inspection,
  expectedApp: string | undefined,
): { message: string; graphError?: string } | undefined {
  if (inspection.kind === 'app-mismatch')
    return {
      message: `The token belongs to another app than ${expectedApp} (--app-id): Graph refused to show it.`,
    };
  if (inspection.kind === 'token-invalid') {
    return {
      message: `The token is not valid. ${describeGraphError({ code: inspection.code, subcode: inspection.subcode })}`,
      graphError: errorKey(inspection.code, inspection.subcode),
    };
  }
  const data = normalizeTokenData(inspection.data);
  if (data.isValid === undefined)
    return { message: 'The debug_token answer is malformed (is_valid missing): nothing was discovered.' };
  if (!data.isValid) {
    const { code, subcode } = data.error ?? {};
    return {
      message: `The token is not valid. ${code === undefined ? 'Graph gave no reason.' : describeGraphError({ code, subcode })}`,
      ...(code === undefined ? {} : { graphError: errorKey(code, subcode) }),
    };
  }
  if (expectedApp && data.appId && data.appId !== expectedApp) {
    return {
      message: `The token belongs to app ${data.appId}${data.application ? ` (${data.application})` : ''}, not to the expected app ${expectedApp} (--app-id).`,
    };
  }
  return undefined;
}
