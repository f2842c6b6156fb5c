// The job summary is written once, at the end, and guarded: when the runner's summary file cannot be written, the
// step warns and keeps its outcome, in each of the Action's three modes (single audit, discover, fleet).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { APP_ID, TOKENS } from '../emulator/fixtures.js';
import { describeOnNode24, runAction } from '../helpers/action.js';
import { useEmulator } from '../helpers/emulator.js';

const emu = useEmulator();
const dir = mkdtempSync(join(tmpdir(), 'wa-action-summary-'));
/** A summary path the runner cannot write: its folder does not exist. */
const BROKEN = { GITHUB_STEP_SUMMARY: join(dir, 'missing', 'summary.md') };

const notWritten = (r: Awaited<ReturnType<typeof runAction>>) =>
  r.annotations.filter((a) => a.level === 'warning' && /The job summary was not written/.test(a.message));

describeOnNode24('[dist] the bundled Action: a job summary that cannot be written', () => {
  it('single audit: the pass stays a pass (exit 0, ok true), with one warning', async () => {
    const r = await runAction({ token: TOKENS.healthy, 'app-id': APP_ID, 'graph-url': emu.url }, { env: BROKEN });
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ ok: 'true', verdict: 'pass' });
    expect(notWritten(r)).toHaveLength(1);
    expect(r.annotations.filter((a) => a.level === 'error')).toEqual([]);
  });

  it('discover: the pass stays a pass, the wabas output is set, one warning', async () => {
    const r = await runAction(
      { token: TOKENS.healthy, 'app-id': APP_ID, 'graph-url': emu.url, discover: 'true' },
      { env: BROKEN },
    );
    expect(r.code).toBe(0);
    expect(r.outputs.verdict).toBe('pass');
    expect(r.outputs.wabas).not.toBe('');
    expect(notWritten(r)).toHaveLength(1);
    expect(r.annotations.filter((a) => a.level === 'error')).toEqual([]);
  });

  it('fleet: the pass stays a pass, one warning', async () => {
    const path = join(dir, 'fleet.yml');
    writeFileSync(path, `defaults:\n  appId: "${APP_ID}"\ntokens:\n  - name: acme\n    env: ACME_TOKEN\n`);
    const r = await runAction(
      { 'graph-url': emu.url, token: '', 'app-id': '', 'fleet-file': path },
      { env: { ...BROKEN, ACME_TOKEN: TOKENS.healthy } },
    );
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ ok: 'true', verdict: 'pass' });
    expect(notWritten(r)).toHaveLength(1);
    expect(r.annotations.filter((a) => a.level === 'error')).toEqual([]);
  });

  it('a failing audit still fails, and its summary is still attempted once', async () => {
    const r = await runAction({ token: TOKENS.expired, 'app-id': APP_ID, 'graph-url': emu.url }, { env: BROKEN });
    expect(r.code).toBe(1);
    expect(r.outputs.ok).toBe('false');
    expect(notWritten(r)).toHaveLength(1);
  });
});
