// debug_token and what its answers mean. See shared/reference/graph-api.md, "Read this first".

import { errorKey } from '../core/error-catalog.js';
import type { Inspection } from '../core/evaluate.js';
import { isObject } from '../core/normalize.js';
import { NotJudgedError, UsageError } from '../errors.js';
import { type GraphClient, GraphRequestError } from './client.js';
import { appAccessToken } from './proof.js';

export interface InspectInput {
  token: string;
  appId: string;
  /** With a secret the app token `APP_ID|SECRET` inspects; without, the token inspects itself. */
  appSecret?: string;
}

const APP_MISMATCH = /app_?id in the input_token did not match the viewing app/i;
const PROOF_REQUIRED = /appsecret_proof/i;

export async function inspectToken(client: GraphClient, input: InspectInput): Promise<Inspection> {
  const inspector = input.appSecret ? appAccessToken(input.appId, input.appSecret) : input.token;
  try {
    const res = await client.send({
      path: 'debug_token',
      query: { input_token: input.token },
      token: inspector,
      ...(input.appSecret ? { appSecret: input.appSecret } : {}),
    });
    const body = res.body;
    return { kind: 'data', data: isObject(body) ? body.data : undefined };
  } catch (err) {
    if (!(err instanceof GraphRequestError) || !err.graphError) throw err;
    return refusal(err, err.graphError, Boolean(input.appSecret));
  }
}

/** A top-level error is about the inspecting token or the request, not (directly) about the audited token. */
function refusal(
  err: GraphRequestError,
  e: NonNullable<GraphRequestError['graphError']>,
  byApp: boolean,
): Inspection {
  if (APP_MISMATCH.test(e.message)) return { kind: 'app-mismatch', message: e.message };
  if (byApp) {
    if (e.code === 190 || e.code === 101 || (e.code === 100 && PROOF_REQUIRED.test(e.message))) {
      throw new UsageError(
        `Graph rejected the app access token built from --app-id and the app secret (WHATSAPP_APP_SECRET): ${err.message}. Check both values.`,
      );
    }
  } else {
    if (e.code === 190 || e.code === 102)
      return { kind: 'token-invalid', code: e.code, subcode: e.subcode, message: e.message };
    if (e.code === 100 && PROOF_REQUIRED.test(e.message)) {
      throw new UsageError(
        'This app requires appsecret_proof ("Require App Secret" is on): set WHATSAPP_APP_SECRET to audit its tokens.',
      );
    }
  }
  throw new NotJudgedError(
    `debug_token was refused: ${err.message}. The token was not judged.`,
    errorKey(e.code, e.subcode),
  );
}
