// What a top-level Graph error on debug_token says about the audited token. When the app token inspects, Graph
// answers 200 with `data.is_valid: false` for a dead token, so a top-level error is about the inspecting token or
// the request, except for the two refusals below. Used for live answers and for saved ones alike.
import type { Inspection } from './types.js';

/** Graph's refusal to show another app's token to this app; its numeric code is not documented. */
const APP_MISMATCH = /app_?id in the input_token did not match the viewing app/i;

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
