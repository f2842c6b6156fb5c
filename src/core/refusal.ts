// What a top-level Graph error on debug_token says about the audited token. When the app token inspects, Graph
// answers 200 with `data.is_valid: false` for a dead token, so a top-level error is about the inspecting token or
// the request, except for the two refusals below. Used for live answers and for saved ones alike.
import type { Inspection } from './types.js';

/** Graph's refusal to show another app's token to this app (code 100, relayed from real answers). */
const APP_MISMATCH = /app_?id in the input_token did not match the viewing app/i;

/**
 * debug_token refused for want of a usable inspector: "(#100) You must provide an app access token, or a user
 * access token that is an owner or developer of the app" (captured from real Graph). Permanent, and fixed by the
 * user: give the app secret, so that the app token inspects.
 */
export const MUST_PROVIDE_INSPECTOR = /you must provide an app access token/i;

/** What the user does about a must-provide refusal, worded once for every front. */
export function mustProvideFix(secretName: string): string {
  return `provide the app secret (${secretName}) so that the app access token inspects the token`;
}

/**
 * The refusals that are verdicts on the audited token: another app's token (either inspector), or a dead token
 * that inspected itself (190, or the older 102). Anything else is not about the token: undefined.
 */
export function tokenRefusal(
  error: { code?: number; subcode?: number; message?: string },
  byApp: boolean,
): Inspection | undefined {
  const { code, subcode, message } = error;
  if (message && APP_MISMATCH.test(message)) return { kind: 'app-mismatch', message };
  if (!byApp && (code === 190 || code === 102)) return { kind: 'token-invalid', code, subcode, message };
  return undefined;
}
