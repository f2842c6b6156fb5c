// Local webhook endpoints for `webhook-test`, one per path, each a small version of a real-world handler:
//   /correct           verifies the token, echoes hub.challenge, checks X-Hub-Signature-256 over the raw bytes
//   /no-echo           verifies the token but answers 200 "OK" instead of the challenge
//   /accepts-unsigned  checks a signature when there is one, accepts a POST without one
//   /fail-open         its JSON body parser ran first; without a raw body it skips the signature check
//   /reserialised      checks the signature over JSON.stringify(JSON.parse(body)), not the bytes received
//   /redirect          answers every request with 301 to /correct, keeping the query (verify token included)
//   /slow              like /correct, but takes SLOW_MS to answer a signed POST (work before the answer)
// Every request is recorded with the endpoint's own timestamps (arrival, answer, connection closed), which is
// what tests assert deadlines on.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer as createHttp, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { createServer as createTcp, type AddressInfo, type Socket } from 'node:net';
import { loadTestCerts } from '../emulator/certs.js';

export const VERIFY_TOKEN = 'fake-verify-token-for-tests-3f9a1c';
// The emulator's app secret: the Action's `app-secret` both inspects the audited token and signs the test delivery.
export { APP_SECRET } from '../emulator/fixtures.js';
import { APP_SECRET } from '../emulator/fixtures.js';
export const SLOW_MS = 30_000;

export const VARIANTS = [
  'correct',
  'no-echo',
  'accepts-unsigned',
  'fail-open',
  'reserialised',
  'redirect',
  'slow',
] as const;
export type Variant = (typeof VARIANTS)[number];

export interface SeenWebhookRequest {
  variant: string;
  method: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
  status?: number;
  arrivedAt: number;
  answeredAt?: number;
  closedAt?: number;
}

export interface Endpoints {
  /** Base URL: `${url}/correct` etc. */
  url: string;
  requests: SeenWebhookRequest[];
  reset(): void;
  close(): Promise<void>;
}

function signatureOk(header: string | string[] | undefined, bytes: Buffer | string): boolean {
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', APP_SECRET).update(bytes).digest('hex')}`);
  const got = Buffer.from(header);
  return got.length === expected.length && timingSafeEqual(got, expected);
}

function send(res: ServerResponse, seen: SeenWebhookRequest, status: number, body = '', type = 'text/plain') {
  seen.status = status;
  seen.answeredAt = performance.now();
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

function handle(variant: string, seen: SeenWebhookRequest, req: IncomingMessage, res: ServerResponse, timers: Set<NodeJS.Timeout>) {
  const q = seen.query;
  if (variant === 'redirect') {
    seen.status = 301;
    seen.answeredAt = performance.now();
    res.writeHead(301, { location: `/correct${q.size > 0 ? `?${q}` : ''}` });
    return res.end();
  }
  if (req.method === 'GET') {
    if (q.get('hub.mode') !== 'subscribe' || q.get('hub.verify_token') !== VERIFY_TOKEN) return send(res, seen, 403, 'Forbidden');
    return send(res, seen, 200, variant === 'no-echo' ? 'OK' : (q.get('hub.challenge') ?? ''));
  }
  if (req.method !== 'POST') return send(res, seen, 405);
  const header = req.headers['x-hub-signature-256'];
  switch (variant) {
    case 'accepts-unsigned':
      if (header === undefined) return send(res, seen, 200, 'EVENT_RECEIVED');
      return send(res, seen, signatureOk(header, seen.body) ? 200 : 401);
    case 'fail-open': {
      JSON.parse(seen.body.toString('utf8'));
      const rawBody: Buffer | undefined = undefined; // consumed by the JSON parser
      if (rawBody && !signatureOk(header, rawBody)) return send(res, seen, 401);
      return send(res, seen, 200, 'EVENT_RECEIVED');
    }
    case 'reserialised': {
      const again = JSON.stringify(JSON.parse(seen.body.toString('utf8')));
      return send(res, seen, signatureOk(header, again) ? 200 : 401);
    }
    case 'slow':
      if (!signatureOk(header, seen.body)) return send(res, seen, 401);
      timers.add(setTimeout(() => send(res, seen, 200, 'EVENT_RECEIVED'), SLOW_MS));
      return;
    default:
      return send(res, seen, signatureOk(header, seen.body) ? 200 : 401);
  }
}

export async function startEndpoints(opts: { tls?: boolean } = {}): Promise<Endpoints> {
  const requests: SeenWebhookRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? '/', 'http://endpoint');
    const seen: SeenWebhookRequest = {
      variant: u.pathname.replace(/^\//, ''),
      method: req.method ?? '',
      query: u.searchParams,
      headers: req.headers,
      body: Buffer.alloc(0),
      arrivedAt: performance.now(),
    };
    requests.push(seen);
    req.socket.once('close', () => {
      seen.closedAt = performance.now();
    });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.body = Buffer.concat(chunks);
      if (!(VARIANTS as readonly string[]).includes(seen.variant)) return send(res, seen, 404, 'Not Found');
      handle(seen.variant, seen, req, res, timers);
    });
  };
  const server = opts.tls ? createHttps(loadTestCerts(), listener) : createHttp(listener);
  server.on(opts.tls ? 'secureConnection' : 'connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    reset: () => {
      requests.length = 0;
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A TCP server that accepts connections and never says a word: a TLS handshake to it never completes. */
export async function startSilentServer(): Promise<{
  url: string;
  connections: { openedAt: number; closedAt?: number }[];
  close(): Promise<void>;
}> {
  const connections: { openedAt: number; closedAt?: number }[] = [];
  const sockets = new Set<Socket>();
  const server = createTcp((s) => {
    const c: { openedAt: number; closedAt?: number } = { openedAt: performance.now() };
    connections.push(c);
    sockets.add(s);
    s.on('error', () => {});
    // Read (and drop) the TLS ClientHello, so the peer's hang-up is seen.
    s.resume();
    s.on('close', () => {
      c.closedAt = performance.now();
      sockets.delete(s);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}/webhook`,
    connections,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
