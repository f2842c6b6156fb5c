// Deploy readiness through the bundled Action and a fleet: templates (input `templates`, fleet key `templates`)
// and webhook routing (input `callback-url`, fleet key `callbackUrl`); the job summary lists the templates and
// each number's effective callback URL.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID, CALLBACK, PHONE, TEMPLATE, TOKENS, WABA } from '../emulator/fixtures.js';
import { runAction } from '../helpers/action.js';
import { useEmulator } from '../helpers/emulator.js';
import { expectNoSecrets } from '../helpers/secrets.js';

const emu = useEmulator();
const dir = mkdtempSync(join(tmpdir(), 'wa-action-readiness-'));

describe('templates in the Action', () => {
  it('one per line: the summary lists each template with its languages; a paused one fails the step', async () => {
    const r = await runAction({
      token: TOKENS.healthy,
      'app-id': APP_ID,
      'graph-url': emu.url,
      'waba-ids': WABA.main,
      templates: `${TEMPLATE.orderUpdate}:en_US,pt_BR\n${TEMPLATE.shippingNotice}`,
    });
    expectNoSecrets({ out: r.shown, err: r.stderr, summary: r.summary }, { token: TOKENS.healthy, appId: APP_ID });
    expect(r.code).toBe(1);
    expect(r.outputs.verdict).toBe('fail');
    expect(r.summary).toContain('### Templates');
    expect(r.summary).toMatch(/`order_update` \| 2000000000000001 \| en_US APPROVED, es_ES APPROVED \(YELLOW\), pt_BR PAUSED \(RED\)/);
    expect(r.summary).toMatch(/`shipping_notice` \| 2000000000000001 \| en APPROVED \(RED\)/);
    expect(r.summary).toMatch(/132015/);
    expect(emu.requests.filter((q) => q.method === 'POST')).toHaveLength(1);
  });

  it("a bad template input is a one-line usage error naming input 'templates'", async () => {
    const r = await runAction({
      token: TOKENS.healthy,
      'app-id': APP_ID,
      'graph-url': emu.url,
      templates: TEMPLATE.orderUpdate,
    });
    expect(r.code).toBe(1);
    expect(r.annotations.map((a) => a.message).join('\n')).toMatch(/input 'templates' needs input 'waba-ids'/);
  });
});

describe('templates in a fleet', () => {
  it('defaults.templates applies to every entry; an entry overrides it', async () => {
    const path = join(dir, 'fleet.yml');
    writeFileSync(
      path,
      [
        'defaults:',
        `  appId: "${APP_ID}"`,
        '  templates: ["order_update:en_US"]',
        'tokens:',
        '  - name: main',
        '    env: MAIN_TOKEN',
        `    wabaIds: ["${WABA.main}"]`,
        '  - name: second',
        '    env: SECOND_TOKEN',
        `    wabaIds: ["${WABA.second}"]`,
        `    templates: ["${TEMPLATE.welcomeTest}:en_US", "${TEMPLATE.loginCode}"]`,
        '',
      ].join('\n'),
    );
    const r = await runAction(
      { 'graph-url': emu.url, token: '', 'app-id': '', 'fleet-file': path },
      { env: { MAIN_TOKEN: TOKENS.healthy, SECOND_TOKEN: TOKENS.healthy } },
    );
    expect(r.annotations.filter((a) => a.level === 'error').map((a) => a.message).join(' ')).not.toMatch(/fleet file|usage/i);
    // The fleet's full report is the file the report-file output names (the report output is a digest).
    const text = r.outputs['report-file'] ? readFileSync(r.outputs['report-file'], 'utf8') : '';
    expect(text, r.shown + r.stderr).not.toBe('');
    expect(r.code).toBe(1);
    expect(text).toContain('template.order_update');
    expect(text).toContain('template.welcome_test');
    expect(text).toContain(`No template named login_code in WABA ${WABA.second}`);
    expect(text).toContain(`exists in WABA ${WABA.main}`);
  });
});

describe('webhook routing in the Action', () => {
  it("input 'callback-url': the summary shows each number's effective callback and who set it; an override elsewhere fails", async () => {
    const r = await runAction({
      token: TOKENS.healthy,
      'app-id': APP_ID,
      'graph-url': emu.url,
      'phone-number-ids': `${PHONE.healthy}\n${PHONE.yellow}`,
      'callback-url': CALLBACK.app,
    });
    expectNoSecrets({ out: r.shown, err: r.stderr, summary: r.summary }, { token: TOKENS.healthy, appId: APP_ID });
    expect(r.shown + r.summary + (r.outputs.report ?? '')).not.toContain('FAKE-verify-token-in-url');
    expect(r.code).toBe(1);
    expect(r.summary).toContain('### Webhook routing');
    expect(r.summary).toContain(`| ${PHONE.healthy} | \`${CALLBACK.app}\` | the app's callback URL |`);
    expect(r.summary).toContain(`| ${PHONE.yellow} | \`${CALLBACK.phone}\` | the number's own override |`);
    // The fix names the Action's own input.
    expect(r.summary).toContain("input 'callback-url'");
    expect(emu.requests.filter((q) => q.method === 'POST')).toHaveLength(1);
  });

  it("a plain-http callback-url is a one-line usage error naming input 'callback-url'", async () => {
    const r = await runAction({
      token: TOKENS.healthy,
      'app-id': APP_ID,
      'graph-url': emu.url,
      'phone-number-ids': PHONE.healthy,
      'callback-url': 'http://hooks.example.com/wa',
    });
    expect(r.code).toBe(1);
    expect(r.annotations.map((a) => a.message).join('\n')).toMatch(/input 'callback-url': expected an https:\/\/ URL/);
    expect(emu.requests).toHaveLength(0);
  });
});

describe('webhook routing in a fleet', () => {
  it('defaults.callbackUrl applies to every entry; an entry overrides it', async () => {
    const path = join(dir, 'fleet-routes.yml');
    writeFileSync(
      path,
      [
        'defaults:',
        `  appId: "${APP_ID}"`,
        `  callbackUrl: "${CALLBACK.app}"`,
        'tokens:',
        '  - name: main',
        '    env: MAIN_TOKEN',
        `    phoneNumberIds: ["${PHONE.healthy}"]`,
        '  - name: second',
        '    env: SECOND_TOKEN',
        `    phoneNumberIds: ["${PHONE.onPremise}"]`,
        `    callbackUrl: "${CALLBACK.waba}"`,
        '  - name: stray',
        '    env: SECOND_TOKEN',
        `    phoneNumberIds: ["${PHONE.yellow}"]`,
        '',
      ].join('\n'),
    );
    const r = await runAction(
      { 'graph-url': emu.url, token: '', 'app-id': '', 'fleet-file': path },
      { env: { MAIN_TOKEN: TOKENS.healthy, SECOND_TOKEN: TOKENS.healthy } },
    );
    // The full fleet report is in the file the report-file output names.
    const doc = JSON.parse(readFileSync(r.outputs['report-file']!, 'utf8'));
    const route = (name: string) =>
      doc.entries.find((e: any) => e.name === name).report.checks.find((c: any) => c.id === 'webhook.route');
    expect(route('main')).toMatchObject({ status: 'pass', details: { expected: CALLBACK.app } });
    expect(route('second')).toMatchObject({ status: 'pass', details: { expected: CALLBACK.waba, level: 'waba' } });
    expect(route('stray')).toMatchObject({ status: 'fail', details: { level: 'phone' } });
    expect(route('stray').remediation.join(' ')).toContain('callbackUrl in the fleet file');
    expect(r.code).toBe(1);
  });
});
