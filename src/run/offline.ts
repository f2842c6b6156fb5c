// Evaluating a saved debug_token response: no network, no undici, for air-gapped reviews and support tickets.
import { evaluate } from '../core/evaluate.js';
import { isObject } from '../core/normalize.js';
import { tokenRefusal } from '../core/refusal.js';
import type { Policy } from '../core/policy.js';
import type { Inspection, Report } from '../core/types.js';
import { UsageError } from '../core/errors.js';

/** Accepts Graph's `{ "data": {...} }`, a bare data object, or Graph's top-level `{ "error": {...} }`. */
export function evaluateSavedResponse(text: string, policy: Policy, now: Date, where: string): Report {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`--response-file ${where === '-' ? '(stdin)' : where}: not valid JSON.`);
  }
  return evaluate({ inspection: savedInspection(parsed, where) }, policy, now);
}

function savedInspection(body: unknown, where: string): Inspection {
  if (!isObject(body))
    throw new UsageError(`--response-file ${where}: expected a JSON object (a debug_token response).`);
  if (isObject(body.error) && body.data === undefined) {
    const { code, error_subcode: subcode, message } = body.error;
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
    throw new UsageError(
      `--response-file ${where}: the saved response is a Graph error (code ${String(code)}) about the request, not a token inspection.`,
    );
  }
  return { kind: 'data', data: 'data' in body ? body.data : body };
}
