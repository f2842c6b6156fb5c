// What lets a fleet's report be written while the fleet runs, in memory that does not grow with the fleet:
// - inFileOrder: entries finish in any order; renderers write them in file order. Only the entries that
//   finished ahead of an earlier one wait (already rendered, as text), so what waits is bounded by the batches
//   in flight, not by the fleet.
// - chunked: joins small pieces of output into writes of about 64 KiB (a 100,000-entry fleet is not 100,000
//   writes) and flushes the rest on demand.
// - Spool: text that can only be written once the fleet has ended (a JUnit body comes after totals only known
//   at the end; an OpenMetrics family must be written whole, never interleaved with another) is kept in memory up
//   to 1 MiB, then in a temporary file (mode 0600, removed when drained or disposed), and handed on in 1 MiB
//   pieces.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { FleetEntryResult, FleetOutcome } from '../core/types.js';

/** Calls `emit` with the values pushed for `order`'s indices, in that order, as soon as each one's turn comes. */
export function inFileOrder<T>(order: readonly number[], emit: (value: T, index: number) => void) {
  const waiting = new Map<number, T>();
  let next = 0;
  return {
    push(index: number, value: T): void {
      if (order[next] !== index) {
        waiting.set(index, value);
        return;
      }
      emit(value, index);
      next++;
      while (next < order.length && waiting.has(order[next]!)) {
        const i = order[next++]!;
        const v = waiting.get(i)!;
        waiting.delete(i);
        emit(v, i);
      }
    },
    /** The run ended (or was interrupted): whatever waits goes out, in file order. */
    flush(): void {
      for (const i of [...waiting.keys()].sort((a, b) => a - b)) emit(waiting.get(i)!, i);
      waiting.clear();
    },
    /** Entries waiting for an earlier one (for tests: what is held). */
    get held(): number {
      return waiting.size;
    },
  };
}

const CHUNK = 64 * 1024;

/** Joins small writes into writes of about 64 KiB. */
export function chunked(write: (text: string) => void) {
  let parts: string[] = [];
  let size = 0;
  const flush = () => {
    if (parts.length > 0) write(parts.join(''));
    parts = [];
    size = 0;
  };
  return {
    write(text: string): void {
      parts.push(text);
      size += text.length;
      if (size >= CHUNK) flush();
    },
    flush,
  };
}

const SPOOL_MEMORY = 1024 * 1024;
const READ_PIECE = 1024 * 1024;

export class Spool {
  private parts: string[] = [];
  private size = 0;
  private dir: string | undefined;
  private fd: number | undefined;
  /** Characters written so far. */
  length = 0;

  constructor(private readonly memory = SPOOL_MEMORY) {}

  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    this.length += text.length;
    if (this.size >= this.memory) this.spill();
  }

  /** Whether the text went to disk (for tests). */
  get onDisk(): boolean {
    return this.fd !== undefined;
  }

  private spill(): void {
    if (this.fd === undefined) {
      this.dir = mkdtempSync(join(tmpdir(), 'wa-token-audit-'));
      this.fd = openSync(join(this.dir, 'spool'), 'wx+', 0o600);
    }
    const bytes = Buffer.from(this.parts.join(''), 'utf8');
    for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at, bytes.length - at);
    this.parts = [];
    this.size = 0;
  }

  /**
   * Hands everything written on to `write`, in order, in pieces of at most about 1 MiB, awaiting `ready` between
   * pieces (a slow reader); then frees it.
   */
  async drain(write: (text: string) => void, ready?: Ready): Promise<void> {
    if (this.fd === undefined) {
      const text = this.parts.join('');
      this.parts = [];
      this.size = 0;
      if (text !== '') write(text);
      return;
    }
    this.spill();
    const decoder = new StringDecoder('utf8');
    const buf = Buffer.alloc(READ_PIECE);
    try {
      for (let at = 0; ; ) {
        const n = readSync(this.fd, buf, 0, buf.length, at);
        if (n === 0) break;
        at += n;
        const text = decoder.write(buf.subarray(0, n));
        if (text !== '') write(text);
        await ready?.();
      }
      const rest = decoder.end();
      if (rest !== '') write(rest);
    } finally {
      this.dispose();
    }
  }

  /** Removes the temporary file, if any (idempotent). */
  dispose(): void {
    this.parts = [];
    this.size = 0;
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}

/** A promise while written output waits for its reader; undefined when nothing waits. */
export type Ready = () => Promise<void> | undefined;

/** A fleet report written as the fleet runs: `entry` per finished entry (any order), `end` once. */
export interface FleetWriter {
  entry(result: FleetEntryResult): void;
  /** Writes what remains (totals, held entries); `outcome` may be a partial one (an interrupted run). */
  end(outcome: FleetOutcome, now: Date): Promise<void> | void;
  /** Frees what a run that ends without `end` (an error) leaves behind. */
  dispose(): void;
}

/**
 * Rendered lines kept within a count and a byte budget (UTF-8, one newline each): once one line does not fit,
 * every later line is only counted, so what is listed is a prefix in the order lines were added.
 */
export class BoundedLines {
  readonly lines: string[] = [];
  /** Lines added after the budget ran out. */
  omitted = 0;
  private bytes = 0;

  constructor(
    private readonly maxLines: number,
    private readonly maxBytes: number,
  ) {}

  add(line: string): void {
    const size = Buffer.byteLength(line, 'utf8') + 1;
    if (this.omitted > 0 || this.lines.length >= this.maxLines || this.bytes + size > this.maxBytes) {
      this.omitted++;
      return;
    }
    this.bytes += size;
    this.lines.push(line);
  }
}
