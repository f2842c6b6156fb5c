// Benchmark: discovery of the bench token (20 WABAs x 5 phone numbers) against the Graph emulator with 50 ms
// added to every request. Reports HTTP requests sent and network waves (target: at most 3 waves, 6 requests).
//
// bench/run.mjs runs every bench/*.bench.mjs module's `run(ctx)` and prints the rows it returns. Standalone:
//   node bench/discover.bench.mjs
import { fileURLToPath } from 'node:url';
import { loadFixtures, loadFromSource, startEmulator } from '../scripts/emulator.mjs';

const LATENCY_MS = 50;
const TARGET = { waves: 3, requests: 6 };

/** The discovery engine, bundled from src/. */
async function loadDiscovery() {
  const { 'discover-engine': engine } = await loadFromSource({ 'discover-engine': 'src/run/discover.ts' });
  return engine;
}

export async function run(_ctx = {}) {
  const [{ discoverToken }, f] = await Promise.all([loadDiscovery(), loadFixtures()]);
  const emu = await startEmulator(['--latency', String(LATENCY_MS)]);
  const rows = [];
  try {
    const scenarios = [
      { name: 'discover 20 WABAs x 5 numbers', input: { token: f.TOKENS.bench } },
      {
        name: 'discover 20x5, with app secret (webhook)',
        input: { token: f.TOKENS.bench, appId: f.APP_ID, appSecret: f.APP_SECRET },
      },
      { name: 'discover admin token (no target_ids)', input: { token: f.TOKENS.adminNoTargets } },
    ];
    for (const s of scenarios) {
      const started = performance.now();
      const out = await discoverToken({ ...s.input, graph: { graphUrl: emu.url } });
      const ms = Math.round(performance.now() - started);
      const phones = out.discovery.wabas.reduce((n, w) => n + w.phoneNumbers.length, 0);
      rows.push({
        benchmark: s.name,
        latency: `${LATENCY_MS} ms`,
        wabas: out.discovery.wabas.length,
        phones,
        waves: out.waves,
        requests: out.requests,
        ms,
        target: `<= ${TARGET.waves} waves, <= ${TARGET.requests} requests`,
        met: out.waves <= TARGET.waves && out.requests <= TARGET.requests ? 'yes' : 'NO',
      });
    }
  } finally {
    await emu.stop();
  }
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = await run();
  console.table(rows);
  if (rows.some((r) => r.met !== 'yes')) process.exitCode = 1;
}
