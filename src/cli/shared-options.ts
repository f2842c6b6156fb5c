// Options and helpers every network command shares (audit, discover): token input, Graph, deadline, retries.
import type { Argv } from 'yargs';
import { DEFAULT_DEADLINE_S, DEFAULT_GRAPH_URL, DEFAULT_GRAPH_VERSION, MAX_DEADLINE_S, TIMEOUT_MS } from '../core/limits.js';
import { UsageError } from '../core/errors.js';
import { parseSeconds, parseWholeNumber } from '../core/values.js';
import { graphUrlNotices } from '../graph/url.js';
import { waitNotice } from '../report/words.js';
import type { CliIO } from './io.js';
import { DEFAULT_APP_SECRET_ENV, DEFAULT_TOKEN_ENV } from './token-source.js';

/** --token-file, --token-env, --app-secret-env, and the hidden --token that is refused with a reason. */
export function inputOptions<T>(y: Argv<T>) {
  return y
    .option('token-file', {
      type: 'string',
      nargs: 1,
      describe: 'Read the token from this file (- = standard input)',
    })
    .option('token-env', {
      type: 'string',
      default: DEFAULT_TOKEN_ENV,
      describe: 'Read the token from this environment variable',
    })
    .option('app-secret-env', {
      type: 'string',
      default: DEFAULT_APP_SECRET_ENV,
      describe:
        'Environment variable holding the app secret; when set, the app token inspects (and appsecret_proof is sent)',
    })
    .option('token', { type: 'string', hidden: true });
}

/** --quiet, the same in every command that has it. */
export const QUIET_OPTION = {
  alias: 'q',
  type: 'boolean',
  describe:
    'Only what needs attention: no progress or retry notices on stderr, and text reports list only what did not pass',
} as const;

/** How a command words and defaults its deadline (a fleet gets longer than one audit). */
export interface DeadlineFlag {
  seconds: number;
  describe: string;
}

const AUDIT_DEADLINE: DeadlineFlag = {
  seconds: DEFAULT_DEADLINE_S,
  describe: `Seconds to keep retrying transient Graph errors (max ${MAX_DEADLINE_S})`,
};

/** --graph-url, --graph-version, --deadline, --timeout. */
export function graphOptions<T>(y: Argv<T>, deadline: DeadlineFlag = AUDIT_DEADLINE) {
  return y
    .option('graph-url', {
      type: 'string',
      describe: 'Graph API base URL (https; http only for loopback)',
      defaultDescription: DEFAULT_GRAPH_URL,
    })
    .option('graph-version', { type: 'string', describe: 'Graph API version', defaultDescription: DEFAULT_GRAPH_VERSION })
    .option('deadline', {
      type: 'string',
      describe: deadline.describe,
      defaultDescription: String(deadline.seconds),
    })
    .option('timeout', {
      type: 'string',
      describe: 'Milliseconds allowed for each HTTP attempt',
      defaultDescription: String(TIMEOUT_MS.default),
    });
}

/** Whether --app-secret-env was set by the user (not left at its default). */
export function explicitSecretEnv(args: { appSecretEnv?: string }): boolean {
  return args.appSecretEnv !== undefined && args.appSecretEnv !== DEFAULT_APP_SECRET_ENV;
}

export function rejectTokenFlag(token: unknown): void {
  if (token !== undefined) {
    throw new UsageError(
      `--token is not accepted: command lines end up in shell history and process lists. Set ${DEFAULT_TOKEN_ENV} or use --token-file.`,
    );
  }
}

/** The Graph client settings from the shared flags; retries are reported on stderr unless quiet. */
export function graphSettings(
  args: { graphUrl?: string; graphVersion?: string; deadline?: string; timeout?: string },
  io: CliIO,
  quiet = false,
) {
  // The token goes wherever the Graph URL points: say so when it is not Meta's, and never take it from the
  // environment silently (an earlier CI step may have set WA_AUDIT_GRAPH_URL).
  const fromEnv = args.graphUrl !== undefined && args.graphUrl === io.env.WA_AUDIT_GRAPH_URL;
  for (const n of graphUrlNotices(args.graphUrl, fromEnv ? 'WA_AUDIT_GRAPH_URL' : '--graph-url', fromEnv))
    io.stderr(`wa-token-audit: warning: ${n}\n`);
  return {
    graphUrl: args.graphUrl,
    version: args.graphVersion,
    deadlineMs: seconds(args.deadline, '--deadline', MAX_DEADLINE_S) * 1000,
    timeoutMs: milliseconds(args.timeout),
    onRetry: quiet
      ? undefined
      : (r: { failure: string; attempt: number; waitMs: number }) => io.stderr(`wa-token-audit: ${waitNotice(r)}\n`),
  };
}

export function seconds(value: string | undefined, flag: string, max: number, fallback = DEFAULT_DEADLINE_S): number {
  if (value === undefined || value === '') return fallback;
  return valueOf(flag, parseSeconds(value, max));
}

export function milliseconds(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  return valueOf('--timeout', parseWholeNumber(value, TIMEOUT_MS.min, TIMEOUT_MS.max, 'milliseconds'));
}

/** A whole number flag within bounds. */
export function wholeNumber(
  value: string | undefined,
  flag: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined || value === '') return undefined;
  return valueOf(flag, parseWholeNumber(value, min, max));
}

function valueOf(flag: string, parsed: number | { problem: string }): number {
  if (typeof parsed === 'number') return parsed;
  throw new UsageError(`${flag}: ${parsed.problem}`);
}
