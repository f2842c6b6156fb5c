// Finds Meta credentials in one file's bytes. Pure: no I/O. Every search starts from a literal that Buffer's
// native search finds fast ("EAA", "|", "%7C") or from a strided look for long hex runs, so a file costs a few
// native passes rather than a regular expression tried at every byte.
//
// What real credentials look like:
// - User, system-user and page access tokens start with "EAA" followed by letters and digits only; the
//   characters after "EAA" vary by app and token generation (EAAB, EAAC, EAAG, EAAI, EAAJ, EAAM, EAAx, ...), so
//   any letter or digit is accepted there. Real ones are 100 to about 400 characters long. Meta's access token
//   guide calls them opaque strings: https://developers.facebook.com/docs/facebook-login/guides/access-tokens
// - An app access token is the literal `APP_ID|APP_SECRET` (`%7C` when URL-encoded): app IDs are 13 to 17
//   digits, app secrets 32 hex characters (older app tokens carry a 27-character URL-safe signature instead).
//   https://developers.facebook.com/docs/facebook-login/guides/access-tokens#apptokens
// - An app secret alone is 32 lowercase hex characters: only reported near a Meta, Facebook or WhatsApp keyword,
//   because md5 sums and other 128-bit hex values are everywhere.

export type SecretKind = 'access-token' | 'app-access-token' | 'app-secret';

export interface RawFinding {
  kind: SecretKind;
  /** The credential itself. Never printed: reports carry its fingerprint. */
  secret: string;
  /** Byte offset of the match in the file. */
  offset: number;
  length: number;
  /** 1-based line and column (column in bytes). */
  line: number;
  column: number;
  /** The app ID: of an app token, or found near an app secret (so the pair can be verified). */
  appId?: string;
}

const TOKEN_MIN = 100;
const TOKEN_MAX = 1024;
/** Git's own test for binary content: a NUL byte in the first 8000 bytes. */
const BINARY_SNIFF = 8000;

// Byte classes: 1 digit, 2 lowercase hex letter, 4 other lowercase letter, 8 uppercase letter, 16 `_` or `-`,
// 32 `+` or `/` (base64).
const DIGIT = 1;
const HEXL = 2;
const LOWER = 4;
const UPPER = 8;
const URLSAFE = 16;
const B64 = 32;
const CLS = new Uint8Array(256);
for (let c = 48; c <= 57; c++) CLS[c] = DIGIT;
for (let c = 97; c <= 102; c++) CLS[c] = HEXL | LOWER;
for (let c = 103; c <= 122; c++) CLS[c] = LOWER;
for (let c = 65; c <= 90; c++) CLS[c] = UPPER;
CLS[95] = URLSAFE;
CLS[45] = URLSAFE;
CLS[43] = B64;
CLS[47] = B64;
const ALNUM = DIGIT | LOWER | UPPER;
const HEX = DIGIT | HEXL;

export function isBinary(buf: Uint8Array): boolean {
  return Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.length, BINARY_SNIFF)).indexOf(0) !== -1;
}

export interface FindOptions {
  /** App IDs to pair with an app secret that has none near it (`--app-id`). */
  appIds?: string[];
}

/** Every credential in `buf`, in file order. */
export function findSecrets(buf: Buffer, opts: FindOptions = {}): RawFinding[] {
  const out: Omit<RawFinding, 'line' | 'column'>[] = [];
  findAccessTokens(buf, out);
  findAppTokens(buf, out);
  findAppSecrets(buf, out, opts);
  if (out.length === 0) return [];
  // The secret half of an app token is not reported again as an app secret.
  const tokens = out.filter((f) => f.kind === 'app-access-token');
  const kept = out.filter(
    (f) => f.kind !== 'app-secret' || !tokens.some((t) => f.offset >= t.offset && f.offset < t.offset + t.length),
  );
  kept.sort((a, b) => a.offset - b.offset);
  return withLines(buf, kept);
}

function findAccessTokens(buf: Buffer, out: Omit<RawFinding, 'line' | 'column'>[]): void {
  let i = 0;
  while ((i = buf.indexOf('EAA', i, 'latin1')) !== -1) {
    const start = i;
    let end = i + 3;
    while (end < buf.length && CLS[buf[end]!]! & ALNUM) end++;
    i = end;
    // Inside a longer word, or a piece of a base64 blob: not a token.
    if (start > 0 && CLS[buf[start - 1]!]! & (ALNUM | B64)) continue;
    if (end < buf.length && CLS[buf[end]!]! & B64) continue;
    const len = end - start;
    if (len < TOKEN_MIN || len > TOKEN_MAX) continue;
    // Random base62: a real token mixes digits, lowercase and uppercase letters.
    let seen = 0;
    for (let k = start + 3; k < end && seen !== ALNUM; k++) seen |= CLS[buf[k]!]! & ALNUM;
    if (seen !== ALNUM) continue;
    out.push({ kind: 'access-token', secret: buf.toString('latin1', start, end), offset: start, length: len });
  }
}

const APP_ID_MIN = 13;
const APP_ID_MAX = 17;
const SIG_MIN = 26;
const SIG_MAX = 43;

function findAppTokens(buf: Buffer, out: Omit<RawFinding, 'line' | 'column'>[]): void {
  const tryAt = (sep: number, sepLen: number) => {
    let s = sep;
    while (s > 0 && CLS[buf[s - 1]!] === DIGIT && sep - s <= APP_ID_MAX) s--;
    const digits = sep - s;
    if (digits < APP_ID_MIN || digits > APP_ID_MAX) return;
    if (s > 0 && CLS[buf[s - 1]!]! & (ALNUM | URLSAFE)) return;
    let e = sep + sepLen;
    while (e < buf.length && CLS[buf[e]!]! & (ALNUM | URLSAFE) && e - sep - sepLen <= SIG_MAX) e++;
    const sig = e - sep - sepLen;
    if (sig < SIG_MIN || sig > SIG_MAX) return;
    if (e < buf.length && CLS[buf[e]!]! & (ALNUM | URLSAFE)) return;
    const appId = buf.toString('latin1', s, sep);
    const secret = `${appId}|${buf.toString('latin1', sep + sepLen, e)}`;
    out.push({ kind: 'app-access-token', secret, offset: s, length: e - s, appId });
  };
  let i = 0;
  while ((i = buf.indexOf(0x7c, i)) !== -1) {
    // Cheap first test: a digit right before the bar.
    if (i > 0 && CLS[buf[i - 1]!] === DIGIT) tryAt(i, 1);
    i++;
  }
  for (const enc of ['%7C', '%7c']) {
    i = 0;
    while ((i = buf.indexOf(enc, i, 'latin1')) !== -1) {
      if (i > 0 && CLS[buf[i - 1]!] === DIGIT) tryAt(i, 3);
      i += 3;
    }
  }
}

const SECRET_LEN = 32;
/** Lines before the secret's own that may carry the keyword (a `facebook:` section header, a comment). */
const KEYWORD_LINES_BEFORE = 2;
/** Lines either side searched for the app ID that pairs with a secret. */
const APP_ID_LINES = 3;

/**
 * A Meta, Facebook or WhatsApp keyword as a word or a part of an identifier: `FACEBOOK_APP_SECRET`,
 * `fbAppSecret`, `meta.app_secret`, `WhatsAppSecret`, `WA_APP_SECRET`; not `metadata` or `schema`.
 */
const KEYWORD =
  /[Ff]acebook|FACEBOOK|[Ww]hats_?[Aa]pp|WHATS_?APP|(?<![A-Za-z0-9])(?:fb|meta|wa)(?![a-z0-9])|(?<![A-Z0-9])(?:Fb|Meta|Wa)(?![a-z0-9])|(?<![A-Z0-9])(?:FB|META|WA)(?![A-Z0-9])/;
const APP_ID = /(?<![0-9A-Za-z])[0-9]{13,17}(?![0-9A-Za-z])/g;

function findAppSecrets(buf: Buffer, out: Omit<RawFinding, 'line' | 'column'>[], opts: FindOptions): void {
  // A run of exactly 32 hex characters covers two probes 16 apart: probe every 16th byte, expand on a hit.
  const n = buf.length;
  for (let i = 0; i + 16 < n; i += 16) {
    if (!(CLS[buf[i]!]! & HEX) || !(CLS[buf[i + 16]!]! & HEX)) continue;
    // The hex run through the second probe (the first one is only a quick filter).
    const mid = i + 16;
    let s = mid;
    while (s > 0 && CLS[buf[s - 1]!]! & HEX && mid - s < SECRET_LEN) s--;
    let e = mid + 1;
    while (e < n && CLS[buf[e]!]! & HEX && e - s <= SECRET_LEN) e++;
    if (e - s === SECRET_LEN && !(s > 0 && CLS[buf[s - 1]!]! & (ALNUM | B64)) && !(e < n && CLS[buf[e]!]! & (ALNUM | B64))) {
      // Lowercase hex with at least one letter and one digit, as Meta shows app secrets.
      let seen = 0;
      for (let k = s; k < e; k++) seen |= CLS[buf[k]!]!;
      if ((seen & DIGIT) && (seen & HEXL) && !(seen & UPPER) && nearKeyword(buf, s)) {
        const appId = pairedAppId(buf, s, e) ?? (opts.appIds?.length === 1 ? opts.appIds[0] : undefined);
        out.push({
          kind: 'app-secret',
          secret: buf.toString('latin1', s, e),
          offset: s,
          length: SECRET_LEN,
          ...(appId ? { appId } : {}),
        });
      }
    }
    // Continue past this run (a 40- or 64-character hash is skipped whole).
    while (e < n && CLS[buf[e]!]! & HEX) e++;
    i = Math.max(i, e - 16);
  }
}

function lineStart(buf: Buffer, at: number, linesBack: number): number {
  let p = at;
  for (let k = 0; k <= linesBack; k++) {
    const nl = p <= 0 ? -1 : buf.lastIndexOf(10, p - 1);
    if (nl === -1) return 0;
    p = nl;
  }
  return p + 1;
}

function lineEnd(buf: Buffer, at: number, linesAhead: number): number {
  let p = at;
  for (let k = 0; k <= linesAhead; k++) {
    const nl = buf.indexOf(10, p);
    if (nl === -1) return buf.length;
    p = nl + 1;
  }
  return p - 1;
}

function nearKeyword(buf: Buffer, secretStart: number): boolean {
  return KEYWORD.test(buf.toString('latin1', lineStart(buf, secretStart, KEYWORD_LINES_BEFORE), secretStart));
}

/** The app ID nearest the secret within a few lines (an `app_id`/`client_id` next to `app_secret`). */
function pairedAppId(buf: Buffer, s: number, e: number): string | undefined {
  const from = lineStart(buf, s, APP_ID_LINES);
  const text = buf.toString('latin1', from, lineEnd(buf, e, APP_ID_LINES));
  let best: { id: string; distance: number } | undefined;
  APP_ID.lastIndex = 0;
  for (let m = APP_ID.exec(text); m; m = APP_ID.exec(text)) {
    const distance = Math.abs(from + m.index - s);
    if (!best || distance < best.distance) best = { id: m[0], distance };
  }
  return best?.id;
}

/** Adds 1-based line and column numbers, counting newlines once through the file. */
function withLines(buf: Buffer, found: Omit<RawFinding, 'line' | 'column'>[]): RawFinding[] {
  let line = 1;
  let lineAt = 0;
  return found.map((f) => {
    for (let nl = buf.indexOf(10, lineAt); nl !== -1 && nl < f.offset; nl = buf.indexOf(10, lineAt)) {
      line++;
      lineAt = nl + 1;
    }
    return { ...f, line, column: f.offset - lineAt + 1 };
  });
}
