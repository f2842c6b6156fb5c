// The retry policy (src/graph/retry.ts) on an injected clock: what it waits after each failure, when it stops,
// and the one line it gives when a rate limit's wait does not fit in the deadline. No sockets, no real time.
import { describe, expect, it } from 'vitest';
import type { Failure } from '../../src/graph/errors.js';
import {
  nextStep,
  RATE_LIMIT_TRIES,
  rateLimitStopLine,
  type RetryClock,
  retrying,
  type Stop,
  waitWords,
} from '../../src/graph/retry.js';

/** A clock that moves only when the loop waits; `left` ms before the deadline. */
function clockOf(leftMs: number, random = 0) {
  let now = 0;
  const waits: number[] = [];
  const clock: RetryClock = {
    timeLeft: () => leftMs - now,
    wait: async (ms) => {
      waits.push(ms);
      now += ms;
    },
    random: () => random,
  };
  return { clock, waits };
}

const limited = (code: number, retryAfterMs?: number): Failure => ({
  kind: 'graph',
  status: 400,
  error: { code, message: `(#${code}) limited` },
  retry: 'rate-limit',
  ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
});
const reset: Failure = { kind: 'network', code: 'ECONNRESET', detail: 'the connection was reset', retry: 'transient' };

/** Runs the loop over a script of failures (then success) and returns the waits and how it ended. */
async function run(script: Failure[], leftMs: number, random = 0) {
  const { clock, waits } = clockOf(leftMs, random);
  let calls = 0;
  const result = await retrying<'done' | Stop>(clock, async (n) => {
    calls = n;
    const f = script[n - 1];
    return f ? { again: f, why: 'x', giveUp: (stop) => stop } : { done: 'done' };
  });
  return { waits, result, calls };
}

describe('transient failures', () => {
  it('back off from 500 ms, doubling, jittered to 50-100 %, until the next wait would pass the deadline', async () => {
    const low = await run(Array(20).fill(reset), 10_000, 0);
    expect(low.waits).toEqual([250, 500, 1000, 2000, 4000]);
    expect(low.result).toEqual({ kind: 'deadline', attempts: 6 });
    const high = await run(Array(20).fill(reset), 10_000, 1);
    expect(high.waits).toEqual([500, 1000, 2000, 4000]);
  });
});

describe('rate limits without a hint (4, 17, 32, 613, 80007, 80008)', () => {
  it.each([4, 17, 32, 613, 80007, 80008])('code %d: waits a minute, then two, and recovers', async (code) => {
    const r = await run([limited(code), limited(code)], 300_000, 0);
    expect(r.waits).toEqual([60_000, 120_000]);
    expect(r.result).toBe('done');
    expect(r.calls).toBe(3);
  });

  it('jitter only ever lengthens the wait (up to a quarter)', async () => {
    const r = await run([limited(80007)], 300_000, 1);
    expect(r.waits).toEqual([75_000]);
  });

  it(`asks at most ${RATE_LIMIT_TRIES} times, however long the deadline`, async () => {
    const r = await run(Array(10).fill(limited(80008)), 300_000, 0);
    expect(r.waits).toEqual([60_000, 120_000]);
    expect(r.calls).toBe(RATE_LIMIT_TRIES);
    expect(r.result).toEqual({ kind: 'rate-limit-tries', attempts: 3 });
    expect(rateLimitStopLine(r.result as Exclude<Stop, { kind: 'deadline' }>)).toBe(
      'Graph was still rate-limiting after 3 attempts with long waits, so it was not asked again',
    );
  });

  it('a deadline that cannot cover the wait: no wait and no second call, and one line that says so', async () => {
    // The default 60 s deadline, the first answer a rate limit: the minute's wait does not fit.
    const r = await run([limited(80008)], 60_000, 0);
    expect(r.waits).toEqual([]);
    expect(r.calls).toBe(1);
    expect(r.result).toEqual({ kind: 'rate-limit-wait', attempts: 1, waitMs: 60_000, leftMs: 60_000, hinted: false });
    expect(rateLimitStopLine(r.result as Exclude<Stop, { kind: 'deadline' }>)).toMatch(
      /^Graph asks to wait ~1 min; the deadline leaves 60 s \(it sent no Retry-After: .*\), so it was not asked again$/,
    );
  });

  it('stops before the second wait when only the first fits', async () => {
    const r = await run(Array(5).fill(limited(4)), 150_000, 0);
    expect(r.waits).toEqual([60_000]);
    expect(r.result).toEqual({ kind: 'rate-limit-wait', attempts: 2, waitMs: 120_000, leftMs: 90_000, hinted: false });
    expect(rateLimitStopLine(r.result as Exclude<Stop, { kind: 'deadline' }>)).toMatch(
      /^Graph asks to wait ~2 min; the deadline leaves 90 s /,
    );
  });

  it('a transient failure in between keeps its short backoff; the rate-limit count goes on', async () => {
    const r = await run([limited(80007), reset, limited(80007)], 300_000, 0);
    // 1 min (first limit), 0.5 s * 2^(2-1) at half = 0.5 s (the second attempt's transient backoff), 2 min.
    expect(r.waits).toEqual([60_000, 500, 120_000]);
    expect(r.result).toBe('done');
  });
});

describe('rate limits with a hint', () => {
  it('waits exactly what Graph asked (Retry-After, or the BUC estimate), not the unhinted minute', async () => {
    expect((await run([limited(4, 3000)], 30_000)).waits).toEqual([3000]);
    expect((await run([limited(80008, 180_000)], 300_000)).waits).toEqual([180_000]);
  });

  it('a hint longer than the time left: not waited for, and the line names both', () => {
    const { clock } = clockOf(58_400);
    const step = nextStep(limited(80008, 120_000), { attempts: 1, rateLimited: 1 }, clock);
    expect(step).toEqual({ stop: { kind: 'rate-limit-wait', attempts: 1, waitMs: 120_000, leftMs: 58_400, hinted: true } });
    if ('stop' in step && step.stop.kind !== 'deadline')
      expect(rateLimitStopLine(step.stop)).toBe('Graph asks to wait ~2 min; the deadline leaves 58 s, so it was not asked again');
  });
});

describe('waitWords', () => {
  it.each([
    [3000, '3 s'],
    [59_001, '60 s'],
    [60_000, '~1 min'],
    [150_000, '~3 min'],
  ])('%d ms is "%s"', (ms, words) => expect(waitWords(ms)).toBe(words));
});
