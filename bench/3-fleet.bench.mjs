// 3. A fleet of 1,000 tokens against the emulator with 50 ms added per request: HTTP requests sent and wall time,
// beside a naive sequential loop (one debug_token GET per token) measured on 100 tokens and scaled to 1,000.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LATENCY = 50;

/** A fleet of n entries reusing a few healthy emulator tokens through a few environment variables. */
export function writeFleet(ctx, fx, n, file) {
  const tokens = [
    fx.TOKENS.healthy,
    fx.TOKENS.adminNoTargets,
    fx.TOKENS.bench,
    fx.TOKENS.extraScopes,
    fx.TOKENS.expiresIn14Days,
  ];
  const env = { PATH: process.env.PATH, HOME: process.env.HOME };
  tokens.forEach((t, i) => {
    env[`BENCH_TOKEN_${i}`] = t;
  });
  const doc = {
    defaults: { appId: fx.APP_ID },
    tokens: Array.from({ length: n }, (_, i) => ({
      name: `client-${i}`,
      env: `BENCH_TOKEN_${i % tokens.length}`,
    })),
  };
  const path = join(ctx.tmp, file);
  writeFileSync(path, JSON.stringify(doc));
  return { path, env, tokens };
}

export async function run(ctx) {
  const { run: spawnRun, fmt } = ctx.measure;
  const fx = await import('../scripts/emulator.mjs').then((m) => m.loadFixtures());
  const emu = await ctx.startEmulator(['--latency', String(LATENCY)]);
  try {
    const { path, env, tokens } = writeFleet(ctx, fx, 1000, 'fleet-1000.json');
    const r = await spawnRun(
      process.execPath,
      [join(ctx.root, 'dist/cli.js'), 'fleet', path, '--graph-url', emu.url, '--format', 'json'],
      { env },
    );
    if (r.code !== 0) throw new Error(`fleet exited ${r.code}: ${r.stderr.slice(0, 500)}`);
    const doc = JSON.parse(r.stdout);

    const start = performance.now();
    for (let i = 0; i < 100; i++) {
      const t = tokens[i % tokens.length];
      const res = await fetch(`${emu.url}/v26.0/debug_token?input_token=${encodeURIComponent(t)}`, {
        headers: { authorization: `Bearer ${t}` },
      });
      await res.arrayBuffer();
    }
    const naive = ((performance.now() - start) / 100) * 1000;
    return [
      {
        figure: `fleet of 1,000: HTTP requests (${LATENCY} ms/request)`,
        value: String(doc.graph.requests),
        baseline: 'naive loop: 1000',
        ratio: fmt.x(doc.graph.requests / 1000),
        target: '<= 25',
        ok: doc.graph.requests <= 25,
      },
      {
        figure: `fleet of 1,000: wall time (${doc.totals.pass} pass, ${doc.totals.warn} warn)`,
        value: fmt.ms(r.ms),
        baseline: `naive loop (100 x10): ${fmt.ms(naive)}`,
        ratio: fmt.x(r.ms / naive),
        target: '<= 2000 ms',
        ok: r.ms <= 2000,
      },
    ];
  } finally {
    await emu.stop();
  }
}
