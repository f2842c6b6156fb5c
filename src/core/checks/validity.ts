import { describeGraphError, errorKey, lookupError, TOKEN_PROBLEM_STEPS } from '../error-catalog.js';
import { generateNewToken, inspectInDebugger } from '../remediation.js';
import type { Check, TokenData } from '../types.js';
import type { CheckContext } from './context.js';

/** `token.valid`: is_valid, and when false the reason Graph gives in data.error, in plain words. */
export function tokenValid(data: TokenData, ctx: CheckContext): Check {
  if (data.isValid === true) return { id: 'token.valid', status: 'pass', message: 'The token is valid.' };
  const { code, subcode } = data.error ?? {};
  const entry = code === undefined ? undefined : lookupError(code, subcode);
  const reason = code === undefined ? 'Graph gave no reason.' : `${describeGraphError({ code, subcode })}`;
  // The catalog's generic token steps (and its own "generate a new token") give way to ours, which name the app.
  const specific = (entry?.actions ?? []).filter((a) => !TOKEN_PROBLEM_STEPS.includes(a) && !/^Generate a new token/i.test(a));
  return {
    id: 'token.valid',
    status: 'fail',
    message: `The token is not valid. ${reason}`,
    remediation: [inspectInDebugger(), ...specific, generateNewToken(ctx.policy.appId)],
    ...(code === undefined ? {} : { graphError: errorKey(code, subcode) }),
  };
}
