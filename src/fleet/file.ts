// The fleet file: `defaults` (policy keys, camelCase) and `tokens` (one entry per client business, each naming
// where its token lives). Validated as a whole before anything else happens: every problem is reported with its
// location, and a secret written inline is refused without ever being echoed. Policy values are judged by
// core/policy.ts (checkPolicy), like every other front's.
import { isAbsolute } from 'node:path';
import { parseDocument } from 'yaml';
import { checkPolicy, POLICY_KEYS, type Policy, type PolicyInput } from '../core/policy.js';
import { ciSecretName } from '../core/secret-shape.js';

const MAX_FLEET_ENTRIES = 100_000;

/** Where an entry's token is read from. Never the token itself. */
type TokenSource = { env: string } | { file: string };

interface FleetEntrySpec {
  /** Position in `tokens`, for messages (`tokens[3]`). */
  index: number;
  name: string;
  source: TokenSource;
  policy: Policy;
  /** Environment variable holding this entry's app secret (the entry's own, or `defaults.appSecretEnv`). */
  appSecretEnv?: string;
}

export interface FleetSpec {
  entries: FleetEntrySpec[];
}

type Json = Record<string, unknown>;

const DEFAULT_KEYS = [...POLICY_KEYS, 'appSecretEnv'] as const;
const ENTRY_KEYS = ['name', 'env', 'file', ...DEFAULT_KEYS] as const;
const TOP_KEYS = ['$schema', 'defaults', 'tokens'] as const;

/** Keys that can only mean a secret written inline. */
const SECRET_KEY = /^(access[-_]?)?token$|^(app[-_]?)?secret$|^password$|^credentials?$/i;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const INLINE_TOKEN =
  'an access token must not be written in the fleet file (the file must be safe to commit): put it in an environment variable and write `env: VAR_NAME`, or in a file and write `file: path`.';
const INLINE_SECRET =
  'an app secret must not be written in the fleet file (the file must be safe to commit): put it in an environment variable and write `appSecretEnv: VAR_NAME`.';
const LOOKS_LIKE_SECRET =
  'this value looks like an access token or app secret written inline; the fleet file must be safe to commit: put the token in an environment variable (`env: VAR_NAME`) or a file (`file: path`). The value is not shown.';

/**
 * A string that is probably a credential: a Meta user/system-user token (EAA…), an app token (`ID|secret`), an
 * app secret (32 hex digits), or any long opaque string mixing cases and digits. Names, IDs, paths and variable
 * names do not match.
 */
export function looksLikeSecret(s: string): boolean {
  const v = s.trim();
  if (/^EA[A-Za-z0-9]{30,}$/.test(v)) return true;
  if (/^\d{5,25}\|[A-Za-z0-9_-]{16,}$/.test(v)) return true;
  if (/^(?=.*[a-f])[0-9a-f]{32}$/i.test(v)) return true;
  return v.length >= 64 && /^[A-Za-z0-9_.~-]+$/.test(v) && /[a-z]/.test(v) && /[A-Z]/.test(v) && /\d/.test(v);
}

/** Parses YAML or JSON text. Syntax problems are located by line and column; source text is never quoted. */
export function parseFleetText(text: string): { doc?: unknown; problems: string[] } {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { doc: JSON.parse(text), problems: [] };
    } catch {
      // Not strict JSON: YAML (a superset) may still read it, and locates the problem if not.
    }
  }
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => {
        const before = text.slice(0, e.pos[0]);
        const line = before.split('\n').length;
        const where = `line ${line}, column ${e.pos[0] - before.lastIndexOf('\n')}`;
        return `${where}: ${sanitize(e.message.split('\n')[0] ?? e.code)} (${e.code})`;
      }),
    };
  }
  try {
    const data: unknown = doc.toJS({ maxAliasCount: 1000 });
    // yaml builds a cyclic object for an alias inside its own anchor; JSON.stringify refuses cycles.
    JSON.stringify(data);
    return { doc: data, problems: [] };
  } catch {
    // An alias that contains itself (`&a [*a]`) recurses without end; too many aliases is a billion-laughs file.
    return {
      problems: ['the YAML cannot be read as data: an alias refers to itself, or aliases expand too far.'],
    };
  }
}

/** A YAML message may quote the source: drop anything long and opaque, and any position suffix. */
function sanitize(message: string): string {
  return message
    .replace(/ at line \d+, column \d+:?.*$/, '')
    .replace(/\S{24,}/g, '(…)')
    .slice(0, 160);
}

/** Every problem in a parsed fleet document, each with its location; `fleet` is set only when there are none. */
export function checkFleet(doc: unknown): { fleet?: FleetSpec; problems: string[] } {
  const problems: string[] = [];
  const secretPaths = new Set<string>();
  findSecrets(doc, '', problems, secretPaths);

  if (!isMap(doc)) {
    problems.push(
      'the fleet file must be a mapping with `tokens` (a list of entries) and optional `defaults`.',
    );
    return { problems };
  }
  unknownKeys(doc, TOP_KEYS, '', problems, secretPaths);

  // defaults: judged once, here; entries then only report what they set themselves.
  let defaults: Json = {};
  if (doc.defaults !== undefined && doc.defaults !== null) {
    if (!isMap(doc.defaults)) problems.push('defaults: expected a mapping of policy settings.');
    else {
      defaults = doc.defaults;
      unknownKeys(defaults, DEFAULT_KEYS, 'defaults', problems, secretPaths);
      const input = policyInput(defaults, 'defaults', secretPaths);
      // appId may be set per entry: checked there.
      const { problems: own } = checkPolicy({ ...input, appId: input.appId ?? '1' }, (k) => `defaults.${k}`, {
        partial: true,
      });
      problems.push(...own);
      envName(defaults.appSecretEnv, 'defaults.appSecretEnv', problems, secretPaths);
    }
  }

  const tokens = doc.tokens;
  if (tokens === undefined || tokens === null) {
    problems.push('tokens: required: a list of entries, each with a `name` and `env: VAR` or `file: path`.');
    return { problems };
  }
  if (!Array.isArray(tokens)) {
    problems.push('tokens: expected a list of entries.');
    return { problems };
  }
  if (tokens.length === 0) problems.push('tokens: the list is empty.');
  if (tokens.length > MAX_FLEET_ENTRIES)
    problems.push(`tokens: ${tokens.length} entries; at most ${MAX_FLEET_ENTRIES} are supported per file.`);

  const defaultsInput = policyInput(defaults, 'defaults', secretPaths);
  const noAppIdAnywhere =
    defaultsInput.appId === undefined && tokens.every((t) => !isMap(t) || absent(t.appId));
  if (noAppIdAnywhere && tokens.length > 0) {
    problems.push(
      'defaults.appId is required (or appId on every entry): the ID of the Meta app the tokens must belong to (App Dashboard > App settings > Basic).',
    );
  }

  const entries: FleetEntrySpec[] = [];
  const seen = new Map<string, number>();
  tokens.forEach((raw, index) => {
    const at = `tokens[${index}]`;
    if (!isMap(raw)) {
      problems.push(`${at}: expected a mapping with \`name\` and \`env\` or \`file\`.`);
      return;
    }
    const before = problems.length;
    unknownKeys(raw, ENTRY_KEYS, at, problems, secretPaths);

    const name = typeof raw.name === 'string' ? raw.name.trim() : undefined;
    if (secretPaths.has(`${at}.name`)) {
      // already reported
    } else if (absent(raw.name)) problems.push(`${at}.name: required: a unique name for this token.`);
    else if (name === undefined || name === '' || name.length > 200 || /[\x00-\x1f\x7f]/.test(name))
      problems.push(`${at}.name: expected a non-empty one-line string of at most 200 characters.`);
    else if (seen.has(name))
      problems.push(
        `${at}.name: "${name}" is already the name of tokens[${seen.get(name)}]; names must be unique.`,
      );
    else seen.set(name, index);

    const source = tokenSource(raw, at, problems, secretPaths);
    const appSecretEnv = envName(raw.appSecretEnv, `${at}.appSecretEnv`, problems, secretPaths);

    // The merged policy: a value the entry sets is named after the entry; defaults were judged above.
    const own = policyInput(raw, at, secretPaths);
    const merged: PolicyInput = { ...defaultsInput };
    for (const [k, v] of Object.entries(own)) if (v !== undefined) merged[k as keyof PolicyInput] = v;
    if (merged.appId === undefined && noAppIdAnywhere) merged.appId = '1'; // reported once above
    const fromEntry = (k: keyof PolicyInput) => own[k] !== undefined || !(k in defaultsInput);
    const { policy, problems: policyProblems } = checkPolicy(merged, (k) =>
      fromEntry(k) ? `${at}.${k}` : `defaults.${k}`,
    );
    problems.push(...policyProblems.filter((p) => !p.startsWith('defaults.')));

    if (problems.length === before && policy && source && name) {
      entries.push({
        index,
        name,
        source,
        policy,
        ...((appSecretEnv ?? (defaults.appSecretEnv as string | undefined))
          ? { appSecretEnv: appSecretEnv ?? (defaults.appSecretEnv as string) }
          : {}),
      });
    }
  });

  if (problems.length > 0) return { problems };
  return { fleet: { entries }, problems };
}

/** Walks the whole document: secret-named keys and secret-looking values, wherever they are. */
function findSecrets(node: unknown, path: string, problems: string[], found: Set<string>): void {
  if (typeof node === 'string') {
    if (looksLikeSecret(node)) {
      problems.push(`${path || '(document)'}: ${LOOKS_LIKE_SECRET}`);
      found.add(path);
    }
    return;
  }
  if (Array.isArray(node)) {
    for (const [i, v] of node.entries()) findSecrets(v, `${path}[${i}]`, problems, found);
    return;
  }
  if (!isMap(node)) return;
  for (const [key, value] of Object.entries(node)) {
    const here = path ? `${path}.${safeKey(key)}` : safeKey(key);
    if (looksLikeSecret(key)) {
      problems.push(`${path || '(document)'}: a key ${LOOKS_LIKE_SECRET}`);
      found.add(here);
      continue;
    }
    if (SECRET_KEY.test(key)) {
      problems.push(`${here}: ${/secret/i.test(key) ? INLINE_SECRET : INLINE_TOKEN}`);
      found.add(here);
      continue; // the value is never looked at, so never quoted
    }
    findSecrets(value, here, problems, found);
  }
}

function unknownKeys(
  map: Json,
  allowed: readonly string[],
  at: string,
  problems: string[],
  secretPaths: Set<string>,
): void {
  for (const key of Object.keys(map)) {
    const here = at ? `${at}.${safeKey(key)}` : safeKey(key);
    if (allowed.includes(key) || secretPaths.has(here) || SECRET_KEY.test(key) || looksLikeSecret(key))
      continue;
    const hint = suggest(key, allowed);
    problems.push(`${here}: unknown setting${hint ? `; did you mean \`${hint}\`?` : ''}`);
  }
}

function tokenSource(
  raw: Json,
  at: string,
  problems: string[],
  secretPaths: Set<string>,
): TokenSource | undefined {
  const hasEnv = !absent(raw.env);
  const hasFile = !absent(raw.file);
  if (secretPaths.has(`${at}.env`) || secretPaths.has(`${at}.file`)) return undefined;
  if (hasEnv && hasFile) {
    problems.push(`${at}: set either \`env\` or \`file\`, not both.`);
    return undefined;
  }
  if (!hasEnv && !hasFile) {
    if (!Object.keys(raw).some((k) => SECRET_KEY.test(k)))
      problems.push(`${at}: where to read the token is missing: add \`env: VAR_NAME\` or \`file: path\`.`);
    return undefined;
  }
  if (hasEnv) {
    const name = envName(raw.env, `${at}.env`, problems, secretPaths);
    return name ? { env: name } : undefined;
  }
  if (typeof raw.file !== 'string' || raw.file.trim() === '' || /[\x00-\x1f]/.test(raw.file)) {
    problems.push(`${at}.file: expected a path to a file holding the token.`);
    return undefined;
  }
  const file = raw.file.trim();
  if (isAbsolute(file) || /^[A-Za-z]:|^[\\/]/.test(file) || file.split(/[\\/]/).includes('..')) {
    problems.push(`${at}.file: \`file:\` paths are relative to the fleet file and stay inside its folder (no absolute path, no ..).`);
    return undefined;
  }
  return { file };
}

function envName(
  value: unknown,
  at: string,
  problems: string[],
  secretPaths: Set<string>,
): string | undefined {
  if (absent(value) || secretPaths.has(at)) return undefined;
  if (typeof value === 'string' && ENV_NAME.test(value.trim())) {
    const refused = ciSecretName(value.trim());
    if (!refused) return value.trim();
    problems.push(`${at}: ${refused}.`);
    return undefined;
  }
  problems.push(
    `${at}: expected the name of an environment variable (letters, digits, _), got ${describe(value)}.`,
  );
  return undefined;
}

/** The policy keys a mapping sets; values flagged as secrets are left out (they were reported, never echoed). */
function policyInput(map: Json, at: string, secretPaths: Set<string>): PolicyInput {
  const out: PolicyInput = {};
  for (const key of POLICY_KEYS) {
    const v = map[key];
    if (absent(v) || hasSecretUnder(secretPaths, `${at}.${key}`)) continue;
    out[key] = v;
  }
  return out;
}

function hasSecretUnder(paths: Set<string>, prefix: string): boolean {
  for (const p of paths)
    if (p === prefix || p.startsWith(`${prefix}[`) || p.startsWith(`${prefix}.`)) return true;
  return false;
}

function absent(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

function isMap(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function safeKey(key: string): string {
  return /^[A-Za-z_$][\w$-]{0,40}$/.test(key)
    ? key
    : JSON.stringify(key.length > 32 ? `${key.slice(0, 8)}…` : key);
}

function describe(v: unknown): string {
  if (typeof v === 'string') return v.length > 32 ? `(a ${v.length}-character value)` : `"${v}"`;
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}

/** The allowed key closest to a misspelt one (case, dashes and underscores ignored). */
function suggest(key: string, allowed: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  const k = norm(key);
  return (
    allowed.find((a) => norm(a) === k) ?? allowed.find((a) => norm(a).startsWith(k) || k.startsWith(norm(a)))
  );
}
