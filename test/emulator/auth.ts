// Who is calling: the app token, a known user/system-user token, or something Graph refuses.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { APP_ID, APP_SECRET, APP_TOKEN, TOKEN_SPECS, type TokenSpec } from './fixtures.js';
import {
  badProof,
  cannotParse,
  deadToken,
  type GraphErrorSpec,
  noToken,
  wrongAppSecret,
} from './graph-errors.js';

export type Caller = { kind: 'app'; appId: string } | { kind: 'token'; token: string; spec: TokenSpec };

/** A live caller, or the top-level error Graph answers for this token. */
export function resolveCaller(token: string | undefined, now: number): Caller | { error: GraphErrorSpec } {
  if (token === undefined || token === '') return { error: noToken() };
  // `APP_ID|anything`: an app token. Graph checks the secret part as a signature.
  if (token.includes('|'))
    return token === APP_TOKEN ? { kind: 'app', appId: APP_ID } : { error: wrongAppSecret() };
  const spec = TOKEN_SPECS[token];
  if (!spec) return { error: cannotParse() };
  if (spec.dead) return { error: deadToken(spec.dead.subcode, spec.dead.message(now)) };
  return { kind: 'token', token, spec };
}

/**
 * appsecret_proof = hex HMAC-SHA256(key = app secret, msg = access token). Meta's newer Login Security page
 * also describes a timed form (msg = token + "|" + appsecret_time, sent with `appsecret_time`): accepted too.
 * Returns the error to answer, or undefined when there is no proof or it is right.
 */
export function checkProof(params: URLSearchParams, token: string | undefined): GraphErrorSpec | undefined {
  const proof = params.get('appsecret_proof');
  if (proof === null) return undefined;
  if (token === undefined) return noToken();
  const time = params.get('appsecret_time');
  const msg = time === null ? token : `${token}|${time}`;
  const expected = createHmac('sha256', APP_SECRET).update(msg).digest('hex');
  const a = Buffer.from(expected);
  const b = Buffer.from(proof.toLowerCase());
  return a.length === b.length && timingSafeEqual(a, b) ? undefined : badProof();
}

/** The hex proof a correct client sends (for tests). */
export function appsecretProof(token: string, secret = APP_SECRET): string {
  return createHmac('sha256', secret).update(token).digest('hex');
}
