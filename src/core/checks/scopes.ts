import { generateNewToken, inspectInDebugger } from '../remediation.js';
import type { Check, TokenData } from '../types.js';
import { type CheckContext, type CheckDefinition } from './context.js';

/** `scope.<name>`: one check per required permission. */
function requiredScopes(data: TokenData, ctx: CheckContext): Check[] {
  return ctx.policy.scopes.map((scope) => {
    const id = `scope.${scope}`;
    if (data.scopes.includes(scope)) return { id, status: 'pass', message: `${scope} is granted.` };
    return {
      id,
      status: 'fail',
      message: `${scope} is not granted to this token.`,
      remediation: [inspectInDebugger(), generateNewToken(ctx.policy.appId, ctx.policy.scopes)],
    };
  });
}

export const REQUIRED_SCOPES: CheckDefinition = {
  id: 'scope.<name>',
  slots: (ctx) => ctx.policy.scopes.map((s) => ({ id: `scope.${s}` })),
  judge: requiredScopes,
};
