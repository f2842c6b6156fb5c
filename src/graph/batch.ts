// Graph's batch API: up to 50 GETs in one POST, each with its own token in the item's form body (never in a URL
// that gets logged). Items that time out (null) or fail transiently are sent again in a later round, through the
// one retry policy (retry.ts), until the client's deadline; one item's failure never sinks the others.
//
// Scheduling, shared with the fleet (run/fleet.ts):
// - How many POSTs are in flight is governed by Graph's usage headers (inFlightAllowed): all of them, up to the
//   cap, while the app and the business objects are far from their limits, fewer as a usage figure nears 100%.
// - Failed items are retried together: every item that failed on its n-th attempt joins one retry round with
//   one wait (RetryRounds), and the round's items go out packed into the next batches, so a round costs at most
//   ceil(failed/50) extra POSTs and no POST waits on another's back-off.
import { isObject } from '../core/normalize.js';
import { NotJudgedError } from '../core/errors.js';
import { cleanJson } from '../core/untrusted.js';
import type { GraphClient, GraphResponse } from './client.js';
import { GraphRequestError } from './client.js';
import { describeFailure, type Failure, parseEnvelope, shortFailure } from './errors.js';
import { appSecretProof } from './proof.js';
import {
  classifyGraphError,
  nextStep,
  rateLimitStopLine,
  type RetryClock,
  retrying,
  type Stop,
  type Tries,
} from './retry.js';
import { FLEET_CONCURRENCY } from '../core/limits.js';

export const MAX_BATCH_ITEMS = 50;

export interface BatchItem {
  /** Path and query under the version, e.g. `debug_token?input_token=…` or `123?fields=id`. */
  path: string;
  token: string;
  appSecret?: string;
}

export type BatchResult =
  | { ok: true; status: number; body: unknown }
  /**
   * A permanent failure of this item, or `notJudged` when it was still failing at the deadline. `wholeBatch`:
   * Graph refused the whole POST (e.g. its top-level token), so the item itself was never judged.
   */
  | { ok: false; failure: Failure; notJudged?: string; wholeBatch?: true };

export interface BatchOptions {
  /** Most batch POSTs in flight at once (Graph's usage headers may allow fewer). Default FLEET_CONCURRENCY.max. */
  concurrency?: number;
  /** Called as each item settles, for streaming output (jsonl) and progress. */
  onSettled?: (index: number, result: BatchResult) => void;
  /** Who an item is for (fleet entries' names), named in retry notices; never a secret. */
  labelOf?: (index: number) => readonly string[];
}

/**
 * Usage percentages (of Graph's rolling-hour allowances, X-App-Usage and X-Business-Use-Case-Usage) between which
 * the POSTs in flight fall from the cap to one. At 90% and above the client also spaces its requests out
 * (client.ts). Meta: calls made while limited extend the block, so slow down before the limit
 * (developers.facebook.com/docs/graph-api/overview/rate-limiting).
 */
export const USAGE_GOVERNOR = { full: 50, single: 90 } as const;

/**
 * How many batch POSTs may be in flight now: `FLEET_CONCURRENCY.start` until Graph has answered, then `cap` while
 * the highest usage figure of the latest answer is at most 50%, one at 90% or more, and in between in proportion.
 * An answer without usage headers counts as low usage: Graph sends them only once an app's calls add up.
 */
export function inFlightAllowed(client: Pick<GraphClient, 'answers' | 'usage'>, cap: number): number {
  const most = Math.max(1, Math.floor(cap));
  if (client.answers === 0) return Math.min(most, FLEET_CONCURRENCY.start);
  return inFlightAt(client.usage ?? 0, most);
}

/** The POSTs in flight Graph's usage allows under `cap` (see inFlightAllowed). */
export function inFlightAt(usage: number, cap: number): number {
  const { full, single } = USAGE_GOVERNOR;
  if (usage <= full) return cap;
  if (usage >= single) return 1;
  return Math.max(1, Math.floor((cap * (single - usage)) / (single - full)));
}

/**
 * Retry rounds: an item that failed on its own after `tries` joins the open round of that attempt number and
 * kind (a rate limit waits far longer than a transient error), whose one wait (the retry policy's, retry.ts)
 * starts when the round opens. When it ends, the round's items are `due`: the caller packs them into its next
 * batches. `add` returns why the policy stops instead (no time left for the wait, a rate limit tried enough): the
 * caller gives the item up. The round's notice names whom its items are for (`labelOf`), once per round.
 */
export class RetryRounds<T> {
  /** Items whose round's wait has ended, oldest first: send them before anything else. */
  readonly due: T[] = [];
  /** Rounds opened so far. */
  opened = 0;
  private readonly open = new Map<string, T[]>();
  /** Rounds the policy refused to wait for: the items that would join them are given up the same way. */
  private readonly refused = new Map<string, Stop>();
  private waiting = 0;
  private wake: () => void = () => undefined;
  private next: Promise<void> = this.renew();

  constructor(
    private readonly clock: RetryClock,
    private readonly labelOf?: (item: T) => readonly string[],
  ) {}

  add(item: T, failure: Failure, tries: Tries): Stop | undefined {
    const key = `${tries.attempts}\0${tries.rateLimited}\0${failure.retry}`;
    const joined = this.open.get(key);
    if (joined) {
      joined.push(item);
      return undefined;
    }
    const refused = this.refused.get(key);
    if (refused) return refused;
    const step = nextStep(failure, tries, this.clock);
    if ('stop' in step) {
      this.refused.set(key, step.stop);
      return step.stop;
    }
    const items = [item];
    this.open.set(key, items);
    this.opened++;
    this.waiting++;
    // The notice goes out once the POST that opened the round has added all its failed items.
    void Promise.resolve()
      .then(() => {
        const who = this.labelOf ? namesOf(items.flatMap((i) => this.labelOf!(i))) : undefined;
        return this.clock.wait(step.waitMs, shortFailure(failure), tries.attempts, who);
      })
      .then(() => {
        this.open.delete(key);
        this.waiting--;
        this.due.push(...items);
        this.wake();
      });
    return undefined;
  }

  /** No round is waiting and nothing is due. */
  get idle(): boolean {
    return this.waiting === 0 && this.due.length === 0;
  }

  /** Settles when a round's wait ends. */
  changed(): Promise<void> {
    return this.next;
  }

  private renew(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = () => {
        this.next = this.renew();
        resolve();
      };
    });
  }
}

export async function sendBatch(
  client: GraphClient,
  items: BatchItem[],
  opts: BatchOptions = {},
): Promise<BatchResult[]> {
  const results: (BatchResult | undefined)[] = new Array(items.length);
  const settle = (i: number, r: BatchResult) => {
    results[i] = r;
    opts.onSettled?.(i, r);
  };
  const cap = opts.concurrency ?? FLEET_CONCURRENCY.max;
  let pending = items.map((_, i) => i);
  // What each item that is sent again failed with in the round before.
  let earlier = new Map<number, Failure>();
  // Items that failed on their own (a null answer, a transient error) go out again in a later round, through
  // the same retry policy and deadline as every request (retry.ts).
  await retrying(client.retryClock, async (round, tries) => {
    let retry: { index: number; failure: Failure }[] = [];
    const chunks = chunk(pending, MAX_BATCH_ITEMS);
    // Every chunk of the round at once, as far as Graph's usage headers allow.
    await governed(chunks, () => inFlightAllowed(client, cap), async (indexes) => {
      const outcome = await postChunk(
        client,
        indexes.map((i) => items[i]!),
        labels(opts.labelOf, indexes),
      );
      if (outcome instanceof Error) {
        for (const i of indexes) {
          // A later round that only ran out of deadline says nothing new about the item: report what it
          // failed with before, and every round it went out in, not "the request timed out" after "1 attempt".
          const before = earlier.get(i);
          settle(i, before && outcome instanceof NotJudgedError ? stillFailing(before, round) : failed(outcome));
        }
        return;
      }
      indexes.forEach((itemIndex, k) => {
        const r = outcome[k];
        if (r && !r.ok && r.failure.retry !== 'never') retry.push({ index: itemIndex, failure: r.failure });
        else settle(itemIndex, r ?? nullItem());
      });
    });
    // Rate-limited items wait long (retry.ts). When the policy will not wait for them (the deadline cannot cover
    // the wait, or they were tried enough), they are given up now, and the transient ones go on with their own
    // short backoff instead of sharing a wait they do not need.
    const limited = retry.find((r) => r.failure.retry === 'rate-limit');
    if (limited) {
      // The shortest wait the policy could choose: when even that does not fit, these items are done.
      const shortest = { ...client.retryClock, random: () => 0 };
      const step = nextStep(limited.failure, { attempts: tries.attempts + 1, rateLimited: tries.rateLimited + 1 }, shortest);
      if ('stop' in step && retry.some((r) => r.failure.retry !== 'rate-limit')) {
        const line = rateLimitStopLine(step.stop as Exclude<Stop, { kind: 'deadline' }>);
        for (const r of retry)
          if (r.failure.retry === 'rate-limit')
            settle(r.index, { ok: false, failure: r.failure, notJudged: `${line}; last: ${describeFailure(r.failure)}` });
        retry = retry.filter((r) => r.failure.retry !== 'rate-limit');
      }
    }
    pending = retry.map((r) => r.index);
    earlier = new Map(retry.map((r) => [r.index, r.failure]));
    if (retry.length === 0) return { done: undefined };
    const worst = retry.find((r) => r.failure.retry === 'rate-limit') ?? retry[0]!;
    const who = labels(opts.labelOf, pending);
    return {
      again: worst.failure,
      why: shortFailure(worst.failure),
      ...(who === undefined ? {} : { who }),
      giveUp: (stop) => {
        for (const r of retry)
          settle(
            r.index,
            stop.kind !== 'deadline' && r.failure.retry === 'rate-limit'
              ? { ok: false, failure: r.failure, notJudged: `${rateLimitStopLine(stop)}; last: ${describeFailure(r.failure)}` }
              : stillFailing(r.failure, stop.attempts),
          );
      },
    };
  });
  return results as BatchResult[];
}

/** The result of an item still failing when the deadline leaves no room for another round. */
export function stillFailing(failure: Failure, rounds: number): BatchResult {
  return {
    ok: false,
    failure,
    notJudged: `still failing at the deadline after ${rounds} round${rounds === 1 ? '' : 's'}; last: ${describeFailure(failure)}`,
  };
}

/** An item that failed on its own and may be sent again (not a whole POST given up at the deadline). */
export function retriable(r: BatchResult): r is Extract<BatchResult, { ok: false }> {
  return !r.ok && r.failure.retry !== 'never' && r.notJudged === undefined && r.wholeBatch === undefined;
}

/** The POST carrying the item ran out of deadline (NotJudgedError): nothing was learnt about the item itself. */
export function cutByDeadline(r: BatchResult): boolean {
  return !r.ok && r.failure.kind === 'network' && r.failure.code === 'DEADLINE' && r.notJudged !== undefined;
}

/** An item given up because the policy stopped: a rate limit it will not wait out, or the deadline. */
export function givenUp(failure: Failure, stop: Stop): BatchResult {
  if (stop.kind === 'deadline' || failure.retry !== 'rate-limit') return stillFailing(failure, stop.attempts);
  return { ok: false, failure, notJudged: `${rateLimitStopLine(stop)}; last: ${describeFailure(failure)}` };
}

/**
 * One POST, one attempt at its items: a result per item, in order. Items that failed on their own come back as
 * they failed (see `retriable`); a POST that failed as a whole (after the client's own retries) fails every item.
 */
export async function postBatch(client: GraphClient, items: BatchItem[], label?: string): Promise<BatchResult[]> {
  const outcome = await postChunk(client, items, label);
  if (outcome instanceof Error) {
    const r = failed(outcome);
    return items.map(() => r);
  }
  return items.map((_, k) => outcome[k] ?? nullItem());
}

/** One POST. Returns per-item results, or the error that sank the whole POST. */
async function postChunk(
  client: GraphClient,
  items: BatchItem[],
  label: string | undefined,
): Promise<(BatchResult | undefined)[] | Error> {
  const batch = items.map((item) => ({
    method: 'GET',
    relative_url: `${client.version}/${item.path.replace(/^\/+/, '')}`,
    body: itemBody(item),
  }));
  let res: GraphResponse;
  try {
    res = await client.send({
      method: 'POST',
      path: '',
      // The first item's credentials are the top-level fallback Graph requires.
      token: items[0]!.token,
      ...(items[0]!.appSecret ? { appSecret: items[0]!.appSecret } : {}),
      form: { batch: JSON.stringify(batch), include_headers: 'false' },
      ...(label === undefined ? {} : { label }),
    });
  } catch (err) {
    if (err instanceof GraphRequestError || err instanceof NotJudgedError) return err;
    throw err;
  }
  if (!Array.isArray(res.body))
    return new GraphRequestError({
      kind: 'http',
      status: res.status,
      detail: 'batch answer is not a list',
      retry: 'never',
    });
  return items.map((_, k) => readItem(client, res.body as unknown[], k));
}

function itemBody(item: BatchItem): string {
  const form = new URLSearchParams({ access_token: item.token });
  if (item.appSecret) form.set('appsecret_proof', appSecretProof(item.token, item.appSecret));
  return form.toString();
}

function readItem(client: GraphClient, list: unknown[], k: number): BatchResult | undefined {
  const raw = list[k];
  // Graph answers null for an item that did not finish in time: it may be sent again.
  if (raw === null || raw === undefined) return nullItem();
  if (!isObject(raw) || typeof raw.code !== 'number') {
    return {
      ok: false,
      failure: { kind: 'http', status: 200, detail: 'malformed batch item', retry: 'transient' },
    };
  }
  let body: unknown;
  try {
    body = cleanJson(typeof raw.body === 'string' ? JSON.parse(raw.body) : raw.body);
  } catch {
    return {
      ok: false,
      failure: {
        kind: 'http',
        status: raw.code,
        detail: 'with a batch item body that is not valid JSON',
        retry: 'transient',
      },
    };
  }
  const envelope = parseEnvelope(body, client.redact);
  if (envelope)
    return {
      ok: false,
      failure: {
        kind: 'graph',
        status: raw.code,
        error: envelope,
        retry: classifyGraphError(raw.code, envelope),
      },
    };
  if (raw.code >= 500)
    return {
      ok: false,
      failure: { kind: 'http', status: raw.code, detail: 'server error', retry: 'transient' },
    };
  // Only a 2xx item is an answer: a 3xx with a JSON body is not success.
  if (raw.code < 200 || raw.code >= 300 || !isObject(body)) {
    return {
      ok: false,
      failure: { kind: 'http', status: raw.code, detail: 'unexpected batch item answer', retry: 'never' },
    };
  }
  return { ok: true, status: raw.code, body };
}

function nullItem(): BatchResult {
  return {
    ok: false,
    failure: {
      kind: 'network',
      code: 'BATCH_ITEM_TIMEOUT',
      detail: 'the batch item did not finish in time',
      retry: 'transient',
    },
  };
}

function failed(err: Error): BatchResult {
  if (err instanceof NotJudgedError) {
    // A clause of the readers' sentences ("debug_token: …. The token was not judged."): no full stop of its own.
    const why = err.message.replace(/\.$/, '');
    return {
      ok: false,
      failure: { kind: 'network', code: 'DEADLINE', detail: why, retry: 'transient' },
      notJudged: why,
    };
  }
  const failure = (err as GraphRequestError).failure;
  return { ok: false, failure, notJudged: `the batch request failed: ${describeFailure(failure)}`, wholeBatch: true };
}

/** The names of the items' owners, shortened to a few ("shop, cafe +3 more"); undefined when none is named. */
function labels(labelOf: BatchOptions['labelOf'], indexes: number[]): string | undefined {
  if (!labelOf) return undefined;
  return namesOf(indexes.flatMap((i) => labelOf(i)));
}

/** "shop, cafe +3 more"; undefined when there are none. */
export function namesOf(list: readonly string[]): string | undefined {
  const names = [...new Set(list)];
  if (names.length === 0) return undefined;
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} +${names.length - 3} more` : shown;
}

function chunk<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Runs `fn` over `items`, starting one whenever fewer than `limit()` are in flight. */
async function governed<T>(items: T[], limit: () => number, fn: (item: T) => Promise<void>): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  let next = 0;
  while (next < items.length || inFlight.size > 0) {
    while (next < items.length && inFlight.size < limit()) {
      const p: Promise<void> = fn(items[next++]!).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.race(inFlight);
  }
}
