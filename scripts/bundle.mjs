// Builds the committed bundles in dist/: the CLI and the Action entry.
// - The CLI is split (dist/cli.js + dist/chunks/*.js): each command loads only what it needs, so offline
//   evaluation and --help never parse undici, and `explain` never parses yaml.
// - The Action stays ONE self-contained file (dist/action.js): the runner executes it as is.
// Deterministic (no timestamps, content-hashed chunk names, stable order): two bundles from one install are
// byte-identical.
// `node scripts/bundle.mjs` writes dist/; `--outdir DIR` writes DIR instead (the test suite's fresh bundle).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

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
};

rmSync(outdir, { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // Every chunk is its own module: each needs the require shim (cheap: node:module is built in).
  banner: { js: requireShim },
});
// The shebang belongs to the entry only; esbuild keeps a leading `#!` line of the entry source, so add it here.
const cli = join(outdir, 'cli.js');
writeFileSync(cli, `#!/usr/bin/env node\n${readFileSync(cli, 'utf8')}`, { mode: 0o755 });
await build({
  ...common,
  entryPoints: { action: 'src/action/main.ts' },
  outdir,
  banner: { js: requireShim },
});
