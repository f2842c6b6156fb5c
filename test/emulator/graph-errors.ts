// Graph's error envelope and the answers the emulator builds from it. Messages follow what Graph is known to
// send (Graph's error-handling guide, https://developers.facebook.com/docs/graph-api/guides/error-handling, the
// WhatsApp error-code page, Meta's OpenAPI description, and answers captured from real Graph); where Graph's
// exact wording or code is unconfirmed, it says so.
import { randomBytes } from 'node:crypto';
import type { Answer } from './answer.js';
import { jsonAnswer } from './answer.js';

export interface GraphErrorSpec {
  message: string;
  type?: string;
  code: number;
  subcode?: number;
  transient?: boolean;
  /** Localised texts for end users (Graph's error-handling guide shows them on a 190/460 answer). */
  userTitle?: string;
  userMsg?: string;
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
  if (spec.userTitle !== undefined) error.error_user_title = spec.userTitle;
  if (spec.userMsg !== undefined) error.error_user_msg = spec.userMsg;
  if (spec.transient !== undefined) error.is_transient = spec.transient;
  const trace = traceId();
  error.fbtrace_id = trace;
  const headers: Record<string, string> = { 'x-fb-trace-id': trace };
  const status = spec.status ?? statusFor(spec.code);
  // Graph repeats a 4xx error in WWW-Authenticate (RFC 6750 style): "invalid_token" for a dead or missing token,
  // "invalid_request" for the rest, e.g. a 100/33 (a real header is quoted in
  // https://github.com/voiceflow-community/example-integration-whatsapp/issues/5).
  if (status >= 400 && status < 500) {
    const kind = spec.code === 190 || spec.code === 102 || spec.code === 104 ? 'invalid_token' : 'invalid_request';
    // A header holds no control characters (a message echoing a disguised secret may): Node would refuse to send it.
    headers['www-authenticate'] = `OAuth "Facebook Platform" "${kind}" "${spec.message.replace(/"/g, "'").replace(/[^\x20-\x7e]/g, ' ')}"`;
  }
  // Graph documents no Retry-After for its limits (Meta's OpenAPI has one on a single partner endpoint): only
  // a fault that asks for one gets it.
  if (spec.retryAfter !== undefined) headers['retry-after'] = String(spec.retryAfter);
  return jsonAnswer(status, { error }, headers);
}

/** HTTP status Graph (or the Cloud API) pairs with a code when no fixture says otherwise. */
function statusFor(code: number): number {
  if (code === 1 || code === 131000) return 500;
  // Meta's OpenAPI (v23.0) answers the app and user call limits with 429 and subcode 2446079.
  if (code === 4 || code === 17) return 429;
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
        subcode: subcode ?? 2446079,
        message: '(#4) Application request limit reached',
        type: 'OAuthException',
        transient: true,
      };
    case 17:
      return {
        code,
        subcode: subcode ?? 2446079,
        message: '(#17) User request limit reached',
        type: 'OAuthException',
        transient: true,
      };
    case 32:
      return { code, message: '(#32) Page request limit reached', type: 'OAuthException', transient: true };
    case 613:
      return {
        code,
        message: '(#613) Calls to this api have exceeded the rate limit.',
        type: 'OAuthException',
        transient: true,
      };
    // The WABA's business-use-case limit: 80008 on Graph's rate-limit page and the WABA edge references, 80007
    // on the WhatsApp error page. HTTP 400 per that page (the OpenAPI example says 429); never a Retry-After.
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

/**
 * No usable inspector on debug_token: no access token at all (captured from real Graph by bk-rs/facebook-apis-rs,
 * `debug_token__400__must_provide_an_app_access_token_or_a_user_access_token.json`), and by its wording a user
 * token that is neither owner nor developer of the app.
 */
export const mustProvide = (): GraphErrorSpec => ({
  code: 100,
  message:
    '(#100) You must provide an app access token, or a user access token that is an owner or developer of the app',
  type: 'OAuthException',
});

/** "Require App Secret" is on and the call carries no appsecret_proof (Meta's Login Security page). */
export const proofRequired = (): GraphErrorSpec => ({
  code: 100,
  message: 'API calls from the server require an appsecret_proof argument',
  type: 'GraphMethodException',
});

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
 * The app token inspected a token of another app: code 100, as three independent real answers relayed in
 * firebase/quickstart-unity#1040, firebase/flutterfire#74 and FirebaseExtended/auth-without-play-services#15 show.
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

/** Top-level 190 for a dead token, with the message (and subcode, user texts) its fixture gives. */
export function deadToken(
  dead: { subcode?: number; message: (now: number) => string; userTitle?: string; userMsg?: string },
  now: number,
): GraphErrorSpec {
  return {
    code: 190,
    message: dead.message(now),
    type: 'OAuthException',
    ...(dead.subcode === undefined ? {} : { subcode: dead.subcode }),
    ...(dead.userTitle === undefined ? {} : { userTitle: dead.userTitle }),
    ...(dead.userMsg === undefined ? {} : { userMsg: dead.userMsg }),
  };
}
