// debug_token and what its answers mean: 200 with `data` (which may say the token is dead, also when it inspects
// itself), or a top-level refusal about the inspector or the request (Graph's debug_token reference; answers
// captured from real Graph are in test/fixtures/real/debug-token/).

import { errorKey } from '../core/error-catalog.js';
import type { Inspection } from '../core/types.js';
import { isObject } from '../core/normalize.js';
import { MUST_PROVIDE_INSPECTOR, mustProvideFix, tokenRefusal } from '../core/refusal.js';
import { NotJudgedError, UsageError } from '../core/errors.js';
import type { BatchItem, BatchResult } from './batch.js';
import { type GraphClient, GraphRequestError } from './client.js';
import { describeFailure } from './errors.js';
import { appAccessToken } from './proof.js';

export interface InspectInput {
  token: string;
  appId: string;
  /** With a secret the app token `APP_ID|SECRET` inspects; without, the token inspects itself. */
  appSecret?: string;
  /** How the front names its app-secret setting in messages (`$WHATSAPP_APP_SECRET`, `input 'app-secret'`). */
  secretName?: string;
}

const PROOF_REQUIRED = /appsecret_proof/i;

/** The request, as a batch item: the inspector's credentials travel in the item's body. */
export function debugTokenItem(input: InspectInput): BatchItem {
  return {
    path: `debug_token?${new URLSearchParams({ input_token: input.token })}`,
    token: input.appSecret ? appAccessToken(input.appId, input.appSecret) : input.token,
    ...(input.appSecret ? { appSecret: input.appSecret } : {}),
  };
}

/** debug_token as one plain GET (the inspecting token as a bearer header). */
export async function inspectToken(client: GraphClient, input: InspectInput): Promise<Inspection> {
  const item = debugTokenItem(input);
  try {
    const res = await client.send({
      path: 'debug_token',
      query: { input_token: input.token },
      token: item.token,
      ...(item.appSecret ? { appSecret: item.appSecret } : {}),
    });
    return readInspection(
      { ok: true, status: res.status, body: res.body },
      Boolean(input.appSecret),
      input.secretName,
    );
  } catch (err) {
    if (!(err instanceof GraphRequestError)) throw err;
    return readInspection({ ok: false, failure: err.failure }, Boolean(input.appSecret), input.secretName);
  }
}

/**
 * What a debug_token outcome says about the audited token. Throws UsageError when the user's own settings are
 * wrong (the app secret), NotJudgedError when Graph could not be asked.
 */
function readInspection(
  result: BatchResult,
  byApp: boolean,
  secretName = 'the app secret',
): Inspection {
  if (result.ok) return { kind: 'data', data: isObject(result.body) ? result.body.data : undefined };
  if (result.notJudged)
    throw new NotJudgedError(`debug_token: ${result.notJudged.replace(/\.+$/, '')}. The token was not judged.`);
  const { failure } = result;
  if (failure.kind !== 'graph') {
    throw new NotJudgedError(
      `Graph could not be asked: ${describeFailure(failure)}. The token was not judged.`,
    );
  }
  const e = failure.error;
  const verdict = tokenRefusal(e, byApp);
  if (verdict) return verdict;
  // Otherwise the error is about the inspecting token or the request: the user's settings, or not judged.
  if (e.code === 100 && MUST_PROVIDE_INSPECTOR.test(e.message)) {
    throw new UsageError(
      byApp
        ? `Graph did not accept the app access token built from the app ID and the app secret (${secretName}) as inspector: ${describeFailure(failure)}. Check both values.`
        : `Graph will not let the token inspect itself: ${describeFailure(failure)}. To audit it, ${mustProvideFix(secretName)}.`,
    );
  }
  if (byApp) {
    if (e.code === 190 || e.code === 101 || (e.code === 100 && PROOF_REQUIRED.test(e.message))) {
      throw new UsageError(
        `Graph rejected the app access token built from the app ID and the app secret (${secretName}): ${describeFailure(failure)}. Check both values.`,
      );
    }
  } else {
    if (e.code === 100 && PROOF_REQUIRED.test(e.message)) {
      throw new UsageError(
        `This app requires appsecret_proof ("Require App Secret" is on): provide the app secret (${secretName}) to audit its tokens.`,
      );
    }
  }
  throw new NotJudgedError(
    `debug_token was refused: ${describeFailure(failure)}. The token was not judged.`,
    errorKey(e.code, e.subcode),
  );
}

/** The batched debug_token's meaning, or undefined when it should be asked again outside the batch. */
export function batchedInspection(
  result: BatchResult,
  byApp: boolean,
  secretName?: string,
): Inspection | undefined {
  try {
    return readInspection(result, byApp, secretName);
  } catch (err) {
    // Also when the whole batch POST was refused for good (e.g. Graph rejecting the top-level app token): asked
    // alone, debug_token says precisely what is wrong (a wrong app secret is the user's input error).
    if (
      err instanceof NotJudgedError &&
      !result.ok &&
      (!result.notJudged || (result.failure.kind === 'graph' && result.failure.retry === 'never'))
    )
      return undefined;
    throw err;
  }
}
