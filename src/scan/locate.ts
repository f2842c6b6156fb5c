// Where a finding is and what of its line may be shown: the line cut to a window, every credential in it masked.
import { createHash } from 'node:crypto';
import type { RawFinding, SecretKind } from './finders.js';

export interface Located extends RawFinding {
  file: string;
  excerpt: string;
  source: 'tree' | 'history';
  blob?: string;
}

/** Git's object id of a blob with this content. */
export function gitBlobId(buf: Buffer): string {
  return createHash('sha1').update(`blob ${buf.length}\0`).update(buf).digest('hex');
}

const EXCERPT_SIDE = 40;

export function locate(buf: Buffer, r: RawFinding, all: RawFinding[], file: string, source: 'tree' | 'history'): Located {
  return { ...r, file, source, excerpt: excerpt(buf, r, all) };
}

/** The finding's line, cut to a window around it, with every credential of the file in the window masked whole. */
function excerpt(buf: Buffer, r: RawFinding, all: RawFinding[]): string {
  const ls = r.offset - (r.column - 1);
  let le = buf.indexOf(10, r.offset);
  if (le === -1) le = buf.length;
  let from = Math.max(ls, r.offset - EXCERPT_SIDE);
  let to = Math.min(le, r.offset + r.length + EXCERPT_SIDE);
  const spans = all.filter((o) => o.offset < to && o.offset + o.length > from);
  // A window edge never cuts a credential: the cut one is masked whole.
  for (const o of spans) {
    from = Math.min(from, Math.max(ls, o.offset));
    to = Math.max(to, Math.min(le, o.offset + o.length));
  }
  const parts: string[] = [];
  let at = from;
  for (const o of spans) {
    if (o.offset < at) continue;
    parts.push(clean(buf.subarray(at, o.offset).toString('utf8')), mask(o.kind, o.secret));
    at = o.offset + o.length;
  }
  if (at < to) parts.push(clean(buf.subarray(at, to).toString('utf8')));
  return `${from > ls ? '…' : ''}${parts.join('').trim()}${to < le ? '…' : ''}`;
}

function mask(kind: SecretKind, secret: string): string {
  if (kind === 'access-token') return `${secret.slice(0, 4)}…[${secret.length} chars]`;
  if (kind === 'app-access-token') return `${secret.slice(0, secret.indexOf('|'))}|…[app secret]`;
  return '…[app secret]';
}

/** No control characters or escapes from a scanned file reach a terminal. */
function clean(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffd]/g, ' ');
}
