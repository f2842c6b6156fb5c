// Evaluating a saved debug_token response: no network, no undici, for air-gapped reviews and support tickets.
import { evaluate } from '../core/evaluate.js';
import { isObject } from '../core/normalize.js';
import { MUST_PROVIDE_INSPECTOR, mustProvideFix, tokenRefusal } from '../core/refusal.js';
import type { Policy } from '../core/policy.js';
import { keyName, type SettingNamer } from '../core/settings.js';
import type { Inspection, Report } from '../core/types.js';
import { UsageError } from '../core/errors.js';
import { cleanJson } from '../core/untrusted.js';

/**
 * Accepts Graph's `{ "data": {...} }`, a bare data object, or Graph's top-level `{ "error": {...} }`. A bare data
 * object of a dead token also has an `error` (with `subcode`), so an object with `is_valid`, `app_id` or `scopes`
 * is data, not an envelope.
 */
export function evaluateSavedResponse(
  text: string,
  policy: Policy,
  now: Date,
  where: string,
  name: SettingNamer = keyName,
): Report {
  const file = name('responseFile');
  let parsed: unknown;
  try {
    parsed = cleanJson(JSON.parse(text));
  } catch {
    throw new UsageError(`${file} ${where === '-' ? '(stdin)' : where}: not valid JSON.`);
  }
  return evaluate({ inspection: savedInspection(parsed, `${file} ${where}`, name) }, policy, now, name);
}

/** `where`: the setting and the file, for messages. */
function savedInspection(body: unknown, where: string, name: SettingNamer): Inspection {
  if (!isObject(body))
    throw new UsageError(`${where}: expected a JSON object (a debug_token response).`);
  // A bare data object of a dead token carries its own `error` (with `subcode`): it is data, not a refusal.
  if (!('data' in body) && ('is_valid' in body || 'app_id' in body || 'scopes' in body))
    return { kind: 'data', data: body };
  // An error beside data is an error, as it is for the Graph client live: never a pass.
  if (isObject(body.error)) {
    const { code, message } = body.error;
    const subcode = body.error.error_subcode ?? body.error.subcode;
    // A saved answer does not say who inspected: read it as the token inspecting itself.
    const verdict = tokenRefusal(
      {
        code: typeof code === 'number' ? code : undefined,
        subcode: typeof subcode === 'number' ? subcode : undefined,
        message: typeof message === 'string' ? message : undefined,
      },
      false,
    );
    if (verdict) return verdict;
    if (typeof message === 'string' && MUST_PROVIDE_INSPECTOR.test(message))
      throw new UsageError(
        `${where}: Graph refused to inspect the token: "(#100) You must provide an app access token…". Save the answer debug_token gives to the app access token (APP_ID|APP_SECRET), or audit live and ${mustProvideFix(name('appSecret'))}.`,
      );
    throw new UsageError(
      `${where}: the saved response is a Graph error (code ${String(code)}) about the request, not a token inspection.`,
    );
  }
  return { kind: 'data', data: 'data' in body ? body.data : body };
}
