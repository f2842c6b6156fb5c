// How a setting's text becomes a value, one rule each for every front (CLI flags, Action inputs, fleet files):
// booleans, seconds within a bound, whole numbers within bounds. A bad value gives the problem's wording, which
// the front prefixes with the setting's name.

const TRUE = ['true', '1', 'yes', 'on'];
const FALSE = ['false', '0', 'no', 'off'];

/** The spellings of true and false every front accepts (flags, environment variables, inputs, fleet files). */
export const BOOLEAN_SPELLINGS = 'true/false, yes/no, on/off or 1/0';

/** true/1/yes/on and false/0/no/off, in any case; undefined for anything else. */
export function parseBoolean(text: string): boolean | undefined {
  const s = text.trim().toLowerCase();
  if (TRUE.includes(s)) return true;
  if (FALSE.includes(s)) return false;
  return undefined;
}

/** A number of seconds in (0, max]: the value, or the problem. */
export function parseSeconds(text: string, max: number): number | { problem: string } {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || n > max)
    return { problem: `expected seconds between 1 and ${max}, got "${text.slice(0, 20)}".` };
  return n;
}

/** A whole number in [min, max] (`unit` words it: "milliseconds"): the value, or the problem. */
export function parseWholeNumber(
  text: string,
  min: number,
  max: number,
  unit = 'a whole number',
): number | { problem: string } {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    return { problem: `expected ${unit} between ${min} and ${max}, got "${text.slice(0, 20)}".` };
  return n;
}

/** Printable ASCII without spaces: what a token or an app secret is made of. */
const ONE_WORD = /^[\x21-\x7e]+$/;

/** An app secret as read from its variable: trimmed; undefined when empty; `problem` when it holds spaces. */
export function secretText(raw: string | undefined): { secret?: string; problem?: 'not-one-word' } {
  const s = raw?.trim();
  if (!s) return {};
  return ONE_WORD.test(s) ? { secret: s } : { problem: 'not-one-word' };
}

export type TokenProblem = 'empty' | 'not-one-line' | 'too-short' | 'too-long';

/**
 * A token as pasted into a variable or a file: surrounding whitespace and one pair of quotes dropped, then one
 * printable line of 16 to 4096 characters (Meta's tokens are well inside both bounds).
 */
export function tokenText(raw: string): { token: string } | { problem: TokenProblem; length: number } {
  let token = raw.trim();
  if (/^(['"]).*\1$/s.test(token)) token = token.slice(1, -1).trim();
  const length = token.length;
  if (token === '') return { problem: 'empty', length };
  if (!ONE_WORD.test(token)) return { problem: 'not-one-line', length };
  if (length < 16) return { problem: 'too-short', length };
  if (length > 4096) return { problem: 'too-long', length };
  return { token };
}

/** Why a file could not be read, from its errno code, in the words every front uses. */
export function fileProblem(code: string | undefined): string {
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return 'cannot be read';
}
