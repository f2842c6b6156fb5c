import { generateNewToken } from '../remediation.js';
import type { Check, TokenData } from '../types.js';
import { type CheckContext, type CheckDefinition, oneSlot } from './context.js';

/** debug_token `type` in words. Other values are reported as Graph spelled them. */
const KIND_WORDS: Record<string, string> = {
  SYSTEM_USER: 'a System User token',
  USER: 'a user token',
  PAGE: 'a Page token',
  APP: 'an app token',
};

/** A kind Graph documents for debug_token `type`. */
export function isKnownKind(type: string): boolean {
  return Object.hasOwn(KIND_WORDS, type.trim());
}

/**
 * `token.type`: the kind of token.
 * - policy.requireType set: the same kind passes, another known kind fails, a missing or unknown kind warns
 *   (cannot tell; Graph's spelling for business tokens from Embedded Signup is not confirmed).
 * - otherwise SYSTEM_USER passes; USER, PAGE and APP warn; a missing or unknown kind is skipped with the reason.
 */
export function tokenKind(data: TokenData, ctx: CheckContext): Check {
  const required = ctx.policy.requireType;
  const type = data.type?.trim() ?? '';
  const words = KIND_WORDS[type];
  const details = { type: data.type ?? null, ...(required ? { required } : {}) };
  const requiredWords = required ? (KIND_WORDS[required] ?? required) : undefined;

  if (!words) {
    const what = type
      ? `Graph reported a token kind this tool does not know (${type})`
      : 'Graph did not say what kind of token this is';
    if (required) {
      return {
        id: 'token.type',
        status: 'warn',
        message: `${what}, so it cannot tell whether it is ${requiredWords} as required (${ctx.name('requireType')}).`,
        remediation: ['Check the token type in the Access Token Debugger.'],
        details,
      };
    }
    return { id: 'token.type', status: 'skip', message: `Not checked: ${what}.`, details };
  }

  if (required) {
    if (type === required) {
      return { id: 'token.type', status: 'pass', message: `The token is ${words}, as required.`, details };
    }
    return {
      id: 'token.type',
      status: 'fail',
      message: `The token is ${words}, but ${requiredWords} is required (${ctx.name('requireType')}).`,
      remediation: [generateNewToken(ctx.policy.appId)],
      details,
    };
  }

  switch (type) {
    case 'SYSTEM_USER':
      return {
        id: 'token.type',
        status: 'pass',
        message: `The token is ${words}, the kind meant for production.`,
        details,
      };
    case 'USER':
      return {
        id: 'token.type',
        status: 'warn',
        message:
          'The token is a user token. Tokens from the App Dashboard (WhatsApp > API Setup) last about a day; ' +
          'production needs a System User token. (A business token from Embedded Signup may also show as a user token.)',
        remediation: [generateNewToken(ctx.policy.appId)],
        details,
      };
    default:
      return {
        id: 'token.type',
        status: 'warn',
        message: `The token is ${words}; the WhatsApp Cloud API expects a System User token (or a business token for Tech Providers).`,
        remediation: [generateNewToken(ctx.policy.appId)],
        details,
      };
  }
}

export const TOKEN_TYPE: CheckDefinition = {
  id: 'token.type',
  slots: () => oneSlot('token.type'),
  judge: tokenKind,
};
