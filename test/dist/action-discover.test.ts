// The Action's `discover` input: `node24 dist/action.js` with INPUT_* variables against the Graph emulator;
// outputs and the job summary read back from the GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files.
import { expect, it } from 'vitest';
import { APP_ID, APP_SECRET, PHONE, TOKENS, WABA } from '../emulator/fixtures.js';
import { useEmulator } from '../helpers/emulator.js';
import { type ActionRun, describeOnNode24, runAction } from '../helpers/action.js';
import { expectNoSecrets } from '../helpers/secrets.js';

const emu = useEmulator();

async function action(inputs: Record<string, string>, secret = false): Promise<ActionRun> {
  const token = inputs.token ?? TOKENS.healthy;
  const r = await runAction({
    'app-id': APP_ID,
    'graph-url': emu.url,
    ...(secret ? { 'app-secret': APP_SECRET } : {}),
    ...inputs,
    token,
  });
  expectNoSecrets(
    { stdout: r.shown, stderr: r.stderr, summary: r.summary, outputs: r.files.output },
    { token, appId: APP_ID, ...(secret ? { appSecret: APP_SECRET } : {}) },
  );
  return r;
}

describeOnNode24('[dist] the bundled Action: input discover', () => {
  it('default false: no discovery section, no wabas output, no extra requests', async () => {
    const r = await action({});
    expect(r.code).toBe(0);
    expect(r.summary).not.toContain('What this token reaches');
    expect(r.outputs.wabas).toBeUndefined();
    expect(emu.requests).toHaveLength(1);
  });

  it('true: the job summary gains the tree as a table and `wabas` carries the WABA IDs', async () => {
    const r = await action({ discover: 'true' });
    expect(r.code).toBe(0);
    expect(r.outputs.verdict).toBe('pass');
    expect(r.outputs.wabas).toBe(`${WABA.main},${WABA.second}`);
    // The audit report first, then the discovery section.
    expect(r.summary.indexOf('## WhatsApp token audit')).toBeLessThan(
      r.summary.indexOf('## What this token reaches'),
    );
    expect(r.summary).toContain('2 WABAs, 4 phone numbers; complete');
    expect(r.summary).toContain(
      `| \`${WABA.main}\` | Emulated Shop Main | grant target_ids | yes | \`${PHONE.healthy}\` | +1 555-010-0001 | Emulated Shop | GREEN | CLOUD_API | CONNECTED |`,
    );
    // Discovery is read-only too.
    expect(emu.requests.every((q) => q.method === 'GET' || q.path === '/')).toBe(true);
    expect(emu.batchItems.every((i) => i.method === 'GET')).toBe(true);
  });

  it('true with the app secret: webhook line; the new checks run in the audit', async () => {
    const r = await action(
      { discover: 'true', 'waba-ids': WABA.main, 'phone-number-ids': PHONE.yellow },
      true,
    );
    expect(r.outputs.verdict).toBe('fail');
    expect(r.annotations).toContainEqual(
      expect.objectContaining({
        level: 'error',
        title: 'phone.waba',
        message: expect.stringContaining(WABA.second),
      }),
    );
    expect(r.summary).toMatch(/`phone\.waba`/);
    expect(r.summary).toMatch(/`app\.webhook`/);
    expect(r.summary).toMatch(
      /Webhook: app 1000000000000001 has an active whatsapp_business_account subscription/,
    );
    expect(r.outputs.wabas).toBe(`${WABA.main},${WABA.second}`);
  });

  it('a partial discovery warns (annotation) without failing the step', async () => {
    const r = await action({ discover: 'true', token: TOKENS.adminListingRefused });
    expect(r.code).toBe(0);
    expect(r.outputs.wabas).toBe('');
    expect(r.annotations).toContainEqual(
      expect.objectContaining({ level: 'warning', title: 'wa-token-audit discover: partial' }),
    );
    expect(r.summary).toMatch(/### Partial: why the list may be incomplete/);
  });

  it('an invalid value is a usage error naming the input', async () => {
    const r = await action({ discover: 'maybe' });
    expect(r.code).not.toBe(0);
    expect(r.annotations).toContainEqual(
      expect.objectContaining({ level: 'error', message: expect.stringContaining("input 'discover'") }),
    );
  });
});
