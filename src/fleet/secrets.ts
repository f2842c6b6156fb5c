// Reads every entry's token (and app secret) from where the fleet file says, before any network call. Every
// missing or unusable variable/file is listed at once (exit 2): a nightly run should not discover them one by
// one. Messages name the variable or file, never a value.
import { isAbsolute, resolve } from 'node:path';
import type { Policy } from '../core/policy.js';
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
      if (typeof text !== 'string') problems.push(`${at}: file ${e.source.file}: ${why(text.code)}.`);
      else token = checkToken(text, `file ${e.source.file}`, at, problems);
    }
    let appSecret = src.defaultAppSecret;
    if (e.appSecretEnv) {
      const raw = src.env[e.appSecretEnv]?.trim();
      if (!raw) problems.push(`${at}: the app secret variable $${e.appSecretEnv} is not set or empty.`);
      else if (!/^[\x21-\x7e]+$/.test(raw))
        problems.push(`${at}: the app secret in $${e.appSecretEnv} contains spaces or control characters.`);
      appSecret = raw;
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

/** The rules of the single audit's token sources: one printable line, 16 to 4096 characters. */
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
  let token = raw.trim();
  if (/^(['"]).*\1$/s.test(token)) token = token.slice(1, -1).trim();
  const problem =
    token === ''
      ? 'is empty'
      : !/^[\x21-\x7e]+$/.test(token)
        ? 'contains spaces, line breaks or non-ASCII characters: it should hold one token on one line'
        : token.length < 16
          ? `is too short (${token.length} characters) to hold an access token`
          : token.length > 4096
            ? `is too long (${token.length} characters) to hold an access token`
            : undefined;
  if (problem) {
    problems.push(`${at}: ${where} ${problem}.`);
    return undefined;
  }
  return token;
}

function why(code: string | undefined): string {
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return 'cannot be read';
}
