// The bundled Action (dist/action.js) in fleet mode, run the way the runner does it: INPUT_* variables, output
// and summary files in a temp dir, on the runners' Node 24. Every written file is leak-scanned. A large fleet
// stays inside GitHub's limits: outputs well under 1 MB, the summary under 1 MiB, the full report in a file.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { APP_ID, APP_SECRET, TOKENS } from '../emulator/fixtures.js';
import { useEmulator } from '../helpers/emulator.js';
import { describeOnNode24, runAction } from '../helpers/action.js';
import { expectNoSecrets } from '../helpers/secrets.js';

const emu = useEmulator();
const dir = mkdtempSync(join(tmpdir(), 'wa-action-fleet-'));

function fleetFile(name: string, tokens: { name: string; env?: string; file?: string }[]): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    `defaults:\n  appId: "${APP_ID}"\ntokens:\n${tokens.map((t) => `  - ${JSON.stringify(t)}\n`).join('')}`,
  );
  return path;
}

describeOnNode24('[dist] the bundled Action with fleet-file', () => {
  async function action(inputs: Record<string, string>, env: Record<string, string>) {
    const r = await runAction(
      { 'graph-url': emu.url, token: '', 'app-id': '', ...inputs },
      { env },
    );
    const report = r.outputs['report-file'] ? readFileSync(r.outputs['report-file'], 'utf8') : '';
    for (const token of Object.values(TOKENS)) {
      expectNoSecrets(
        { stdout: r.shown, stderr: r.stderr, outputs: r.files.output, summary: r.summary, report },
        { token, appId: APP_ID, appSecret: APP_SECRET },
      );
    }
    return { ...r, report };
  }

  it('audits every entry: the summary is the fleet table, report-file the fleet document, report its digest', async () => {
    const tokenFile = join(dir, 'beta.token');
    writeFileSync(tokenFile, `${TOKENS.adminNoTargets}\n`);
    const path = fleetFile('ok.yml', [
      { name: 'acme', env: 'ACME_TOKEN' },
      { name: 'beta', file: 'beta.token' },
    ]);
    // GITHUB_ACTION names the step (its id): the report file is named after it.
    const r = await action({ 'fleet-file': path }, { ACME_TOKEN: TOKENS.healthy, GITHUB_ACTION: 'fleet-audit' });
    expect(r.code).toBe(0);
    expect(r.outputs.ok).toBe('true');
    expect(r.outputs.verdict).toBe('pass');
    expect(r.outputs.report).not.toContain('\n');
    const digest = JSON.parse(r.outputs.report!);
    expect(digest).toMatchObject({ schemaVersion: 1, ok: true, totals: { entries: 2, pass: 2 }, notPassed: [] });
    // The full report: in a file under RUNNER_TEMP, named by the report-file output.
    expect(r.outputs['report-file']).toBe(join(r.dir, 'wa-token-audit', 'fleet-report-fleet-audit.json'));
    expect(digest.reportFile).toBe(r.outputs['report-file']);
    const doc = JSON.parse(r.report);
    expect(doc).toMatchObject({ schemaVersion: 1, ok: true, totals: { entries: 2, pass: 2 } });
    expect(doc.entries.map((e: any) => e.name)).toEqual(['acme', 'beta']);
    expect(doc.entries[0].report.verdict).toBe('pass');
    expect(r.summary).toMatch(/^## WhatsApp token fleet audit: PASS/);
    expect(r.summary).toContain('| ✅ | acme | PASS | never |  |');
    expect(r.summary).toContain('| ✅ | beta | PASS | never |  |');
    // One batch POST for the whole fleet.
    expect(emu.requests).toHaveLength(1);
    // The token read from a file was masked before anything else was written.
    expect(r.stdout).toContain(`::add-mask::${TOKENS.adminNoTargets}`);
  });

  it('a failing entry fails the step and is annotated; an outage alone follows on-outage', async () => {
    const path = fleetFile('mixed.yml', [
      { name: 'good', env: 'GOOD' },
      { name: 'expired', env: 'EXPIRED' },
      { name: 'down', env: 'DOWN' },
    ]);
    const env = { GOOD: TOKENS.healthy, EXPIRED: TOKENS.expired, DOWN: TOKENS.down503 };
    const r = await action({ 'fleet-file': path, 'deadline-seconds': '2' }, env);
    expect(r.code).toBe(1);
    expect(r.outputs.ok).toBe('false');
    expect(r.outputs.verdict).toBe('fail');
    expect(r.annotations).toContainEqual(expect.objectContaining({ level: 'error', title: 'expired' }));
    expect(r.summary).toMatch(/\| ❌ \| expired \| FAIL \|/);
    expect(r.summary).toMatch(/\| ❔ \| down \| NOT JUDGED \|/);
    const digest = JSON.parse(r.outputs.report!);
    expect(digest.notPassed.map((e: any) => [e.name, e.verdict])).toEqual([
      ['expired', 'fail'],
      ['down', 'error'],
    ]);
    expect(digest.notPassed[0].failing).toEqual(['token.valid']);
    expect(digest.omitted).toBeUndefined();

    const outage = fleetFile('outage.yml', [
      { name: 'good', env: 'GOOD' },
      { name: 'down', env: 'DOWN' },
    ]);
    const warn = await action({ 'fleet-file': outage, 'deadline-seconds': '2', 'on-outage': 'warn' }, env);
    expect(warn.code).toBe(0);
    expect(warn.outputs.verdict).toBe('error');
    expect(warn.annotations).toContainEqual(expect.objectContaining({ level: 'warning' }));
  });

  it('each retry notice in the step log is one short line naming the fleet entry, never its token', async () => {
    const path = fleetFile('flaky.yml', [
      { name: 'good', env: 'GOOD' },
      { name: 'flaky', env: 'FLAKY' },
    ]);
    const r = await action({ 'fleet-file': path }, { GOOD: TOKENS.healthy, FLAKY: TOKENS.transient2 });
    expect(r.code).toBe(0);
    const notices = r.shown.split('\n').filter((l) => l.includes('retrying'));
    expect(notices).toHaveLength(2);
    for (const [i, line] of notices.entries())
      expect(line).toMatch(
        new RegExp(`^flaky: Graph error 2 \\(API Service\\) \\[HTTP 503\\]; retrying in \\d\\.\\d s \\(attempt ${i + 2}\\)$`),
      );
    // The whole batch POST failing once names both entries on one line.
    emu.reset();
    emu.setFault({ kind: 'graph-error', code: 2, times: 1 });
    const both = await action({ 'fleet-file': path }, { GOOD: TOKENS.healthy, FLAKY: TOKENS.healthy });
    expect(both.code).toBe(0);
    expect(both.shown).toMatch(/^good, flaky: Graph error 2 \(API Service\) \[HTTP 503\]; retrying in \d\.\d s \(attempt 2\)$/m);
  });

  it('an invalid fleet file fails the step with every problem, before any network call', async () => {
    const path = join(dir, 'bad.yml');
    writeFileSync(
      path,
      `defaults:\n  appId: "${APP_ID}"\ntokens:\n  - name: a\n    token: ${TOKENS.healthy}\n  - name: b\n    env: UNSET_VAR\n`,
    );
    const r = await action({ 'fleet-file': path }, {});
    expect(r.code).toBe(1);
    expect(r.shown).toMatch(/tokens\[0\]\.token: an access token must not be written in the fleet file/);
    expect(emu.requests).toHaveLength(0);
    // Once the file is sound, every unset variable is listed at once.
    const unset = await action(
      {
        'fleet-file': fleetFile('unset.yml', [
          { name: 'a', env: 'UNSET_A' },
          { name: 'b', env: 'UNSET_B' },
        ]),
      },
      {},
    );
    expect(unset.code).toBe(1);
    expect(unset.shown).toMatch(
      /tokens\[0\] \(a\): \$UNSET_A is not set[\s\S]*tokens\[1\] \(b\): \$UNSET_B is not set/,
    );
    expect(emu.requests).toHaveLength(0);
  });

  it('600 failing tokens: the report output and the summary are cut with a note; the report file has them all', async () => {
    const tokens = Array.from({ length: 600 }, (_, i) => ({ name: `client-${i}`, env: 'NO_MESSAGING' }));
    const r = await action({ 'fleet-file': fleetFile('large.yml', tokens) }, { NO_MESSAGING: TOKENS.missingMessaging });
    expect(r.code).toBe(1);
    expect(statSync(join(r.dir, 'output')).size).toBeLessThan(512 * 1024);
    const digest = JSON.parse(r.outputs.report!);
    expect(digest.totals).toMatchObject({ entries: 600, fail: 600 });
    expect(digest.notPassed).toHaveLength(200);
    expect(digest.omitted).toBe(400);
    expect(digest.notPassed[0].name).toBe(tokens[0]!.name);
    expect(digest.note).toMatch(/^400 more tokens that did not pass are not listed here \(at most 200: .*the report file lists every token\.$/);
    // The job summary: within 1 MiB, the rows left out counted, pointing to the report file.
    expect(Buffer.byteLength(r.summary)).toBeLessThan(1024 * 1024);
    expect(r.summary).toContain(
      "100 more tokens that did not pass are not listed (a job summary lists at most 500 and holds at most 1 MiB); the report file (output 'report-file') lists every token.",
    );
    expect(r.summary.split('\n').filter((l) => l.startsWith('| ❌ |'))).toHaveLength(500);
    // Ten annotations, then a count, then the step's failure.
    const errors = r.annotations.filter((a) => a.level === 'error');
    expect(errors.slice(0, 10).map((a) => a.title)).toEqual(tokens.slice(0, 10).map((t) => t.name));
    expect(errors[10]!.message).toBe('590 more tokens failed: see the job summary.');
    expect(errors).toHaveLength(12);
    const doc = JSON.parse(r.report);
    expect(doc.entries).toHaveLength(600);
    expect(doc.entries.map((e: any) => e.name)).toEqual(tokens.map((t) => t.name));
  });
});
