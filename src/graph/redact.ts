// Graph error messages can echo what they were sent; anything we relay passes through a redactor first.
//
// A byte-exact search is not enough: an echo may split the secret with a newline, a space, a zero-width character
// or an ANSI sequence, cut it short, base64-encode it, or change the case of a hex secret. So the redactor:
//  1. reads the text through a *view* that skips those separators and folds case (and base64url to base64);
//  2. looks for every secret form (raw, URL-/form-encoded, base64 and base64url at each byte alignment) in that
//     view, whole or as a fragment of at least MIN_FRAGMENT characters;
//  3. replaces the matching stretch of the original text, separators included.
// Secrets are indexed by aligned K-character pieces, so one pass per text costs the same for 1 secret or a
// fleet's 10,000; the index is built on first use (most runs never relay any text).
import { INVISIBLE, mapStrings } from '../core/untrusted.js';

export type Redact = (text: string) => string;

export const REDACTED = '[redacted]';

/** A copy at least this long of any secret form (a token cut short) is redacted. */
export const MIN_FRAGMENT = 20;
/** Index piece length: any fragment of 2K-1 characters holds one piece aligned on a multiple of K. */
const K = 10;

/** Opaque runs (letters and digits mixed, 32+ characters) in relayed text are cut: they can only be secrets. */
const OPAQUE_RUN = /[A-Za-z0-9+/=_-]{32,}/g;

/** A redactor for these secrets in every shape listed by `matchForms`. */
export function makeRedactor(secrets: Iterable<string | undefined>): Redact {
  const list = [...secrets].filter((s): s is string => typeof s === 'string' && s.length >= 4);
  let index: Index | undefined;
  return (text) => {
    if (list.length === 0 || text.length === 0) return text;
    index ??= buildIndex(list);
    return redactWith(index, text);
  };
}

/** The shapes a secret takes on the wire and in logs (what the Action registers with the runner's masker). */
export function secretForms(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), new URLSearchParams({ x: secret }).toString().slice(2)])];
}

/** Everything the redactor looks for: the wire forms plus base64/base64url of the secret at each alignment. */
export function matchForms(secret: string): string[] {
  const forms = secretForms(secret);
  const bytes = Buffer.from(secret, 'utf8');
  for (let pad = 0; pad < 3; pad++) {
    const b64 = Buffer.concat([Buffer.alloc(pad, 0x20), bytes]).toString('base64');
    // Drop the characters that depend on what surrounded the secret (the first group when padded, the last).
    const start = pad === 0 ? 0 : 4;
    const end = b64.length - 4;
    if (end - start >= MIN_FRAGMENT) forms.push(b64.slice(start, end));
    if (pad === 0) forms.push(b64.replace(/=+$/, ''));
  }
  return [...new Set(forms)];
}

/** Case-insensitive (ASCII), base64url read as base64. One character in, one character out. */
function fold(c: string): string {
  if (c === '-') return '+';
  if (c === '_') return '/';
  const code = c.charCodeAt(0);
  return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : c;
}

/** `fold` over a whole string. */
function foldAll(s: string): string {
   
  const ascii = /^[\x00-\x7f]*$/.test(s) ? s.toLowerCase() : [...s].map(fold).join('');
  return ascii.replace(/-/g, '+').replace(/_/g, '/');
}

interface Index {
  needles: string[];
  /** Aligned piece -> [needle, offset] pairs. */
  pieces: Map<string, number[]>;
  /** Needles too short to be indexed by pieces: matched whole. */
  short: string[];
}

function buildIndex(secrets: string[]): Index {
  // Needles are read through the same view as texts: separators inside a secret itself are skipped too.
  const needles = [...new Set(secrets.flatMap(matchForms).map((n) => viewOf(n).view))].filter((n) => n.length >= 4);
  needles.sort((a, b) => b.length - a.length);
  const pieces = new Map<string, number[]>();
  const short: string[] = [];
  needles.forEach((n, i) => {
    if (n.length < 2 * K) {
      short.push(n);
      return;
    }
    for (let off = 0; off + K <= n.length; off += K) {
      const key = n.slice(off, off + K);
      const at = pieces.get(key);
      if (at) at.push(i, off);
      else pieces.set(key, [i, off]);
    }
  });
  return { needles, pieces, short };
}

/** ANSI/OSC/CSI sequences, skipped by the view like any separator an echo may slip into a secret. */
 
const ESCAPE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[ -/]*[0-~]?)/y;
const INVISIBLE_ONE = new RegExp(`^${INVISIBLE.source}$`);

function isSeparator(code: number, c: string): boolean {
  if (code <= 0x20 || (code >= 0x7f && code <= 0xa0)) return true;
  if (code < 0xad) return false;
  return code === 0x2028 || code === 0x2029 || code === 0x3000 || /\s/.test(c) || INVISIBLE_ONE.test(c);
}

/** Folded characters of `text` without separators or escape sequences; at[k] = where view character k sits. */
function viewOf(text: string): { view: string; at: number[] } {
  let view = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    if (code === 0x1b) {
      ESCAPE.lastIndex = i;
      i += Math.max(1, ESCAPE.exec(text)?.[0].length ?? 1);
      continue;
    }
    const c = text[i]!;
    i++;
    if (isSeparator(code, c)) continue;
    view += fold(c);
    at.push(i - 1);
  }
  return { view, at };
}

function redactWith(index: Index, text: string): string {
  const { view, at } = viewOf(text);
  const spans: [number, number][] = [];
  for (let k = 0; k + K <= view.length; ) {
    const hits = index.pieces.get(view.slice(k, k + K));
    let best: [number, number] | undefined;
    if (hits) {
      for (let h = 0; h < hits.length; h += 2) {
        const n = index.needles[hits[h]!]!;
        const off = hits[h + 1]!;
        let a = k;
        let b = k + K;
        let na = off;
        let nb = off + K;
        while (a > 0 && na > 0 && view[a - 1] === n[na - 1]) {
          a--;
          na--;
        }
        while (b < view.length && nb < n.length && view[b] === n[nb]) {
          b++;
          nb++;
        }
        const whole = na === 0 && nb === n.length;
        if ((whole || b - a >= MIN_FRAGMENT) && (!best || b - a > best[1] - best[0])) best = [a, b];
      }
    }
    if (best) {
      spans.push(best);
      k = best[1];
    } else k++;
  }
  for (const n of index.short) {
    for (let p = view.indexOf(n); p >= 0; p = view.indexOf(n, p + n.length)) spans.push([p, p + n.length]);
  }
  if (spans.length === 0) return text;
  spans.sort((x, y) => x[0] - y[0]);
  let out = '';
  let last = 0;
  for (const [a, b] of spans) {
    const from = at[a]!;
    const to = at[b - 1]! + 1;
    if (to <= last) continue;
    out += from >= last ? `${text.slice(last, from)}${REDACTED}` : '';
    last = to;
  }
  return out + text.slice(last);
}

/** Relayed text (Graph's messages): secrets redacted, then any remaining opaque run cut. */
export function redactRelayed(redact: Redact, text: string): string {
  return redact(text).replace(OPAQUE_RUN, (run) => (/\d/.test(run) && /[A-Za-z]/.test(run) ? REDACTED : run));
}

/**
 * Defence in depth: every string of a report (or any JSON value) redacted for these secrets. Strings were
 * redacted where they entered, so a quick look for aligned pieces of each secret form comes first; only a hit
 * pays for the full pass.
 */
export function scrub<T>(value: T, secrets: Iterable<string | undefined>): T {
  const list = [...secrets].filter((s): s is string => typeof s === 'string' && s.length >= 4);
  const text = foldAll(JSON.stringify(value) ?? '');
  const suspect = list.some((secret) =>
    matchForms(secret).some((form) => {
      const f = foldAll(form);
      if (f.length < 2 * K) return text.includes(f);
      for (let off = 0; off + K <= f.length; off += K) if (text.includes(f.slice(off, off + K))) return true;
      return false;
    }),
  );
  return suspect ? (mapStrings(value, makeRedactor(list)) as T) : value;
}
