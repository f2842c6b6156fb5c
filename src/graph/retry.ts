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

/**
 * Transient failures: the first wait is 500 ms, doubling per attempt up to 30 s, jittered (half fixed, half
 * random), until the deadline.
 *
 * Rate limits are different: Graph counts calls over a rolling hour and answers every call made while the app,
 * user or WhatsApp Business Account is limited with the same error "until enough time has passed for the call
 * count to drop below the limit"; Meta's advice is to stop calling, because calls made while limited keep the
 * count up and delay access further (developers.facebook.com/docs/graph-api/overview/rate-limiting, "Best
 * Practices"). Graph documents no Retry-After for these limits (4, 17, 32, 613, 80007, 80008); the only timing
 * it gives is the business-use-case header's `estimated_time_to_regain_access`, in whole minutes. So: wait what
 * Graph asks for when it asks (Retry-After, or that estimate); otherwise wait long, at least one minute (the unit
 * Graph states regain times in) doubling per rate-limited attempt, with the jitter only ever lengthening it; try
 * at most RATE_LIMIT_TRIES times; and when the deadline cannot cover the wait, stop at once rather than spend
 * the time probing.
 */
const BACKOFF = { transientMs: 500, capMs: 30_000, rateLimitMs: 60_000, rateLimitCapMs: 15 * 60_000 } as const;
/** Rate-limited answers a run accepts before it stops asking (each one after a long wait). */
export const RATE_LIMIT_TRIES = 3;

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
  // The proxy failed before Graph was asked (http.ts): retried with backoff, never reconnected in a loop.
  'PROXY_UNREACHABLE',
  'PROXY_CLOSED',
  'PROXY_TIMEOUT',
  'PROXY_UPSTREAM',
]);

export function networkRetry(code: string): RetryClass {
  return TRANSIENT_NETWORK.has(code) ? 'transient' : 'never';
}

/** How many attempts have been made, and how many of them Graph answered with a rate limit. */
export interface Tries {
  attempts: number;
  rateLimited: number;
}

/** Why a retry loop stopped before success. */
export type Stop =
  /** A transient failure, and no time left for the next wait and attempt. */
  | { kind: 'deadline'; attempts: number }
  /** A rate limit whose wait the deadline cannot cover: nothing more is sent. */
  | { kind: 'rate-limit-wait'; attempts: number; waitMs: number; leftMs: number; hinted: boolean }
  /** Still rate-limited after RATE_LIMIT_TRIES answers. */
  | { kind: 'rate-limit-tries'; attempts: number };

/** The policy's decision after a failure: wait this long and try again, or stop. */
export function nextStep(f: Failure, tries: Tries, clock: RetryClock): { waitMs: number } | { stop: Stop } {
  const leftMs = clock.timeLeft();
  if (f.retry === 'rate-limit') {
    if (tries.rateLimited >= RATE_LIMIT_TRIES) return { stop: { kind: 'rate-limit-tries', attempts: tries.attempts } };
    const hint = f.kind === 'graph' ? f.retryAfterMs : undefined;
    const waitMs = hint ?? rateLimitWaitMs(tries.rateLimited, clock.random);
    if (!(waitMs < leftMs))
      return { stop: { kind: 'rate-limit-wait', attempts: tries.attempts, waitMs, leftMs, hinted: hint !== undefined } };
    return { waitMs };
  }
  const exp = Math.min(BACKOFF.capMs, BACKOFF.transientMs * 2 ** (tries.attempts - 1));
  const waitMs = Math.round(exp / 2 + (clock.random() * exp) / 2);
  return waitMs < leftMs ? { waitMs } : { stop: { kind: 'deadline', attempts: tries.attempts } };
}

/** Without a hint: 1 min, 2 min, 4 min... (the k-th rate-limited answer), lengthened by up to a quarter. */
function rateLimitWaitMs(k: number, random: () => number): number {
  const exp = Math.min(BACKOFF.rateLimitCapMs, BACKOFF.rateLimitMs * 2 ** (Math.max(1, k) - 1));
  return Math.round(exp + (random() * exp) / 4);
}

/** "~2 min" or "3 s": how long Graph wants the run to wait, as a person would say it. */
export function waitWords(ms: number): string {
  return ms >= 60_000 ? `~${Math.round(ms / 60_000)} min` : `${Math.ceil(ms / 1000)} s`;
}

/**
 * The one line for a rate limit the run stopped on (the caller adds what Graph last said). A wait the deadline
 * cannot cover: "Graph asks to wait ~2 min; the deadline leaves 28 s".
 */
export function rateLimitStopLine(stop: Exclude<Stop, { kind: 'deadline' }>): string {
  if (stop.kind === 'rate-limit-tries')
    return `Graph was still rate-limiting after ${stop.attempts} attempts with long waits, so it was not asked again`;
  const how = stop.hinted ? '' : ' (it sent no Retry-After: a rate limit is waited out, never probed)';
  return `Graph asks to wait ${waitWords(stop.waitMs)}; the deadline leaves ${Math.max(0, Math.floor(stop.leftMs / 1000))} s${how}, so it was not asked again`;
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
  /** Milliseconds left before the deadline. */
  timeLeft(): number;
  /** `who`: what the request was for (a fleet entry's name), for the notice; never a secret. */
  wait(waitMs: number, failure: string, attempt: number, who?: string): Promise<void>;
  random: () => number;
}

/** One attempt's outcome: done, or a failure worth another attempt and what to do when the policy stops. */
export type Attempt<T> =
  | { done: T }
  | {
      again: Failure;
      /** Shown while waiting, in a few words ("the connection was reset", "Graph error 2 (API Service)"). */
      why: string;
      /** Who the attempt was for, named in the notice (a fleet entry), when not the whole run. */
      who?: string;
      /** The result (or a thrown error) once the policy stops: no time left, or a rate limit not to probe. */
      giveUp: (stop: Stop) => T;
    };

/** The one retry loop: attempt, back off, attempt again, until done or the policy stops. */
export async function retrying<T>(
  clock: RetryClock,
  attempt: (n: number, tries: Tries) => Promise<Attempt<T>>,
): Promise<T> {
  const tries: Tries = { attempts: 0, rateLimited: 0 };
  for (let n = 1; ; n++) {
    const outcome = await attempt(n, { ...tries });
    if ('done' in outcome) return outcome.done;
    tries.attempts = n;
    if (outcome.again.retry === 'rate-limit') tries.rateLimited++;
    const step = nextStep(outcome.again, tries, clock);
    if ('stop' in step) return outcome.giveUp(step.stop);
    await clock.wait(step.waitMs, outcome.why, n, outcome.who);
  }
}
