// Runs the bundled CLI as a child process, the way a user does.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  stdin?: string;
  node?: string;
  /** Kill the child after this long; a test asserting a deadline checks `ms` too. */
  killAfterMs?: number;
  cwd?: string;
}

/** A clean environment: no proxy, no colour, nothing from the developer's shell that could change behaviour. */
function baseEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1' };
}

export function runNode(script: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const env = { ...baseEnv(), ...opts.env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(opts.node ?? process.execPath, [script, ...args], {
      env: env as NodeJS.ProcessEnv,
      cwd: opts.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}

export function runCli(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return runNode(CLI, args, opts);
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
