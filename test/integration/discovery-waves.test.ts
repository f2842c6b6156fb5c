// Discovery of a Solution-Partner-scale account (200 WABAs x 20 numbers) over real sockets: how many round trips
// it takes, counted from the emulator's own arrival and end stamps (a request that arrived after another one's
// answer was sent may have waited on it: it starts a later round), never from a run's duration.
import { describe, expect, it } from 'vitest';
import { discoverToken } from '../../src/run/discover.js';
import { TOKENS } from '../emulator/fixtures.js';
import type { SeenRequest } from '../emulator/server.js';
import { useEmulator } from '../helpers/emulator.js';

// Enough latency that a wave's POSTs, sent together, all arrive before the first is answered.
const emu = useEmulator({ latencyMs: 250 });

/** Round of each request: one more than the latest round among the requests answered before it arrived. */
function rounds(requests: SeenRequest[]): number[] {
  const round: number[] = [];
  requests.forEach((r, i) => {
    let before = 0;
    requests.forEach((q, j) => {
      if (j < i && q.endedAt !== undefined && q.endedAt <= r.at) before = Math.max(before, round[j]!);
    });
    round[i] = before + 1;
  });
  return round;
}

describe('discovery waves at partner scale', () => {
  it('200 WABAs x 20 numbers named by target_ids: 2 round trips (debug_token, then every read at once)', async () => {
    const out = await discoverToken({ token: TOKENS.partner, graph: { graphUrl: emu.url } });
    expect(out.discovery.wabas).toHaveLength(200);
    expect(out.discovery.wabas.reduce((n, w) => n + w.phoneNumbers.length, 0)).toBe(4000);
    // 600 reads (node, phone_numbers, subscribed_apps per WABA) = 12 batch POSTs, after debug_token.
    expect(emu.requests).toHaveLength(13);
    expect(Math.max(...rounds(emu.requests))).toBe(2);
    expect(out.waves).toBe(2);
  });

  it('the same account through its user listing (two pages of 100): 4 round trips, the next page first', async () => {
    const out = await discoverToken({ token: TOKENS.partnerAdmin, graph: { graphUrl: emu.url } });
    expect(out.discovery.wabas).toHaveLength(200);
    expect(out.discovery.wabas.reduce((n, w) => n + w.phoneNumbers.length, 0)).toBe(4000);
    const round = rounds(emu.requests);
    expect(Math.max(...round)).toBe(4);
    // Round 3 carries the listing's second page and the first 100 WABAs' reads; the page leads its first POST.
    const third = emu.requests.filter((_, i) => round[i] === 3);
    const firstItems = third.map((q) => JSON.parse(new URLSearchParams(q.body).get('batch')!)[0].relative_url);
    expect(firstItems.some((u: string) => /assigned_whatsapp_business_accounts\?.*after=/.test(u))).toBe(true);
    expect(emu.requests).toHaveLength(1 + 1 + 7 + 6);
  });
});
