// 7. A fleet of 50,000 tokens with one environment variable per token (as a real partner's fleet holds them),
// from a JSON and from a YAML fleet file, beside the same fleet whose entries share five variables: wall time,
// the four runs alternating, repeated. Target: one variable per token costs at most 1.1x the shared layout.
// (--format jsonl: the reports stream out and are discarded here; the emulator adds 20 ms per request.)
import { join } from 'node:path';
import { writeFleet } from './3-fleet.bench.mjs';

const N = 50_000;
const REPS = Number(process.env.BENCH_REPS ?? 2);

export async function run(ctx) {
  const { run: spawnRun, fmt, median, interleave } = ctx.measure;
  const fx = await import('../scripts/emulator.mjs').then((m) => m.loadFixtures());
  const emu = await ctx.startEmulator(['--latency', '20']);
  try {
    const files = {};
    for (const format of ['json', 'yaml'])
      for (const shared of [false, true])
        files[`${format}-${shared ? 'shared' : 'distinct'}`] = writeFleet(ctx, fx, N, `fleet-50k-${shared ? 's' : 'd'}.${format}`, {
          shared,
          format,
        });
    const once = (key) => async () => {
      const { path, env } = files[key];
      let tail = '';
      const r = await spawnRun(
        process.execPath,
        [join(ctx.root, 'dist/cli.js'), 'fleet', path, '--graph-url', emu.url, '--format', 'jsonl', '--deadline', '300'],
        { env, discardStdout: true, onStdout: (d) => (tail = (tail + d).slice(-4096)) },
      );
      if (r.code !== 0) throw new Error(`fleet (${key}) exited ${r.code}: ${r.stderr.slice(0, 500)}`);
      const totals = JSON.parse(tail.trimEnd().split('\n').at(-1));
      if (totals.totals.entries !== N) throw new Error(`fleet (${key}) judged ${totals.totals.entries} entries`);
      return r.ms;
    };
    const out = await interleave(REPS, Object.fromEntries(Object.keys(files).map((k) => [k, once(k)])), {
      warmUp: false,
    });
    return ['json', 'yaml'].map((format) => {
      const distinct = median(out[`${format}-distinct`]);
      const shared = median(out[`${format}-shared`]);
      return {
        figure: `fleet of 50,000 from ${format.toUpperCase()}, one variable per token: wall time, median of ${REPS}`,
        value: fmt.ms(distinct),
        baseline: `same fleet, 5 shared variables: ${fmt.ms(shared)}`,
        ratio: fmt.x(distinct / shared),
        target: '<= 1.10x',
        ok: distinct / shared <= 1.1,
      };
    });
  } finally {
    await emu.stop();
  }
}
