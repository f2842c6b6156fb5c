// Reading a file or standard input with a size cap and a time limit. A token source may be a FIFO nobody writes
// to, a standard input left open, or /dev/zero: a regular file is checked by its size before it is read, and
// anything else (pipe, FIFO, device) is read without blocking, polled, and given up on at the cap or the limit.
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { INPUT_READ_TIMEOUT_MS } from '../core/limits.js';

export interface ReadLimits {
  maxBytes: number;
  timeoutMs?: number;
}

/** An error whose `code` says which bound was hit: 'E2BIG' (size) or 'ETIMEDOUT' (time). */
function bound(code: 'E2BIG' | 'ETIMEDOUT'): NodeJS.ErrnoException {
  return Object.assign(new Error(code === 'E2BIG' ? 'too large' : 'timed out'), { code });
}

const POLL_MS = 20;

export async function readBounded(path: string, limits: ReadLimits): Promise<string> {
  const timeoutMs = limits.timeoutMs ?? INPUT_READ_TIMEOUT_MS;
  const st = await stat(path);
  if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  if (st.isFile() && st.size > limits.maxBytes) throw bound('E2BIG');
  // O_NONBLOCK: opening a FIFO without a writer returns at once, and reads never park a libuv thread.
  const handle = await open(path, constants.O_RDONLY | (st.isFile() ? 0 : constants.O_NONBLOCK));
  const until = Date.now() + timeoutMs;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for (;;) {
      const buf = Buffer.alloc(Math.min(65_536, limits.maxBytes + 1 - size));
      let n: number;
      try {
        ({ bytesRead: n } = await handle.read(buf, 0, buf.length, null));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
        if (Date.now() >= until) throw bound('ETIMEDOUT');
        await new Promise((r) => setTimeout(r, POLL_MS));
        continue;
      }
      if (n === 0) break;
      size += n;
      if (size > limits.maxBytes) throw bound('E2BIG');
      chunks.push(buf.subarray(0, n));
      if (!st.isFile() && Date.now() >= until) throw bound('ETIMEDOUT');
    }
  } finally {
    await handle.close();
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Standard input, bounded the same way; a terminal is refused (a token typed there is shown on screen). */
export function readStdinBounded(limits: ReadLimits, stdin: NodeJS.ReadStream = process.stdin): Promise<string> {
  const timeoutMs = limits.timeoutMs ?? INPUT_READ_TIMEOUT_MS;
  if (stdin.isTTY) return Promise.reject(Object.assign(new Error('a terminal'), { code: 'ETTY' }));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (err?: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      stdin.removeAllListeners('data');
      stdin.removeAllListeners('end');
      if (err) {
        // Let go of the stream, so a writer that never finishes cannot keep the process alive.
        stdin.pause();
        stdin.destroy();
        reject(err);
      } else resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const timer = setTimeout(() => stop(bound('ETIMEDOUT')), timeoutMs);
    stdin.on('data', (c: Buffer | string) => {
      const b = typeof c === 'string' ? Buffer.from(c) : c;
      size += b.length;
      if (size > limits.maxBytes) stop(bound('E2BIG'));
      else chunks.push(b);
    });
    stdin.once('end', () => stop());
    stdin.once('error', (e: NodeJS.ErrnoException) => stop(e));
  });
}

export { readProblem } from '../core/read-problem.js';
