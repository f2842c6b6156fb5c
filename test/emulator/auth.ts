// Who is calling: the app token, a known user/system-user token, or something Graph refuses.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { APP_ID, APP_SECRET, APP_TOKEN, TOKEN_SPECS, type TokenSpec } from './fixtures.js';
import {
  badProof,
  cannotParse,
  deadToken,
  type GraphErrorSpec,
  noToken,
  proofRequired,
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
  if (spec.dead) return { error: deadToken(spec.dead, now) };
  return { kind: 'token', token, spec };
}

/** Time-stamped proofs "will be considered expired after 5 minutes" (Meta's Login Security page). */
export const TIMED_PROOF_TTL_S = 300;

/**
 * appsecret_proof = hex HMAC-SHA256(key = app secret, msg = access token) (Graph's "Secure Requests"). Meta's
 * Login Security page (Oct 2024) also describes a timed form: msg = token + "|" + appsecret_time, sent with
 * `appsecret_time`, expired after 5 minutes. Both are accepted. With "Require App Secret" on (`required`), a
 * call with a user or system-user token and no proof is refused; whether app-token calls need one is not
 * documented, so they do not here. Returns the error to answer, or undefined when the proof is right or absent
 * and not required.
 */
export function checkProof(
  params: URLSearchParams,
  token: string | undefined,
  opts: { required?: boolean; now?: number } = {},
): GraphErrorSpec | undefined {
  const proof = params.get('appsecret_proof');
  if (proof === null) return opts.required && token !== undefined && !token.includes('|') ? proofRequired() : undefined;
  if (token === undefined) return noToken();
  const time = params.get('appsecret_time');
  if (time !== null && opts.now !== undefined) {
    const t = Number(time);
    if (!Number.isInteger(t) || opts.now - t > TIMED_PROOF_TTL_S || t - opts.now > TIMED_PROOF_TTL_S) return badProof();
  }
  const msg = time === null ? token : `${token}|${time}`;
  const expected = createHmac('sha256', APP_SECRET).update(msg).digest('hex');
  const a = Buffer.from(expected);
  const b = Buffer.from(proof.toLowerCase());
  return a.length === b.length && timingSafeEqual(a, b) ? undefined : badProof();
}

/** The hex proof a correct client sends (for tests); with `time`, the timed form. */
export function appsecretProof(token: string, secret = APP_SECRET, time?: number): string {
  return createHmac('sha256', secret)
    .update(time === undefined ? token : `${token}|${time}`)
    .digest('hex');
}
