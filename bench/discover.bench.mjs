// Benchmark: discovery against the Graph emulator with 50 ms added to every request: the bench token (20 WABAs x 5
// numbers), with an app secret, an admin token, and a Solution Partner's account (200 WABAs x 20 numbers) named by
// target_ids and through its user's two-page listing. Reports HTTP requests, the engine's own wave count, and the
// round trips counted from the emulator's arrival and end stamps (a request that arrived after another one was
// answered starts a later round), beside the round trips the data needs (its dependency depth).
//
// bench/run.mjs runs every bench/*.bench.mjs module's `run(ctx)` and prints the rows it returns. Standalone:
//   node bench/discover.bench.mjs
import { fileURLToPath } from 'node:url';
import { loadFromSource } from '../scripts/emulator.mjs';

const LATENCY_MS = 50;

/** The discovery engine, bundled from src/, and the emulator, run in this process for its request log. */
async function load() {
  return loadFromSource({
    'discover-engine': 'src/run/discover.ts',
    fixtures: 'test/emulator/fixtures.ts',
    'emulator-server': 'test/emulator/server.ts',
  });
}

/** Round of each request: one more than the latest round among the requests answered before it arrived. */
function rounds(requests) {
  const round = [];
  requests.forEach((r, i) => {
    let before = 0;
    for (let j = 0; j < i; j++) {
      const q = requests[j];
      if (q.endedAt !== undefined && q.endedAt <= r.at) before = Math.max(before, round[j]);
    }
    round[i] = before + 1;
  });
  return Math.max(0, ...round);
}

export async function run(_ctx = {}) {
  const { 'discover-engine': engine, fixtures: f, 'emulator-server': server } = await load();
  const emu = await server.startEmulator({ latencyMs: LATENCY_MS });
  const rows = [];
  try {
    const scenarios = [
      { name: 'discover 20 WABAs x 5 numbers', input: { token: f.TOKENS.bench }, floor: 2, requests: 6 },
      {
        name: 'discover 20x5, with app secret (webhook)',
        input: { token: f.TOKENS.bench, appId: f.APP_ID, appSecret: f.APP_SECRET },
        floor: 2,
        requests: 6,
      },
      { name: 'discover admin token (no target_ids)', input: { token: f.TOKENS.adminNoTargets }, floor: 3, requests: 6 },
      { name: 'discover 200 WABAs x 20 numbers (target_ids)', input: { token: f.TOKENS.partner }, floor: 2, requests: 13 },
      {
        name: 'discover 200x20 through the user listing (2 pages)',
        input: { token: f.TOKENS.partnerAdmin },
        floor: 4,
        requests: 15,
      },
    ];
    for (const s of scenarios) {
      emu.reset();
      const started = performance.now();
      const out = await engine.discoverToken({ ...s.input, graph: { graphUrl: emu.url } });
      const ms = Math.round(performance.now() - started);
      const phones = out.discovery.wabas.reduce((n, w) => n + w.phoneNumbers.length, 0);
      const trips = rounds(emu.requests);
      rows.push({
        benchmark: s.name,
        latency: `${LATENCY_MS} ms`,
        wabas: out.discovery.wabas.length,
        phones,
        waves: out.waves,
        'round trips (arrival times)': trips,
        requests: out.requests,
        ms,
        target: `<= ${s.floor} round trips, <= ${s.requests} requests`,
        met: trips <= s.floor && out.requests <= s.requests ? 'yes' : 'NO',
      });
    }
  } finally {
    await emu.close();
  }
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = await run();
  console.table(rows);
  if (rows.some((r) => r.met !== 'yes')) process.exitCode = 1;
}
