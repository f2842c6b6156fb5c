// The Graph API emulator: a real HTTP(S) server on 127.0.0.1 that answers like graph.facebook.com for the
// endpoints wa-token-audit uses, records every request, and injects faults. Node built-ins only, because
// main.ts is bundled with esbuild and started by the demo and the benchmarks.
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Answer } from './answer.js';
import { JSON_TYPE } from './answer.js';
import { answerBatch, type BatchItemSeen, splitPath } from './batch.js';
import { type EchoShape, type Fault, mangle, rateLimitAnswer, replacementAnswer } from './faults.js';
import { WABA } from './fixtures.js';
import { answerGraph, type GraphState, type Usage } from './graph.js';
import { graphError, standardError, traceId } from './graph-errors.js';

export type { Fault } from './faults.js';

export interface EmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (a free port). */
  port?: number;
  /** Added before every answer. */
  latencyMs?: number;
  /** Unix seconds; token expiries derive from it. Default: the real clock. */
  now?: () => number;
  /** Serve HTTPS with this key/cert pair (see certs.ts). */
  tls?: { key: string; cert: string };
  /**
   * Milliseconds: the clock of the request stamps and of rate-limit windows. Default Date.now; a test whose client
   * waits on an injected clock passes the same clock, so the stamps show the waits Graph would have seen.
   */
  clockMs?: () => number;
}

export interface SeenRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** When the request arrived (its headers were read; ms on the emulator's clock, by default the real one). */
  at: number;
  /**
   * When the exchange ended: the answer was sent, or the client hung up first (an aborted attempt).
   * Unset while the request is in flight. Tests assert deadlines on these two stamps, never on a process's run time.
   */
  endedAt?: number;
  /** Requests in progress (arrived, not ended) when this one arrived, itself included: the client's concurrency. */
  inFlight?: number;
  /** The highest usage percentage the answer reported (X-App-Usage, X-Business-Use-Case-Usage), if any. */
  usage?: number;
}

export interface Emulator {
  /** `http://127.0.0.1:PORT` (or https://). No trailing slash. */
  url: string;
  /** Every HTTP request, in arrival order; a batch is one entry. */
  requests: SeenRequest[];
  /** Number of batch items answered since start/reset. */
  readonly subRequests: number;
  /** Every batch item since start/reset, with where its token came from. */
  batchItems: BatchItemSeen[];
  setFault(f: Fault | undefined): void;
  /** Clears requests, batch items, per-token counters and the fault. Usage set by setUsage() is kept. */
  reset(): void;
  /** `perCall`: percentage points every call (each batch item) adds to both figures, as usage rises on Graph. */
  setUsage(u: { appUsage?: number; bucUsage?: number; regainMinutes?: number; perCall?: number }): void;
  close(): Promise<void>;
}

const MAX_REQUEST_BODY = 5 * 1024 * 1024;

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const host = opts.host ?? '127.0.0.1';
  const clockMs = opts.clockMs ?? Date.now;
  /** The end of the current `rate-limit` fault's window, once its first call opened it. */
  let limitedUntil: number | undefined;
  const usage: Usage = { appUsage: 2, bucUsage: 3, regainMinutes: 0, perCall: 0 };
  const state: GraphState = {
    now: opts.now ?? (() => Math.floor(Date.now() / 1000)),
    usage,
    counters: new Map(),
    subscriptions: 'active',
    requireAppSecret: false,
    refusedFields: new Set(),
  };
  const requests: SeenRequest[] = [];
  const batchItems: BatchItemSeen[] = [];
  let subRequests = 0;
  let inProgress = 0;
  let fault: Fault | undefined;
  /** Remaining answers of a graph-error fault with `times`. */
  let faultLeft = Number.POSITIVE_INFINITY;
  let closed = false;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let baseUrl = '';

  /** A sleep that close() can cut short; callers check `closed` afterwards. */
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // Recorded on arrival, before the body is read: a client that gives up early (a short attempt timeout on a
    // busy machine) still counts as a request Graph saw.
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const seen: SeenRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...req.headers },
      body: '',
      at: clockMs(),
      inFlight: ++inProgress,
    };
    requests.push(seen);
    // 'close' comes once the answer is flushed, or as soon as the client drops the connection mid-exchange.
    res.once('close', () => {
      seen.endedAt = clockMs();
      inProgress--;
    });
    const body = await readBody(req);
    seen.body = body;
    if (opts.latencyMs) await sleep(opts.latencyMs);
    if (closed) return;

    const { segments, version } = splitPath(url.pathname);
    const params = new URLSearchParams(url.searchParams);
    for (const [k, v] of bodyParams(body, req.headers['content-type'])) params.set(k, v);
    const token = bearer(req.headers.authorization) ?? params.get('access_token') ?? undefined;
    state.subscriptions = fault?.kind === 'app-subscriptions' ? fault.state : 'active';
    state.requireAppSecret = fault?.kind === 'require-app-secret';
    state.refusedFields = new Set(fault?.kind === 'unknown-field' ? fault.fields : []);

    const current = fault;
    if (current && (await socketFault(current, res))) return;
    const echoed =
      current?.kind === 'graph-error' && current.echo
        ? echoText(token, params.get('appsecret_proof'), params.get('input_token'), current.echo)
        : undefined;
    let answer = current ? replacementAnswer(current, echoed) : undefined;
    if (current?.kind === 'rate-limit') {
      const now = clockMs();
      limitedUntil ??= now + current.blockMs;
      if (now < limitedUntil) {
        limitedUntil += current.extendMs ?? 0;
        answer = rateLimitAnswer(current, now, limitedUntil, WABA.main);
      }
    }
    if (answer && current?.kind === 'graph-error') {
      faultLeft -= 1;
      if (faultLeft <= 0) fault = undefined;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const isBatch = method === 'POST' && segments.length === 0 && params.has('batch');
    const nullAt = current?.kind === 'batch-null-items' ? current.positions : undefined;
    if (!answer && isBatch && current?.kind === 'batch-null-items' && nullAt === undefined) {
      faultLeft -= 1;
      if (faultLeft <= 0) fault = undefined;
      answer = nullBatch(params.get('batch'));
    }
    if (!answer && isBatch) {
      answer = answerBatch(
        {
          state,
          topToken: token,
          baseUrl,
          onItem: (item) => {
            subRequests += 1;
            batchItems.push(item);
          },
          transform: (a) =>
            current?.kind === 'flaky-items' && subRequests % current.every === 0
              ? graphError(standardError(2))
              : mangle(a, current),
        },
        params,
      );
      if (nullAt !== undefined && answer.status === 200) {
        // Single items that did not finish (or fed a later step): null at those positions, the rest answered.
        faultLeft -= 1;
        if (faultLeft <= 0) fault = undefined;
        const items = JSON.parse(answer.body) as unknown[];
        for (const i of nullAt) if (i < items.length) items[i] = null;
        answer = { ...answer, body: JSON.stringify(items) };
      }
    }
    answer ??= mangle(answerGraph(state, { method, segments, version, params, token, baseUrl }), current);
    if (answer.delayMs) await sleep(answer.delayMs);
    if (closed || res.destroyed) return;
    if (current?.kind === 'truncated-json')
      answer = { ...answer, body: answer.body.slice(0, Math.floor(answer.body.length / 2)) };
    if (current?.kind === 'redirect-json')
      answer = { ...answer, status: current.status, headers: { ...answer.headers, location: 'https://graph.example.invalid/' } };
    seen.usage = reportedUsage(answer.headers);
    write(res, answer, version);
  };

  /** Faults that misbehave on the socket. Returns true when the request is taken care of. */
  const socketFault = async (f: Fault, res: ServerResponse): Promise<boolean> => {
    switch (f.kind) {
      case 'no-headers':
        return true; // never answer; close() destroys the socket
      case 'trickle': {
        res.writeHead(200, { 'content-type': JSON_TYPE });
        res.write('{');
        const t = setInterval(() => {
          if (res.destroyed) clearInterval(t);
          else res.write(' ');
        }, 1000);
        timers.add(t);
        res.on('close', () => {
          clearInterval(t);
          timers.delete(t);
        });
        return true;
      }
      case 'reset-mid-body': {
        const full = JSON.stringify({
          data: { app_id: '1000000000000001', is_valid: true, scopes: [], padding: 'x'.repeat(4096) },
        });
        res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': String(Buffer.byteLength(full)) });
        res.write(full.slice(0, 1024), () => res.socket?.destroy());
        return true;
      }
      case 'oversized':
        await streamOversized(res, f.bytes);
        return true;
      default:
        return false;
    }
  };

  const server: Server = opts.tls
    ? createHttpsServer(
        { key: opts.tls.key, cert: opts.tls.cert },
        (req, res) => void handle(req, res).catch(() => res.destroy()),
      )
    : createHttpServer((req, res) => void handle(req, res).catch(() => res.destroy()));
  // Track raw sockets so close() can end requests that faults keep open (no-headers, trickle, slow).
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `${opts.tls ? 'https' : 'http'}://${host}:${port}`;

  return {
    url: baseUrl,
    requests,
    batchItems,
    get subRequests() {
      return subRequests;
    },
    setFault(f) {
      fault = f;
      limitedUntil = undefined;
      faultLeft =
        (f?.kind === 'graph-error' || f?.kind === 'batch-null-items') && f.times !== undefined
          ? f.times
          : Number.POSITIVE_INFINITY;
    },
    reset() {
      requests.length = 0;
      batchItems.length = 0;
      subRequests = 0;
      state.counters.clear();
      fault = undefined;
      faultLeft = Number.POSITIVE_INFINITY;
      limitedUntil = undefined;
    },
    setUsage(u) {
      if (u.appUsage !== undefined) usage.appUsage = u.appUsage;
      if (u.bucUsage !== undefined) usage.bucUsage = u.bucUsage;
      if (u.regainMinutes !== undefined) usage.regainMinutes = u.regainMinutes;
      if (u.perCall !== undefined) usage.perCall = u.perCall;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      await done;
    },
  };
}

/** What an echoing Graph error repeats of the request, raw and URL-encoded (no word Graph's own checks key on). */
function echoText(
  token: string | undefined,
  proof: string | null,
  input: string | null,
  shape: true | EchoShape = true,
): string {
  const disguise = (v: string): string => {
    switch (shape) {
      case 'split-newline':
        return `${v.slice(0, 9)}\n${v.slice(9)}`;
      case 'zero-width':
        return v.replace(/(.{6})/g, '$1\u200b');
      case 'ansi':
        return `${v.slice(0, 5)}\u001b[31m${v.slice(5, 14)}\u001b[0m${v.slice(14)}`;
      case 'cut':
        return v.slice(2, v.length - 2);
      case 'base64':
        return Buffer.from(v).toString('base64');
      case 'upper':
        return v.toUpperCase();
      default:
        return `${v} (${encodeURIComponent(v)})`;
    }
  };
  const enc = (v: string | null | undefined) => (v ? disguise(v) : '-');
  return `(you sent: bearer ${enc(token)}; proof ${enc(proof)}; input ${enc(input)})`;
}

/** The highest call_count / total_cputime / total_time an answer's usage headers carry. */
function reportedUsage(headers: Record<string, string>): number | undefined {
  const values: number[] = [];
  const collect = (o: unknown) => {
    if (typeof o !== 'object' || o === null) return;
    for (const k of ['call_count', 'total_cputime', 'total_time']) {
      const n = (o as Record<string, unknown>)[k];
      if (typeof n === 'number') values.push(n);
    }
  };
  if (headers['x-app-usage']) collect(JSON.parse(headers['x-app-usage']));
  if (headers['x-business-use-case-usage'])
    for (const list of Object.values(JSON.parse(headers['x-business-use-case-usage']) as Record<string, unknown[]>))
      list.forEach(collect);
  return values.length > 0 ? Math.max(...values) : undefined;
}

/** A batch whose every item did not finish in time: `[null, null, ...]` (one per item sent). */
function nullBatch(raw: string | null): Answer {
  let n: number;
  try {
    const items = JSON.parse(raw ?? '[]') as unknown;
    n = Array.isArray(items) ? items.length : 0;
  } catch {
    n = 0;
  }
  return {
    status: 200,
    headers: { 'content-type': JSON_TYPE },
    body: JSON.stringify(new Array(n).fill(null)),
  };
}

function write(res: ServerResponse, answer: Answer, version: string): void {
  const headers: Record<string, string> = {
    'x-fb-trace-id': traceId(),
    'facebook-api-version': version,
    'cache-control': 'private, no-cache, no-store, must-revalidate',
    ...answer.headers,
  };
  headers['content-length'] = String(Buffer.byteLength(answer.body));
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}

/** `{"data":{...,"padding":"xxxx…"}}` of about `bytes` bytes, chunked, honouring back-pressure. */
async function streamOversized(res: ServerResponse, bytes: number): Promise<void> {
  res.writeHead(200, { 'content-type': JSON_TYPE });
  const head = '{"data":{"app_id":"1000000000000001","is_valid":true,"scopes":[],"padding":"';
  const tail = '"}}';
  res.write(head);
  let left = Math.max(0, bytes - head.length - tail.length);
  const chunk = 'x'.repeat(64 * 1024);
  while (left > 0 && !res.destroyed) {
    const piece = left >= chunk.length ? chunk : chunk.slice(0, left);
    left -= piece.length;
    if (!res.write(piece)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  if (!res.destroyed) res.end(tail);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_REQUEST_BODY) req.destroy(new Error('request body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Form or JSON body -> parameters. JSON values that are not strings (a batch array) are re-serialised. */
function bodyParams(body: string, contentType: string | undefined): URLSearchParams {
  if (body === '') return new URLSearchParams();
  if (contentType?.includes('application/json')) {
    try {
      const v = JSON.parse(body) as unknown;
      const out = new URLSearchParams();
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
        for (const [k, x] of Object.entries(v)) out.set(k, typeof x === 'string' ? x : JSON.stringify(x));
      }
      return out;
    } catch {
      return new URLSearchParams();
    }
  }
  return new URLSearchParams(body);
}

/** Graph accepts `Authorization: Bearer X` and the older `OAuth X`. */
function bearer(header: string | undefined): string | undefined {
  const m = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header ?? '');
  return m?.[1]?.trim();
}
