// Errors that end a run with a documented exit code. `process.exit` is called only at the fronts' top level.
import type { Report } from './types.js';

export const ExitCode = {
  /** The audit ran and passed. */
  ok: 0,
  /** The audit ran and the token is not fit (invalid, wrong app, missing scope, ...). */
  failed: 1,
  /** The user's input is wrong: no token, a bad flag value, an unreadable file. */
  usage: 2,
  /** The audit could not be completed: Graph unreachable or still failing at the deadline. */
  notJudged: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A judged report's exit code: 3 when it was not judged, else 0 for ok and 1 for a failed audit. */
export function reportExitCode(report: Pick<Report, 'verdict' | 'ok'>): ExitCode {
  if (report.verdict === 'error') return ExitCode.notJudged;
  return report.ok ? ExitCode.ok : ExitCode.failed;
}

/** Bad input from the user. The message is one line and names the setting to fix. */
export class UsageError extends Error {
  readonly exitCode = ExitCode.usage;
  override name = 'UsageError';
}

/** The token could not be judged (Graph down, deadline reached). Never means the token is bad. */
export class NotJudgedError extends Error {
  readonly exitCode = ExitCode.notJudged;
  override name = 'NotJudgedError';
  constructor(
    message: string,
    /** `explain` key of the last Graph error, when there was one. */
    readonly graphError?: string,
  ) {
    super(message);
  }
}
