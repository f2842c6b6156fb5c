// The pieces of undici the Graph client needs, loaded from their own modules. undici's index also loads its
// fetch, WebSocket, cache, mocks and more, about a third of a CLI run's start-up for nothing. These paths are
// undici 7's own (the version is pinned by the lockfile); the integration tests exercise both on every run.
import type { Socket } from 'node:net';
import type { buildConnector as BuildConnector, Dispatcher } from 'undici';
import api from 'undici/lib/api/index.js';
import buildConnector from 'undici/lib/core/connect.js';
import DispatcherBase from 'undici/lib/dispatcher/dispatcher.js';
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js';
import Pool from 'undici/lib/dispatcher/pool.js';
import { UsageError } from '../core/errors.js';

// What undici's index does on load, and what its proxy agent relies on: the request/connect/... methods on
// every dispatcher (the CONNECT tunnel is opened with `connect`).
Object.assign(DispatcherBase.prototype, api);

/**
 * A failure on the way through the proxy, before Graph was reached: the proxy could not be reached, closed or
 * said nothing in answer to the CONNECT, or refused it. Its code is never undici's UND_ERR_SOCKET: undici 7
 * treats a connect-stage UND_ERR_SOCKET as recoverable and reconnects at once, without failing the waiting
 * request (lib/dispatcher/client.js onError), which against a proxy that hangs up on every CONNECT is a tight
 * loop of thousands of connections a second. Any other code fails the request, and the client's retry policy
 * decides, with its backoff.
 */
export class ProxyError extends Error {
  override name = 'ProxyError';
  constructor(
    readonly code: 'PROXY_UNREACHABLE' | 'PROXY_CLOSED' | 'PROXY_TIMEOUT' | 'PROXY_REFUSED' | 'PROXY_UPSTREAM',
    /** host:port of the proxy (never its credentials). */
    readonly proxy: string,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A keep-alive dispatcher that honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY, no stage of it longer than `timeoutMs`. */
export interface ProxyAwareAgent extends Dispatcher {
  /** CONNECTs sent to the proxy and not answered yet: an attempt cut while one is open was waiting for the proxy. */
  readonly tunnelsPending: number;
  /**
   * Destroys the agent and every socket it opened, connected or not: undici's destroy() leaves a connection still
   * being made (TCP, TLS handshake, the socket under a CONNECT) to run to its own timeout.
   */
  abandon(): Promise<void>;
}

export function proxyAwareAgent(options: { timeoutMs: number }): ProxyAwareAgent {
  checkProxyVariables(process.env);
  const timeout = Math.max(1, Math.round(options.timeoutMs));
  let pending = 0;
  const sockets = new Set<Socket>();
  const tracked =
    (connector: BuildConnector.connector): BuildConnector.connector =>
    (opts, callback) => {
      const socket = (connector as (...a: unknown[]) => unknown)(opts, callback) as Socket | undefined;
      if (socket) {
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
      }
      return socket as never;
    };
  // Every stage has its own bound, none longer than one attempt: TCP and TLS to Graph (`connect`), TCP/TLS to the
  // proxy (`proxyTls`), the CONNECT's answer (the proxy client's headersTimeout), TLS through the tunnel
  // (`requestTls`), Graph's headers and body. The client's attempt timer still ends an attempt first.
  const agent = new EnvHttpProxyAgent({
    connect: tracked(buildConnector({ timeout })),
    headersTimeout: timeout,
    bodyTimeout: timeout,
    proxyTls: { timeout },
    requestTls: { timeout },
    clientFactory: (origin: URL | string, opts: { connect: BuildConnector.connector }) => {
      const proxy = new URL(String(origin)).host;
      const client = new Pool(origin, {
        ...opts,
        connect: tracked(opts.connect),
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
      const connect = client.connect.bind(client) as (o: Dispatcher.ConnectOptions) => Promise<Dispatcher.ConnectData>;
      // The proxy agent opens each tunnel with the promise form of `connect` (undici lib/dispatcher/proxy-agent.js).
      (client as { connect: unknown }).connect = async (o: Dispatcher.ConnectOptions) => {
        pending++;
        try {
          const data = await connect(o).catch((err: unknown) => {
            throw tunnelFailure(proxy, err);
          });
          if (data.statusCode !== 200) {
            data.socket.on('error', () => undefined).destroy();
            throw refusal(proxy, data.statusCode);
          }
          return data;
        } finally {
          pending--;
        }
      };
      return client;
    },
  } as ConstructorParameters<typeof EnvHttpProxyAgent>[0]);
  return Object.defineProperties(agent, {
    tunnelsPending: { get: () => pending },
    abandon: {
      value: async () => {
        const destroyed = agent.destroy().catch(() => undefined);
        for (const socket of sockets) socket.destroy();
        sockets.clear();
        await destroyed;
      },
    },
  }) as ProxyAwareAgent;
}

function tunnelFailure(proxy: string, err: unknown): ProxyError {
  const code = String((err as { code?: unknown } | undefined)?.code ?? '');
  const opts = { cause: err };
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT')
    return new ProxyError('PROXY_TIMEOUT', proxy, `the proxy at ${proxy} did not answer the CONNECT in time`, undefined, opts);
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_CLOSED')
    return new ProxyError('PROXY_CLOSED', proxy, `the proxy at ${proxy} closed the connection without answering the CONNECT`, undefined, opts);
  return new ProxyError('PROXY_UNREACHABLE', proxy, `the proxy at ${proxy} could not be reached (${code || 'network error'})`, undefined, opts);
}

function refusal(proxy: string, status: number): ProxyError {
  // A gateway error is the proxy failing to reach Graph: worth another try. Anything else is its policy.
  const upstream = status === 502 || status === 503 || status === 504;
  return new ProxyError(
    upstream ? 'PROXY_UPSTREAM' : 'PROXY_REFUSED',
    proxy,
    `Proxy response (${status}) !== 200 when HTTP Tunneling`,
    status,
  );
}

/**
 * A malformed proxy variable is the user's input error (exit 2, one line naming it), not a crash inside undici.
 * Its value is not shown: proxy URLs carry credentials.
 */
export function checkProxyVariables(env: NodeJS.ProcessEnv): void {
  for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']) {
    const value = env[name];
    if (value === undefined || value.trim() === '') continue;
    let url: URL | undefined;
    try {
      url = new URL(value.trim());
    } catch {
      url = undefined;
    }
    if (!url || !['http:', 'https:', 'socks5:', 'socks:'].includes(url.protocol) || url.hostname === '')
      throw new UsageError(`${name} is not a proxy URL (expected http://host:port or https://host:port); its value is not shown.`);
  }
}

/** One request through `dispatcher`; `url` must be absolute. */
export function sendRequest(
  dispatcher: Dispatcher,
  url: string,
  options: Omit<Dispatcher.RequestOptions, 'origin' | 'path'>,
): Promise<Dispatcher.ResponseData> {
  const u = new URL(url);
  return dispatcher.request({ ...options, origin: u.origin, path: `${u.pathname}${u.search}` });
}
