// The CLI's window on the process, passed in so the program itself never touches globals.
import { INPUT_FILE_MAX_BYTES } from '../core/limits.js';
import { readBounded, readStdinBounded } from '../run/read-bounded.js';

export interface CliIO {
  stdout: (text: string) => void;
  /**
   * A promise while written output waits for its reader (stdout is a pipe whose reader is slower than the
   * writer): long runs await it before producing more. Undefined when nothing waits.
   */
  stdoutReady?: () => Promise<void> | undefined;
  stderr: (text: string) => void;
  /** Bounded in size (default INPUT_FILE_MAX_BYTES) and time (INPUT_READ_TIMEOUT_MS), like readFile. */
  readStdin: (maxBytes?: number, secret?: string) => Promise<string>;
  /** Bounded: a FIFO, a device or a huge file ends in an error with code E2BIG or ETIMEDOUT, never a hang. */
  readFile: (path: string, maxBytes?: number) => Promise<string>;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** The terminal's width, when stdout is one. */
  columns?: number;
  now: () => Date;
  /** The working directory (scan paths are relative to it); the process's when absent. */
  cwd?: () => string;
  /** Calls `fn` on the first SIGINT or SIGTERM (long runs print what they have, then exit 130 / 143). */
  onSignal?: (fn: (signal: 'SIGINT' | 'SIGTERM') => void) => void;
}

export function processIO(): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stdoutReady: () => (process.stdout.writableLength > STDOUT_HIGH_WATER ? drained(process.stdout) : undefined),
    stderr: (t) => process.stderr.write(t),
    readStdin: async (maxBytes = INPUT_FILE_MAX_BYTES, secret) => {
      // At a terminal nobody pipes the token in: ask for it (`secret` names it), and do not echo it.
      if (process.stdin.isTTY && secret) {
        const { readHiddenLine } = await import('./tty-secret.js');
        return readHiddenLine(process.stdin, (t) => process.stderr.write(t), secret);
      }
      return readStdinBounded({ maxBytes });
    },
    readFile: (p, maxBytes = INPUT_FILE_MAX_BYTES) => readBounded(p, { maxBytes }),
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
    now: () => new Date(),
    cwd: () => process.cwd(),
    onSignal: (fn) => {
      let seen = false;
      for (const signal of ['SIGINT', 'SIGTERM'] as const)
        process.on(signal, () => {
          if (!seen) fn(signal);
          seen = true;
        });
    },
  };
}

/** Past this much output waiting for its reader, long runs pause. */
const STDOUT_HIGH_WATER = 1024 * 1024;

/** Resolves once `stream` has drained, or can take no more (closed, broken pipe): never a hang. */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done).off('close', done).off('error', done);
      resolve();
    };
    stream.on('drain', done).on('close', done).on('error', done);
  });
}
