// Reading Graph's error envelope and describing every failure. Whether a failure is retried is retry.ts's call.
import { describeGraphError, errorKey, lookupError, type RetryClass } from '../core/error-catalog.js';
import { isObject } from '../core/normalize.js';
import { networkRetry } from './retry.js';
import { cleanText } from '../core/untrusted.js';
import { redactRelayed } from './redact.js';

/** A Graph error envelope `{ error: { message, type, code, error_subcode, is_transient, fbtrace_id } }`. */
export interface GraphEnvelope {
  code: number;
  subcode?: number;
  type?: string;
  /** Redacted before it is stored here. */
  message: string;
  isTransient?: boolean;
  fbtraceId?: string;
}

export function parseEnvelope(body: unknown, redact: (s: string) => string): GraphEnvelope | undefined {
  if (!isObject(body) || !isObject(body.error)) return undefined;
  const e = body.error;
  const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
  const code = int(e.code);
  if (code === undefined) return undefined;
  return {
    code,
    subcode: int(e.error_subcode),
    type: typeof e.type === 'string' ? cleanText(e.type) : undefined,
    // Graph's words are data: secrets redacted (opaque runs cut), then cleaned of controls and runner commands.
    message: cleanText(redactRelayed(redact, typeof e.message === 'string' ? e.message : '')),
    isTransient: typeof e.is_transient === 'boolean' ? e.is_transient : undefined,
    fbtraceId: typeof e.fbtrace_id === 'string' ? cleanText(e.fbtrace_id) : undefined,
  };
}

/** Why one attempt failed. `retry` decides what the client does next. */
export type Failure =
  | { kind: 'graph'; status: number; error: GraphEnvelope; retry: RetryClass; retryAfterMs?: number }
  | { kind: 'http'; status: number; detail: string; retry: RetryClass }
  | { kind: 'network'; code: string; detail: string; retry: RetryClass };

export function classifyNetworkError(err: unknown): Failure {
  const code = networkCode(err);
  const detail = networkDetail(code, err);
  return { kind: 'network', code, detail, retry: networkRetry(code) };
}

function networkCode(err: unknown): string {
  let e: unknown = err;
  // Walk the cause chain: wrappers (fetch, the proxy agent) keep the socket's own error as `cause`.
  for (let depth = 0; depth < 5 && isObject(e); depth++) {
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && code.startsWith('PROXY_')) return code;
    if (/Proxy response \(\d+\)/.test(String(message ?? ''))) return 'PROXY_REFUSED';
    if (typeof code === 'string' && !['UND_ERR_ABORTED', 'ABORT_ERR', 'UND_ERR'].includes(code)) return code;
    e = cause;
  }
  return 'UNKNOWN';
}

function networkDetail(code: string, err: unknown): string {
  if (code === 'ATTEMPT_TIMEOUT' || code.endsWith('_TIMEOUT')) return 'the request timed out';
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE')
    return 'the connection was reset';
  if (code === 'ENOTFOUND') return 'the Graph host name could not be resolved (DNS)';
  if (code === 'EAI_AGAIN') return 'DNS lookup failed temporarily';
  if (code.startsWith('PROXY_')) return proxyDetail(code, err);
  if (/CERT|SSL|TLS|SELF_SIGNED/i.test(code))
    return `TLS verification failed (${code}); the connection was not trusted`;
  return `network error (${code})`;
}

/**
 * The proxy named as the proxy (never as Graph refusing), with the fix. The proxy's host:port comes from the
 * ProxyError (http.ts), which never holds its credentials.
 */
function proxyDetail(code: string, err: unknown): string {
  let proxy: string | undefined;
  let status: number | undefined;
  let cause = '';
  for (let e: unknown = err, depth = 0; depth < 5 && isObject(e); depth++, e = (e as { cause?: unknown }).cause) {
    const o = e as { proxy?: unknown; status?: unknown; message?: unknown; code?: unknown };
    if (proxy === undefined && typeof o.proxy === 'string') proxy = o.proxy;
    if (status === undefined && typeof o.status === 'number') status = o.status;
    if (status === undefined) {
      const m = /Proxy response \((\d+)\)/.exec(String(o.message ?? ''));
      if (m) status = Number(m[1]);
    }
    if (depth > 0 && !cause && typeof o.code === 'string' && /^[A-Z_]+$/.test(o.code)) cause = o.code;
  }
  const who = `the HTTPS proxy${proxy ? ` at ${proxy}` : ''}`;
  const fix = 'check HTTPS_PROXY and NO_PROXY';
  switch (code) {
    case 'PROXY_UNREACHABLE':
      return `${who} could not be reached${cause ? ` (${cause})` : ''}, so Graph was never asked; ${fix}`;
    case 'PROXY_CLOSED':
      return `${who} closed the connection without answering the CONNECT; ${fix}`;
    case 'PROXY_TIMEOUT':
      return `${who} did not answer the CONNECT in time; ${fix}`;
    default: {
      const why =
        status === 407
          ? ' (HTTP 407: it wants credentials, given as http://user:password@host:port in HTTPS_PROXY)'
          : status
            ? ` (HTTP ${status})`
            : '';
      return `${who} refused the tunnel${why}; ${fix}`;
    }
  }
}

/** The highest percentage in X-App-Usage and X-Business-Use-Case-Usage, if either is present. */
export function highestUsage(headers: Record<string, string | string[] | undefined>): number | undefined {
  const values: number[] = [];
  const collect = (o: unknown) => {
    if (!isObject(o)) return;
    for (const k of ['call_count', 'total_cputime', 'total_time']) {
      const n = Number(o[k]);
      if (Number.isFinite(n)) values.push(n);
    }
  };
  const app = parseJson(first(headers['x-app-usage']));
  collect(app);
  const buc = parseJson(first(headers['x-business-use-case-usage']));
  if (isObject(buc)) for (const list of Object.values(buc)) if (Array.isArray(list)) list.forEach(collect);
  return values.length > 0 ? Math.max(...values) : undefined;
}

function parseJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** One line about a failure, for messages. Graph's own (redacted) message is kept short. */
export function describeFailure(f: Failure): string {
  if (f.kind === 'network') return f.detail;
  if (f.kind === 'http') return `HTTP ${f.status} ${f.detail}`;
  // Graph's own message was redacted when the envelope was parsed; the catalog's words come first.
  return `${describeGraphError(f.error, (m) => m)} [HTTP ${f.status}]`;
}

/**
 * A failure in a few words, for the notice printed before each retry: the code and its name, never Graph's own
 * explanation (that is quoted once, in the final message, if the run gives up).
 */
export function shortFailure(f: Failure): string {
  if (f.kind !== 'graph') return describeFailure(f);
  const name = lookupError(f.error.code, f.error.subcode)?.name;
  return `Graph error ${errorKey(f.error.code, f.error.subcode)}${name ? ` (${name})` : ''} [HTTP ${f.status}]`;
}
