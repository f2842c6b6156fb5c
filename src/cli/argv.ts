// What the CLI does to argv and the environment before yargs parses them, and how it words yargs' complaints.
// yargs knows only `true`/`false` for booleans and reads every WA_AUDIT_* variable for every command; users write
// `--strict=1`, `WA_AUDIT_STRICT=yes`, and export variables meant for one command while running another. So the
// chosen command's own options are learnt from its builder, and only those are read, each judged here.
import yargs, { type Argv } from 'yargs';
import { UsageError } from '../core/errors.js';
import { BOOLEAN_SPELLINGS, parseBoolean } from '../core/values.js';
import { looksLikeSecret } from '../fleet/file.js';
import { DEFAULT_TOKEN_ENV } from './token-source.js';

export const ENV_PREFIX = 'WA_AUDIT_';

/** One command as the user names it (`$0` is the audit) and the yargs builder that declares its options. */
export interface CommandDef {
  name: string;
  /** The yargs command string, e.g. `fleet <file>`: its usage line. */
  usage: string;
  builder: (y: Argv) => Argv<unknown>;
}

/** What a command accepts, read off its builder. */
export interface CommandShape {
  def: CommandDef;
  /** Every option name and alias (kebab-case, as typed). */
  keys: Set<string>;
  booleans: Set<string>;
  choices: Record<string, readonly string[]>;
}

const BUILTIN = new Set(['help', 'version', 'h']);

export function shapeOf(def: CommandDef): CommandShape {
  const built = def.builder(yargs([])) as unknown as { getOptions(): unknown };
  const opts = built.getOptions() as {
    key: Record<string, unknown>;
    boolean: string[];
    alias: Record<string, string[]>;
    choices: Record<string, string[]>;
  };
  const keys = new Set<string>();
  for (const k of Object.keys(opts.key)) if (!BUILTIN.has(k) && !/[A-Z]/.test(k)) keys.add(k);
  for (const list of Object.values(opts.alias)) for (const a of list) if (!/[A-Z]/.test(a)) keys.add(a);
  const booleans = new Set(opts.boolean.filter((b) => !BUILTIN.has(b)));
  return { def, keys, booleans, choices: opts.choices };
}

/** The command argv names: the first bare word that is a command's name, else the audit (`$0`). */
export function chooseCommand(argv: readonly string[], defs: readonly CommandDef[]): CommandDef {
  const named = new Map(defs.map((d) => [d.name, d]));
  const first = argv.find((a) => !a.startsWith('-'));
  return (first !== undefined ? named.get(first) : undefined) ?? (named.get('$0') as CommandDef);
}

const TOKEN_FLAGS = new Set(['token', 'access-token', 'input-token', 'bearer']);

const TOKEN_ON_ARGV = (what: string) =>
  `${what} is not accepted: command lines end up in shell history and process lists. Set ${DEFAULT_TOKEN_ENV} or use --token-file <path> (- reads standard input).`;

/**
 * argv as yargs should see it: `--flag=VALUE` of a boolean spelled the usual ways becomes `--flag`/`--no-flag`;
 * a token or secret on the command line, under any flag or as a bare word, is refused without being echoed.
 */
export function normaliseArgv(argv: readonly string[], shape: CommandShape): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const m = /^--(no-)?([^=]+)(?:=(.*))?$/s.exec(arg);
    if (!m) {
      if (looksLikeSecret(arg)) throw new UsageError(TOKEN_ON_ARGV('A token or secret given as an argument'));
      out.push(arg);
      continue;
    }
    const [, negated, name = '', value] = m;
    if (TOKEN_FLAGS.has(name)) throw new UsageError(TOKEN_ON_ARGV(`--${name}`));
    if (value !== undefined && looksLikeSecret(value))
      throw new UsageError(`--${name}: ${valueLooksSecret(name)}`);
    const next = argv[i + 1];
    if (value === undefined && next !== undefined && !next.startsWith('-') && looksLikeSecret(next)) {
      throw new UsageError(`--${name}: ${valueLooksSecret(name)}`);
    }
    if (value !== undefined && shape.booleans.has(name)) {
      const b = parseBoolean(value);
      if (b === undefined || negated)
        throw new UsageError(
          `--${negated ?? ''}${name}: expected ${BOOLEAN_SPELLINGS}, got "${clip(value)}" (or write --${name} / --no-${name}).`,
        );
      out.push(b ? `--${name}` : `--no-${name}`);
      continue;
    }
    out.push(arg);
  }
  return out;
}

function valueLooksSecret(flag: string): string {
  const where =
    flag === 'token-env'
      ? 'it takes the NAME of the environment variable that holds the token, '
      : flag === 'token-file'
        ? 'it takes the path of a file that holds the token, '
        : '';
  return `the value looks like an access token or app secret (not shown): ${where}never the token itself. Set ${DEFAULT_TOKEN_ENV} or use --token-file <path>.`;
}

/** --color, --no-color, --color=VALUE: one setting of every command, taken off argv before yargs sees it. */
export function takeColorFlag(argv: readonly string[]): { argv: string[]; color?: boolean } {
  let color: boolean | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    const m = /^--(no-)?colou?r(?:=(.*))?$/.exec(arg);
    if (!m) {
      rest.push(arg);
      continue;
    }
    const value = m[2] === undefined ? true : parseBoolean(m[2]);
    if (value === undefined || (m[1] && m[2] !== undefined))
      throw new UsageError(`--color: expected ${BOOLEAN_SPELLINGS}, got "${clip(m[2] ?? '')}".`);
    color = m[1] ? !value : value;
  }
  return color === undefined ? { argv: rest } : { argv: rest, color };
}

/** Where each option's value came from, so a bad one can be named as the user set it. */
export interface EnvOptions {
  values: Record<string, string | boolean>;
  /** option name -> the variable it came from */
  from: Map<string, string>;
  /** WA_AUDIT_* variables that are no option of any command (typos), each with its nearest option, if any. */
  unknown: { variable: string; hint?: string }[];
}

/**
 * WA_AUDIT_APP_ID=1 -> { 'app-id': '1' } for the options of this command only: a variable meant for another
 * command is not this one's business. Booleans are judged here, naming the variable.
 */
export function envOptions(
  env: NodeJS.ProcessEnv,
  shape: CommandShape,
  /** Every command's options: asked only when a variable names none of this command's (building it costs). */
  allKeys: () => ReadonlySet<string>,
): EnvOptions {
  const result: EnvOptions = { values: {}, from: new Map(), unknown: [] };
  for (const [variable, value] of Object.entries(env)) {
    if (!variable.startsWith(ENV_PREFIX) || value === undefined || value === '') continue;
    const name = variable.slice(ENV_PREFIX.length).toLowerCase().replace(/_/g, '-');
    if (!shape.keys.has(name)) {
      const all = allKeys();
      if (!all.has(name)) result.unknown.push({ variable, hint: nearest(name, [...all]) });
      continue;
    }
    if (TOKEN_FLAGS.has(name)) throw new UsageError(TOKEN_ON_ARGV(`$${variable}`));
    if (shape.booleans.has(name)) {
      const b = parseBoolean(value);
      if (b === undefined)
        throw new UsageError(`$${variable}: expected ${BOOLEAN_SPELLINGS}, got "${clip(value)}".`);
      result.values[name] = b;
    } else {
      result.values[name] = value;
    }
    result.from.set(name, variable);
  }
  return result;
}

/** Options the user set on the command line (not defaults, not the environment). */
export function argvKeys(argv: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const arg of argv) {
    if (arg === '--') break;
    const m = /^--(?:no-)?([^=]+)/.exec(arg);
    if (m?.[1]) keys.add(m[1]);
  }
  return keys;
}

/**
 * yargs' own messages, made one line a user can act on: the valid choices, the nearest option or command for a
 * typo, the command's usage line instead of "Not enough non-option arguments". Values are never echoed whole.
 */
export function wordYargsMessage(
  message: string,
  argv: readonly string[],
  shape: CommandShape,
  defs: readonly CommandDef[],
  env: EnvOptions,
): string {
  const usage = `usage: wa-token-audit ${shape.def.name === '$0' ? '[options]' : `${shape.def.usage} [options]`}`;
  const invalid = /Argument: ([\w-]+), Given: "(.*)", Choices: (.*)$/m.exec(message);
  if (invalid) {
    const [, name = '', given = '', list = ''] = invalid;
    const choices = list.replace(/"/g, '');
    const setting = env.from.has(name) && !argvKeys(argv).has(name) ? `$${env.from.get(name)}` : `--${name}`;
    return `${setting}: "${clip(given)}" is not one of ${choices}.`;
  }
  const unknown = /^Unknown arguments?: (.*)$/m.exec(message);
  if (unknown) {
    const typed = argvKeys(argv);
    const names = (unknown[1] ?? '').split(', ').filter((n) => n !== '');
    const flags = names.filter((n) => typed.has(n));
    if (flags.length > 0) {
      return flags
        .map((f) => {
          const hint = nearest(f, [...shape.keys]);
          return `unknown option --${clip(f)}${hint ? ` (did you mean --${hint}?)` : ''}`;
        })
        .join('; ')
        .concat(`. ${usage}; --help lists the options.`);
    }
    const word = names.find((n) => !/[A-Z]/.test(n)) ?? names[0] ?? '';
    const hint = nearest(
      word,
      defs.map((d) => d.name).filter((n) => n !== '$0'),
    );
    return `unknown command "${clip(word)}"${hint ? ` (did you mean "${hint}"?)` : ''}. ${usage}; --help lists the commands.`;
  }
  if (/^Not enough non-option arguments|^Missing required argument/m.test(message)) {
    const missing = /<([\w-]+)>/.exec(shape.def.usage)?.[1];
    return `${missing ? `missing <${missing}>: ` : ''}${usage}.`;
  }
  return (message.split('\n')[0] ?? message).trim();
}

/** The closest candidate by edit distance, if close enough to be a typo. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const allowed = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  return bestDistance <= allowed ? best : undefined;
}

// Optimal-string-alignment distance (a transposition counts as one edit). Written here rather than taken from a
// package: a dozen lines, and the production closure of a secret-handling tool stays small and reviewed.
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** Any word of a message that looks like a token or secret, replaced: whatever flag or position it came from. */
export function maskSecretLike(message: string): string {
  return message.replace(/[A-Za-z0-9|_.~+/=-]{16,}/g, (word) =>
    word
      .split('/')
      .map((part) => (looksLikeSecret(part) ? `(a ${part.length}-character value that looks like a secret)` : part))
      .join('/'),
  );
}

function clip(s: string): string {
  return s.length > 32 || looksLikeSecret(s) ? `(a ${s.length}-character value)` : s;
}
