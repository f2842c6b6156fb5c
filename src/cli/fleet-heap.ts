// The heap a fleet runs in. A fleet of 100,000 entries allocates a great deal of short-lived data (batch answers,
// reports, rendered text) while keeping little; V8 sizes its young generation by the allocation rate, up to
// 16 MiB semi-spaces on Node 20 and 32-64 MiB on Node 24, and lets the old generation grow well past what is
// live. So `fleet` runs in a child Node with a small young generation (`--max-semi-space-size`, a documented Node
// option) and `--expose-gc`, and the fleet command collects every FLEET_GC_EVERY entries (fleet-command.ts): the
// peak stays near what is live instead of growing with the fleet. The child shares this process's standard
// streams, environment and arguments; signals sent to this process are passed on, and its exit code is the child's.
// Not done when the user gave Node flags of their own (execArgv or a heap size in NODE_OPTIONS): their choice
// stands, in this process.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

const CHILD_MARK = 'WA_TOKEN_AUDIT_FLEET_CHILD';
const CHILD_FLAGS = ['--max-semi-space-size=8', '--expose-gc'];

/** Whether `fleet` should run in a child Node with the fleet's heap settings. */
export function wantsFleetHeap(args: readonly string[], env: NodeJS.ProcessEnv): boolean {
  if (args[0] !== 'fleet' || env[CHILD_MARK] === '1') return false;
  if (process.execArgv.length > 0) return false;
  return !/--max-(semi|old)-space-size|--expose-gc/.test(env.NODE_OPTIONS ?? '');
}

/**
 * Runs this CLI again, in a child Node with the fleet's heap flags; resolves with its exit code (128 + the signal
 * number when it was killed), or undefined when it could not be started (then the fleet runs here).
 */
export function runInFleetHeap(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number | undefined> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...CHILD_FLAGS, process.argv[1]!, ...args], {
      stdio: 'inherit',
      env: { ...env, [CHILD_MARK]: '1' },
    });
    // A terminal's Ctrl-C reaches both processes; a signal sent to this one alone is passed on. The child handles
    // the first and ignores the rest, as the CLI does.
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    for (const s of signals) process.on(s, forward);
    let started = false;
    child.once('spawn', () => {
      started = true;
    });
    child.once('error', () => {
      if (!started) resolve(undefined);
    });
    child.once('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
  });
}

/** A full collection when the child was given `--expose-gc`; nothing otherwise. */
export function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
