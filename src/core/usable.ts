// Whether a token can be used at all, from its inspection: the one judgement behind evaluate()'s first checks
// (token.valid, app.id) and discovery's "nothing to discover". Pure.
import { invalidToken } from './checks/validity.js';
import type { Inspection } from './types.js';
import { normalizeTokenData } from './normalize.js';
import type { TokenData } from './types.js';

/** The token data an inspection gives: a top-level refusal of a dead token reads as `is_valid: false`. */
export function inspectedData(inspection: Inspection): TokenData | undefined {
  if (inspection.kind === 'app-mismatch') return undefined;
  if (inspection.kind === 'token-invalid') {
    return normalizeTokenData({
      is_valid: false,
      error: { code: inspection.code, subcode: inspection.subcode, message: inspection.message },
    });
  }
  return normalizeTokenData(inspection.data);
}

/**
 * Why the token cannot be used, or undefined when it can: another app's token, a dead token, an answer without
 * is_valid. `appIdName` is how the front names its app-ID setting.
 */
export function unusableToken(
  inspection: Inspection,
  expectedApp: string | undefined,
  appIdName: string,
): { message: string; graphError?: string } | undefined {
  const data = inspectedData(inspection);
  if (!data)
    return { message: `The token belongs to another app than ${expectedApp} (${appIdName}): Graph refused to show it.` };
  if (data.isValid === undefined)
    return { message: 'The debug_token answer is malformed (is_valid missing): nothing was discovered.' };
  if (!data.isValid) return invalidToken(data);
  if (expectedApp && data.appId && data.appId !== expectedApp) {
    return {
      message: `The token belongs to app ${data.appId}${data.application ? ` (${data.application})` : ''}, not to the expected app ${expectedApp} (${appIdName}).`,
    };
  }
  return undefined;
}
