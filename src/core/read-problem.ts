// Why a bounded read (src/run/read-bounded.ts) failed, in a few words for a one-line usage error. Pure.
import { INPUT_READ_TIMEOUT_MS } from './limits.js';

export interface ReadLimits {
  maxBytes: number;
  timeoutMs?: number;
}

/** Why a read failed, in a few words for a one-line usage error. */
export function readProblem(err: unknown, limits: ReadLimits): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const timeoutS = (limits.timeoutMs ?? INPUT_READ_TIMEOUT_MS) / 1000;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'E2BIG':
      return `larger than ${limits.maxBytes} bytes, so it cannot be what was asked for (reading stopped there)`;
    case 'ETIMEDOUT':
      return `it did not finish within ${timeoutS} s (a FIFO or pipe nobody closes?); reading stopped`;
    case 'ETTY':
      return 'it is a terminal: pipe the input in, or use a file';
    default:
      return 'cannot be read';
  }
}
