// How a fleet schedules its batch POSTs, over real sockets to the emulator, asserted on what the emulator saw
// (requests, arrival and end stamps, requests in flight at each arrival), never on a run's duration:
// - items that fail transiently are retried together, one back-off per retry round, packed into the next
//   batches: at most ceil(failed/50) extra POSTs per round;
// - Graph's usage headers govern how many POSTs are in flight: more while usage is low, fewer as it rises.
import { afterEach, describe, expect, it } from 'vitest';
import { readPolicy } from '../../src/core/policy.js';
import type { FleetEntryResult } from '../../src/core/types.js';
import type { ResolvedEntry } from '../../src/fleet/secrets.js';
import { inFlightAt } from '../../src/graph/batch.js';
import { runFleet } from '../../src/run/fleet.js';
import { APP_ID, TOKENS } from '../emulator/fixtures.js';
import type { SeenRequest } from '../emulator/server.js';
import { useEmulator } from '../helpers/emulator.js';

const emu = useEmulator({ latencyMs: 40 });

afterEach(() => emu.setUsage({ appUsage: 2, bucUsage: 3, perCall: 0 }));

const policy = readPolicy({ appId: APP_ID });

function entries(n: number): ResolvedEntry[] {
  return Array.from({ length: n }, (_, index) => ({ index, name: `client-${index}`, token: TOKENS.healthy, policy }));
}

async function fleet(n: number, concurrency?: number) {
  const results: FleetEntryResult[] = [];
  const notices: string[] = [];
  const outcome = await runFleet({
    entries: entries(n),
    ...(concurrency ? { concurrency } : {}),
    graph: { graphUrl: emu.url, deadlineMs: 60_000, onRetry: (r) => notices.push(r.failure) },
    onEntry: (r) => results.push(r),
  });
  return { outcome, results, notices };
}

describe('retry rounds', () => {
  it('1% of items failing transiently: one back-off per round, at most ceil(failed/50) extra POSTs per round', async () => {
    const clean = await fleet(1000);
    expect(clean.outcome.totals.pass).toBe(1000);
    const cleanPosts = emu.requests.length;
    expect(cleanPosts).toBe(20);

    emu.reset();
    emu.setFault({ kind: 'flaky-items', every: 100 });
    const flaky = await fleet(1000);
    // Every entry is judged, once, and passes: the failed items were asked again.
    expect(flaky.outcome.totals).toMatchObject({ entries: 1000, pass: 1000, notJudged: 0 });
    expect(new Set(flaky.results.map((r) => r.index)).size).toBe(1000);
    // Items 100, 200, ... 1000 failed; the 10 retried ones (items 1001-1010) all succeeded.
    expect(emu.subRequests).toBe(1010);
    // One notice (and one back-off) per round, not one per failed batch (10 batches had a failure).
    const rounds = flaky.notices.length;
    expect(rounds).toBeGreaterThanOrEqual(1);
    expect(rounds).toBeLessThan(10);
    expect(flaky.notices.every((n) => /Graph error 2/.test(n))).toBe(true);
    // Each round's items (at most 10, so ceil(failed/50) = 1) cost at most one extra POST: packed together, and
    // into the batches of new entries when the back-off ends before they are all sent.
    expect(emu.requests.length - cleanPosts).toBeLessThanOrEqual(rounds);
    expect(flaky.outcome.requests).toBe(emu.requests.length);
  });

  it('items still failing at the deadline are not judged; they travel together in every round', async () => {
    emu.setFault({ kind: 'flaky-items', every: 1 });
    const r = await runFleet({
      entries: entries(3),
      graph: { graphUrl: emu.url, deadlineMs: 1500 },
      onEntry: () => undefined,
    });
    expect(r.totals).toMatchObject({ entries: 3, notJudged: 3 });
    expect(r.exitCode).toBe(3);
    // All three items travel together in every round: one POST per round.
    for (const q of emu.requests) expect(JSON.parse(new URLSearchParams(q.body).get('batch')!)).toHaveLength(3);
  });
});

describe('usage-governed concurrency', () => {
  /** The highest usage among the answers that had ended when `r` arrived (what the client could know). */
  function knownUsage(r: SeenRequest): number | undefined {
    let most: number | undefined;
    for (const q of emu.requests) {
      if (q.endedAt !== undefined && q.endedAt <= r.at && q.usage !== undefined) most = Math.max(most ?? 0, q.usage);
    }
    return most;
  }

  it('rising usage: many POSTs in flight while usage is low, fewer as it nears the limit', async () => {
    // 2,500 single-item entries = 50 POSTs; every item adds 0.034 points: usage climbs from 2% to about 87%.
    // (The emulator answers every POST after the same latency, so POSTs go out in waves of what is allowed.)
    emu.setUsage({ appUsage: 2, bucUsage: 2, perCall: 0.034 });
    const { outcome } = await fleet(2500);
    expect(outcome.totals.pass).toBe(2500);
    expect(emu.requests).toHaveLength(50);

    const seen = emu.requests.map((r) => ({ inFlight: r.inFlight!, usage: knownUsage(r) }));
    // Before Graph has answered: the starting 4.
    for (const s of seen.filter((x) => x.usage === undefined)) expect(s.inFlight).toBeLessThanOrEqual(4);
    // Never more than the usage allows (4 points of slack: answers the client had not read yet).
    for (const s of seen.filter((x) => x.usage !== undefined))
      expect(s.inFlight).toBeLessThanOrEqual(inFlightAt(s.usage! - 4, 16));
    const low = seen.filter((x) => x.usage !== undefined && x.usage <= 50).map((x) => x.inFlight);
    const high = seen.filter((x) => x.usage !== undefined && x.usage >= 75).map((x) => x.inFlight);
    expect(low.length).toBeGreaterThan(0);
    expect(high.length).toBeGreaterThan(0);
    // More than the old fixed 4 while usage is low; the count falls as usage rises.
    expect(Math.max(...low)).toBeGreaterThan(4);
    expect(Math.max(...high)).toBeLessThanOrEqual(inFlightAt(71, 16));
    expect(Math.max(...high)).toBeLessThan(Math.max(...low));
  });

  it('a user cap holds however low the usage', async () => {
    const { outcome } = await fleet(600, 2);
    expect(outcome.totals.pass).toBe(600);
    expect(Math.max(...emu.requests.map((r) => r.inFlight!))).toBeLessThanOrEqual(2);
  });
});
