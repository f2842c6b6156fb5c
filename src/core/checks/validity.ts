import { errorKey, lookupError } from '../error-catalog.js';
import { generateNewToken, inspectInDebugger } from '../remediation.js';
import type { Check, TokenData } from '../types.js';
import type { CheckContext } from './context.js';

/** `token.valid`: is_valid, and when false the reason Graph gives in data.error, in plain words. */
export function tokenValid(data: TokenData, ctx: CheckContext): Check {
  if (data.isValid === true) return { id: 'token.valid', status: 'pass', message: 'The token is valid.' };
  const { code, subcode } = data.error ?? {};
  const entry = code === undefined ? undefined : lookupError(code, subcode);
  const reason = entry ? `${entry.meaning} (Graph error ${errorKey(code!, subcode)}: ${entry.name})` : 'Graph gave no reason.';
  return {
    id: 'token.valid',
    status: 'fail',
    message: `The token is not valid. ${reason}`,
    remediation: [inspectInDebugger(), ...(entry?.actions ?? []), generateNewToken(ctx.policy.appId)],
    ...(code === undefined ? {} : { graphError: errorKey(code, subcode) }),
  };
}
