// The Graph client's deadline, backoff and pacing on an injected clock, over real sockets to the emulator: a wait
// costs no real time, so every wait and every attempt is checked exactly, however busy the machine is.
import { describe, expect, it } from 'vitest';
import { NotJudgedError } from '../../src/core/errors.js';
import { sendBatch } from '../../src/graph/batch.js';
import { GraphClient, type GraphClientOptions } from '../../src/graph/client.js';
import { TOKENS } from '../emulator/fixtures.js';
import { useEmulator } from '../helpers/emulator.js';

const emu = useEmulator();

/** A clock that only moves when the client waits (attempts take no time on it), and what the client did. */
function fakeTime(opts: { lateBy?: number } = {}) {
  let now = 1_700_000_000_000;
  const waits: number[] = [];
  /** What the client announced before each wait (`attempt:ms`). */
  const notices: string[] = [];
  return {
    waits,
    notices,
    now: () => now,
    options: (deadlineMs: number, random: number): GraphClientOptions => ({
      graphUrl: emu.url,
      deadlineMs,
      timeoutMs: 5000,
      clock: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        // A timer that fires late on a loaded machine: the client must notice the deadline passed meanwhile.
        now += ms + (opts.lateBy ?? 0);
      },
      random: () => random,
      onRetry: (r) => notices.push(`${r.attempt}:${r.waitMs}`),
    }),
  };
}

const debugToken = { path: 'debug_token', query: { input_token: TOKENS.healthy }, token: TOKENS.healthy };

async function sendExpectingNotJudged(client: GraphClient): Promise<NotJudgedError> {
  try {
    await client.send(debugToken);
  } catch (err) {
    expect(err).toBeInstanceOf(NotJudgedError);
    return err as NotJudgedError;
  } finally {
    await client.close();
  }
  throw new Error('expected the request to be given up at the deadline');
}

describe('deadline and backoff (injected clock)', () => {
  it.each([
    // random() = 1: the longest jitter, 500 ms doubling; the next wait (8 s) would end past 10 s.
    [1, [500, 1000, 2000, 4000]],
    // random() = 0: half of it; 4 s more still fits (7.75 s), 8 s more would not.
    [0, [250, 500, 1000, 2000, 4000]],
  ])(
    'a persistent 503, 10 s deadline, random() = %d: waits %j, then not judged',
    async (random, expected) => {
      emu.setFault({ kind: 'status', status: 503, body: 'envelope' });
      const t = fakeTime();
      const err = await sendExpectingNotJudged(new GraphClient(t.options(10_000, random)));
      expect(t.waits).toEqual(expected);
      // One request per attempt, every one of them sent before the deadline on the client's clock.
      expect(emu.requests).toHaveLength(expected.length + 1);
      expect(expected.reduce((a, b) => a + b, 0)).toBeLessThan(10_000);
      expect(err.message).toMatch(
        new RegExp(`within the 10 s deadline \\(${expected.length + 1} attempts\\); last: Graph error 2 .*\\[HTTP 503\\]`),
      );
      // Each wait is announced before it starts, with the attempt it leads to.
      expect(t.notices).toEqual(expected.map((ms, i) => `${i + 1}:${ms}`));
    },
  );

  it('a wait that would end past the deadline is not started: one attempt only', async () => {
    emu.setFault({ kind: 'graph-error', code: 4 });
    const t = fakeTime();
    // A rate limit without a hint waits at least a minute: that does not fit in a 1 s deadline.
    const err = await sendExpectingNotJudged(new GraphClient(t.options(1000, 1)));
    expect(t.waits).toEqual([]);
    expect(emu.requests).toHaveLength(1);
    expect(err.message).toMatch(/^Graph asks to wait ~1 min; the deadline leaves 1 s .*; last: Graph error 4(\.2446079)? /);
  });

  it('a timer that fires past the deadline sends nothing more, and reports what Graph last said', async () => {
    emu.setFault({ kind: 'status', status: 503, body: 'envelope' });
    const t = fakeTime({ lateBy: 60_000 });
    const err = await sendExpectingNotJudged(new GraphClient(t.options(10_000, 1)));
    // The wait was started in time, ended a minute late: no second request reached Graph.
    expect(t.waits).toEqual([500]);
    expect(emu.requests).toHaveLength(1);
    expect(err.message).toMatch(/\(2 attempts\); last: Graph error 2 /);
    expect(err.message).not.toMatch(/timed out/);
  });

  it('Retry-After is honoured exactly, in place of a shorter jittered backoff', async () => {
    emu.setFault({ kind: 'graph-error', code: 4, times: 1, retryAfter: 3 });
    const t = fakeTime();
    const client = new GraphClient(t.options(15_000, 0));
    const res = await client.send(debugToken);
    await client.close();
    expect(res.status).toBe(200);
    // A rate limit backs off from 2 s (1 s at random() = 0); Graph asked for 3 s.
    expect(t.waits).toEqual([3000]);
    expect(emu.requests).toHaveLength(2);
  });

  it('a Retry-After longer than the time left is not waited for: not judged at once', async () => {
    emu.setFault({ kind: 'graph-error', code: 4, retryAfter: 30 });
    const t = fakeTime();
    const err = await sendExpectingNotJudged(new GraphClient(t.options(10_000, 0)));
    expect(t.waits).toEqual([]);
    expect(emu.requests).toHaveLength(1);
    expect(err.message).toMatch(/^Graph asks to wait 30 s; the deadline leaves 10 s, so it was not asked again; last: Graph error 4(\.2446079)? /);
  });
});

describe('pacing on usage headers (injected clock)', () => {
  it('at 95% of the hourly limit the next request waits 3 s; below 90% it does not', async () => {
    emu.setUsage({ appUsage: 95 });
    try {
      const t = fakeTime();
      const client = new GraphClient(t.options(60_000, 0));
      await client.send(debugToken);
      await client.send(debugToken);
      await client.close();
      expect(t.waits).toEqual([3000]);
      expect(client.throttledMs).toBe(3000);
      // Pacing is announced as attempt 0 ("slowing down"), not as a retry.
      expect(t.notices).toEqual(['0:3000']);
      expect(emu.requests).toHaveLength(2);
    } finally {
      emu.setUsage({ appUsage: 2 });
    }
    const t = fakeTime();
    const client = new GraphClient(t.options(60_000, 0));
    await client.send(debugToken);
    await client.send(debugToken);
    await client.close();
    expect(t.waits).toEqual([]);
  });

  it('pacing never pushes a run past its deadline: the request goes out without the wait', async () => {
    emu.setUsage({ appUsage: 100 });
    try {
      const t = fakeTime();
      const client = new GraphClient(t.options(2000, 0));
      await client.send(debugToken);
      const res = await client.send(debugToken);
      await client.close();
      expect(res.status).toBe(200);
      // 100% asks for 5 s between requests; 2 s are left, so no wait at all.
      expect(t.waits).toEqual([]);
      expect(emu.requests).toHaveLength(2);
    } finally {
      emu.setUsage({ appUsage: 2 });
    }
  });
});

describe('batch rounds at the deadline (injected clock)', () => {
  it('an item that did not finish in time, whose next round is cut by the deadline, says so with its rounds', async () => {
    emu.setFault({ kind: 'batch-null-items' });
    // The first back-off's timer fires 5 s late: the second round's POST finds no time left.
    const t = fakeTime({ lateBy: 5000 });
    const client = new GraphClient(t.options(3000, 1));
    try {
      const [r] = await sendBatch(client, [{ path: 'debug_token?input_token=x', token: TOKENS.healthy }]);
      expect(r).toMatchObject({ ok: false });
      // What the item failed with, not the cut attempt ("the request timed out", "1 attempt").
      expect(r && !r.ok && r.notJudged).toBe(
        'still failing at the deadline after 2 rounds; last: the batch item did not finish in time',
      );
      expect(emu.requests).toHaveLength(1);
    } finally {
      await client.close();
    }
  });
});
