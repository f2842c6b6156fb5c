// 4. A fleet of 10,000 tokens with --format jsonl (reports streamed as they finish): peak RSS of the CLI process,
// beside the peak RSS of the offline start-up run (the CLI's floor) in the same run.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFleet } from './3-fleet.bench.mjs';

export async function run(ctx) {
  const { run: spawnRun, fmt } = ctx.measure;
  const fx = await import('../scripts/emulator.mjs').then((m) => m.loadFixtures());
  const emu = await ctx.startEmulator(['--latency', '20']);
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  /** Peak RSS in kB: GNU time's %M when present, else sampled VmHWM. */
  const peak = async (args, env) => {
    let lines = 0;
    const onStdout = (d) => {
      for (const c of d) if (c === 10) lines++;
    };
    if (timeBin) {
      const r = await spawnRun(timeBin, ['-f', 'maxrss=%M', process.execPath, ...args], {
        env,
        discardStdout: true,
        onStdout,
      });
      return { kb: Number(/maxrss=(\d+)/.exec(r.stderr)?.[1] ?? 0), r, lines };
    }
    const r = await spawnRun(process.execPath, args, { env, discardStdout: true, onStdout, sampleRss: true });
    return { kb: r.peakKb, r, lines };
  };
  try {
    const { path, env } = writeFleet(ctx, fx, 10_000, 'fleet-10000.json');
    const big = await peak(
      [
        join(ctx.root, 'dist/cli.js'),
        'fleet',
        path,
        '--graph-url',
        emu.url,
        '--format',
        'jsonl',
        '--deadline',
        '300',
      ],
      env,
    );
    if (big.r.code !== 0) throw new Error(`fleet exited ${big.r.code}: ${big.r.stderr.slice(0, 500)}`);
    const saved = join(ctx.tmp, 'saved-rss.json');
    writeFileSync(saved, JSON.stringify({ data: { app_id: fx.APP_ID, is_valid: true, scopes: [] } }));
    const floor = await peak(
      [join(ctx.root, 'dist/cli.js'), '--response-file', saved, '--app-id', fx.APP_ID],
      env,
    );
    return [
      {
        figure: `fleet of 10,000, jsonl: peak RSS (${big.lines} lines in ${fmt.ms(big.r.ms)})`,
        value: fmt.mb(big.kb),
        baseline: `offline start-up: ${fmt.mb(floor.kb)}`,
        ratio: fmt.x(big.kb / floor.kb),
        target: '<= 200 MB',
        ok: big.kb <= 200 * 1024,
      },
    ];
  } finally {
    await emu.stop();
  }
}
