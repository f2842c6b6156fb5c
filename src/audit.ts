// One audit, start to end, for every front: inspect the token, gather live facts, evaluate.
import { evaluate, notJudgedReport } from './core/evaluate.js';
import { fingerprint } from './core/fingerprint.js';
import type { Policy } from './core/policy.js';
import type { Report } from './core/types.js';
import { NotJudgedError } from './errors.js';
import { GraphClient, type GraphClientOptions, GraphRequestError } from './graph/client.js';
import { inspectToken } from './graph/inspect.js';
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
    const inspection = await inspectToken(client, {
      token: input.token,
      appId: input.policy.appId,
      appSecret: input.appSecret,
    });
    return {
      report: evaluate({ inspection, fingerprint: print }, input.policy, now()),
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

/** Every secret a run holds, in every form it may take on the wire: the redactor and the Action mask these. */
export function runSecrets(token: string, appId: string, appSecret?: string): string[] {
  const secrets = [token];
  if (appSecret) {
    const appToken = appAccessToken(appId, appSecret);
    secrets.push(appSecret, appToken, appSecretProof(appToken, appSecret), appSecretProof(token, appSecret));
  }
  return secrets;
}
