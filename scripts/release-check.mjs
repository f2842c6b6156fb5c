#!/usr/bin/env node
// Run by .github/workflows/release.yml before anything is published: does the tag agree with package.json and
// CHANGELOG.md, and is the package ready to be published? Lists every problem at once and exits 1 on any.
//
//   node scripts/release-check.mjs v1.2.3 [--notes release-notes.md] [--root DIR]
//
// Writes the version's CHANGELOG section to --notes (the GitHub release's text), and, under GitHub Actions,
// `version` and `major-tag` (v1; v0.Y before 1.0.0, where the minor is the breaking part) to $GITHUB_OUTPUT.
// Needs nothing but Node.js: the release job installs no dependency.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const PLACEHOLDER = 'OWNER';

/** The problems, the major tag and the release notes for `tag`, from package.json and CHANGELOG.md text. */
export function checkRelease({ tag, pkg, changelog, repository, cliVersion }) {
  const problems = [];
  const m = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.exec(tag ?? '');
  if (!m) problems.push(`tag "${tag}" is not vMAJOR.MINOR.PATCH (e.g. v1.2.3).`);
  const version = m ? tag.slice(1) : undefined;
  if (version && pkg.version !== version)
    problems.push(`package.json says version ${pkg.version}, the tag says ${version}: bump package.json first.`);

  const urls = {
    'repository.url': typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url,
    homepage: pkg.homepage,
    'bugs.url': typeof pkg.bugs === 'string' ? pkg.bugs : pkg.bugs?.url,
  };
  for (const [key, url] of Object.entries(urls)) {
    if (typeof url !== 'string' || url === '') problems.push(`package.json ${key} is missing.`);
    else if (url.includes(`/${PLACEHOLDER}/`))
      problems.push(`package.json ${key} still has the placeholder ${PLACEHOLDER}: name the real GitHub owner.`);
  }
  // npm's provenance check refuses a package whose repository is not the one the workflow runs in.
  const repo = urls['repository.url'];
  if (repository && typeof repo === 'string' && !repo.includes(`github.com/${repository}`))
    problems.push(`package.json repository.url (${repo}) does not name this repository (${repository}).`);
  if (cliVersion !== undefined && cliVersion !== pkg.version)
    problems.push(`dist/cli.js --version says ${cliVersion}, package.json ${pkg.version}: update VERSION in src/cli/program.ts and rebuild.`);
  if (pkg.dependencies && Object.keys(pkg.dependencies).length > 0)
    problems.push(
      `package.json has runtime dependencies (${Object.keys(pkg.dependencies).join(', ')}): the bundles carry them, list them as devDependencies.`,
    );

  let notes;
  if (version) {
    const heading = new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\] - (.+)$`, 'm');
    const h = heading.exec(changelog);
    if (!h) problems.push(`CHANGELOG.md has no "## [${version}] - YYYY-MM-DD" section.`);
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(h[1].trim()))
      problems.push(`CHANGELOG.md's section for ${version} is dated "${h[1].trim()}": give it the release date.`);
    else {
      const rest = changelog.slice(h.index + h[0].length);
      const next = rest.search(/^## /m);
      notes = (next < 0 ? rest : rest.slice(0, next)).trim();
      if (notes === '') problems.push(`CHANGELOG.md's section for ${version} is empty.`);
    }
  }
  const majorTag = m ? (m[1] === '0' ? `v0.${m[2]}` : `v${m[1]}`) : undefined;
  return { problems, version, majorTag, notes };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { notes: { type: 'string' }, root: { type: 'string', default: '.' } },
  });
  const root = values.root;
  const result = checkRelease({
    tag: positionals[0],
    pkg: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')),
    changelog: readFileSync(join(root, 'CHANGELOG.md'), 'utf8'),
    repository: process.env.GITHUB_REPOSITORY,
    cliVersion: existsSync(join(root, 'dist/cli.js'))
      ? execFileSync(process.execPath, [join(root, 'dist/cli.js'), '--version'], { encoding: 'utf8' }).trim()
      : undefined,
  });
  if (result.problems.length > 0) {
    for (const p of result.problems) process.stderr.write(`release-check: ${p}\n`);
    process.exitCode = 1;
  } else {
    if (values.notes) writeFileSync(values.notes, `${result.notes}\n`);
    if (process.env.GITHUB_OUTPUT)
      appendFileSync(process.env.GITHUB_OUTPUT, `version=${result.version}\nmajor-tag=${result.majorTag}\n`);
    process.stdout.write(`release-check: ${positionals[0]} is ready; floating tag ${result.majorTag}.\n`);
  }
}
