import { describeGraphError, errorKey, lookupError, TOKEN_PROBLEM_STEPS } from '../error-catalog.js';
import { reasonFromText, redactTokenLike } from '../graph-message.js';
import { generateNewToken, inspectInDebugger } from '../remediation.js';
import type { Check, TokenData } from '../types.js';
import { type CheckContext, type CheckDefinition, oneSlot } from './context.js';

/** `token.valid`: is_valid, and when false the reason Graph gives in data.error, in plain words. */
export function tokenValid(data: TokenData, ctx: CheckContext): Check {
  if (data.isValid === true) return { id: 'token.valid', status: 'pass', message: 'The token is valid.' };
  const { code, subcode } = reading(data.error);
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

/**
 * The error to judge by: Graph's code and subcode, or, when a 190/102 comes without a subcode (most real ones
 * do), the subcode its message stands for, if the text says.
 */
function reading(error: TokenData['error']): { code?: number; subcode?: number; fromText?: string } {
  const { code, subcode, message } = error ?? {};
  if (code === undefined || subcode !== undefined || (code !== 190 && code !== 102)) return { code, subcode };
  const text = reasonFromText(message);
  return text ? { code, subcode: text.subcode, fromText: text.reason } : { code };
}

/**
 * Why a token is not valid, in plain words, with the Graph error it came from and Graph's own message (token
 * material redacted, flattened to one line): one wording for every front.
 */
export function invalidToken(data: Pick<TokenData, 'error'>): {
  message: string;
  graphError?: string;
  details?: Record<string, unknown>;
} {
  const { code, subcode, fromText } = reading(data.error);
  if (code === undefined) return { message: 'The token is not valid. Graph gave no reason.' };
  const said = { code, subcode, message: data.error?.message };
  const reason =
    fromText && subcode === undefined
      ? `${fromText} ${describeGraphError(said, redactTokenLike)}`
      : describeGraphError(said, redactTokenLike);
  return {
    message: `The token is not valid. ${reason}`,
    graphError: errorKey(code, subcode),
    ...(fromText ? { details: { reasonFrom: "Graph's message (no subcode given)" } } : {}),
  };
}

export const TOKEN_VALID: CheckDefinition = {
  id: 'token.valid',
  slots: () => oneSlot('token.valid'),
  judge: tokenValid,
};
