// `webhook-test`: plays Meta against a callback URL: the verification handshake (right and wrong verify token),
// then an unsigned, a forged and a correctly signed status notification. Requests go one after another, each
// within its own time limit; the verdict comes from judge.ts. Nothing is retried: an endpoint Meta cannot reach
// the first time is a finding, not noise.
import type { Verdict } from '../core/types.js';
import { UsageError } from '../core/errors.js';
import { makeRedactor } from '../graph/redact.js';
import { type Exchange, exchange, type ExchangeOptions, type OutgoingRequest } from './http.js';
import {
  forgedRefusedCheck,
  handshakeCheck,
  handshakeRefusesCheck,
  type JudgeContext,
  notSent,
  plainHttpCheck,
  signedAcceptedCheck,
  tlsCheck,
  unsignedRefusedCheck,
} from './judge.js';
import { forgedSignature, hubSignature, newChallenge, TEST_MESSAGE_ID, testPayload, wrongVerifyToken } from './payload.js';
import type { PlannedRequest, WebhookCheck, WebhookCheckId, WebhookReport } from '../core/webhook-test.js';
import { notJudgedWhy, shownUrl } from './words.js';

/** Default time limit of each request, in milliseconds (see README: Meta's time limit). */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5_000;
export const MAX_WEBHOOK_TIMEOUT_MS = 20_000;

export interface WebhookTestOptions {
  url: string;
  verifyToken: string;
  appSecret?: string;
  /** How the front names each secret's source in findings: `$WHATSAPP_VERIFY_TOKEN`, `input 'verify-token'`. */
  verifyTokenName: string;
  appSecretName: string;
  timeoutMs?: number;
  now?: () => Date;
  clock?: () => number;
  dispatcher?: ExchangeOptions['dispatcher'];
}

const LOOPBACK = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/;

/** http(s) only, no credentials or fragment; plain http is judged later (allowed for loopback hosts only). */
export function parseCallbackUrl(value: string, flag = 'the callback URL'): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new UsageError(`${flag} is not a URL: expected https://host/path.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`${flag} must be an https:// URL, got ${url.protocol}.`);
  if (url.username || url.password) throw new UsageError(`${flag} must not carry credentials.`);
  if (url.hash) throw new UsageError(`${flag} must not carry a #fragment.`);
  for (const key of url.searchParams.keys())
    if (key.startsWith('hub.')) throw new UsageError(`${flag} must not carry hub.* parameters: webhook-test adds them.`);
  return url;
}

export function isLoopback(url: URL): boolean {
  return LOOPBACK.test(url.hostname) || url.hostname === '[::1]';
}

/** The callback URL with the verification parameters Meta adds (after any query the URL already has). */
function handshakeUrl(base: URL, verifyToken: string, challenge: string): string {
  const u = new URL(base);
  u.searchParams.append('hub.mode', 'subscribe');
  u.searchParams.append('hub.verify_token', verifyToken);
  u.searchParams.append('hub.challenge', challenge);
  return u.toString();
}

interface Plan {
  challenge: string;
  wrongToken: string;
  payload: string;
  requests: { check: WebhookCheckId; req: OutgoingRequest }[];
}

const BASE_HEADERS = { 'user-agent': 'wa-token-audit webhook-test', accept: '*/*' };

function plan(base: URL, opts: WebhookTestOptions, nowS: number): Plan {
  const challenge = newChallenge();
  const wrongToken = wrongVerifyToken(opts.verifyToken);
  const payload = testPayload(nowS);
  const post = (extra: Record<string, string>): OutgoingRequest => ({
    method: 'POST',
    url: base.toString(),
    headers: { ...BASE_HEADERS, 'content-type': 'application/json', ...extra },
    body: payload,
  });
  const requests: Plan['requests'] = [
    { check: 'webhook.handshake', req: { method: 'GET', url: handshakeUrl(base, opts.verifyToken, challenge), headers: BASE_HEADERS } },
    { check: 'webhook.handshake-refuses', req: { method: 'GET', url: handshakeUrl(base, wrongToken, challenge), headers: BASE_HEADERS } },
    { check: 'webhook.unsigned-refused', req: post({}) },
    { check: 'webhook.forged-refused', req: post({ 'x-hub-signature-256': forgedSignature(payload) }) },
  ];
  if (opts.appSecret)
    requests.push({ check: 'webhook.signed-accepted', req: post({ 'x-hub-signature-256': hubSignature(payload, opts.appSecret) }) });
  return { challenge, wrongToken, payload, requests };
}

/** The requests a run would send, secrets masked (`--dry-run`). Sends nothing. */
export function dryRunRequests(opts: WebhookTestOptions): PlannedRequest[] {
  const base = parseCallbackUrl(opts.url);
  const p = plan(base, opts, Math.trunc((opts.now?.() ?? new Date()).getTime() / 1000));
  const masked = (check: WebhookCheckId, r: OutgoingRequest): PlannedRequest => {
    const headers = { ...r.headers };
    if (headers['x-hub-signature-256'])
      headers['x-hub-signature-256'] =
        check === 'webhook.signed-accepted'
          ? `sha256=<HMAC-SHA256 of the body, keyed by the app secret from ${opts.appSecretName}>`
          : 'sha256=<HMAC-SHA256 of the body, keyed by a random wrong key>';
    const url =
      check === 'webhook.handshake'
        ? handshakeUrl(base, '***', p.challenge)
        : r.url;
    return { check, method: r.method, url, headers, ...(r.body !== undefined ? { body: r.body } : {}) };
  };
  return p.requests.map(({ check, req }) => masked(check, req));
}

export async function runWebhookTest(opts: WebhookTestOptions): Promise<WebhookReport> {
  const base = parseCallbackUrl(opts.url);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  const now = opts.now ?? (() => new Date());
  const redact = makeRedactor([opts.verifyToken, opts.appSecret]);
  const ctx: JudgeContext = {
    base,
    redact,
    timeoutMs,
    verifyTokenName: opts.verifyTokenName,
    appSecretName: opts.appSecretName,
  };
  const p = plan(base, opts, Math.trunc(now().getTime() / 1000));
  const checks: WebhookCheck[] = [];
  const finish = (error?: string) => report(base, redact, checks, p.payload, timeoutMs, now(), error);
  const skipRest = (from: number, why: string) => {
    for (const { check } of p.requests.slice(from)) checks.push(notSent(check, why));
    if (!opts.appSecret) checks.push(noSecret(ctx));
  };

  if (base.protocol === 'http:' && !isLoopback(base)) {
    checks.push(plainHttpCheck(ctx));
    skipRest(0, 'the callback URL is plain HTTP');
    return finish();
  }

  const send = (i: number): Promise<Exchange> =>
    exchange(p.requests[i]!.req, { timeoutMs, clock: opts.clock, dispatcher: opts.dispatcher });

  const first = await send(0);
  if (first.kind === 'network') {
    const why = notJudgedWhy(first.code);
    if (why) {
      checks.push(notSent('webhook.tls', why));
      skipRest(0, why);
      return finish(`The callback URL could not be tested: ${why}.`);
    }
  }
  const tls = tlsCheck(first, ctx);
  checks.push(tls);
  if (tls.status === 'fail') {
    skipRest(0, 'the TLS connection was not trusted');
    return finish();
  }
  checks.push(handshakeCheck(first, p.challenge, ctx));
  if (first.kind !== 'answer') {
    skipRest(1, 'the endpoint did not answer the verification request');
    return finish();
  }
  const judges = [
    (x: Exchange) => handshakeRefusesCheck(x, p.challenge, ctx),
    (x: Exchange) => unsignedRefusedCheck(x, ctx),
    (x: Exchange) => forgedRefusedCheck(x, ctx),
    (x: Exchange) => signedAcceptedCheck(x, ctx),
  ];
  for (let i = 1; i < p.requests.length; i++) {
    const x = await send(i);
    if (x.kind === 'network') {
      const why = notJudgedWhy(x.code);
      if (why) {
        skipRest(i, why);
        return finish(`The callback URL could not be tested: ${why}.`);
      }
    }
    checks.push(judges[i - 1]!(x));
  }
  if (!opts.appSecret) checks.push(noSecret(ctx));
  return finish();
}

function noSecret(ctx: JudgeContext): WebhookCheck {
  return notSent(
    'webhook.signed-accepted',
    `no app secret (${ctx.appSecretName} is empty), so no correctly signed notification could be made; set it to prove real deliveries are accepted`,
  );
}

function report(
  base: URL,
  redact: (s: string) => string,
  checks: WebhookCheck[],
  payload: string,
  timeoutMs: number,
  at: Date,
  error?: string,
): WebhookReport {
  const verdict: Verdict = error
    ? 'error'
    : checks.some((c) => c.status === 'fail')
      ? 'fail'
      : checks.some((c) => c.status === 'warn')
        ? 'warn'
        : 'pass';
  return {
    schemaVersion: 1,
    kind: 'webhook-test',
    url: shownUrl(base, redact),
    ok: verdict === 'pass' || verdict === 'warn',
    verdict,
    ...(error ? { error: { message: error } } : {}),
    checks,
    payload: { messageId: TEST_MESSAGE_ID, bytes: Buffer.byteLength(payload) },
    timeoutMs,
    generatedAt: at.toISOString(),
  };
}
