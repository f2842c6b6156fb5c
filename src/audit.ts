// One audit, start to end, for every front: inspect the token, gather live facts, evaluate.
import { evaluate, type Inspection, notJudgedReport } from './core/evaluate.js';
import { fingerprint } from './core/fingerprint.js';
import type { LiveFacts } from './core/live.js';
import type { Policy } from './core/policy.js';
import type { Report } from './core/types.js';
import { NotJudgedError } from './errors.js';
import { type BatchItem, sendBatch } from './graph/batch.js';
import { GraphClient, type GraphClientOptions, GraphRequestError } from './graph/client.js';
import { debugTokenItem, inspectToken, readInspection } from './graph/inspect.js';
import { phoneItem, readPhone, readSubscription, subscribedAppsItem } from './graph/probes.js';
import { appAccessToken, appSecretProof } from './graph/proof.js';

export interface AuditInput {
  token: string;
  appSecret?: string;
  policy: Policy;
  graph?: Omit<GraphClientOptions, 'secrets'>;
  now?: () => Date;
}

export interface AuditOutcome {
  report: Report;
  /** HTTP requests sent, retries included. */
  requests: number;
}

export async function auditToken(input: AuditInput): Promise<AuditOutcome> {
  const now = input.now ?? (() => new Date());
  const client = new GraphClient({
    ...input.graph,
    secrets: runSecrets(input.token, input.policy.appId, input.appSecret),
  });
  const print = fingerprint(input.token);
  try {
    const { inspection, live } = await gather(client, input);
    return {
      report: evaluate({ inspection, live, fingerprint: print }, input.policy, now()),
      requests: client.requestsSent,
    };
  } catch (err) {
    if (err instanceof NotJudgedError) {
      return {
        report: notJudgedReport(err.message, now(), print, err.graphError),
        requests: client.requestsSent,
      };
    }
    if (err instanceof GraphRequestError) {
      const message = `Graph could not be asked: ${err.message}. The token was not judged.`;
      return { report: notJudgedReport(message, now(), print), requests: client.requestsSent };
    }
    throw err;
  } finally {
    await client.close();
  }
}

/**
 * debug_token and the live probes are independent, so they go out together: one batch POST, one wave. Without
 * probes, debug_token is a plain GET. Whether Graph runs debug_token inside a batch is not documented, so an
 * item it refuses for another reason than the token is asked again on its own.
 */
async function gather(
  client: GraphClient,
  input: AuditInput,
): Promise<{ inspection: Inspection; live: LiveFacts }> {
  const { policy, token, appSecret } = input;
  const byApp = Boolean(appSecret);
  const inspect = { token, appId: policy.appId, ...(appSecret ? { appSecret } : {}) };
  const probes: BatchItem[] = [
    ...policy.phoneNumberIds.map((id) => phoneItem(id, token, appSecret)),
    ...policy.wabaIds.map((id) => subscribedAppsItem(id, token, appSecret)),
  ];
  if (probes.length === 0) return { inspection: await inspectToken(client, inspect), live: {} };

  const [first, ...rest] = await sendBatch(client, [debugTokenItem(inspect), ...probes]);
  const inspection = batchedInspection(first!, byApp) ?? (await inspectToken(client, inspect));
  const phones = policy.phoneNumberIds.map((id, i) => readPhone(id, rest[i]!));
  const subscriptions = policy.wabaIds.map((id, i) =>
    readSubscription(id, rest[policy.phoneNumberIds.length + i]!),
  );
  const unknown = [...phones, ...subscriptions].find((p) => p.outcome === 'unknown');
  // Probes only matter for a token that is valid; for any other, debug_token already decided.
  if (unknown && inspection.kind === 'data' && !isInvalid(inspection.data)) {
    const what =
      'phoneNumberId' in unknown ? `phone number ${unknown.phoneNumberId}` : `WABA ${unknown.wabaId}`;
    throw new NotJudgedError(
      `Graph could not be asked about ${what} before the deadline. The token was not judged.`,
    );
  }
  return { inspection, live: { phones, subscriptions } };
}

/** The batched debug_token's meaning, or undefined when it should be asked again outside the batch. */
function batchedInspection(
  result: Parameters<typeof readInspection>[0],
  byApp: boolean,
): Inspection | undefined {
  try {
    return readInspection(result, byApp);
  } catch (err) {
    if (err instanceof NotJudgedError && !result.ok && !result.notJudged) return undefined;
    throw err;
  }
}

function isInvalid(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { is_valid?: unknown }).is_valid === false;
}

/** Every secret a run holds, in every form it may take on the wire: the redactor and the Action mask these. */
export function runSecrets(token: string, appId: string, appSecret?: string): string[] {
  const secrets = [token];
  if (appSecret) {
    const appToken = appAccessToken(appId, appSecret);
    secrets.push(appSecret, appToken, appSecretProof(appToken, appSecret), appSecretProof(token, appSecret));
  }
  return secrets;
}
