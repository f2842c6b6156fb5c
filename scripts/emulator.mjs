// Starts the Graph API emulator (test/emulator) as a child process for the demo and the benchmarks.
// It is TypeScript and Node 20 cannot run TypeScript, so esbuild bundles it into a cache folder first.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { build } from 'esbuild';

const OUT_DIR = 'node_modules/.cache/wa-token-audit';

/**
 * Bundles TypeScript entry points (name -> source) into the cache folder, since Node 20 cannot run TypeScript,
 * and imports them; CommonJS dependencies get a `require`.
 */
export async function loadFromSource(entryPoints) {
  mkdirSync(OUT_DIR, { recursive: true });
  await build({
    entryPoints,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    banner: {
      js: "import { createRequire as __waCreateRequire } from 'node:module'; const require = __waCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  const names = Object.keys(entryPoints);
  const modules = await Promise.all(
    names.filter((n) => n !== 'emulator').map((n) => import(new URL(`../${OUT_DIR}/${n}.mjs`, import.meta.url).href)),
  );
  return Object.fromEntries(names.filter((n) => n !== 'emulator').map((n, i) => [n, modules[i]]));
}

/** Builds the emulator's entry (run as a child process, never imported) and its fixtures; returns the entry. */
export async function buildEmulator() {
  await loadFromSource({ emulator: 'test/emulator/main.ts', fixtures: 'test/emulator/fixtures.ts' });
  return `${OUT_DIR}/emulator.mjs`;
}

/** The emulator's fixtures (app ID, secret, fake tokens). */
export async function loadFixtures() {
  const { fixtures } = await loadFromSource({ fixtures: 'test/emulator/fixtures.ts' });
  return fixtures;
}

/** Resolves with { url, stop } once the emulator prints its address. */
export async function startEmulator(args = []) {
  const script = await buildEmulator();
  const child = spawn(process.execPath, [script, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error('the emulator did not start within 10 s')), 10_000);
    child.stdout.on('data', (d) => {
      seen += d;
      const m = /listening on (http\S+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`the emulator exited early (${code})`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}
