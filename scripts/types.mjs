// `npm run types`: the library's type declarations, one file (dist/index.d.ts), bundled by dts-bundle-generator
// from src/index.ts and what it exports. Committed with dist/; .ci/run fails when it is stale. Slower than the
// JavaScript bundle (a full type-check), so `npm run bundle` does not run it.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
execFileSync(
  process.execPath,
  [
    'node_modules/dts-bundle-generator/dist/bin/dts-bundle-generator.js',
    '--project',
    'tsconfig.lib.json',
    '--no-banner',
    '--silent',
    '-o',
    'dist/index.d.ts',
    'src/index.ts',
  ],
  { cwd: root, stdio: 'inherit' },
);
