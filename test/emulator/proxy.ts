// Fake proxies and a stalling TLS endpoint, as real sockets on 127.0.0.1, for the attacks on the connection stage.
// Tests point HTTPS_PROXY at a proxy to prove the client honours the proxy setting and reports what the proxy did
// (never as Graph refusing), and that no stage of setting up a connection outlasts the run's deadline. Each fake
// stamps every connection it sees (arrival, and when the client let go of it) on its own clock.
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** How a fake proxy answers a CONNECT. */
export type ProxyBehaviour =
  /** `status` (default 403) and closes. */
  | { kind: 'refuse'; status?: number }
  /** Reads the CONNECT, then hangs up without a word. */
  | { kind: 'close-after-connect' }
  /** Reads the CONNECT and never answers (nor closes). */
  | { kind: 'silent' };

/** One connection a fake saw, on its own clock (ms). `endedAt` once the socket closed. */
export interface Stamp {
  at: number;
  endedAt?: number;
}

export interface FakeProxy {
  url: string;
  /** CONNECT requests received. */
  readonly connects: number;
  /** Each CONNECT: when it arrived and when its connection closed. */
  stamps(): Stamp[];
  /** Plain (absolute-form) proxy requests received; also refused. */
  readonly plainRequests: number;
  close(): Promise<void>;
}

/** The historical name: a proxy that answers every CONNECT with 403. */
export type RefusingProxy = FakeProxy;

export function startRefusingProxy(): Promise<FakeProxy> {
  return startProxy({ kind: 'refuse' });
}

const REASONS: Record<number, string> = { 403: 'Forbidden', 407: 'Proxy Authentication Required', 502: 'Bad Gateway' };

export async function startProxy(behaviour: ProxyBehaviour): Promise<FakeProxy> {
  let plainRequests = 0;
  const connects: Stamp[] = [];
  const sockets = new Set<Socket>();
  const server = createHttpServer((_req, res) => {
    plainRequests += 1;
    res.writeHead(403, { 'content-type': 'text/plain', connection: 'close' });
    res.end('proxy: forbidden\n');
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (_req, socket: Socket) => {
    const stamp: Stamp = { at: Date.now() };
    connects.push(stamp);
    socket.on('error', () => {});
    // A CONNECT's socket is no longer the HTTP server's: when the client hangs up, close our side too.
    socket.on('end', () => socket.destroy());
    // Read (and drop) what the client sends, or its hang-up would never be seen.
    socket.resume();
    socket.on('close', () => {
      stamp.endedAt = Date.now();
    });
    if (behaviour.kind === 'close-after-connect') {
      socket.destroy();
    } else if (behaviour.kind === 'refuse') {
      const status = behaviour.status ?? 403;
      const body = 'proxy: refused\n';
      socket.end(
        `HTTP/1.1 ${status} ${REASONS[status] ?? 'Refused'}\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n` +
          `${status === 407 ? 'Proxy-Authenticate: Basic realm="proxy"\r\n' : ''}Connection: close\r\n\r\n${body}`,
      );
    }
    // silent: the socket stays open, unanswered, until the client gives up on it.
  });
  await listen(server);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get connects() {
      return connects.length;
    },
    stamps: () => connects.map((s) => ({ ...s })),
    get plainRequests() {
      return plainRequests;
    },
    close() {
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      return done;
    },
  };
}

export interface StallingServer {
  /** https://127.0.0.1:port: a TLS client's handshake gets no answer. */
  url: string;
  readonly connections: number;
  stamps(): Stamp[];
  close(): Promise<void>;
}

/** Accepts TCP connections and never says a word: a TLS handshake (or anything else) stalls until the client leaves. */
export async function startStallingServer(): Promise<StallingServer> {
  const seen: Stamp[] = [];
  const sockets = new Set<Socket>();
  const server = createTcpServer((s) => {
    const stamp: Stamp = { at: Date.now() };
    seen.push(stamp);
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => {
      stamp.endedAt = Date.now();
      sockets.delete(s);
    });
    // The ClientHello is read and dropped (so the client's hang-up is seen), never answered.
    s.resume();
  });
  await listen(server);
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    get connections() {
      return seen.length;
    },
    stamps: () => seen.map((s) => ({ ...s })),
    close() {
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      return done;
    },
  };
}

function listen(server: Server): Promise<void> {
  return new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
}
