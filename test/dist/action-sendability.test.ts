// Sendability through the bundled Action (dist/action.js) on the runners' Node 24: each number's and WABA's state as
// annotations, summary rows and the report output; require-live, min-messaging-limit; a fleet file; and Graph
// text that would act as a workflow command never reaches the runner log raw.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { APP_ID, PHONE, TOKENS, WABA } from '../emulator/fixtures.js';
import { useEmulator } from '../helpers/emulator.js';
import { describeOnNode24, runAction } from '../helpers/action.js';
import { node24Path } from '../helpers/node24.js';
import { expectNoSecrets } from '../helpers/secrets.js';

const emu = useEmulator();
const dir = mkdtempSync(join(tmpdir(), 'wa-action-send-'));

const TROUBLED = [
  PHONE.unregistered,
  PHONE.flagged,
  PHONE.restricted,
  PHONE.disconnected,
  PHONE.sandbox,
  PHONE.neverSent,
  PHONE.unpaid,
  PHONE.unverified,
];

describeOnNode24('sendability in the bundled Action', () => {
  async function action(inputs: Record<string, string>, env: Record<string, string> = {}) {
    const r = await runAction(
      { 'app-id': APP_ID, 'graph-url': emu.url, token: TOKENS.sendability, ...inputs },
      { node: node24Path(), env },
    );
    for (const token of [TOKENS.sendability, TOKENS.healthy]) {
      expectNoSecrets(
        { stdout: r.shown, stderr: r.stderr, outputs: r.files.output, summary: r.summary },
        { token, appId: APP_ID },
      );
    }
    return r;
  }

  it('every state of a number and a WABA: failures and warnings annotated, the step fails', async () => {
    const r = await action({
      'phone-number-ids': TROUBLED.join(','),
      'waba-ids': [WABA.troubled, WABA.unpaid, WABA.unverified].join('\n'),
    });
    expect(r.code).not.toBe(0);
    expect(r.outputs.verdict).toBe('fail');
    const report = JSON.parse(r.outputs.report!);
    const status = (id: string, phone: string) =>
      report.checks.find((c: any) => c.id === id && c.details?.phoneNumberId === phone)?.status;
    expect(TROUBLED.map((p) => status('phone.status', p))).toEqual([
      'fail', // PENDING, DECLINED name
      'warn', // FLAGGED
      'fail', // RESTRICTED
      'fail', // DISCONNECTED
      'warn', // SANDBOX
      'pass', // live, NOT_VERIFIED code, quality UNKNOWN
      'pass', // CONNECTED (its WABA cannot pay)
      'pass', // CONNECTED (its business is not verified)
    ]);
    expect(status('phone.health', PHONE.unpaid)).toBe('fail');
    expect(status('phone.health', PHONE.unverified)).toBe('warn');
    expect(status('phone.health', PHONE.unregistered)).toBe('pass');
    const wabas = report.checks.filter((c: any) => c.id === 'waba.health').map((c: any) => [c.details.wabaId, c.status]);
    expect(wabas).toEqual([
      [WABA.troubled, 'pass'],
      [WABA.unpaid, 'fail'],
      [WABA.unverified, 'warn'],
    ]);
    const errors = r.annotations.filter((a) => a.level === 'error');
    expect(errors.filter((a) => a.title === 'phone.status')).toHaveLength(3);
    expect(errors.some((a) => a.title === 'phone.health' && a.message.includes('141006'))).toBe(true);
    expect(errors.some((a) => a.title === 'waba.health')).toBe(true);
    const warnings = r.annotations.filter((a) => a.level === 'warning');
    expect(warnings.some((a) => a.title === 'phone.status' && a.message.includes('SANDBOX'))).toBe(true);
    expect(warnings.some((a) => a.title === 'phone.health' && a.message.includes('LIMITED'))).toBe(true);
    expect(r.summary).toContain('`phone.status`');
    expect(r.summary).toContain('/register');
  });

  it('require-live fails a test number', async () => {
    const live = await action({ 'phone-number-ids': PHONE.sandbox, 'require-live': 'true' });
    expect(live.code).not.toBe(0);
    expect(live.annotations.some((a) => a.level === 'error' && a.title === 'phone.status')).toBe(true);
  });

  it('min-messaging-limit fails a lower limit', async () => {
    const limit = await action({ 'phone-number-ids': PHONE.unverified, 'min-messaging-limit': '2K' });
    expect(limit.code).not.toBe(0);
    expect(limit.annotations.some((a) => a.level === 'error' && a.title === 'phone.messaging-limit')).toBe(true);
  });

  it('a live number with enough messaging limit passes both settings', async () => {
    const fine = await action({
      token: TOKENS.healthy,
      'phone-number-ids': PHONE.healthy,
      'min-messaging-limit': '2000',
      'require-live': 'true',
    });
    expect(fine.code).toBe(0);
    expect(fine.outputs.verdict).toBe('pass');
  });

  it('a bad min-messaging-limit names the input', async () => {
    const bad = await action({ 'phone-number-ids': PHONE.healthy, 'min-messaging-limit': 'lots' });
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toMatch(/input 'min-messaging-limit': expected a messaging limit/);
  });

  it('Graph text that a runner would read as a command never reaches the log, the annotations or the summary raw', async () => {
    emu.setFault({ kind: 'hostile-health-text' });
    const r = await action({ 'phone-number-ids': PHONE.unpaid, 'waba-ids': WABA.unpaid });
    expect(r.outputs.verdict).toBe('fail');
    const commands = r.stdout.split('\n').filter((l) => /::/.test(l));
    // Only the Action's own commands: masks and annotations, none injected.
    for (const l of commands) expect(l).toMatch(/^::(add-mask|error|warning|notice)( title=[^:]*)?::/);
    for (const text of [r.stdout, r.summary, r.outputs.report!]) {
      expect(text).not.toContain('::error title=owned');
      expect(text).not.toContain('::add-mask::x');
      expect(text).not.toContain('##[warning]');
      expect(text).not.toMatch(/[\u001b\u202e]/);
    }
    const health = r.annotations.find((a) => a.title === 'phone.health')!;
    expect(health.message).toContain('Pay now');
    expect(health.message).not.toMatch(/[\r\n]/);
  });

  it('a fleet file: entries judged by their numbers, the summary counts the numbers that cannot send', async () => {
    const path = join(dir, `fleet-${Math.random().toString(36).slice(2)}.yml`);
    writeFileSync(
      path,
      [
        'defaults:',
        `  appId: "${APP_ID}"`,
        'tokens:',
        '  - name: healthy shop',
        '    env: HEALTHY',
        `    phoneNumberIds: ["${PHONE.healthy}"]`,
        '    minMessagingLimit: 2K',
        '  - name: troubled shop',
        '    env: TROUBLED',
        `    phoneNumberIds: ["${PHONE.unregistered}", "${PHONE.unpaid}", "${PHONE.sandbox}"]`,
        `    wabaIds: ["${WABA.unpaid}"]`,
        '    requireLive: true',
        '',
      ].join('\n'),
    );
    const r = await action(
      { 'fleet-file': path, token: '', 'app-id': '' },
      { HEALTHY: TOKENS.healthy, TROUBLED: TOKENS.sendability },
    );
    expect(r.code).not.toBe(0);
    const doc = JSON.parse(r.outputs.report!);
    expect(doc.totals).toMatchObject({ entries: 2, pass: 1, fail: 1, cannotSend: 3 });
    expect(r.summary).toContain('3 phone numbers cannot send');
  });
});
