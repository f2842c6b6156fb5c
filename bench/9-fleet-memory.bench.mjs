// 9. Memory of a 100,000-entry fleet in every format, on every Node the run has: the peak RSS of the CLI process
// and of the child Node it runs the fleet in (src/cli/fleet-heap.ts), summed (each one's own peak, so an upper
// bound), sampled from /proc every 20 ms; stdout is read as fast as it comes and discarded. Baseline: the offline
// start-up's peak in the same run. BENCH_MEMORY_ENTRIES sets another size (the fleet file holds 100,000 at most).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FORMATS = ['json', 'jsonl', 'text', 'markdown', 'junit', 'openmetrics'];

/** Peak RSS (kB) of a process and its descendants: the sum of each one's VmHWM. */
function sampler(pid) {
  const peaks = new Map();
  const read = (p) => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) peaks.set(p, Math.max(peaks.get(p) ?? 0, Number(m[1])));
      for (const c of readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').split(' ').filter(Boolean)) read(c);
    } catch {
      // Gone between two samples: its last reading stands.
    }
  };
  const timer = setInterval(() => read(pid), 20);
  return {
    stop() {
      clearInterval(timer);
      return [...peaks.values()].reduce((a, b) => a + b, 0);
    },
  };
}

function peakOf(node, args, env) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(node, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const s = sampler(child.pid);
    let bytes = 0;
    let stderr = '';
    child.stdout.on('data', (d) => {
      bytes += d.length;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, kb: s.stop(), bytes, stderr, ms: Number(process.hrtime.bigint() - start) / 1e6 }),
    );
  });
}

export async function run(ctx) {
  const { fmt } = ctx.measure;
  const n = Number(process.env.BENCH_MEMORY_ENTRIES ?? 100_000);
  const fx = await import('../scripts/emulator.mjs').then((m) => m.loadFixtures());
  const emu = await ctx.startEmulator(['--latency', '0']);
  try {
    const tokens = [fx.TOKENS.healthy, fx.TOKENS.adminNoTargets, fx.TOKENS.bench, fx.TOKENS.extraScopes];
    const env = { PATH: process.env.PATH, HOME: process.env.HOME };
    tokens.forEach((t, i) => {
      env[`T${i}`] = t;
    });
    // Short names: 100,000 entries must fit the fleet file's 4 MiB.
    const path = join(ctx.tmp, `fleet-memory-${n}.json`);
    writeFileSync(
      path,
      JSON.stringify({
        defaults: { appId: fx.APP_ID },
        tokens: Array.from({ length: n }, (_, i) => ({ name: `c${i}`, env: `T${i % tokens.length}` })),
      }),
    );
    const saved = join(ctx.tmp, 'saved-memory.json');
    writeFileSync(saved, JSON.stringify({ data: { app_id: fx.APP_ID, is_valid: true, scopes: [] } }));
    const cli = join(ctx.root, 'dist/cli.js');
    const rows = [];
    for (const [name, node] of Object.entries(ctx.nodes)) {
      const floor = await peakOf(node, [cli, '--response-file', saved, '--app-id', fx.APP_ID], env);
      for (const format of FORMATS) {
        const r = await peakOf(
          node,
          [cli, 'fleet', path, '--graph-url', emu.url, '--format', format, '--deadline', '300'],
          env,
        );
        if (r.code !== 0) throw new Error(`fleet --format ${format} exited ${r.code}: ${r.stderr.slice(0, 300)}`);
        rows.push({
          figure: `fleet of ${n.toLocaleString('en')}, ${format}: peak RSS (${name}; ${fmt.mb(r.bytes / 1024)} out in ${fmt.ms(r.ms)})`,
          value: fmt.mb(r.kb),
          baseline: `offline start-up: ${fmt.mb(floor.kb)}`,
          ratio: fmt.x(r.kb / floor.kb),
          target: '< 300 MB',
          ok: r.kb < 300 * 1024,
        });
      }
    }
    return rows;
  } finally {
    await emu.stop();
  }
}
