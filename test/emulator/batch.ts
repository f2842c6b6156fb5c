// Graph batch requests: `POST /` (or `/{version}/`) with `batch=[{method, relative_url, body?, name?}, ...]`.
//
// Per-item tokens. Meta's batch guide says each request in a batch may carry its own access token "as a query
// string or form post parameter": i.e. `access_token=...` inside the item's `relative_url` query, or inside
// the item's `body` string (form-encoded). Both are supported. An item-level `"access_token"` JSON key is NOT
// documented by Meta; the emulator accepts it anyway (lenient) and records which form was used in
// `batchItems[].tokenFrom`, so tests can insist on the documented `body` form. The top-level token
// (Authorization header) is the fallback.
//
// Each item runs through the same `answerGraph` as a plain request, so it counts in the per-token counters and
// fault tokens fail inside batches too. A sub-request's error stays in its item; the batch itself answers 200.
import type { Answer } from './answer.js';
import { jsonAnswer } from './answer.js';
import { DEFAULT_VERSION } from './fixtures.js';
import { answerGraph, type GraphState } from './graph.js';
import { badBatch, graphError, tooManyInBatch } from './graph-errors.js';

const MAX_BATCH = 50;

export interface BatchItemSeen {
  method: string;
  relativeUrl: string;
  /** Where the item's token came from. */
  tokenFrom: 'body' | 'relative_url' | 'item' | 'top-level' | 'none';
}

export interface BatchContext {
  state: GraphState;
  topToken: string | undefined;
  baseUrl: string;
  /** Called for every item, in order: counts `subRequests` and fills `batchItems`. */
  onItem(item: BatchItemSeen): void;
  /** Applied to every item's answer (the global data-* faults). */
  transform(a: Answer): Answer;
}

export function answerBatch(ctx: BatchContext, params: URLSearchParams): Answer {
  const raw = params.get('batch');
  if (raw === null) return graphError(badBatch('The parameter batch is required'));
  let items: unknown;
  try {
    items = JSON.parse(raw);
  } catch {
    return graphError(badBatch('batch parameter must be a JSON array'));
  }
  if (!Array.isArray(items)) return graphError(badBatch('batch parameter must be a JSON array'));
  if (items.length > MAX_BATCH) return graphError(tooManyInBatch());
  const includeHeaders = params.get('include_headers') !== 'false';

  let delayMs = 0;
  // The POST itself carries the usage headers too (each item counts against the limits), so a client that
  // drops per-item headers (include_headers=false) still sees how close the app is to its limits.
  const usage: Record<string, string> = {};
  const out = items.map((item) => {
    const a = ctx.transform(answerItem(ctx, item));
    for (const h of ['x-app-usage', 'x-business-use-case-usage']) if (a.headers[h]) usage[h] ??= a.headers[h];
    // Graph runs items in parallel: the batch is as slow as its slowest item.
    delayMs = Math.max(delayMs, a.delayMs ?? 0);
    const entry: Record<string, unknown> = { code: a.status };
    if (includeHeaders)
      entry.headers = Object.entries(a.headers).map(([name, value]) => ({ name: titleCase(name), value }));
    entry.body = a.body;
    return entry;
  });
  const answer = jsonAnswer(200, out, usage);
  return delayMs > 0 ? { ...answer, delayMs } : answer;
}

function answerItem(ctx: BatchContext, item: unknown): Answer {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    ctx.onItem({ method: '?', relativeUrl: '', tokenFrom: 'none' });
    return graphError(badBatch('Each batch item must be an object with method and relative_url'));
  }
  const rec = item as Record<string, unknown>;
  const method = typeof rec.method === 'string' ? rec.method.toUpperCase() : 'GET';
  const relativeUrl = typeof rec.relative_url === 'string' ? rec.relative_url : '';
  const url = new URL(relativeUrl.replace(/^\/+/, ''), 'http://batch.invalid/');
  const bodyParams = new URLSearchParams(typeof rec.body === 'string' ? rec.body : '');

  const fromItem = typeof rec.access_token === 'string' ? rec.access_token : null;
  const fromBody = bodyParams.get('access_token');
  const fromUrl = url.searchParams.get('access_token');
  const [token, tokenFrom] =
    fromItem !== null
      ? [fromItem, 'item' as const]
      : fromBody !== null
        ? [fromBody, 'body' as const]
        : fromUrl !== null
          ? [fromUrl, 'relative_url' as const]
          : [ctx.topToken, ctx.topToken === undefined ? ('none' as const) : ('top-level' as const)];
  ctx.onItem({ method, relativeUrl, tokenFrom });

  if (relativeUrl === '') return graphError(badBatch('Each batch item needs a relative_url'));
  if (method !== 'GET') {
    // wa-token-audit is read-only: the emulator refuses writes inside a batch (and records them above).
    return graphError({
      code: 100,
      type: 'GraphMethodException',
      message: `Unsupported ${method.toLowerCase()} request in batch: the emulator serves only GET items.`,
    });
  }
  const params = new URLSearchParams(url.searchParams);
  for (const [k, v] of bodyParams) params.set(k, v);
  const { segments, version } = splitPath(url.pathname);
  return answerGraph(ctx.state, { method, segments, version, params, token, baseUrl: ctx.baseUrl });
}

/** `/v26.0/a/b` -> version v26.0, segments [a, b]; unversioned paths get the default version. */
export function splitPath(pathname: string): { segments: string[]; version: string } {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== undefined && /^v\d+\.\d+$/.test(parts[0]))
    return { version: parts[0], segments: parts.slice(1) };
  return { version: DEFAULT_VERSION, segments: parts };
}

function titleCase(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}
