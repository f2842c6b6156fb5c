// The bundles are reproducible: scripts/bundle.mjs, unchanged, in a scratch copy of the sources (another folder,
// this install's node_modules) gives the same bytes as this run's bundle (test/helpers/dist-setup.ts), which is
// what dist/ holds.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { filesUnder } from '../helpers/fault-matrix.js';

const ROOT = new URL('../../', import.meta.url).pathname;

describe('[dist] dist/ is reproducible', () => {
  it('a bundle built in another folder from the same install is byte-identical to dist/', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wa-bundle-scratch-'));
    try {
      for (const p of ['src', 'scripts', 'package.json', 'tsconfig.json'])
        cpSync(join(ROOT, p), join(dir, p), { recursive: true });
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
      execFileSync(process.execPath, ['scripts/bundle.mjs'], { cwd: dir, stdio: 'pipe' });
      const a = filesUnder(join(dir, 'dist'));
      const b = filesUnder(inject('bundleDir'));
      const committed = filesUnder(join(ROOT, 'dist'));
      expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
      expect(Object.keys(a)).toEqual(expect.arrayContaining(['file:cli.js', 'file:action.js']));
      for (const name of Object.keys(a)) {
        expect(b[name] === a[name], `${name} differs between two bundles`).toBe(true);
        expect(committed[name] === a[name], `${name} differs from dist/`).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
