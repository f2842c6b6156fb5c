// The pieces of undici the Graph client needs, loaded from their own modules. undici's index also loads its
// fetch, WebSocket, cache, mocks and more, about a third of a CLI run's start-up for nothing. These paths are
// undici 7's own (the version is pinned by the lockfile); the integration tests exercise both on every run.
import type { Dispatcher } from 'undici';
import api from 'undici/lib/api/index.js';
import DispatcherBase from 'undici/lib/dispatcher/dispatcher.js';
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js';

// What undici's index does on load, and what its proxy agent relies on: the request/connect/... methods on
// every dispatcher (the CONNECT tunnel is opened with `connect`).
Object.assign(DispatcherBase.prototype, api);

/** A keep-alive dispatcher that honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY. */
export function proxyAwareAgent(options: { connectTimeoutMs: number }): Dispatcher {
  return new EnvHttpProxyAgent({ connect: { timeout: options.connectTimeoutMs } });
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
