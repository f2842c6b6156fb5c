// Builds the committed bundles in dist/: the CLI and the Action entry, each one self-contained ESM file.
// Deterministic (no timestamps, stable order): two bundles from one install are byte-identical.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// CommonJS dependencies (undici, @actions/*) call require(); ESM has none, so give them one.
const banner = {
  js: "import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);",
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  minify: true,
  legalComments: 'none',
  charset: 'utf8',
  banner,
  logLevel: 'warning',
};

rmSync('dist', { recursive: true, force: true });
await build({ ...common, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: `#!/usr/bin/env node\n${banner.js}` } });
await build({ ...common, entryPoints: { action: 'src/action/main.ts' }, outdir: 'dist' });
