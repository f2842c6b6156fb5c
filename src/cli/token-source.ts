// Where the token comes from. Never argv: command lines end up in shell history and process lists.
import { UsageError } from '../core/errors.js';
import { INPUT_FILE_MAX_BYTES, SECRET_SOURCE_MAX_BYTES } from '../core/limits.js';
import { readProblem } from '../core/read-problem.js';
import { appSecretProblem, readTokenValue } from '../core/secret-shape.js';
import type { CliIO } from './io.js';

export const DEFAULT_TOKEN_ENV = 'WHATSAPP_ACCESS_TOKEN';
export const DEFAULT_APP_SECRET_ENV = 'WHATSAPP_APP_SECRET';

export interface TokenSourceOptions {
  tokenFile?: string;
  tokenEnv?: string;
}

/** `--token-file` (`-` = stdin) first, else the env var named by `--token-env`. Surrounding whitespace is trimmed. */
export async function readToken(opts: TokenSourceOptions, io: CliIO): Promise<string> {
  if (opts.tokenFile) {
    const where = opts.tokenFile === '-' ? 'standard input' : `--token-file ${opts.tokenFile}`;
    const raw = await readSource(opts.tokenFile, io, '--token-file', SECRET_SOURCE_MAX_BYTES, 'the access token');
    return checkToken(raw, where);
  }
  const name = opts.tokenEnv || DEFAULT_TOKEN_ENV;
  const raw = io.env[name];
  if (raw === undefined || raw.trim() === '') {
    throw new UsageError(
      `No token: set the ${name} environment variable, or pass --token-file <path> (- reads standard input).`,
    );
  }
  return checkToken(raw, `$${name}`);
}

/** The app secret, from the env var named by `--app-secret-env`; absent means the token inspects itself. */
export function readAppSecret(envName: string | undefined, io: CliIO, explicit = false): string | undefined {
  const name = envName || DEFAULT_APP_SECRET_ENV;
  const raw = io.env[name]?.trim();
  if (!raw) {
    // Naming a variable on purpose and finding it unset is a slip, not a request to go without the secret.
    if (explicit)
      throw new UsageError(
        `--app-secret-env ${name}: $${name} is not set (or empty). Export it, or drop --app-secret-env to let the token inspect itself.`,
      );
    return undefined;
  }
  const problem = appSecretProblem(raw);
  if (problem) throw new UsageError(`The app secret in $${name} ${problem}; its value is not shown.`);
  return raw;
}

/** A file or standard input (`-`), bounded in size and time; any problem is one usage line naming the flag. */
export async function readSource(
  path: string,
  io: CliIO,
  flag: string,
  maxBytes = INPUT_FILE_MAX_BYTES,
  secret?: string,
): Promise<string> {
  try {
    return path === '-' ? await io.readStdin(maxBytes, secret) : await io.readFile(path, maxBytes);
  } catch (err) {
    throw new UsageError(`${flag} ${path === '-' ? '- (standard input)' : path}: ${readProblem(err, { maxBytes })}.`);
  }
}

/** A pasted token often carries a newline or quotes; inner whitespace means the wrong thing was pasted. */
function checkToken(raw: string, where: string): string {
  const read = readTokenValue(raw);
  if ('token' in read) return read.token;
  if (read.problem === 'is empty') throw new UsageError(`No token: ${where} is empty.`);
  throw new UsageError(`The token in ${where} ${read.problem}.`);
}
