// Reads every entry's token (and app secret) from where the fleet file says, before any network call. Every
// missing or unusable variable/file is listed at once (exit 2): a nightly run should not discover them one by
// one. Messages name the variable or file, never a value.
import { isAbsolute, resolve } from 'node:path';
import type { Policy } from '../core/policy.js';
import { fileProblem, secretText, type TokenProblem, tokenText } from '../core/values.js';
import type { FleetSpec } from './file.js';

export interface ResolvedEntry {
  index: number;
  name: string;
  token: string;
  appSecret?: string;
  policy: Policy;
}

export interface SecretSources {
  env: NodeJS.ProcessEnv;
  readFile: (path: string) => Promise<string>;
  /** `file:` paths are relative to the fleet file's folder. */
  baseDir: string;
  /** The app secret for entries without `appSecretEnv` (the CLI's --app-secret-env, the Action's app-secret). */
  defaultAppSecret?: string;
}

export async function resolveSecrets(
  fleet: FleetSpec,
  src: SecretSources,
): Promise<{ entries: ResolvedEntry[]; problems: string[] }> {
  const problems: string[] = [];
  const entries: ResolvedEntry[] = [];
  const files = new Map<string, Promise<string | NodeJS.ErrnoException>>();
  for (const e of fleet.entries) {
    const at = `tokens[${e.index}] (${e.name})`;
    let token: string | undefined;
    if ('env' in e.source) {
      token = checkToken(src.env[e.source.env], `$${e.source.env}`, at, problems);
    } else {
      const path = isAbsolute(e.source.file) ? e.source.file : resolve(src.baseDir, e.source.file);
      let pending = files.get(path);
      if (!pending) {
        pending = src.readFile(path).catch((err: NodeJS.ErrnoException) => err);
        files.set(path, pending);
      }
      const text = await pending;
      if (typeof text !== 'string') problems.push(`${at}: file ${e.source.file}: ${fileProblem(text.code)}.`);
      else token = checkToken(text, `file ${e.source.file}`, at, problems);
    }
    let appSecret = src.defaultAppSecret;
    if (e.appSecretEnv) {
      const { secret, problem } = secretText(src.env[e.appSecretEnv]);
      if (problem) problems.push(`${at}: the app secret in $${e.appSecretEnv} contains spaces or control characters.`);
      else if (!secret) problems.push(`${at}: the app secret variable $${e.appSecretEnv} is not set or empty.`);
      appSecret = secret;
    }
    if (token !== undefined && problems.length === 0) {
      entries.push({
        index: e.index,
        name: e.name,
        token,
        policy: e.policy,
        ...(appSecret ? { appSecret } : {}),
      });
    }
  }
  return problems.length > 0 ? { entries: [], problems } : { entries, problems };
}

/** The single audit's token rules (core/values.ts), worded for a list of problems. */
const TOKEN_PROBLEM: Record<TokenProblem, (length: number) => string> = {
  empty: () => 'is empty',
  'not-one-line': () =>
    'contains spaces, line breaks or non-ASCII characters: it should hold one token on one line',
  'too-short': (n) => `is too short (${n} characters) to hold an access token`,
  'too-long': (n) => `is too long (${n} characters) to hold an access token`,
};

function checkToken(
  raw: string | undefined,
  where: string,
  at: string,
  problems: string[],
): string | undefined {
  if (raw === undefined) {
    problems.push(`${at}: ${where} is not set.`);
    return undefined;
  }
  const t = tokenText(raw);
  if ('token' in t) return t.token;
  problems.push(`${at}: ${where} ${TOKEN_PROBLEM[t.problem](t.length)}.`);
  return undefined;
}
