// The pieces of undici the Graph client needs, loaded from their own modules. undici's index also loads its
// fetch, WebSocket, cache, mocks and more, about a third of a CLI run's start-up for nothing. These paths are
// undici 7's own (the version is pinned by the lockfile); the integration tests exercise both on every run.
import type { Dispatcher } from 'undici';
import api from 'undici/lib/api/index.js';
import DispatcherBase from 'undici/lib/dispatcher/dispatcher.js';
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js';
import { UsageError } from '../core/errors.js';

// What undici's index does on load, and what its proxy agent relies on: the request/connect/... methods on
// every dispatcher (the CONNECT tunnel is opened with `connect`).
Object.assign(DispatcherBase.prototype, api);

/** A keep-alive dispatcher that honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY. */
export function proxyAwareAgent(options: { connectTimeoutMs: number }): Dispatcher {
  checkProxyVariables(process.env);
  return new EnvHttpProxyAgent({ connect: { timeout: options.connectTimeoutMs } });
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
