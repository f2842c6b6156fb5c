// The only code that talks HTTP. One undici dispatcher (keep-alive, proxy from the environment), a timeout on
// every attempt, a size cap on every body, and a retry loop that owns the deadline: Graph marks transient errors
// in its JSON body, which undici's status-based retry helpers cannot see.
import type { Dispatcher } from 'undici';
import { errorKey } from '../core/error-catalog.js';
import { isObject } from '../core/normalize.js';
import { keyName, type SettingNamer } from '../core/settings.js';
import { DEFAULT_DEADLINE_S, DEFAULT_GRAPH_URL, DEFAULT_GRAPH_VERSION, TIMEOUT_MS } from '../core/limits.js';
import { NotJudgedError, UsageError } from '../core/errors.js';
import { classifyNetworkError, describeFailure, type Failure, highestUsage, parseEnvelope, shortFailure } from './errors.js';
import { type ProxyAwareAgent, proxyAwareAgent, sendRequest } from './http.js';
import { appSecretProof } from './proof.js';
import { cleanJson, cleanText } from '../core/untrusted.js';
import { makeRedactor, type Redact } from './redact.js';
import { classifyGraphError, type RetryClock, rateLimitStopLine, retryAfterMs, retrying, type Stop } from './retry.js';
import { isLoopbackHost } from './url.js';

const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Usage percentage (of the hourly allowance) from which the client spaces its requests out. */
const USAGE_SLOW_DOWN = 90;

export interface GraphClientOptions {
  graphUrl?: string;
  version?: string;
  /** Per attempt, covering connect, headers and the whole body. */
  timeoutMs?: number;
  /** For the whole run, retries included. */
  deadlineMs?: number;
  maxBodyBytes?: number;
  /** Every secret the run holds, so nothing Graph echoes is relayed unredacted. */
  secrets?: (string | undefined)[];
  dispatcher?: Dispatcher;
  /** How the front names its settings (graphUrl, graphVersion) in usage errors. */
  settingName?: SettingNamer;
  /**
   * Called before each wait, for diagnostics on stderr: the failure in a few words, and `who` the request was
   * for when it is not the whole run (a fleet entry's name; never a secret).
   */
  onRetry?: (info: RetryInfo) => void;
  /** Injectable for tests of the retry policy. */
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** What a front is told before each wait of the Graph client. */
export interface RetryInfo {
  failure: string;
  /** The attempt that failed (0: no failure, the client is slowing down on usage headers). */
  attempt: number;
  waitMs: number;
  who?: string;
}

export interface GraphRequest {
  method?: 'GET' | 'POST';
  /** Path under the version, e.g. `debug_token` or `123/subscribed_apps`. Empty for the batch endpoint. */
  path: string;
  query?: Record<string, string>;
  /** Form fields of a POST (the batch API). */
  form?: Record<string, string>;
  /** Sent as a bearer header, never in the URL. */
  token: string;
  /** When set, `appsecret_proof` is sent for `token`. */
  appSecret?: string;
  /** Who the request is for (a fleet entry's name), named in retry notices; never a secret. */
  label?: string;
}

export interface GraphResponse {
  status: number;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/** A permanent failure of one request (a Graph error that retrying cannot fix, TLS, DNS, a refusing proxy). */
export class GraphRequestError extends Error {
  override name = 'GraphRequestError';
  constructor(readonly failure: Failure) {
    super(describeFailure(failure));
  }
  get graphError(): { code: number; subcode?: number; message: string; type?: string } | undefined {
    return this.failure.kind === 'graph' ? this.failure.error : undefined;
  }
}

export class GraphClient {
  readonly baseUrl: string;
  readonly version: string;
  readonly redact: Redact;
  readonly deadlineAt: number;
  private readonly timeoutMs: number;
  private readonly maxBodyBytes: number;
  /** The dispatcher new attempts use; replaced (see retire) after an attempt it carried was cut by its timer. */
  private lease: Lease;
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  /** HTTP requests sent, retries included: the figure benchmarks and tests count. */
  requestsSent = 0;
  /** Time spent slowing down because the usage headers neared their limits. */
  throttledMs = 0;
  private usagePercent = 0;
  private pauseUntil = 0;
  /** Successful answers so far, and the usage the latest one with usage headers reported (batch.ts reads them). */
  answers = 0;
  usage: number | undefined;
  private readonly startedAt: number;

  constructor(private readonly options: GraphClientOptions = {}) {
    const name = options.settingName ?? keyName;
    this.baseUrl = checkGraphUrl(options.graphUrl ?? DEFAULT_GRAPH_URL, name('graphUrl'));
    this.version = checkVersion(options.version ?? DEFAULT_GRAPH_VERSION, name('graphVersion'));
    this.timeoutMs = options.timeoutMs ?? TIMEOUT_MS.default;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.clock = options.clock ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.random = options.random ?? Math.random;
    this.startedAt = this.clock();
    this.deadlineAt = this.startedAt + (options.deadlineMs ?? DEFAULT_DEADLINE_S * 1000);
    this.redact = makeRedactor(options.secrets ?? []);
    this.lease = options.dispatcher ? { dispatcher: options.dispatcher, owned: false, users: 0, retired: false } : this.freshLease();
  }

  /**
   * EnvHttpProxyAgent honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY; without them it is a plain keep-alive Agent.
   * None of its stages (connect, TLS, proxy CONNECT, headers, body) may outlast one attempt or the whole run.
   */
  private freshLease(): Lease {
    const limit = Math.min(this.timeoutMs, Math.max(1, this.deadlineAt - this.clock()));
    return { dispatcher: proxyAwareAgent({ timeoutMs: limit }), owned: true, users: 0, retired: false };
  }

  /**
   * An attempt cut by its timer may leave its request queued inside undici (a request still waiting for its
   * connection ignores its abort signal in undici 7), with a connection, a CONNECT or a TLS handshake still
   * open. New attempts get a fresh dispatcher; the old one is destroyed, ending all of that, as soon as no other
   * attempt in flight (a fleet's concurrent batches) still uses it.
   */
  private retire(lease: Lease): void {
    if (!lease.owned || lease.retired) return;
    lease.retired = true;
    if (this.lease === lease) this.lease = this.freshLease();
  }

  private release(lease: Lease): void {
    lease.users--;
    if (!lease.retired || lease.users > 0) return;
    const agent = lease.dispatcher as Partial<ProxyAwareAgent>;
    (agent.abandon ? agent.abandon() : lease.dispatcher.destroy()).catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.lease.owned) await this.lease.dispatcher.close();
  }

  /** Sends one request, retrying transient failures and rate limits with backoff until the deadline. */
  async send(req: GraphRequest): Promise<GraphResponse> {
    let telling: Failure | undefined;
    return retrying<GraphResponse>(this.retryClock, async () => {
      await this.pace(req.label);
      const outcome = await this.attempt(req);
      if (!('kind' in outcome)) {
        this.noteUsage(outcome.headers);
        return { done: outcome };
      }
      if (outcome.retry === 'never') throw new GraphRequestError(outcome);
      // An attempt that only ran out of deadline says nothing about Graph: report the failure seen before it
      // ("the connection was reset"), not "the request timed out".
      const cutByDeadline =
        outcome.kind === 'network' && outcome.code === 'ATTEMPT_TIMEOUT' && this.clock() >= this.deadlineAt;
      if (!cutByDeadline || !telling) telling = outcome;
      const last = telling;
      return {
        again: outcome,
        why: shortFailure(outcome),
        ...(req.label === undefined ? {} : { who: req.label }),
        giveUp: (stop): never => {
          throw this.gaveUp(last, stop);
        },
      };
    });
  }

  /** The deadline and the waits of this client, for every retry loop that runs through it (retry.ts). */
  readonly retryClock: RetryClock = {
    timeLeft: () => this.deadlineAt - this.clock(),
    wait: (waitMs, failure, attempt, who) => this.wait(waitMs, failure, attempt, who),
    random: () => this.random(),
  };

  /**
   * This client (same deadline, pool, pacing and counters), with every request it sends named `label` in retry
   * notices: a fleet reads each entry through one of these.
   */
  labelled(label: string): GraphClient {
    const view = Object.create(this) as GraphClient;
    view.send = (req) => this.send({ label, ...req });
    // The pool belongs to the client that made it: closing a view must not close it under the others.
    view.close = async () => {};
    return view;
  }

  /** Is there time left to wait this long and still make one more attempt? */
  private hasTime(waitMs: number): boolean {
    return waitMs < this.deadlineAt - this.clock();
  }

  private async wait(waitMs: number, failure: string, attempt: number, who?: string): Promise<void> {
    this.options.onRetry?.({ failure, attempt, waitMs, ...(who === undefined ? {} : { who: shownName(who, this.redact) }) });
    await this.sleep(waitMs);
  }

  /**
   * Graph's usage headers say how close the app (X-App-Usage) or a business object (X-Business-Use-Case-Usage)
   * is to its hourly limit. Calls past the limit extend the block, so slow down before reaching it.
   */
  private noteUsage(headers: GraphResponse['headers']): void {
    this.answers++;
    const percent = highestUsage(headers);
    if (percent === undefined) return;
    this.usagePercent = percent;
    this.usage = percent;
    if (percent >= USAGE_SLOW_DOWN) {
      // 90% -> 1 s, 100% -> 5 s between requests; BUC regain estimates are honoured by retryAfterMs.
      this.pauseUntil = this.clock() + Math.min(5000, 1000 + (percent - USAGE_SLOW_DOWN) * 400);
    }
  }

  private async pace(who?: string): Promise<void> {
    const wait = this.pauseUntil - this.clock();
    if (wait <= 0) return;
    if (!this.hasTime(wait)) return; // never let pacing alone push a run past its deadline
    this.throttledMs += wait;
    await this.wait(wait, `Graph usage at ${this.usagePercent}% of the hourly limit`, 0, who);
  }

  private async attempt(req: GraphRequest): Promise<GraphResponse | Failure> {
    const remaining = this.deadlineAt - this.clock();
    if (remaining <= 0)
      return {
        kind: 'network',
        code: 'ATTEMPT_TIMEOUT',
        detail: 'the deadline was reached',
        retry: 'transient',
      };
    const limitMs = Math.min(this.timeoutMs, remaining);
    const lease = this.lease;
    lease.users++;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    // The timer ends the attempt whatever stage it is in: it does not wait for undici to honour the abort.
    const cut = new Promise<Failure>((resolve) => {
      timer = setTimeout(() => {
        const waitingForProxy = (lease.dispatcher as Partial<ProxyAwareAgent>).tunnelsPending ?? 0;
        controller.abort(Object.assign(new Error('attempt timed out'), { code: 'ATTEMPT_TIMEOUT' }));
        resolve(this.timedOut(limitMs, waitingForProxy > 0));
      }, limitMs);
    });
    this.requestsSent++;
    const exchange = (async (): Promise<GraphResponse | Failure> => {
      const res = await sendRequest(lease.dispatcher, this.url(req), {
        method: req.method ?? 'GET',
        headers: this.headers(req),
        body: req.form ? new URLSearchParams(req.form).toString() : undefined,
        signal: controller.signal,
      });
      const text = await readCapped(res.body, this.maxBodyBytes);
      if (text === undefined) {
        return {
          kind: 'http',
          status: res.statusCode,
          detail: `body larger than ${this.maxBodyBytes} bytes`,
          retry: 'never',
        };
      }
      return this.interpret(res.statusCode, res.headers, text, req.form !== undefined);
    })().catch((err: unknown) =>
      controller.signal.aborted ? this.timedOut(limitMs, false) : classifyNetworkError(err),
    );
    try {
      return await Promise.race([exchange, cut]);
    } finally {
      clearTimeout(timer);
      if (controller.signal.aborted) this.retire(lease);
      this.release(lease);
    }
  }

  private timedOut(limitMs: number, waitingForProxy: boolean): Failure {
    const within = `within ${seconds(limitMs)}`;
    return {
      kind: 'network',
      code: 'ATTEMPT_TIMEOUT',
      detail: waitingForProxy
        ? `the request timed out: the HTTPS proxy did not answer the CONNECT ${within}; check HTTPS_PROXY and NO_PROXY`
        : `the request timed out (no answer ${within})`,
      retry: 'transient',
    };
  }

  private interpret(
    status: number,
    headers: GraphResponse['headers'],
    text: string,
    /** Only the batch endpoint (a form POST) answers a JSON list; anywhere else a list is as wrong as a number. */
    listExpected = false,
  ): GraphResponse | Failure {
    // Graph never redirects its API; a 3xx (whatever its body) is a proxy or a wrong URL, never an answer, and is
    // not followed (the token would go along).
    if (status >= 300 && status < 400)
      return { kind: 'http', status, detail: 'redirect: Graph does not redirect API calls (not followed)', retry: 'never' };
    let body: unknown;
    try {
      // Every string Graph sends is data from here on: one sanitiser, before any renderer, notice or annotation.
      body = cleanJson(JSON.parse(text));
    } catch {
      // Proxies and load balancers answer with HTML or cut bodies short: worth another try.
      const what = /^\s*</.test(text)
        ? 'with an HTML page instead of JSON'
        : 'with a body that is not valid JSON';
      return { kind: 'http', status, detail: what, retry: 'transient' };
    }
    const envelope = parseEnvelope(body, this.redact);
    if (envelope) {
      const retry = classifyGraphError(status, envelope);
      const wait = retry === 'rate-limit' ? retryAfterMs(headers, this.clock) : undefined;
      return {
        kind: 'graph',
        status,
        error: envelope,
        retry,
        ...(wait === undefined ? {} : { retryAfterMs: wait }),
      };
    }
    if (status >= 500) return { kind: 'http', status, detail: 'server error', retry: 'transient' };
    if (!isObject(body) && !(listExpected && Array.isArray(body))) {
      return { kind: 'http', status, detail: 'with JSON that is not an object', retry: 'transient' };
    }
    if (status >= 400) return { kind: 'http', status, detail: 'without a Graph error', retry: 'never' };
    return { status, body, headers };
  }

  private gaveUp(f: Failure, stop: Stop): NotJudgedError {
    const key = f.kind === 'graph' ? errorKey(f.error.code, f.error.subcode) : undefined;
    if (stop.kind !== 'deadline')
      return new NotJudgedError(`${rateLimitStopLine(stop)}; last: ${describeFailure(f)}.`, key);
    const deadline = Math.round((this.options.deadlineMs ?? DEFAULT_DEADLINE_S * 1000) / 1000);
    const attempts = stop.attempts;
    // The time really spent, from this client's start: the deadline is what was allowed, not what it took.
    const spent = seconds(this.clock() - this.startedAt);
    // A proxy that failed is named as the proxy: Graph was never asked.
    const proxy = f.kind === 'network' && (f.code.startsWith('PROXY_') || f.detail.includes('HTTPS proxy'));
    const lead = proxy ? 'Graph could not be reached through the HTTPS proxy' : 'Graph did not answer successfully';
    return new NotJudgedError(
      `${lead} within the ${deadline} s deadline (${attempts} attempt${attempts === 1 ? '' : 's'}); last: ${describeFailure(f)}; gave up after ${spent}.`,
      key,
    );
  }

  private url(req: GraphRequest): string {
    const path = req.path ? `/${this.version}/${req.path.replace(/^\/+/, '')}` : '/';
    const query = new URLSearchParams(req.query ?? {});
    if (req.appSecret) query.set('appsecret_proof', appSecretProof(req.token, req.appSecret));
    const qs = query.toString();
    return `${this.baseUrl}${path}${qs ? `?${qs}` : ''}`;
  }

  private headers(req: GraphRequest): Record<string, string> {
    return {
      authorization: `Bearer ${req.token}`,
      accept: 'application/json',
      'user-agent': 'wa-token-audit',
      ...(req.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    };
  }
}

/**
 * A name as a notice shows it: the user's own words, but relayed to a log, so redacted like everything else,
 * cleaned of controls and runner commands, and kept short.
 */
function shownName(who: string, redact: Redact): string {
  const clean = cleanText(redact(who));
  return clean.length > 80 ? `${clean.slice(0, 79)}…` : clean;
}

/** The dispatcher an attempt runs on, and how many attempts in flight still use it. */
interface Lease {
  dispatcher: Dispatcher;
  /** Built here (never a caller's), so it may be destroyed. */
  owned: boolean;
  users: number;
  retired: boolean;
}

/** `1.5 s`, to a tenth. */
function seconds(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
}

/** Reads a body up to `max` bytes; undefined (and the stream destroyed) when it is larger. */
async function readCapped(
  body: AsyncIterable<Buffer> & { destroy?: () => void },
  max: number,
): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > max) {
      body.destroy?.();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** HTTPS only, except loopback hosts (the local emulator); no path, query or credentials. */
function checkGraphUrl(value: string, setting: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${setting}: not a URL: "${value.slice(0, 60)}".`);
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new UsageError(
      `${setting} must use https (plain http is allowed only for loopback hosts), got ${url.protocol}//${url.host}.`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new UsageError(`${setting} must not carry credentials, a query or a fragment.`);
  }
  // Pasted from an example request: the version is its own setting, and would be sent twice.
  const version = /\/(v\d{1,3}\.\d{1,2})(\/|$)/.exec(url.pathname)?.[1];
  if (version) {
    throw new UsageError(
      `--graph-url must be the base URL without a version: use ${url.origin} and give the version with --graph-version ${version}.`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function checkVersion(value: string, setting: string): string {
  const v = value.trim();
  if (!/^v\d{1,3}\.\d{1,2}$/.test(v))
    throw new UsageError(
      `${setting}: expected a version like ${DEFAULT_GRAPH_VERSION}, got "${v.slice(0, 20)}".`,
    );
  return v;
}
