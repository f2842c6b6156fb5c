// Cursor paging for Graph list edges (`phone_numbers`, `assigned_whatsapp_business_accounts`).
//
// Graph answers a page as `{data: [...], paging: {cursors: {before, after}, next?: URL}}`. The `next` URL
// repeats the caller's access_token in its query string, so this module never fetches it, never stores it and
// never prints it: its presence only says "there is more", and the next page is asked by cursor (`after`), as a
// batch item whose token travels in the item's body. Every listing has a page cap; when the cap (or a page
// without a cursor) stops a listing that Graph says goes on, the outcome says so and callers report it.
import { PAGING } from '../core/limits.js';
import { isObject } from '../core/normalize.js';
import { type BatchItem, type BatchResult, sendBatch } from './batch.js';
import type { GraphClient } from './client.js';

const DEFAULT_PAGE_SIZE = PAGING.pageSize;
const DEFAULT_MAX_PAGES = PAGING.maxPages;

export interface ListRequest {
  /** Edge path under the version, without a query: `123/phone_numbers`. */
  path: string;
  /** Query besides paging, e.g. `{ fields: 'id,name' }`. */
  query?: Record<string, string>;
  token: string;
  appSecret?: string;
  pageSize?: number;
  maxPages?: number;
}

export type Failed = Extract<BatchResult, { ok: false }>;

/** Why a listing ended before Graph's end of the list. */
export type Cut = 'page-cap' | 'no-cursor';

export interface ListOutcome {
  /** Items of every page read, in order. */
  items: unknown[];
  pages: number;
  /** Set when Graph said there was more but the listing stopped: `page-cap` or a page without an `after` cursor. */
  cut?: Cut;
  /** The failure that ended the listing, when a page was refused or could not be read. */
  failure?: Failed;
}

export interface Page {
  data: unknown[];
  /** The `after` cursor, only when Graph says more pages follow (`paging.next` present). */
  after?: string;
  /** Graph said more pages follow but gave no cursor to ask for them. */
  moreWithoutCursor: boolean;
}

/** The batch item for one page of a listing. */
export function pageItem(list: ListRequest, after?: string): BatchItem {
  const query = new URLSearchParams({ ...list.query, limit: String(list.pageSize ?? DEFAULT_PAGE_SIZE) });
  if (after !== undefined) query.set('after', after);
  return {
    path: `${list.path.replace(/^\/+/, '')}?${query}`,
    token: list.token,
    ...(list.appSecret ? { appSecret: list.appSecret } : {}),
  };
}

/** Reads one page. Returns undefined when the body is not a page (no `data` list). */
export function readPage(body: unknown): Page | undefined {
  if (!isObject(body) || !Array.isArray(body.data)) return undefined;
  const paging = isObject(body.paging) ? body.paging : {};
  // Only the presence of `next` is looked at: the URL itself carries the access token.
  const more = typeof paging.next === 'string' && paging.next !== '';
  const cursors = isObject(paging.cursors) ? paging.cursors : {};
  const after = typeof cursors.after === 'string' && cursors.after !== '' ? cursors.after : undefined;
  return {
    data: body.data,
    ...(more && after !== undefined ? { after } : {}),
    moreWithoutCursor: more && after === undefined,
  };
}

/**
 * One listing, driven a page at a time by whoever sends the waves: `first()` gives the item of page 1, each
 * `accept(result)` returns the item of the next page, or undefined once the listing is over.
 */
export class Listing {
  readonly items: unknown[] = [];
  pages = 0;
  cut?: Cut;
  failure?: Failed;
  private readonly seen = new Set<string>();
  private readonly maxPages: number;

  constructor(readonly request: ListRequest) {
    this.maxPages = Math.max(1, request.maxPages ?? DEFAULT_MAX_PAGES);
  }

  first(): BatchItem {
    return pageItem(this.request);
  }

  accept(result: BatchResult): BatchItem | undefined {
    if (!result.ok) {
      this.failure = result;
      return undefined;
    }
    const page = readPage(result.body);
    if (!page) {
      this.failure = {
        ok: false,
        failure: {
          kind: 'http',
          status: result.status,
          detail: 'a list answer without data',
          retry: 'never',
        },
      };
      return undefined;
    }
    this.pages += 1;
    this.items.push(...page.data);
    if (page.moreWithoutCursor) {
      this.cut = 'no-cursor';
      return undefined;
    }
    // An empty page or a cursor seen before would loop forever: Graph's list is over for our purposes.
    if (page.after === undefined || page.data.length === 0 || this.seen.has(page.after)) return undefined;
    this.seen.add(page.after);
    if (this.pages >= this.maxPages) {
      this.cut = 'page-cap';
      return undefined;
    }
    return pageItem(this.request, page.after);
  }

  outcome(): ListOutcome {
    return {
      items: this.items,
      pages: this.pages,
      ...(this.cut ? { cut: this.cut } : {}),
      ...(this.failure ? { failure: this.failure } : {}),
    };
  }
}

/**
 * Follows many listings together, one wave (one sendBatch, chunks of 50 sent concurrently) per page depth.
 * `pending` pairs each listing with the item of its next page. Returns the number of waves sent.
 */
export async function followListings(
  client: GraphClient,
  pending: { listing: Listing; next: BatchItem }[],
): Promise<number> {
  let waves = 0;
  let current = pending;
  while (current.length > 0) {
    waves += 1;
    const results = await sendBatch(
      client,
      current.map((p) => p.next),
    );
    const following: { listing: Listing; next: BatchItem }[] = [];
    current.forEach((p, i) => {
      const next = p.listing.accept(results[i]!);
      if (next) following.push({ listing: p.listing, next });
    });
    current = following;
  }
  return waves;
}

/** "cut at the page cap (10 pages of 100)" / "cut: Graph gave no cursor for the next page". */
export function describeCut(
  cut: Cut,
  request: Pick<ListRequest, 'pageSize' | 'maxPages'>,
  maxPagesName: string,
): string {
  if (cut === 'no-cursor') return 'Graph said more followed but gave no cursor to ask for it';
  const pages = Math.max(1, request.maxPages ?? DEFAULT_MAX_PAGES);
  const size = request.pageSize ?? DEFAULT_PAGE_SIZE;
  return `the page cap stopped the list after ${pages} page${pages === 1 ? '' : 's'} of up to ${size} (raise ${maxPagesName} to read further)`;
}
