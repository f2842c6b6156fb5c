import { describeGraphError, errorKey, lookupError, TOKEN_PROBLEM_STEPS } from '../error-catalog.js';
import { generateNewToken, inspectInDebugger } from '../remediation.js';
import type { Check, TokenData } from '../types.js';
import { type CheckContext, type CheckDefinition, oneSlot } from './context.js';

/** `token.valid`: is_valid, and when false the reason Graph gives in data.error, in plain words. */
export function tokenValid(data: TokenData, ctx: CheckContext): Check {
  if (data.isValid === true) return { id: 'token.valid', status: 'pass', message: 'The token is valid.' };
  const { code, subcode } = data.error ?? {};
  const entry = code === undefined ? undefined : lookupError(code, subcode);
  // The catalog's generic token steps (and its own "generate a new token") give way to ours, which name the app.
  const specific = (entry?.actions ?? []).filter((a) => !TOKEN_PROBLEM_STEPS.includes(a) && !/^Generate a new token/i.test(a));
  return {
    id: 'token.valid',
    status: 'fail',
    ...invalidToken(data),
    remediation: [inspectInDebugger(), ...specific, generateNewToken(ctx.policy.appId)],
  };
}

/** Why a token is not valid, in plain words, with the Graph error it came from: one wording for every front. */
export function invalidToken(data: Pick<TokenData, 'error'>): { message: string; graphError?: string } {
  const { code, subcode } = data.error ?? {};
  const reason = code === undefined ? 'Graph gave no reason.' : describeGraphError({ code, subcode });
  return {
    message: `The token is not valid. ${reason}`,
    ...(code === undefined ? {} : { graphError: errorKey(code, subcode) }),
  };
}

export const TOKEN_VALID: CheckDefinition = {
  id: 'token.valid',
  slots: () => oneSlot('token.valid'),
  judge: tokenValid,
};
