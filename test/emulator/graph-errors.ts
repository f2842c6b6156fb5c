// Graph's error envelope and the answers the emulator builds from it. Messages follow what Graph is known to
// send (see /work/shared/reference/graph-api.md); where Graph's exact wording or code is unconfirmed, it says so.
import { randomBytes } from 'node:crypto';
import type { Answer } from './answer.js';
import { jsonAnswer } from './answer.js';

export interface GraphErrorSpec {
  message: string;
  type?: string;
  code: number;
  subcode?: number;
  transient?: boolean;
  /** HTTP status; Graph uses 400 for most OAuth/parameter errors. */
  status?: number;
  retryAfter?: number;
}

/** Short opaque support id, like Graph's `fbtrace_id` (never token-like). */
export function traceId(): string {
  return randomBytes(8).toString('base64url').slice(0, 11);
}

export function graphError(spec: GraphErrorSpec): Answer {
  const type = spec.type ?? 'OAuthException';
  const error: Record<string, unknown> = { message: spec.message, type, code: spec.code };
  if (spec.subcode !== undefined) error.error_subcode = spec.subcode;
  if (spec.transient !== undefined) error.is_transient = spec.transient;
  const trace = traceId();
  error.fbtrace_id = trace;
  const headers: Record<string, string> = { 'x-fb-trace-id': trace };
  // Graph also names OAuth failures in WWW-Authenticate, as RFC 6750 suggests.
  if (spec.code === 190 || spec.code === 104) {
    headers['www-authenticate'] =
      `OAuth "Facebook Platform" "invalid_token" "${spec.message.replace(/"/g, "'")}"`;
  }
  if (spec.retryAfter !== undefined) headers['retry-after'] = String(spec.retryAfter);
  return jsonAnswer(spec.status ?? statusFor(spec.code), { error }, headers);
}

/** HTTP status Graph (or the Cloud API) pairs with a code when no fixture says otherwise. */
export function statusFor(code: number): number {
  if (code === 1 || code === 131000) return 500;
  if (code === 2 || code === 131016) return 503;
  if (code === 10 || (code >= 200 && code <= 299)) return 403;
  return 400;
}

/** Canonical message and type per code, for faults that only name a code. */
export function standardError(code: number, subcode?: number): GraphErrorSpec {
  switch (code) {
    case 1:
      return { code, message: 'An unknown error occurred', type: 'OAuthException', transient: true };
    case 2:
      return {
        code,
        message: 'An unexpected error has occurred. Please retry your request later.',
        type: 'OAuthException',
        transient: true,
      };
    case 4:
      return {
        code,
        message: '(#4) Application request limit reached',
        type: 'OAuthException',
        transient: true,
      };
    case 17:
      return { code, message: '(#17) User request limit reached', type: 'OAuthException', transient: true };
    case 32:
      return { code, message: '(#32) Page request limit reached', type: 'OAuthException', transient: true };
    case 613:
      return {
        code,
        message: '(#613) Calls to this api have exceeded the rate limit.',
        type: 'OAuthException',
        transient: true,
      };
    case 80007:
    case 80008:
      return {
        code,
        message: `(#${code}) There have been too many calls to this WhatsApp Business account. Wait a bit and try again.`,
        type: 'OAuthException',
        transient: true,
      };
    case 10:
      return {
        code,
        message: '(#10) Application does not have permission for this action',
        type: 'OAuthException',
      };
    case 200:
      return { code, message: '(#200) Permissions error', type: 'OAuthException' };
    case 190:
      return subcode === undefined ? cannotParse() : { ...invalidSession(subcode), subcode };
    case 100:
      return subcode === 33
        ? objectNotFound('0', 'get')
        : { code, message: '(#100) Invalid parameter', type: 'OAuthException' };
    default:
      return { code, message: `(#${code}) Emulated Graph error`, type: 'OAuthException' };
  }
}

function invalidSession(subcode: number): GraphErrorSpec {
  const message =
    subcode === 463
      ? 'Error validating access token: Session has expired.'
      : 'Error validating access token: The session is invalid.';
  return { code: 190, message, type: 'OAuthException' };
}

/** Unknown or garbage token: 190 without a subcode. */
export function cannotParse(): GraphErrorSpec {
  return {
    code: 190,
    message: 'Invalid OAuth access token - Cannot parse access token',
    type: 'OAuthException',
  };
}

export const wrongAppSecret = (): GraphErrorSpec => ({
  code: 190,
  message: 'Invalid OAuth access token signature.',
  type: 'OAuthException',
});

export const noToken = (): GraphErrorSpec => ({
  code: 104,
  message: 'An access token is required to request this resource.',
  type: 'OAuthException',
});

export const badProof = (): GraphErrorSpec => ({
  code: 100,
  message: 'Invalid appsecret_proof provided in the API argument',
  type: 'GraphMethodException',
});

/**
 * The app token inspected a token of another app. The message is what Graph is reported to say; the numeric
 * code is UNCONFIRMED (no source gives it) — 100 is our assumption, so clients must key on "top-level error
 * while the app token inspects", not on this exact code.
 */
export const appMismatch = (): GraphErrorSpec => ({
  code: 100,
  message: '(#100) The App_id in the input_token did not match the Viewing App',
  type: 'OAuthException',
});

/** A wrong ID and a missing grant look the same on Graph: 100/33. */
export function objectNotFound(id: string, verb: 'get' | 'post' | 'delete'): GraphErrorSpec {
  return {
    code: 100,
    subcode: 33,
    type: 'GraphMethodException',
    message: `Unsupported ${verb} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
  };
}

export const permissionsError = (): GraphErrorSpec => ({
  code: 200,
  message: '(#200) Permissions error',
  type: 'OAuthException',
  status: 403,
});

export const appTokenRequired = (): GraphErrorSpec => ({
  code: 15,
  message: '(#15) This method must be called with an app access_token.',
  type: 'OAuthException',
});

export const missingParam = (name: string): GraphErrorSpec => ({
  code: 100,
  message: `(#100) The parameter ${name} is required`,
  type: 'OAuthException',
});

export const unknownPath = (path: string): GraphErrorSpec => ({
  code: 2500,
  message: `Unknown path components: ${path}`,
  type: 'OAuthException',
});

export const tooManyInBatch = (): GraphErrorSpec => ({
  code: 100,
  message: 'Too many requests in batch message. Maximum batch size is 50',
  type: 'GraphBatchException',
});

export const badBatch = (why: string): GraphErrorSpec => ({
  code: 100,
  message: `(#100) ${why}`,
  type: 'GraphBatchException',
});

/** Top-level 190 for a dead token, with the message its fixture gives. */
export function deadToken(subcode: number | undefined, message: string): GraphErrorSpec {
  return { code: 190, message, type: 'OAuthException', ...(subcode === undefined ? {} : { subcode }) };
}
