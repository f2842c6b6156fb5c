// Which fields to ask a node for, by Graph API version, and what to do when Graph still refuses one.
//
// One field a node does not know fails the whole read: "(#100) Tried accessing nonexisting field (x) on node
// type (WhatsAppBusinessPhoneNumber)". So the audit asks only for fields the configured --graph-version has
// (Meta's messaging-limits guide: `whatsapp_business_manager_messaging_limit` from v24.0, `messaging_limit_tier`
// before — https://developers.facebook.com/documentation/business-messaging/whatsapp/messaging-limits), and when
// Graph refuses an optional field anyway, it asks again without it; the check that needed the field is then
// skipped with the reason, never failed.
import type { UnreadField } from '../core/live.js';
import { type BatchItem, type BatchResult, sendBatch } from './batch.js';
import type { GraphClient } from './client.js';

/** The major number of a version string (`v24.0` -> 24); unparseable -> Infinity (assume the newest). */
export function graphMajor(version: string): number {
  const m = /^v(\d+)(?:\.\d+)?$/.exec(version.trim());
  return m ? Number(m[1]) : Number.POSITIVE_INFINITY;
}

export const LIMIT_FIELD_V24 = 'whatsapp_business_manager_messaging_limit';
export const LIMIT_FIELD_OLD = 'messaging_limit_tier';

/** The messaging-limit field the version has. */
export function messagingLimitField(version: string): string {
  return graphMajor(version) >= 24 ? LIMIT_FIELD_V24 : LIMIT_FIELD_OLD;
}

/** The name a check knows a field by (both limit fields feed phone.messaging-limit). */
export function fieldTopic(field: string): string {
  return field === LIMIT_FIELD_V24 || field === LIMIT_FIELD_OLD ? 'messaging_limit' : field;
}

/** The field Graph said it does not know, from a refused read; undefined for any other refusal. */
export function refusedField(r: BatchResult): string | undefined {
  if (r.ok || r.notJudged || r.failure.kind !== 'graph' || r.failure.error.code !== 100) return undefined;
  const m = /nonexisting field \(([a-z0-9_]+)\)/i.exec(r.failure.error.message);
  return m?.[1];
}

/** A node read: the fields asked for, and which of them may be dropped when Graph refuses them. */
export interface NodeRead {
  id: string;
  fields: readonly string[];
  optional: readonly string[];
  token: string;
  appSecret?: string;
}

export function nodeItem(read: Pick<NodeRead, 'id' | 'token' | 'appSecret'>, fields: readonly string[]): BatchItem {
  return {
    path: `${read.id}?fields=${fields.join(',')}`,
    token: read.token,
    ...(read.appSecret ? { appSecret: read.appSecret } : {}),
  };
}

export interface SettledRead {
  result: BatchResult;
  /** Optional fields left out because Graph refused them, with the reason for the skipped check. */
  unread: UnreadField[];
}

/**
 * For each read whose first answer was a refusal of one optional field, asks again without it (all such reads
 * together in one batch per round), until each answers or refuses something else. Reads Graph answered, or
 * refused for another reason, are returned as they were: no extra request in the normal case.
 */
export async function settleReads(
  client: GraphClient,
  reads: NodeRead[],
  first: BatchResult[],
): Promise<SettledRead[]> {
  const out: SettledRead[] = first.map((result) => ({ result, unread: [] }));
  const fields = reads.map((r) => [...r.fields]);
  for (let round = 0; round <= Math.max(0, ...reads.map((r) => r.optional.length)); round++) {
    const again: number[] = [];
    out.forEach((s, i) => {
      const field = refusedField(s.result);
      if (!field || !reads[i]!.optional.includes(field) || !fields[i]!.includes(field)) return;
      fields[i] = fields[i]!.filter((f) => f !== field);
      s.unread.push({
        field: fieldTopic(field),
        reason:
          `Graph ${client.version} refused the ${field} field ("Tried accessing nonexisting field"), so the node ` +
          'was read again without it.',
      });
      again.push(i);
    });
    if (again.length === 0) break;
    const results = await sendBatch(
      client,
      again.map((i) => nodeItem(reads[i]!, fields[i]!)),
    );
    again.forEach((i, k) => {
      out[i]!.result = results[k]!;
    });
  }
  return out;
}
