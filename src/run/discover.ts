// `discover`: everything a token reaches, read-only, in as few network waves as the data allows.
//
// Wave 1: debug_token (plus, with an app secret, the app's webhook subscriptions: independent of the token's
//         answer, so it rides in the same batch POST).
// Wave 2: for every WABA the grants name (target_ids): its node, the first page of phone_numbers and
//         subscribed_apps, all in one batch (chunks of 50 POSTed concurrently); and, when a WhatsApp grant names
//         no WABA, the first page of the user's assigned WABAs.
// Later waves: next pages (by cursor) of every unfinished list, together with the reads of WABAs a listing page
//         just revealed. A wave is one sendBatch, its batch POSTs all in flight at once (as many as Graph's usage
//         headers allow, graph/batch.ts), next-page reads first; it ends when nothing is left to ask.
// A 200-WABA account thus takes 2 round trips with target_ids, and 4 through its user's listing of two pages.
import { UsageError } from '../core/errors.js';
import { keyName, type SettingNamer } from '../core/settings.js';
import { fingerprint } from '../core/fingerprint.js';
import { normalizeTokenData } from '../core/normalize.js';
import { grantReach } from '../core/reach.js';
import { summarize } from '../core/summary.js';
import type { AppSubscriptionsProbe } from '../core/live.js';
import type { Discovery, Inspection, WabaSource } from '../core/types.js';
import { unusableToken } from '../core/usable.js';
import { type BatchItem, type BatchResult, sendBatch } from '../graph/batch.js';
import { GraphClient, type GraphClientOptions } from '../graph/client.js';
import { inspectToken } from '../graph/inspect.js';
import { Listing } from '../graph/paging.js';
import { runSecrets } from '../graph/proof.js';
import {
  assignedWabasRequest,
  businessWabasRequest,
  idOf,
  phoneListFields,
  phoneOptionalFields,
  WABA_FIELDS,
  WABA_OPTIONAL_FIELDS,
  phoneListRequest,
  str,
  subscribedAppsItem,
  wabaNodeItem,
} from '../graph/reads.js';
import { notJudgedBy } from './audit.js';
import {
  type BusinessListing,
  buildDiscovery,
  type DiscoveryFacts,
  failedDiscovery,
  type ListingFacts,
  type WabaReads,
} from './discovery.js';
import { refusedField } from '../graph/fields.js';
import { planAudit } from './plan.js';
import { answersOf, readInspectionOf, readLiveFacts } from './reader.js';

export interface DiscoverInput {
  token: string;
  appSecret?: string;
  /** How the front names its settings (app ID, app secret, page cap) in messages. */
  settingName?: SettingNamer;
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
  const name = input.settingName ?? keyName;
  if (appSecret && !input.appId)
    throw new UsageError(
      `${name('appId')} is required with an app secret: the app token APP_ID|SECRET is what inspects the token.`,
    );
  const now = input.now ?? (() => new Date());
  const client = new GraphClient({
    ...input.graph,
    secrets: runSecrets(token, input.appId ?? '', appSecret),
    ...(input.settingName ? { settingName: input.settingName } : {}),
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
    // Wave 1: the audit plan of a policy without expectations (debug_token, and the app's webhook
    // subscriptions with an app secret).
    const plan = planAudit({
      token,
      ...(appSecret ? { appSecret } : {}),
      ...(input.settingName ? { secretName: name('appSecret') } : {}),
      policy: { appId: input.appId ?? '', phoneNumberIds: [], wabaIds: [] },
    });
    waves += 1;
    let inspection: Inspection;
    let webhook: AppSubscriptionsProbe | undefined;
    if (plan.items.length === 1) {
      inspection = await inspectToken(client, plan.inspect);
    } else {
      const answers = answersOf(
        plan,
        await sendBatch(
          client,
          plan.items.map((p) => p.item),
        ),
      );
      const read = await readInspectionOf(plan, answers, client);
      if (read.askedAgain) waves += 1;
      inspection = read.inspection;
      webhook = (await readLiveFacts(plan, answers, client, inspection)).appSubscriptions;
    }

    const unusable = unusableToken(inspection, input.appId, name('appId'));
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
    /** Pages of listings: first in every wave, so the page that reveals more work is never held back. */
    let pages: Task[] = [];
    // A field Graph refuses after all ("Tried accessing nonexisting field") fails the whole read: it is asked
    // again without that field (next wave), and the document says so; health or limits then show as unknown.
    const dropped = (what: string, field: string) =>
      `${what}: Graph ${client.version} refused the ${field} field ("Tried accessing nonexisting field"), so it was read again without it.`;
    const readNode = (w: WabaReads, fields: readonly string[]) => {
      tasks.push({
        item: wabaNodeItem(w.id, token, appSecret, fields),
        handle: (r) => {
          const field = refusedField(r);
          if (field && fields.includes(field) && WABA_OPTIONAL_FIELDS.includes(field)) {
            (w.notes ??= []).push(dropped(`WABA ${w.id}`, field));
            readNode(
              w,
              fields.filter((f) => f !== field),
            );
          } else w.node = r;
        },
      });
    };
    const listPhones = (w: WabaReads, fields: readonly string[]) => {
      const phones = new Listing(phoneListRequest(w.id, token, appSecret, { fields, ...paging }));
      const optional = phoneOptionalFields(client.version);
      tasks.push({
        item: phones.first(),
        handle: (r) => {
          const field = refusedField(r);
          if (field && fields.includes(field) && optional.includes(field)) {
            (w.notes ??= []).push(dropped(`WABA ${w.id}'s phone numbers`, field));
            (w.droppedPhoneFields ??= []).push(field);
            listPhones(
              w,
              fields.filter((f) => f !== field),
            );
            return;
          }
          const next = phones.accept(r);
          const over = () => {
            w.phones = phones.outcome();
          };
          if (next) follow(phones, next, over);
          else over();
        },
      });
    };
    const learn = (id: string, source: WabaSource, listedName?: string) => {
      if (wabas.has(id)) return;
      const w: WabaReads = { id, source, ...(listedName ? { listedName } : {}) };
      wabas.set(id, w);
      readNode(w, WABA_FIELDS);
      tasks.push({
        item: subscribedAppsItem(id, token, appSecret),
        handle: (r) => {
          w.apps = r;
        },
      });
      listPhones(w, phoneListFields(client.version));
    };
    /** Queues a page of `listing`; its handler queues the next one, and calls `over` once the list ends. */
    const follow = (
      listing: Listing,
      item: BatchItem,
      over: () => void,
      onPage?: (items: unknown[]) => void,
    ) => {
      pages.push({
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
    const business: BusinessListing[] = [];
    /**
     * A system user can reach its WABAs through its business without being assigned any: when the grants name
     * no WABA and the user's listing found none, read the business's own and shared WABA lists, which need
     * business_management (its target_ids name the businesses).
     */
    const throughBusiness = () => {
      if (wabas.size > 0 || !reach.businessManagement) return;
      for (const businessId of reach.businessIds) {
        for (const edge of ['owned_whatsapp_business_accounts', 'client_whatsapp_business_accounts'] as const) {
          const request = businessWabasRequest(businessId, edge, token, appSecret, paging);
          const list = new Listing(request);
          const entry: BusinessListing = { businessId, edge, request };
          business.push(entry);
          follow(
            list,
            list.first(),
            () => {
              entry.outcome = list.outcome();
            },
            (items) => {
              for (const item of items) {
                const id = idOf(item);
                if (id) learn(id, edge, str((item as { name?: unknown }).name));
              }
            },
          );
        }
      }
    };
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
            throughBusiness();
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

    while (pages.length + tasks.length > 0) {
      const wave = [...pages, ...tasks];
      pages = [];
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
      business,
      wabas: [...wabas.values()],
      phonePaging: paging,
      ...(webhook ? { webhook } : {}),
    };
    return done(buildDiscovery(facts, now().toISOString(), name));
  } catch (err) {
    const why = notJudgedBy(err, 'Nothing was discovered.');
    if (why) return notJudged(why.message, why.graphError);
    throw err;
  } finally {
    await client.close();
  }
}
