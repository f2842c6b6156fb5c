// Runs the bundled CLI as a child process, the way a user does.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { inject } from 'vitest';

/**
 * A file of this run's bundle: built fresh from the sources by test/helpers/dist-setup.ts, the same bytes as
 * dist/ (which the setup brings up to date). Only the `dist` project (test/dist/) has one.
 */
export function bundled(file: 'cli.js' | 'action.js'): string {
  const dir = inject('bundleDir');
  if (!dir) throw new Error('the bundle is built by the dist project\'s setup: run the bundle from test/dist/ only');
  return join(dir, file);
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  stdin?: string;
  node?: string;
  /** Kill the child after this long (a hang guard, never a speed check). */
  killAfterMs?: number;
  cwd?: string;
  /** Called with each piece of stdout as it arrives (a report written while the run goes on). */
  onStdout?: (text: string) => void;
  /** Called once the child runs, with a way to send it a signal (as a terminal or a CI runner would). */
  onStarted?: (signal: (s: NodeJS.Signals) => void) => void;
}

/** A clean environment: no proxy, no colour, nothing from the developer's shell that could change behaviour. */
function baseEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1' };
}

export function runNode(script: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const env = { ...baseEnv(), ...opts.env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return new Promise((resolve, reject) => {
    const child = spawn(opts.node ?? process.execPath, [script, ...args], {
      env: env as NodeJS.ProcessEnv,
      cwd: opts.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    opts.onStarted?.((s) => child.kill(s));
    child.stdout.on('data', (d) => {
      stdout += d;
      opts.onStdout?.(String(d));
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs ?? 110_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}

export function runCli(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return runNode(bundled('cli.js'), args, opts);
}

/**
 * The run with its stdout parsed as one JSON document, or `json: undefined` when stdout is not JSON. The shape
 * is what the tests assert, so `any` is deliberate.
 */
export function withJson<R extends RunResult>(r: R): R & { json: any } {
  try {
    return { ...r, json: JSON.parse(r.stdout) };
  } catch {
    return { ...r, json: undefined };
  }
}
