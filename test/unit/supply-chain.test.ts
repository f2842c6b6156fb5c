// Supply chain (issue 10): the production dependency closure is exactly the reviewed list in
// supply-chain/production-dependencies.json, every licence is permissive, the bundles are reproducible, and CI
// never calls `npm audit` (the advisory service answers 405 from these machines).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { noOidcClient } from '../../scripts/bundle-plugins.mjs';
import { filesUnder } from '../helpers/fault-matrix.js';

const ROOT = new URL('../../', import.meta.url).pathname;

interface Reviewed {
  allowedLicenses: string[];
  direct: string[];
  packages: { name: string; versions: string; license: string; why: string }[];
}
const reviewed = JSON.parse(
  readFileSync(join(ROOT, 'supply-chain/production-dependencies.json'), 'utf8'),
) as Reviewed;

interface Installed {
  name: string;
  version: string;
  path: string;
  /** Which bundle carries it, for messages. */
  via: string;
}

/** The entries whose bundles are shipped: the CLI (npm package) and the Action (dist/action.js in the repo). */
const SHIPPED = { cli: 'src/cli/main.ts', action: 'src/action/main.ts' };

/**
 * Every package the shipped bundles contain, from esbuild's metafile: the dependencies are bundled (the npm
 * package has no runtime `dependencies`), so what ships is exactly what esbuild pulled in.
 */
async function bundledClosure(): Promise<Installed[]> {
  const { build } = await import('esbuild');
  const out = new Map<string, Installed>();
  for (const [via, entry] of Object.entries(SHIPPED)) {
    const result = await build({
      entryPoints: [join(ROOT, entry)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20.19',
      write: false,
      metafile: true,
      outdir: join(tmpdir(), 'wa-closure'),
      logLevel: 'silent',
      absWorkingDir: ROOT,
      // As scripts/bundle.mjs builds the Action: without @actions/core's OIDC client.
      ...(via === 'action' ? { plugins: [noOidcClient] } : {}),
    });
    for (const input of Object.keys(result.metafile.inputs)) {
      const at = input.lastIndexOf('node_modules/');
      if (at < 0) continue;
      const parts = input.slice(at + 'node_modules/'.length).split('/');
      const dir = join(ROOT, input.slice(0, at), 'node_modules', ...parts.slice(0, parts[0]!.startsWith('@') ? 2 : 1));
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; version: string };
      const key = `${manifest.name}@${manifest.version}`;
      const seen = out.get(key);
      if (seen) seen.via = seen.via.includes(via) ? seen.via : `${seen.via}, ${via}`;
      else out.set(key, { name: manifest.name, version: manifest.version, path: dir, via });
    }
  }
  return [...out.values()];
}

/** `^1.2.3`, `~1.2.3`, `1.2.3`, joined by `||`: enough semver for a reviewed list. */
function satisfies(version: string, range: string): boolean {
  const parse = (v: string) => v.split(/[.+-]/).slice(0, 3).map(Number) as [number, number, number];
  const [maj, min, pat] = parse(version);
  const cmp = (a: number[], b: number[]) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;
  return range.split('||').some((part) => {
    const p = part.trim();
    const op = p[0] === '^' || p[0] === '~' ? p[0] : '';
    const base = parse(op ? p.slice(1) : p);
    const v = [maj, min, pat];
    if (op === '') return cmp(v, base) === 0;
    if (cmp(v, base) < 0) return false;
    if (op === '~') return maj === base[0] && min === base[1];
    if (base[0] > 0) return maj === base[0];
    return base[1] > 0 ? maj === 0 && min === base[1] : cmp(v, base) === 0;
  });
}

/** An SPDX expression is permissive when every alternative of an OR (or every part of an AND) is. */
function permissive(license: unknown, allowed: string[]): boolean {
  if (typeof license !== 'string' || license === '') return false;
  const expr = license.replace(/[()]/g, ' ').trim();
  if (/\bOR\b/.test(expr)) return expr.split(/\bOR\b/).some((p) => permissive(p.trim(), allowed));
  return expr.split(/\bAND\b/).every((p) => allowed.includes(p.trim()));
}

describe('shipped dependencies (bundled)', () => {
  let closure: Installed[] = [];
  beforeAll(async () => {
    closure = await bundledClosure();
  });

  it('the package installs nothing: no runtime dependencies; the reviewed direct ones are devDependencies', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(pkg.dependencies ?? {}).toEqual({});
    for (const name of reviewed.direct) expect(pkg.devDependencies[name], name).toBeDefined();
    const direct = closure.filter((p) => reviewed.direct.includes(p.name)).map((p) => p.name);
    expect([...new Set(direct)].sort()).toEqual([...reviewed.direct].sort());
  });

  it('every package of the closure is on the reviewed list, within its reviewed versions', () => {
    expect(closure.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const p of closure) {
      const entry = reviewed.packages.find((r) => r.name === p.name);
      if (!entry)
        problems.push(
          `${p.name}@${p.version} (bundled in ${p.via}) is not on supply-chain/production-dependencies.json: review it and add it with why it is needed.`,
        );
      else if (!satisfies(p.version, entry.versions))
        problems.push(`${p.name}@${p.version} is outside the reviewed versions "${entry.versions}".`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('every package has a permissive licence (read from its installed package.json)', () => {
    const problems: string[] = [];
    for (const p of closure) {
      const manifest = JSON.parse(readFileSync(join(p.path, 'package.json'), 'utf8')) as {
        license?: unknown;
      };
      if (!permissive(manifest.license, reviewed.allowedLicenses))
        problems.push(
          `${p.name}@${p.version}: licence ${JSON.stringify(manifest.license)} is not permissive.`,
        );
      const entry = reviewed.packages.find((r) => r.name === p.name);
      if (entry && entry.license !== manifest.license)
        problems.push(
          `${p.name}@${p.version}: licence ${JSON.stringify(manifest.license)}, reviewed as ${entry.license}.`,
        );
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('dist/licenses.txt and dist/action-licenses.txt carry the licence of every package in their bundle', () => {
    for (const [file, via] of [
      ['dist/licenses.txt', 'cli'],
      ['dist/action-licenses.txt', 'action'],
    ] as const) {
      const listed = readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .filter((l, i, all) => all[i - 1]?.startsWith('-----'))
        .map((l) => l.split(' ')[0]);
      const bundled = closure.filter((p) => p.via.includes(via)).map((p) => `${p.name}@${p.version}`);
      expect(listed.sort(), file).toEqual(bundled.sort());
    }
  });

  it('every reviewed entry says why it is there, and none is stale', () => {
    for (const r of reviewed.packages) expect(r.why.length, r.name).toBeGreaterThan(10);
    const stale = reviewed.packages.filter((r) => !closure.some((p) => p.name === r.name)).map((r) => r.name);
    expect(stale, `no longer installed: ${stale.join(', ')}`).toEqual([]);
  });

  it('the semver matcher reads the list as intended', () => {
    expect(satisfies('7.30.2', '^7.30.2')).toBe(true);
    expect(satisfies('7.31.0', '^7.30.2')).toBe(true);
    expect(satisfies('8.0.0', '^7.30.2')).toBe(false);
    expect(satisfies('7.30.1', '^7.30.2')).toBe(false);
    expect(satisfies('6.29.1', '^7.30.2 || ^6.29.1')).toBe(true);
    expect(satisfies('0.0.7', '^0.0.6')).toBe(false);
    expect(satisfies('1.2.9', '~1.2.3')).toBe(true);
    expect(satisfies('1.3.0', '~1.2.3')).toBe(false);
    expect(permissive('(MIT OR GPL-3.0)', ['MIT'])).toBe(true);
    expect(permissive('MIT AND GPL-3.0', ['MIT'])).toBe(false);
    expect(permissive(undefined, ['MIT'])).toBe(false);
  });
});

describe('CI and installs', () => {
  it('.ci/run never calls npm audit, and installs with npm ci from the committed lockfile', () => {
    const ci = readFileSync(join(ROOT, '.ci/run'), 'utf8');
    const commands = ci
      .split('\n')
      .filter((l) => !l.trim().startsWith('#'))
      .join('\n');
    expect(commands).not.toMatch(/npm\s+(audit|install|i)\b/);
    expect(commands).toMatch(/npm ci\b/);
    const scripts = JSON.stringify(
      (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: unknown }).scripts,
    );
    expect(scripts).not.toMatch(/npm\s+audit/);
    const tracked = execFileSync('git', ['ls-files', 'package-lock.json'], { cwd: ROOT, encoding: 'utf8' });
    expect(tracked.trim()).toBe('package-lock.json');
  });
});

describe('dist/ is reproducible', () => {
  /** scripts/bundle.mjs, unchanged, in a scratch copy of the sources sharing this install's node_modules. */
  function bundleInScratch(): Record<string, string> {
    const dir = mkdtempSync(join(tmpdir(), 'wa-bundle-'));
    for (const p of ['src', 'scripts', 'package.json', 'tsconfig.json'])
      cpSync(join(ROOT, p), join(dir, p), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    execFileSync(process.execPath, ['scripts/bundle.mjs'], { cwd: dir, stdio: 'pipe' });
    return filesUnder(join(dir, 'dist'));
  }

  it('two bundles from one install, in two different folders, are byte-identical', () => {
    const a = bundleInScratch();
    const b = bundleInScratch();
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    expect(Object.keys(a)).toEqual(expect.arrayContaining(['file:cli.js', 'file:action.js']));
    for (const name of Object.keys(a))
      expect(b[name] === a[name], `${name} differs between two bundles`).toBe(true);
  }, 120_000);
});
