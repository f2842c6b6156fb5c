// The webhook tester's requests to the user's callback URL, through the Graph client's HTTP layer (undici,
// HTTPS_PROXY / NO_PROXY honoured, Node's default CA store; certificates always verified).
// - Redirects are never followed: undici's `request` does not follow them, and a 3xx answer is reported with the
//   address it pointed to (src/webhook-test/judge.ts says so in the finding).
// - Each request has its own time limit, enforced by a timer that destroys the request's own dispatcher: in
//   undici 7 a request still waiting for its connection (TCP or TLS) ignores its abort signal, so aborting alone
//   would not bound it.
import { classifyNetworkError } from '../graph/errors.js';
import { proxyAwareAgent, sendRequest } from '../graph/http.js';

type Dispatcher = Parameters<typeof sendRequest>[0];

/** Answers are read up to this size: a hub.challenge echo or an error page needs no more. */
export const MAX_ANSWER_BYTES = 16 * 1024;

export interface OutgoingRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export type Exchange =
  | {
      kind: 'answer';
      status: number;
      headers: Record<string, string | string[] | undefined>;
      /** UTF-8 text of the answer, at most MAX_ANSWER_BYTES. Untrusted: never shown raw. */
      body: string;
      /** Milliseconds from sending to the last byte, by the injected clock. */
      ms: number;
    }
  | { kind: 'timeout'; ms: number }
  | { kind: 'network'; code: string; ms: number };

export interface ExchangeOptions {
  timeoutMs: number;
  clock?: () => number;
  /** Tests may pass a dispatcher factory; by default each request gets its own proxy-aware agent. */
  dispatcher?: () => Dispatcher;
}

export async function exchange(req: OutgoingRequest, opts: ExchangeOptions): Promise<Exchange> {
  const clock = opts.clock ?? Date.now;
  // undici's own connect timeout is a backstop only: the timer below is the bound, and it fires first.
  const dispatcher = opts.dispatcher?.() ?? proxyAwareAgent({ timeoutMs: opts.timeoutMs + 1_000 });
  const controller = new AbortController();
  const started = clock();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), opts.timeoutMs);
  });
  const attempt = (async () => {
    const res = await sendRequest(dispatcher, req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: controller.signal,
    });
    const body = await readCapped(res.body, MAX_ANSWER_BYTES);
    return { status: res.statusCode, headers: res.headers, body };
  })();
  // The race's loser must not become an unhandled rejection once the dispatcher is destroyed under it.
  attempt.catch(() => undefined);
  try {
    const won = await Promise.race([attempt, deadline]);
    if (won === 'timeout') {
      controller.abort();
      return { kind: 'timeout', ms: clock() - started };
    }
    return { kind: 'answer', ...won, ms: clock() - started };
  } catch (err) {
    const f = classifyNetworkError(err);
    const code = f.kind === 'network' ? f.code : 'UNKNOWN';
    return { kind: 'network', code, ms: clock() - started };
  } finally {
    clearTimeout(timer);
    // Destroying (not closing) ends a connection still being made, and any socket left open by a slow answer.
    dispatcher.destroy().catch(() => undefined);
  }
}

/** Reads up to `max` bytes, then stops reading (the rest of a large answer is dropped with the connection). */
async function readCapped(body: AsyncIterable<Buffer> & { destroy?: () => void }, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= max) {
      body.destroy?.();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, max).toString('utf8');
}
