// An in-memory CliIO for unit tests of the CLI program (no child process, no network).
import type { CliIO } from '../../src/cli/io.js';

export function fakeIO(
  opts: { env?: Record<string, string>; stdin?: string; files?: Record<string, string>; now?: Date } = {},
) {
  const out = { stdout: '', stderr: '' };
  const io: CliIO = {
    stdout: (t) => {
      out.stdout += t;
    },
    stderr: (t) => {
      out.stderr += t;
    },
    readStdin: async () => opts.stdin ?? '',
    readFile: async (p) => {
      const f = opts.files?.[p];
      if (f === undefined) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
      return f;
    },
    env: opts.env ?? {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
    now: () => opts.now ?? new Date('2026-11-23T12:00:00Z'),
  };
  return { io, out };
}
