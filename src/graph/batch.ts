// Graph's batch API: up to 50 GETs in one POST, each with its own token in the item's form body (never in a URL
// that gets logged). Items that time out (null) or fail transiently are sent again in a later round, through the
// one retry policy (retry.ts), until the client's deadline; one item's failure never sinks the others.
import { isObject } from '../core/normalize.js';
import { NotJudgedError } from '../core/errors.js';
import { cleanJson } from '../core/untrusted.js';
import type { GraphClient, GraphResponse } from './client.js';
import { GraphRequestError } from './client.js';
import { describeFailure, type Failure, parseEnvelope, shortFailure } from './errors.js';
import { appSecretProof } from './proof.js';
import { classifyGraphError, nextStep, rateLimitStopLine, retrying, type Stop } from './retry.js';

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
  /** Batch POSTs in flight at once. */
  concurrency?: number;
  /** Called as each item settles, for streaming output (jsonl) and progress. */
  onSettled?: (index: number, result: BatchResult) => void;
  /** Who an item is for (fleet entries' names), named in retry notices; never a secret. */
  labelOf?: (index: number) => readonly string[];
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
  let pending = items.map((_, i) => i);
  // What each item that is sent again failed with in the round before.
  let earlier = new Map<number, Failure>();
  // Items that failed on their own (a null answer, a transient error) go out again in a later round, through
  // the same retry policy and deadline as every request (retry.ts).
  await retrying(client.retryClock, async (round, tries) => {
    let retry: { index: number; failure: Failure }[] = [];
    const chunks = chunk(pending, MAX_BATCH_ITEMS);
    await mapLimit(chunks, opts.concurrency ?? 4, async (indexes) => {
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

function stillFailing(failure: Failure, rounds: number): BatchResult {
  return {
    ok: false,
    failure,
    notJudged: `still failing at the deadline after ${rounds} round${rounds === 1 ? '' : 's'}; last: ${describeFailure(failure)}`,
  };
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
  const names = [...new Set(indexes.flatMap((i) => labelOf(i)))];
  if (names.length === 0) return undefined;
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} +${names.length - 3} more` : shown;
}

function chunk<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Runs `fn` over `items` with at most `limit` in flight. */
async function mapLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(workers);
}
