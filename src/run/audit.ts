// One audit, start to end: plan the requests, send them (one batch POST, or a plain GET for a lone debug_token),
// read the answers, evaluate. judged() is the one mapping from a run's failure to a "not judged" report, for
// the single audit and every fleet entry.
import { evaluate, notJudgedReport } from '../core/evaluate.js';
import { NotJudgedError } from '../core/errors.js';
import { fingerprint } from '../core/fingerprint.js';
import type { Policy } from '../core/policy.js';
import { keyName, type SettingNamer } from '../core/settings.js';
import type { Report } from '../core/types.js';
import { sendBatch } from '../graph/batch.js';
import { GraphClient, type GraphClientOptions, GraphRequestError } from '../graph/client.js';
import { inspectToken } from '../graph/inspect.js';
import { runSecrets } from '../graph/proof.js';
import { scrub } from '../graph/redact.js';
import { planAudit } from './plan.js';
import { answersOf, readAudit } from './reader.js';

export interface AuditInput {
  token: string;
  appSecret?: string;
  /** How the front names its settings (findings and usage errors say which setting to change). */
  settingName?: SettingNamer;
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
    ...(input.settingName ? { settingName: input.settingName } : {}),
  });
  const name = input.settingName ?? keyName;
  try {
    const report = await judged(input.token, input.policy, now, name, async () => {
      const plan = planAudit({
        ...input,
        version: client.version,
        ...(input.settingName ? { secretName: name('appSecret') } : {}),
      });
      // debug_token and the live probes are independent, so they go out together: one batch POST, one wave. A
      // lone debug_token is a plain GET (the documented path).
      if (plan.items.length === 1) return { inspection: await inspectToken(client, plan.inspect), live: {} };
      const results = await sendBatch(
        client,
        plan.items.map((p) => p.item),
      );
      return readAudit(plan, answersOf(plan, results), client);
    });
    // Defence in depth, as for each fleet entry: whatever the report carries, the run's secrets never leave in it.
    return { report: scrub(report, runSecrets(input.token, input.policy.appId, input.appSecret)), requests: client.requestsSent };
  } finally {
    await client.close();
  }
}

/**
 * The report of one audit whose evidence `read` gathers: evaluated, or "not judged" when Graph could not be
 * asked (NotJudgedError, or a permanent request failure). Anything else (a UsageError) is the caller's.
 */
export async function judged(
  token: string,
  policy: Policy,
  now: () => Date,
  name: SettingNamer,
  read: () => ReturnType<typeof readAudit>,
): Promise<Report> {
  const print = fingerprint(token);
  try {
    const { inspection, live } = await read();
    return evaluate({ inspection, live, fingerprint: print }, policy, now(), name);
  } catch (err) {
    const why = notJudgedBy(err, 'The token was not judged.');
    if (why) return notJudgedReport(why.message, now(), print, why.graphError);
    throw err;
  }
}

/**
 * Why a run could not judge, when `err` says Graph could not be asked: the deadline passed (NotJudgedError) or a
 * request failed for good (GraphRequestError). `consequence` ends the message of the latter.
 */
export function notJudgedBy(
  err: unknown,
  consequence: string,
): { message: string; graphError?: string } | undefined {
  if (err instanceof NotJudgedError)
    return { message: err.message, ...(err.graphError ? { graphError: err.graphError } : {}) };
  if (err instanceof GraphRequestError)
    return { message: `Graph could not be asked: ${err.message}. ${consequence}` };
  return undefined;
}
