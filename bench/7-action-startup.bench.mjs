// 7. Start-up of the Action in a real run with a token: `dist/action.js` audits a healthy token against the
// emulator (no added latency) the way the runner starts it (INPUT_* variables with action.yml's defaults, output
// and summary files), median of 11 runs after a warm-up, against a bare `node -e 0`, on every Node the run has
// (the runner uses Node 24). What it loads: @actions/core without its OIDC client, our undici; octokit only for
// the empty-token diagnosis and the expiry watch.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

export async function run(ctx) {
  const { medianRun, fmt } = ctx.measure;
  const fx = await import('../scripts/emulator.mjs').then((m) => m.loadFixtures());
  const emu = await ctx.startEmulator(['--latency', '0']);
  try {
    const yml = parse(readFileSync(join(ctx.root, 'action.yml'), 'utf8'));
    const dir = mkdtempSync(join(ctx.tmp, 'action-'));
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, RUNNER_TEMP: dir };
    for (const [name, spec] of Object.entries(yml.inputs))
      env[`INPUT_${name.toUpperCase()}`] = String(spec.default ?? '').replace('${{ github.token }}', '');
    Object.assign(env, {
      INPUT_TOKEN: fx.TOKENS.healthy,
      'INPUT_APP-ID': fx.APP_ID,
      'INPUT_GRAPH-URL': emu.url,
      GITHUB_OUTPUT: join(dir, 'output'),
      GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    });
    writeFileSync(env.GITHUB_OUTPUT, '');
    writeFileSync(env.GITHUB_STEP_SUMMARY, '');
    const action = resolve(ctx.root, process.env.BENCH_ACTION_DIST ?? 'dist', 'action.js');
    const rows = [];
    for (const [name, node] of Object.entries(ctx.nodes)) {
      const check = ctx.measure.timeRun(node, [action], { env });
      if (check.status !== 0) throw new Error(`the Action run exited ${check.status} on ${name}`);
      const base = medianRun(node, ['-e', '0'], 11);
      const ms = medianRun(node, [action], 11, { env });
      rows.push({
        figure: `Action run with a token, one audit (${name})`,
        value: fmt.ms(ms),
        baseline: `node -e 0: ${fmt.ms(base)}`,
        ratio: fmt.x(ms / base),
        ...(name === 'Node 24' ? { target: '<= 2.96x', ok: ms / base <= 2.96 } : {}),
      });
    }
    return rows;
  } finally {
    await emu.stop();
  }
}
