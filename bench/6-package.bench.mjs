// 6. The npm package: tarball size, installed size and install time from the tarball into an empty folder, with
// the registry unreachable and --offline (the package has no dependencies, so nothing else is fetched), against
// the same install of a package.json with no dependency at all (npm's own start-up and bookkeeping).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function du(dir) {
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (n, d) => n + (d.isDirectory() ? du(join(dir, d.name)) : statSync(join(dir, d.name)).size),
    0,
  );
}

export async function run(ctx) {
  const { median, fmt } = ctx.measure;
  const env = { PATH: process.env.PATH, HOME: ctx.tmp, npm_config_update_notifier: 'false' };
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', ctx.tmp], { cwd: ctx.root, env, encoding: 'utf8' }),
  );
  const tarball = join(ctx.tmp, packed.filename);
  const install = (spec) => {
    const dir = mkdtempSync(join(ctx.tmp, 'install-'));
    mkdirSync(join(dir, 'cache'));
    writeFileSync(join(dir, 'package.json'), '{"name":"consumer","private":true}');
    const args = ['install', ...spec, '--offline', '--registry', 'http://127.0.0.1:9/', '--cache', join(dir, 'cache')];
    const t = process.hrtime.bigint();
    execFileSync('npm', [...args, '--no-audit', '--no-fund'], { cwd: dir, env, stdio: 'ignore' });
    return { ms: Number(process.hrtime.bigint() - t) / 1e6, dir };
  };
  const runs = Array.from({ length: 5 }, () => install([tarball]));
  const empty = median(Array.from({ length: 5 }, () => install([]).ms));
  const took = median(runs.map((r) => r.ms));
  const modules = readdirSync(join(runs[0].dir, 'node_modules')).filter((f) => !f.startsWith('.'));
  return [
    { figure: 'npm tarball', value: `${fmt.kb(packed.size)}, ${packed.entryCount} files` },
    { figure: 'installed size (node_modules/wa-token-audit)', value: fmt.kb(du(join(runs[0].dir, 'node_modules/wa-token-audit'))) },
    { figure: 'packages installed', value: String(modules.length), target: '1', ok: modules.length === 1 },
    { figure: 'install time from the tarball (offline)', value: fmt.ms(took), baseline: `npm install, no dependency: ${fmt.ms(empty)}` },
  ];
}
