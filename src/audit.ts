// One audit, start to end, for every front: inspect the token, gather live facts, evaluate.
import { evaluate, type Inspection, notJudgedReport } from './core/evaluate.js';
import { fingerprint } from './core/fingerprint.js';
import type { LiveFacts } from './core/live.js';
import type { Policy } from './core/policy.js';
import type { Report } from './core/types.js';
import { otherWabasToSearch, readWabaPhones } from './discover/bind.js';
import {
  appSubscriptionsItem,
  PHONE_ID_FIELDS,
  phoneListRequest,
  readAppSubscriptions,
} from './discover/reads.js';
import { NotJudgedError } from './errors.js';
import { type BatchItem, type BatchResult, sendBatch } from './graph/batch.js';
import { GraphClient, type GraphClientOptions, GraphRequestError } from './graph/client.js';
import { debugTokenItem, inspectToken, readInspection } from './graph/inspect.js';
import { Listing } from './graph/paging.js';
import { phoneItem, readPhone, readSubscription, subscribedAppsItem } from './graph/probes.js';
import { appAccessToken, appSecretProof } from './graph/proof.js';

export interface AuditInput {
  token: string;
  appSecret?: string;
  /** How the front names its app-secret setting, for the message when Graph rejects the secret. */
  secretName?: string;
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

/** What one audit asks Graph, as batch items, and how to read the answers back. Fleets merge many plans. */
export interface AuditPlan {
  items: BatchItem[];
  /** Reads the items' results (same order); may ask debug_token again on its own. Throws NotJudgedError. */
  finish(results: BatchResult[], client: GraphClient): Promise<{ inspection: Inspection; live: LiveFacts }>;
}

export function planAudit(
  input: Pick<AuditInput, 'token' | 'appSecret' | 'policy' | 'secretName'>,
): AuditPlan {
  const { policy, token, appSecret, secretName } = input;
  const inspect = {
    token,
    appId: policy.appId,
    ...(appSecret ? { appSecret } : {}),
    ...(secretName ? { secretName } : {}),
  };
  // phone.waba: the expected WABAs' numbers, first page in the first wave; more pages only when Graph has them.
  const bindPhones = policy.wabaIds.length > 0 && policy.phoneNumberIds.length > 0;
  const phoneLists = bindPhones
    ? policy.wabaIds.map(
        (id) => new Listing(phoneListRequest(id, token, appSecret, { fields: PHONE_ID_FIELDS })),
      )
    : [];
  const base = 1 + policy.phoneNumberIds.length + policy.wabaIds.length;
  const items: BatchItem[] = [
    debugTokenItem(inspect),
    ...policy.phoneNumberIds.map((id) => phoneItem(id, token, appSecret)),
    ...policy.wabaIds.map((id) => subscribedAppsItem(id, token, appSecret)),
    // phone.waba and app.webhook reads come after the original items, so those keep their positions.
    ...phoneLists.map((l) => l.first()),
    ...(appSecret ? [appSubscriptionsItem(policy.appId, appSecret)] : []),
  ];
  return {
    items,
    async finish([first, ...rest], client) {
      // Whether Graph runs debug_token inside a batch is not documented: an item refused for another reason
      // than the token is asked again on its own.
      const inspection =
        batchedInspection(first!, Boolean(appSecret), secretName) ?? (await inspectToken(client, inspect));
      const phones = policy.phoneNumberIds.map((id, i) => readPhone(id, rest[i]!));
      const subscriptions = policy.wabaIds.map((id, i) =>
        readSubscription(id, rest[policy.phoneNumberIds.length + i]!),
      );
      const judgeable = inspection.kind === 'data' && !isInvalid(inspection.data);
      const appSubscriptions = appSecret
        ? readAppSubscriptions(policy.appId, rest[base - 1 + phoneLists.length]!)
        : undefined;
      const wabaPhones = bindPhones
        ? await readWabaPhones(client, {
            lists: phoneLists,
            firstPages: rest.slice(base - 1, base - 1 + phoneLists.length),
            // Paging and the search for a stray number's WABA only matter for a token worth judging.
            follow: judgeable,
            phoneNumberIds: policy.phoneNumberIds,
            others: judgeable ? otherWabasToSearch(inspection.data, policy.wabaIds) : [],
            token,
            appSecret,
          })
        : undefined;
      const unknown = [
        ...phones,
        ...subscriptions,
        ...(wabaPhones ?? []).filter((p) => p.expected),
        ...(appSubscriptions ? [appSubscriptions] : []),
      ].find((p) => p.outcome === 'unknown');
      // Probes only matter for a token that is valid; for any other, debug_token already decided.
      if (unknown && judgeable) {
        const what =
          'phoneNumberId' in unknown
            ? `phone number ${unknown.phoneNumberId}`
            : 'wabaId' in unknown
              ? `WABA ${unknown.wabaId}`
              : `the webhook subscriptions of app ${unknown.appId}`;
        throw new NotJudgedError(
          `Graph could not be asked about ${what} before the deadline. The token was not judged.`,
        );
      }
      return {
        inspection,
        live: {
          ...(policy.phoneNumberIds.length + policy.wabaIds.length > 0 ? { phones, subscriptions } : {}),
          ...(wabaPhones ? { wabaPhones } : {}),
          ...(appSubscriptions ? { appSubscriptions } : {}),
        },
      };
    },
  };
}

/**
 * debug_token and the live probes are independent, so they go out together: one batch POST, one wave. A lone
 * debug_token is a plain GET (the documented path).
 */
async function gather(
  client: GraphClient,
  input: AuditInput,
): Promise<{ inspection: Inspection; live: LiveFacts }> {
  const plan = planAudit(input);
  if (plan.items.length === 1) {
    const inspect = {
      token: input.token,
      appId: input.policy.appId,
      ...(input.appSecret ? { appSecret: input.appSecret } : {}),
      ...(input.secretName ? { secretName: input.secretName } : {}),
    };
    return { inspection: await inspectToken(client, inspect), live: {} };
  }
  return plan.finish(await sendBatch(client, plan.items), client);
}

/** The batched debug_token's meaning, or undefined when it should be asked again outside the batch. */
export function batchedInspection(
  result: Parameters<typeof readInspection>[0],
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
