// Where the token comes from. Never argv: command lines end up in shell history and process lists.
import { UsageError } from '../core/errors.js';
import { fileProblem, secretText, tokenText } from '../core/values.js';
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
    const raw = await readSource(opts.tokenFile, io, '--token-file');
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
export function readAppSecret(envName: string | undefined, io: CliIO): string | undefined {
  const name = envName || DEFAULT_APP_SECRET_ENV;
  const { secret, problem } = secretText(io.env[name]);
  if (problem) throw new UsageError(`The app secret in $${name} contains spaces or control characters.`);
  return secret;
}

export async function readSource(path: string, io: CliIO, flag: string): Promise<string> {
  try {
    return path === '-' ? await io.readStdin() : await io.readFile(path);
  } catch (err) {
    throw new UsageError(`${flag} ${path}: ${fileProblem((err as NodeJS.ErrnoException).code)}.`);
  }
}

/** A pasted token often carries a newline or quotes; inner whitespace means the wrong thing was pasted. */
function checkToken(raw: string, where: string): string {
  const t = tokenText(raw);
  if ('token' in t) return t.token;
  switch (t.problem) {
    case 'empty':
      throw new UsageError(`No token: ${where} is empty.`);
    case 'not-one-line':
      throw new UsageError(
        `The token in ${where} contains spaces, line breaks or non-ASCII characters: it should be one line.`,
      );
    case 'too-short':
      throw new UsageError(`The token in ${where} is too short (${t.length} characters) to be an access token.`);
    case 'too-long':
      throw new UsageError(`The token in ${where} is too long (${t.length} characters) to be an access token.`);
  }
}
