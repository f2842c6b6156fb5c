// 5. The bundle: size of each file in dist/, and the load time of the Action entry (run with no inputs: it loads,
// finds no token and stops) against a bare `node -e 0`, on every Node the run has.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : [join(dir, d.name)],
  );
}

export async function run(ctx) {
  const { medianRun, fmt } = ctx.measure;
  const dist = join(ctx.root, 'dist');
  const all = files(dist).sort();
  const total = all.reduce((n, f) => n + statSync(f).size, 0);
  const rows = all
    .filter((f) => statSync(f).size >= 16 * 1024 || !f.includes('/chunks/'))
    .map((f) => ({ figure: `size of dist/${relative(dist, f)}`, value: fmt.kb(statSync(f).size) }));
  rows.push({ figure: `size of dist/ (${all.length} files)`, value: fmt.kb(total) });
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_OUTPUT: '', GITHUB_STEP_SUMMARY: '' };
  for (const [name, node] of Object.entries(ctx.nodes)) {
    const base = medianRun(node, ['-e', '0'], 11);
    const action = medianRun(node, [join(dist, 'action.js')], 11, { env });
    rows.push({
      figure: `Action entry load + stop (${name})`,
      value: fmt.ms(action),
      baseline: `node -e 0: ${fmt.ms(base)}`,
      ratio: fmt.x(action / base),
    });
  }
  return rows;
}
