// The retry policy, in one place: what is retried, how long it waits, and why. The Graph client (one request)
// and the batch module (the items of a batch that failed on their own) both retry through retrying() below.
//
// What: Graph marks transient errors in its JSON body (codes 1 and 2, `is_transient: true`), which undici's
// status-based retry helpers cannot see; HTTP 5xx, bodies that are not JSON (proxies, load balancers), resets
// and timeouts are transient too; rate limits (4, 17, 32, 613, 80007, ...; see the error catalog) back off longer
// and honour `Retry-After` and the business-use-case header's estimate. Everything else is permanent: a Graph
// error that retrying cannot fix, TLS, DNS, a refusing proxy. Sources: Meta's "Graph API error handling" and
// "Rate limiting" pages (developers.facebook.com/docs/graph-api/guides/error-handling,
// /docs/graph-api/overview/rate-limiting).
// How long: until the run's deadline (core/limits.ts), never beyond it.
import { lookupError, type RetryClass } from '../core/error-catalog.js';
import { isObject } from '../core/normalize.js';
import type { Failure, GraphEnvelope } from './errors.js';

/** First wait after a transient failure and after a rate limit; waits double per attempt up to the cap. */
const BACKOFF = { transientMs: 500, rateLimitMs: 2000, capMs: 30_000 } as const;

/** Graph error codes decide by the catalog; `is_transient` and 5xx tip an unknown code towards retrying. */
export function classifyGraphError(status: number, error: GraphEnvelope): RetryClass {
  const entry = lookupError(error.code, error.subcode);
  if (entry) return entry.retry;
  if (error.isTransient === true || status >= 500) return 'transient';
  return 'never';
}

/** Network errors are keyed on their codes: the bundle holds two undici copies, so `instanceof` lies. */
const TRANSIENT_NETWORK = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'ATTEMPT_TIMEOUT',
]);

export function networkRetry(code: string): RetryClass {
  return TRANSIENT_NETWORK.has(code) ? 'transient' : 'never';
}

/** Exponential backoff with jitter (half fixed, half random); a rate limit's hint is honoured when longer. */
function backoffMs(f: Failure, attempt: number, random: () => number): number {
  const base = f.retry === 'rate-limit' ? BACKOFF.rateLimitMs : BACKOFF.transientMs;
  const exp = Math.min(BACKOFF.capMs, base * 2 ** (attempt - 1));
  const jittered = exp / 2 + (random() * exp) / 2;
  const hinted = f.kind === 'graph' ? (f.retryAfterMs ?? 0) : 0;
  return Math.round(Math.max(jittered, hinted));
}

/** Seconds from `Retry-After`, or the longest `estimated_time_to_regain_access` (minutes) in the BUC header. */
export function retryAfterMs(
  headers: Record<string, string | string[] | undefined>,
  now: () => number = Date.now,
): number | undefined {
  const waits: number[] = [];
  const ra = first(headers['retry-after']);
  if (ra !== undefined) {
    const secs = Number(ra);
    if (Number.isFinite(secs) && secs >= 0) waits.push(secs * 1000);
    else {
      const at = Date.parse(ra);
      if (!Number.isNaN(at)) waits.push(Math.max(0, at - now()));
    }
  }
  const buc = usageMinutes(first(headers['x-business-use-case-usage']));
  if (buc > 0) waits.push(buc * 60_000);
  return waits.length > 0 ? Math.max(...waits) : undefined;
}

function usageMinutes(header: string | undefined): number {
  let parsed: unknown;
  try {
    parsed = header ? JSON.parse(header) : undefined;
  } catch {
    return 0;
  }
  if (!isObject(parsed)) return 0;
  let max = 0;
  for (const list of Object.values(parsed)) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const m = isObject(item) ? Number(item.estimated_time_to_regain_access) : 0;
      if (Number.isFinite(m) && m > max) max = m;
    }
  }
  return max;
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** The clock the loop runs against: the client's deadline and its (injectable) waiting. */
export interface RetryClock {
  /** Is there time left to wait this long and still make one more attempt? */
  hasTime(waitMs: number): boolean;
  wait(waitMs: number, failure: string, attempt: number): Promise<void>;
  random: () => number;
}

/** One attempt's outcome: done, or a failure worth another attempt and what to do when there is no time left. */
export type Attempt<T> =
  | { done: T }
  | {
      again: Failure;
      /** Shown while waiting ("the connection was reset"). */
      why: string;
      /** The result (or a thrown error) once the deadline leaves no room for another attempt. */
      giveUp: (attempts: number) => T;
    };

/** The one retry loop: attempt, back off, attempt again, until done or the deadline. */
export async function retrying<T>(clock: RetryClock, attempt: (n: number) => Promise<Attempt<T>>): Promise<T> {
  for (let n = 1; ; n++) {
    const outcome = await attempt(n);
    if ('done' in outcome) return outcome.done;
    const waitMs = backoffMs(outcome.again, n, clock.random);
    if (!clock.hasTime(waitMs)) return outcome.giveUp(n);
    await clock.wait(waitMs, outcome.why, n);
  }
}
