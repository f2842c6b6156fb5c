// Cursor paging as Graph does it: `paging.cursors.before/after` are opaque strings (here base64url of the item
// id) and `paging.next` is a full URL that, like real Graph, repeats the caller's access_token. A client that
// logs or follows that URL verbatim leaks the token: tests look for exactly that.

import type { GraphCall } from './graph.js';
import type { GraphErrorSpec } from './graph-errors.js';

/** Page size when the request gives no `limit`: small on purpose so that paging is always exercised. */
const DEFAULT_PAGE_SIZE = 2;
const MAX_PAGE_SIZE = 100;

const encode = (id: string): string => Buffer.from(`cursor:${id}`).toString('base64url');
const decode = (cursor: string): string | undefined => {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  return text.startsWith('cursor:') ? text.slice('cursor:'.length) : undefined;
};

export interface Page<T> {
  data: T[];
  paging?: { cursors: { before: string; after: string }; next?: string; previous?: string };
}

export function pageOf<T extends { id?: unknown }>(
  items: T[],
  call: GraphCall,
): Page<T> | { error: GraphErrorSpec } {
  const rawLimit = call.params.get('limit');
  const limit = rawLimit === null ? DEFAULT_PAGE_SIZE : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1)
    return {
      error: { code: 100, message: '(#100) Param limit must be a positive integer', type: 'OAuthException' },
    };
  const size = Math.min(limit, MAX_PAGE_SIZE);

  let start = 0;
  let end: number | undefined;
  const after = call.params.get('after');
  const before = call.params.get('before');
  const indexOf = (cursor: string): number => {
    const id = decode(cursor);
    return id === undefined ? -1 : items.findIndex((x) => String(x.id) === id);
  };
  if (after !== null) {
    const i = indexOf(after);
    if (i < 0) return { error: badCursor() };
    start = i + 1;
  } else if (before !== null) {
    const i = indexOf(before);
    if (i < 0) return { error: badCursor() };
    end = i;
    start = Math.max(0, i - size);
  }
  const slice = items.slice(start, end ?? start + size);
  if (slice.length === 0) return { data: [] };
  const stop = start + slice.length;
  const cursors = {
    before: encode(String(slice[0]!.id)),
    after: encode(String(slice[slice.length - 1]!.id)),
  };
  const page: Page<T> = { data: slice, paging: { cursors } };
  if (stop < items.length) page.paging!.next = pageUrl(call, size, 'after', cursors.after);
  if (start > 0) page.paging!.previous = pageUrl(call, size, 'before', cursors.before);
  return page;
}

function badCursor(): GraphErrorSpec {
  return { code: 100, message: '(#100) The after/before cursor is invalid', type: 'OAuthException' };
}

function pageUrl(call: GraphCall, limit: number, key: 'after' | 'before', cursor: string): string {
  const q = new URLSearchParams();
  if (call.token !== undefined) q.set('access_token', call.token);
  const fields = call.params.get('fields');
  if (fields !== null) q.set('fields', fields);
  q.set('limit', String(limit));
  q.set(key, cursor);
  return `${call.baseUrl}/${call.version}/${call.segments.join('/')}?${q.toString()}`;
}
