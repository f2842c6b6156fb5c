// Builds the committed bundles in dist/: the CLI, the library and the Action entry.
// - The CLI and the library are one split build (dist/cli.js, dist/index.js + dist/chunks/*.js): they share
//   their code, and each command loads only what it needs, so offline evaluation and --help never parse undici,
//   and `explain` never parses yaml. The library's type declarations (dist/index.d.ts) come from
//   `npm run types` (scripts/types.mjs), which this script leaves in place.
// - The Action is dist/action.js, which the runner executes, and dist/action-chunks/: what only some runs need
//   (octokit) loads from there when a run needs it.
// - The minifier drops the bundled packages' licence comments, so each bundle gets a licence file listing every
//   package it contains, with that package's own licence text: dist/licenses.txt (the CLI and the library,
//   shipped on npm) and dist/action-licenses.txt (the Action). The list comes from esbuild's metafile.
// Deterministic (no timestamps, content-hashed chunk names, stable order): two bundles from one install are
// byte-identical.
// `node scripts/bundle.mjs` writes dist/; `--outdir DIR` writes DIR instead (the test suite's fresh bundle).
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { noOidcClient } from './bundle-plugins.mjs';

const flag = process.argv.indexOf('--outdir');
const outdir = flag === -1 ? 'dist' : process.argv[flag + 1];
if (!outdir) throw new Error('--outdir needs a directory');

// CommonJS dependencies (undici, @actions/*) call require(); ESM has none, so give them one.
const requireShim =
  "import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);";

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  minify: true,
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
  metafile: true,
};

/** The packages (folder under node_modules) whose files are in a build, sorted by path. */
function bundledPackages(metafile) {
  const dirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const at = input.lastIndexOf('node_modules/');
    if (at < 0) continue;
    const rest = input.slice(at + 'node_modules/'.length).split('/');
    dirs.add(input.slice(0, at) + 'node_modules/' + rest.slice(0, rest[0].startsWith('@') ? 2 : 1).join('/'));
  }
  return [...dirs].sort();
}

function writeLicenses(file, what, metafile) {
  const parts = [`Third-party software bundled in ${what}, with each package's licence.\n`];
  const seen = new Set();
  for (const dir of bundledPackages(metafile)) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (seen.has(`${pkg.name}@${pkg.version}`)) continue;
    seen.add(`${pkg.name}@${pkg.version}`);
    const text = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    parts.push(
      `${'-'.repeat(78)}\n${pkg.name}@${pkg.version} (${pkg.license})\n\n` +
        (text ? readFileSync(join(dir, text), 'utf8').trim() : `No licence file; package.json says ${pkg.license}.`) +
        '\n',
    );
  }
  writeFileSync(file, parts.join('\n'));
}

for (const entry of existsSync(outdir) ? readdirSync(outdir) : [])
  if (entry !== 'index.d.ts') rmSync(join(outdir, entry), { recursive: true, force: true });
const cliBuild = await build({
  ...common,
  entryPoints: { cli: 'src/cli/main.ts', index: 'src/index.ts' },
  outdir,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // Every chunk is its own module: each needs the require shim (cheap: node:module is built in).
  banner: { js: requireShim },
});
// The shebang belongs to the entry only; esbuild keeps a leading `#!` line of the entry source, so add it here.
const cli = join(outdir, 'cli.js');
writeFileSync(cli, `#!/usr/bin/env node\n${readFileSync(cli, 'utf8')}`, { mode: 0o755 });
const action = await build({
  ...common,
  plugins: [noOidcClient],
  entryPoints: { action: 'src/action/main.ts' },
  outdir,
  // What only some runs need (@actions/github's octokit: the empty-token diagnosis and the expiry watch) is in
  // its own chunk, loaded by a dynamic import when the run needs it.
  splitting: true,
  chunkNames: 'action-chunks/[name]-[hash]',
  banner: { js: requireShim },
});
writeLicenses(join(outdir, 'licenses.txt'), 'dist/cli.js, dist/index.js and dist/chunks/', cliBuild.metafile);
writeLicenses(join(outdir, 'action-licenses.txt'), 'dist/action.js and dist/action-chunks/', action.metafile);
