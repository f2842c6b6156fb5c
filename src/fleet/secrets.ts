// Reads every entry's token (and app secret) from where the fleet file says, before any network call. Every
// missing or unusable variable/file is listed at once (exit 2): a nightly run should not discover them one by
// one. Messages name the variable or file, never a value.
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Policy } from '../core/policy.js';
import { SECRET_SOURCE_MAX_BYTES } from '../core/limits.js';
import { readProblem } from '../core/read-problem.js';
import { appSecretProblem, metaTokenProblem, readTokenValue } from '../core/secret-shape.js';
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
  readFile: (path: string, maxBytes?: number) => Promise<string>;
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
      const path = await insideBase(src.baseDir, e.source.file);
      if (typeof path !== 'string') {
        problems.push(`${at}: file ${e.source.file} ${path.problem}.`);
        continue;
      }
      let pending = files.get(path);
      if (!pending) {
        pending = src.readFile(path, SECRET_SOURCE_MAX_BYTES).catch((err: NodeJS.ErrnoException) => err);
        files.set(path, pending);
      }
      const text = await pending;
      if (typeof text !== 'string')
        problems.push(`${at}: file ${e.source.file}: ${readProblem(text, { maxBytes: SECRET_SOURCE_MAX_BYTES })}.`);
      else token = checkToken(text, `file ${e.source.file}`, at, problems);
    }
    let appSecret = src.defaultAppSecret;
    if (e.appSecretEnv) {
      const raw = src.env[e.appSecretEnv]?.trim();
      const problem = raw ? appSecretProblem(raw) : undefined;
      if (!raw) problems.push(`${at}: the app secret variable $${e.appSecretEnv} is not set or empty.`);
      else if (problem) problems.push(`${at}: the app secret in $${e.appSecretEnv} ${problem}; its value is not shown.`);
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

/**
 * The rules of the single audit's token sources (one printable line, 16 to 4096 characters), and one more: only a
 * value shaped like a Meta access token is sent, so a fleet file cannot send some other credential to Graph.
 */
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
  const read = readTokenValue(raw);
  const shape = 'token' in read ? metaTokenProblem(read.token) : undefined;
  const problem = 'problem' in read ? read.problem : shape && `${shape}; the value is not shown`;
  if (problem) {
    problems.push(`${at}: ${where} ${problem}.`);
    return undefined;
  }
  return 'token' in read ? read.token : undefined;
}

/**
 * `file:` stays inside the fleet file's folder, symbolic links resolved: a fleet file from a pull request must not
 * read the runner's other files (an absolute path, `../..`, a link to ~/.ssh) and send them to Graph.
 */
async function insideBase(baseDir: string, file: string): Promise<string | { problem: string }> {
  const outside = { problem: "is outside the fleet file's folder: `file:` paths must stay inside it" };
  if (isAbsolute(file)) return outside;
  const path = resolve(baseDir, file);
  if (!within(resolve(baseDir), path)) return outside;
  try {
    const [realBase, realPath] = await Promise.all([realpath(baseDir), realpath(path)]);
    if (!within(realBase, realPath)) return outside;
  } catch {
    // A missing file is reported by the read itself.
  }
  return path;
}

function within(base: string, path: string): boolean {
  const rel = relative(base, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
