// 3. A fleet of 1,000 tokens, each in its own environment variable (as a real fleet holds them), against the
// emulator with 50 ms added per request: HTTP requests sent and wall time, beside a naive sequential loop (one
// debug_token GET per token) measured on 100 tokens and scaled to 1,000. The two alternate, 5 times each.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

const LATENCY = 50;
const REPS = 5;

/**
 * A fleet file of n entries and the environment that holds their tokens (a few healthy emulator tokens, in turn).
 * `shared`: the entries share five variables (the old benchmark's layout, now only a baseline); otherwise each
 * entry has a variable of its own. `format`: json or yaml.
 */
export function writeFleet(ctx, fx, n, file, { shared = false, format = 'json' } = {}) {
  const tokens = [
    fx.TOKENS.healthy,
    fx.TOKENS.adminNoTargets,
    fx.TOKENS.bench,
    fx.TOKENS.extraScopes,
    fx.TOKENS.expiresIn14Days,
  ];
  const env = { PATH: process.env.PATH, HOME: process.env.HOME };
  const vars = shared ? tokens.length : n;
  for (let i = 0; i < vars; i++) env[`BENCH_TOKEN_${i}`] = tokens[i % tokens.length];
  const doc = {
    defaults: { appId: fx.APP_ID },
    tokens: Array.from({ length: n }, (_, i) => ({ name: `client-${i}`, env: `BENCH_TOKEN_${i % vars}` })),
  };
  const path = join(ctx.tmp, file);
  writeFileSync(path, format === 'yaml' ? stringify(doc) : JSON.stringify(doc));
  return { path, env, tokens };
}

export async function run(ctx) {
  const { run: spawnRun, fmt, median, interleave } = ctx.measure;
  const fx = await import('../scripts/emulator.mjs').then((m) => m.loadFixtures());
  const emu = await ctx.startEmulator(['--latency', String(LATENCY)]);
  try {
    const { path, env, tokens } = writeFleet(ctx, fx, 1000, 'fleet-1000.json');
    const out = await interleave(REPS, {
      fleet: async () => {
        const r = await spawnRun(
          process.execPath,
          [join(ctx.root, 'dist/cli.js'), 'fleet', path, '--graph-url', emu.url, '--format', 'json'],
          { env },
        );
        if (r.code !== 0) throw new Error(`fleet exited ${r.code}: ${r.stderr.slice(0, 500)}`);
        return { ms: r.ms, doc: JSON.parse(r.stdout) };
      },
      naive: async () => {
        const start = performance.now();
        for (let i = 0; i < 100; i++) {
          const t = tokens[i % tokens.length];
          const res = await fetch(`${emu.url}/v26.0/debug_token?input_token=${encodeURIComponent(t)}`, {
            headers: { authorization: `Bearer ${t}` },
          });
          await res.arrayBuffer();
        }
        return ((performance.now() - start) / 100) * 1000;
      },
    });
    const doc = out.fleet.at(-1).doc;
    const requests = Math.max(...out.fleet.map((f) => f.doc.graph.requests));
    const wall = median(out.fleet.map((f) => f.ms));
    const naive = median(out.naive);
    return [
      {
        figure: `fleet of 1,000 (one variable each): HTTP requests (${LATENCY} ms/request)`,
        value: String(requests),
        baseline: 'naive loop: 1000',
        ratio: fmt.x(requests / 1000),
        target: '<= 25',
        ok: requests <= 25,
      },
      {
        figure: `fleet of 1,000: wall time, median of ${REPS} (${doc.totals.pass} pass, ${doc.totals.warn} warn)`,
        value: fmt.ms(wall),
        baseline: `naive loop (100 x10), median of ${REPS}: ${fmt.ms(naive)}`,
        ratio: fmt.x(wall / naive),
        target: '<= 2000 ms',
        ok: wall <= 2000,
      },
    ];
  } finally {
    await emu.stop();
  }
}
