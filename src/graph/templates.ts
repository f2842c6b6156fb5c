// Reads for template.NAME: `GET /{waba-id}/message_templates?name=NAME&fields=…`, one listing per (WABA, name).
// The first page of each rides in the audit's first batch wave; further pages are asked by cursor only (never by
// `paging.next`, which repeats the access token), up to a cap. Fields and filters follow Meta's Graph reference
// "WhatsApp Business Account > message_templates"
// (https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account/message_templates) and
// the MessageTemplate schema of Meta's OpenAPI description (facebook/openapi business-messaging-api_v23.0.yaml):
// `name`, `language`, `status`, `category`, `quality_score {score}`, `rejected_reason`. Graph's `name` filter is
// not documented as exact, so only entries whose name equals the asked one are kept.
import type { TemplateNode, TemplatesProbe } from '../core/live.js';
import { isObject } from '../core/normalize.js';
import type { BatchResult } from './batch.js';
import type { GraphClient } from './client.js';
import { followListings, Listing, type ListRequest } from './paging.js';
import { idOf, refusal, str } from './reads.js';

export const TEMPLATE_FIELDS = ['id', 'name', 'language', 'status', 'category', 'quality_score', 'rejected_reason'] as const;

/** Pages read per (WABA, name): a name has one entry per language, so a few pages of 100 are plenty. */
export const TEMPLATE_MAX_PAGES = 5;
/** Other WABAs searched for a name found in none of the expected ones, each for at most this many pages. */
export const TEMPLATE_OTHER_WABAS = 10;
export const TEMPLATE_OTHER_PAGES = 2;

export function templatesRequest(
  wabaId: string,
  name: string,
  token: string,
  appSecret: string | undefined,
  maxPages = TEMPLATE_MAX_PAGES,
): ListRequest {
  return {
    path: `${wabaId}/message_templates`,
    query: { name, fields: TEMPLATE_FIELDS.join(',') },
    token,
    ...(appSecret ? { appSecret } : {}),
    maxPages,
  };
}

/** One template entry; undefined without a name. */
export function readTemplateNode(v: unknown): TemplateNode | undefined {
  if (!isObject(v)) return undefined;
  const name = str(v.name);
  if (!name) return undefined;
  const node: TemplateNode = {
    id: idOf(v),
    name,
    language: str(v.language),
    status: str(v.status),
    category: str(v.category),
    quality: isObject(v.quality_score) ? str(v.quality_score.score) : str(v.quality_score),
    rejectedReason: str(v.rejected_reason),
  };
  return Object.fromEntries(Object.entries(node).filter(([, x]) => x !== undefined)) as TemplateNode;
}

/** A listing of one (WABA, name), its first page asked or to be asked. */
export interface TemplateListing {
  wabaId: string;
  name: string;
  expected: boolean;
  listing: Listing;
}

export function templateListing(
  wabaId: string,
  name: string,
  expected: boolean,
  token: string,
  appSecret?: string,
  maxPages?: number,
): TemplateListing {
  return { wabaId, name, expected, listing: new Listing(templatesRequest(wabaId, name, token, appSecret, maxPages)) };
}

/**
 * Follows the listings whose first page is in `firstPages` (same order; absent: the first page is sent here),
 * then reads each into a probe. `follow: false` reads first pages only (a token not worth judging).
 */
export async function readTemplateListings(
  client: GraphClient,
  lists: TemplateListing[],
  firstPages: (BatchResult | undefined)[],
  follow = true,
): Promise<TemplatesProbe[]> {
  const unsent = lists.filter((_, i) => firstPages[i] === undefined);
  const pending = lists.flatMap((l, i) => {
    const first = firstPages[i];
    if (first === undefined) return [];
    const next = l.listing.accept(first);
    if (next && !follow) l.listing.cut = 'page-cap';
    return next && follow ? [{ listing: l.listing, next }] : [];
  });
  await followListings(client, [
    ...pending,
    ...unsent.map((l) => ({ listing: l.listing, next: l.listing.first() })),
  ]);
  return lists.map(probeOf);
}

function probeOf(l: TemplateListing): TemplatesProbe {
  const out = l.listing.outcome();
  const base = { wabaId: l.wabaId, name: l.name, expected: l.expected };
  if (out.failure && out.pages === 0) return { ...base, ...refusal(out.failure) };
  const templates = out.items.flatMap((item) => {
    const t = readTemplateNode(item);
    return t && t.name === l.name ? [t] : [];
  });
  return { ...base, outcome: 'ok', templates, ...(out.cut || out.failure ? { incomplete: true } : {}) };
}
