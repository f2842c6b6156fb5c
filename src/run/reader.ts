// What the answers to an audit plan mean: the token's inspection and the live facts the core judges. Shared by
// the single audit, the fleet (which finishes each entry as soon as its own answers are in) and discovery (its
// first wave is an audit plan without expectations).
import type { Inspection } from '../core/types.js';
import { NotJudgedError } from '../core/errors.js';
import type { LiveFacts } from '../core/live.js';
import type { BatchResult } from '../graph/batch.js';
import type { GraphClient } from '../graph/client.js';
import { batchedInspection, inspectToken } from '../graph/inspect.js';
import { settleReads } from '../graph/fields.js';
import { readAppSubscriptions, readPhone, readSubscription, readWabaProbe } from '../graph/reads.js';
import {
  readTemplateListings,
  TEMPLATE_OTHER_PAGES,
  TEMPLATE_OTHER_WABAS,
  templateListing,
} from '../graph/templates.js';
import { otherWabasToSearch, readWabaPhones } from '../graph/waba-phones.js';
import type { TemplatesProbe } from '../core/live.js';
import type { AuditPlan, ItemName } from './plan.js';

/** The answer to each planned request, by name. */
export type Answers = (name: ItemName) => BatchResult;

/** Pairs a plan's items with their results (same order, as sendBatch returns them). */
export function answersOf(plan: AuditPlan, results: readonly (BatchResult | undefined)[]): Answers {
  const byName = new Map(plan.items.map((p, i) => [p.name, results[i]]));
  return (name) => {
    const r = byName.get(name);
    if (!r) throw new Error(`no answer for ${name}`);
    return r;
  };
}

/**
 * debug_token's meaning. Whether Graph runs debug_token inside a batch is not documented: an item refused for
 * another reason than the token is asked again on its own (`askedAgain`).
 */
export async function readInspectionOf(
  plan: AuditPlan,
  answers: Answers,
  client: GraphClient,
): Promise<{ inspection: Inspection; askedAgain: boolean }> {
  const { inspect } = plan;
  const batched = batchedInspection(answers('debug_token'), Boolean(inspect.appSecret), inspect.secretName);
  if (batched) return { inspection: batched, askedAgain: false };
  return { inspection: await inspectToken(client, inspect), askedAgain: true };
}

/** A token worth asking more about: debug_token answered with data that does not say it is invalid. */
function isJudgeable(inspection: Inspection): inspection is { kind: 'data'; data: unknown } {
  if (inspection.kind !== 'data') return false;
  const d = inspection.data;
  return !(typeof d === 'object' && d !== null && (d as { is_valid?: unknown }).is_valid === false);
}

/** The live facts behind the core's checks, from the plan's answers (phone.waba may read further pages). */
export async function readLiveFacts(
  plan: AuditPlan,
  answers: Answers,
  client: GraphClient,
  inspection: Inspection,
): Promise<LiveFacts> {
  const { policy, token, appSecret } = plan.input;
  const judgeable = isJudgeable(inspection);
  // A field Graph refused after all ("Tried accessing nonexisting field") is asked again without it: only then
  // is there another request, and only for a token worth judging.
  const firstNodes = plan.nodeReads.map((n) => answers(n.name));
  const settled = judgeable
    ? await settleReads(
        client,
        plan.nodeReads.map((n) => n.read),
        firstNodes,
      )
    : firstNodes.map((result) => ({ result, unread: [] }));
  const node = new Map(plan.nodeReads.map((n, i) => [n.name, settled[i]!]));
  const phones = policy.phoneNumberIds.map((id) => {
    const s = node.get(`phone:${id}`)!;
    return readPhone(id, s.result, s.unread);
  });
  const wabaNodes = policy.wabaIds.map((id) => {
    const s = node.get(`waba:${id}`)!;
    return readWabaProbe(id, s.result, s.unread);
  });
  const subscriptions = policy.wabaIds.map((id) => readSubscription(id, answers(`subscribed_apps:${id}`)));
  const appSubscriptions = appSecret
    ? readAppSubscriptions(policy.appId, answers('app_subscriptions'))
    : undefined;
  const wabaPhones =
    plan.phoneLists.length > 0
      ? await readWabaPhones(client, {
          lists: plan.phoneLists.map((l) => l.listing),
          firstPages: plan.phoneLists.map((l) => answers(`phone_numbers:${l.wabaId}`)),
          // Paging and the search for a stray number's WABA only matter for a token worth judging.
          follow: judgeable,
          phoneNumberIds: policy.phoneNumberIds,
          others: judgeable ? otherWabasToSearch(inspection.data, policy.wabaIds) : [],
          token,
          appSecret,
        })
      : undefined;
  const templates = await readTemplates(plan, answers, client, inspection);
  return {
    ...(policy.phoneNumberIds.length + policy.wabaIds.length > 0 ? { phones, subscriptions } : {}),
    ...(policy.wabaIds.length > 0 ? { wabaNodes } : {}),
    ...(wabaPhones ? { wabaPhones } : {}),
    ...(appSubscriptions ? { appSubscriptions } : {}),
    ...templates,
  };
}

/**
 * template.NAME: the expected WABAs' listings (first pages came in the first wave), or, without an expected WABA,
 * the WABA that owns each expected number (searched among the WABAs the token's grants name, like phone.waba's
 * stray search), then its listings. A name found in no expected WABA is looked for in the other WABAs the token
 * reaches, so the report can say where it was created.
 */
async function readTemplates(
  plan: AuditPlan,
  answers: Answers,
  client: GraphClient,
  inspection: Inspection,
): Promise<Pick<LiveFacts, 'templates' | 'templateWabas'>> {
  const { policy, token, appSecret } = plan.input;
  const wanted = policy.templates ?? [];
  if (wanted.length === 0) return {};
  const judgeable = isJudgeable(inspection);
  let lists = plan.templateLists;
  let firstPages: (BatchResult | undefined)[] = lists.map((l) => answers(`templates:${l.wabaId}:${l.name}`));
  let templateWabas: LiveFacts['templateWabas'];
  if (policy.wabaIds.length === 0) {
    if (!judgeable) return {};
    const found = await readWabaPhones(client, {
      lists: [],
      firstPages: [],
      follow: true,
      phoneNumberIds: policy.phoneNumberIds,
      others: otherWabasToSearch(inspection.data, []),
      token,
      appSecret,
    });
    templateWabas = policy.phoneNumberIds.map((id) => {
      const owner = found.find((p) => p.phones?.some((n) => String(n.id) === String(id)));
      return { phoneNumberId: id, ...(owner ? { wabaId: owner.wabaId } : {}) };
    });
    const wabas = [...new Set(templateWabas.flatMap((w) => (w.wabaId ? [w.wabaId] : [])))];
    lists = wabas.flatMap((w) => wanted.map((t) => templateListing(w, t.name, true, token, appSecret)));
    firstPages = lists.map(() => undefined);
  }
  const probes: TemplatesProbe[] = await readTemplateListings(client, lists, firstPages, judgeable);
  if (judgeable) {
    const asked = [...new Set(lists.map((l) => l.wabaId))];
    const missing = wanted.filter((t) => {
      const mine = probes.filter((p) => p.name === t.name);
      return mine.length > 0 && mine.every((p) => p.outcome === 'ok' && (p.templates ?? []).length === 0);
    });
    const others = otherWabasToSearch(inspection.data, asked).slice(0, TEMPLATE_OTHER_WABAS);
    if (missing.length > 0 && others.length > 0) {
      const search = others.flatMap((w) =>
        missing.map((t) => templateListing(w, t.name, false, token, appSecret, TEMPLATE_OTHER_PAGES)),
      );
      probes.push(...(await readTemplateListings(client, search, search.map(() => undefined))));
    }
  }
  return { templates: probes, ...(templateWabas ? { templateWabas } : {}) };
}

/**
 * The evidence for the core. A probe Graph could not be asked about makes the audit "not judged" (NotJudgedError)
 * when the token is valid; for any other token debug_token already decided.
 */
export async function readAudit(
  plan: AuditPlan,
  answers: Answers,
  client: GraphClient,
): Promise<{ inspection: Inspection; live: LiveFacts }> {
  const { inspection } = await readInspectionOf(plan, answers, client);
  const live = await readLiveFacts(plan, answers, client, inspection);
  const unknown = [
    ...(live.phones ?? []),
    ...(live.subscriptions ?? []),
    ...(live.wabaNodes ?? []),
    ...(live.wabaPhones ?? []).filter((p) => p.expected),
    ...(live.appSubscriptions ? [live.appSubscriptions] : []),
    ...(live.templates ?? []).filter((p) => p.expected),
  ].find((p) => p.outcome === 'unknown');
  if (unknown && isJudgeable(inspection)) {
    const what =
      'phoneNumberId' in unknown
        ? `phone number ${unknown.phoneNumberId}`
        : 'name' in unknown
          ? `template ${unknown.name} of WABA ${unknown.wabaId}`
          : 'wabaId' in unknown
          ? `WABA ${unknown.wabaId}`
          : `the webhook subscriptions of app ${unknown.appId}`;
    throw new NotJudgedError(
      `Graph could not be asked about ${what} before the deadline. The token was not judged.`,
    );
  }
  return { inspection, live };
}
