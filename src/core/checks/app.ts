import { generateNewToken, inspectInDebugger } from '../remediation.js';
import type { Check, TokenData } from '../types.js';
import { type CheckContext, type CheckDefinition, oneSlot } from './context.js';

/** `app.id`: the token belongs to the expected Meta app. IDs compare as strings. */
function appId(data: TokenData, ctx: CheckContext): Check {
  const expected = ctx.policy.appId;
  if (data.appId === undefined) {
    return {
      id: 'app.id',
      status: 'fail',
      message: `Graph did not say which app the token belongs to; expected app ${expected}.`,
      remediation: [inspectInDebugger()],
    };
  }
  if (data.appId === expected) {
    return { id: 'app.id', status: 'pass', message: `The token belongs to app ${expected}${named(data)}.` };
  }
  return appMismatch(ctx, data.appId, data.application);
}

/** Shared by both shapes of "another app's token": another app_id in the data, or Graph's refusal. */
export function appMismatch(ctx: CheckContext, found?: string, application?: string): Check {
  const expected = ctx.policy.appId;
  const foundText = found ? `app ${found}${application ? ` (${application})` : ''}` : 'another app';
  return {
    id: 'app.id',
    status: 'fail',
    message: `The token belongs to ${foundText}, not to the expected app ${expected}.`,
    remediation: [
      inspectInDebugger(),
      `Check that ${ctx.name('appId')} ${expected} is the app your integration calls with; the token was made for ${foundText}.`,
      generateNewToken(expected),
    ],
    details: { expected, found: found ?? null },
  };
}

function named(data: TokenData): string {
  return data.application ? ` (${data.application})` : '';
}

export const APP_ID: CheckDefinition = { id: 'app.id', slots: () => oneSlot('app.id'), judge: appId };
