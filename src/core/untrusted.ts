// Text that comes from outside (Graph's names and messages, a saved response, a fleet file's entry names) is
// data. It reaches a terminal, a runner log, an annotation or a job summary only through `cleanText`: no control
// characters, no ANSI/OSC escape sequences, no invisible characters, and no GitHub workflow command (`::cmd::`
// at the start of a line, the legacy `##[cmd]` anywhere in one). Applied once, where the text enters the program
// (the Graph client, batch items, `--response-file`, fleet files), so every renderer, notice and annotation
// downstream receives plain data.

/** ESC/CSI sequences: CSI (`ESC [` … final byte), OSC (`ESC ]` … BEL or ST), DCS/SOS/PM/APC, and 2-byte escapes. */
const ESCAPE_SEQUENCES =
   
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[PX^_][^\u001b]*(?:\u001b\\)?|\u001b[ -/]*[0-~]?|\u009b[0-?]*[ -/]*[@-~]|\u009d[^\u0007\u009c]*[\u0007\u009c]?/g;

/** C0 and C1 controls, DEL, and the Unicode line/paragraph separators: each becomes a space. */
 
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** Zero-width, joiner, bidi-override and other invisible characters: removed (they hide or reorder text). */
export const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class -- each of these is matched on its own, on purpose
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/g;

/** One line of plain text, safe in a terminal and in a GitHub Actions log. */
export function cleanText(s: string): string {
  return (
    s
      .replace(ESCAPE_SEQUENCES, '')
      .replace(INVISIBLE, '')
      .replace(CONTROLS, ' ')
      // `::name::` commands: the runner reads them at a line's start; neutralised anywhere, whatever the line.
      .replace(/:(?=:)/g, ': ')
      // The legacy `##[name]` form is parsed anywhere in a line.
      .replace(/##\[/g, '# #[')
  );
}

/** Deeper than this, a JSON value from outside is cut (it holds nothing a report needs, and would cost stack). */
export const MAX_JSON_DEPTH = 64;

/**
 * Every string of a JSON value (keys included) mapped through `fn`, iteratively enough to never overflow the
 * stack: values nested deeper than MAX_JSON_DEPTH become null (read downstream as malformed, never as a pass).
 */
export function mapStrings(value: unknown, fn: (s: string) => string, depth = 0): unknown {
  if (typeof value === 'string') return fn(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_JSON_DEPTH) return null;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[fn(k)] = mapStrings(v, fn, depth + 1);
  return out;
}

/** A JSON value from outside with every string cleaned. */
export function cleanJson(value: unknown): unknown {
  return mapStrings(value, cleanText);
}

/** How deep `text` (JSON) nests, counted without parsing: lets a caller refuse a hostile file before JSON.parse. */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** Longest relayed string a finding keeps; longer ones are cut (a report is not the place for a page of Graph text). */
export const UNTRUSTED_MAX = 500;

/**
 * A Graph-supplied value as a finding quotes it (health errors, possible solutions, names, enum values): cleaned
 * by `cleanText` (the Graph client already cleans every answer; checks clean again, so a value from any other
 * path is safe too), trimmed, and cut to `max` characters.
 */
export function untrusted(value: unknown, max = UNTRUSTED_MAX): string {
  if (value === undefined || value === null) return '';
  const clean = cleanText(typeof value === 'string' ? value : String(value))
    .replace(/ {2,}/g, ' ')
    .trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** `untrusted()` for an optional value: undefined stays undefined, an empty result becomes undefined. */
export function untrustedOrUndefined(value: unknown, max = UNTRUSTED_MAX): string | undefined {
  const s = untrusted(value, max);
  return s === '' ? undefined : s;
}
