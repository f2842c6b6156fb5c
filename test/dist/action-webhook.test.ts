// The bundled Action with `webhook-url`: the audit runs as always, then the webhook test; its section sits in the
// job summary beside the audit's, a failed check is an error annotation, a failed test fails the step.
// Every local endpoint of test/webhook/ on Node 24 (the runner's node24), the correct one on Node 20 too.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { APP_ID, TOKENS } from '../emulator/fixtures.js';
import { type ActionOptions, describeOnNode24, runAction } from '../helpers/action.js';
import { useEmulator } from '../helpers/emulator.js';
import { node24Path } from '../helpers/node24.js';
import { expectNoSecrets } from '../helpers/secrets.js';
import { APP_SECRET, type Endpoints, SLOW_MS, startEndpoints, VERIFY_TOKEN } from '../webhook/endpoints.js';

const emu = useEmulator();
let ep: Endpoints;
beforeAll(async () => {
  ep = await startEndpoints();
});
afterAll(() => ep.close());
beforeEach(() => ep.reset());

async function action(inputs: Record<string, string>, opts: ActionOptions = {}) {
  const r = await runAction(
    {
      token: TOKENS.healthy,
      'app-id': APP_ID,
      'graph-url': emu.url,
      'verify-token': VERIFY_TOKEN,
      ...inputs,
    },
    { node: node24Path(), ...opts },
  );
  expectNoSecrets(
    { stdout: r.shown, stderr: r.stderr, outputs: r.files.output, summary: r.summary },
    { token: TOKENS.healthy, appId: APP_ID, appSecret: inputs['app-secret'], extra: [VERIFY_TOKEN] },
  );
  return r;
}

const statuses = (r: { outputs: Record<string, string> }) =>
  Object.fromEntries(JSON.parse(r.outputs['webhook-report']!).checks.map((c: any) => [c.id, c.status]));

const PASS = {
  'webhook.tls': 'skip',
  'webhook.handshake': 'pass',
  'webhook.handshake-refuses': 'pass',
  'webhook.unsigned-refused': 'pass',
  'webhook.forged-refused': 'pass',
  'webhook.signed-accepted': 'pass',
};

describeOnNode24('[dist] the bundled Action with webhook-url', () => {
  it('a correct endpoint: the audit and the webhook test both pass, side by side in the summary (Node 20 too)', async () => {
    for (const node of [node24Path(), process.execPath]) {
      ep.reset();
      const r = await action({ 'webhook-url': `${ep.url}/correct`, 'app-secret': APP_SECRET }, { node });
      expect(r.code).toBe(0);
      expect(r.outputs).toMatchObject({ verdict: 'pass', 'webhook-verdict': 'pass' });
      expect(statuses(r)).toEqual(PASS);
      expect(r.summary).toMatch(/## WhatsApp token audit: PASS[\s\S]*## WhatsApp webhook test: PASS/);
      expect(r.summary).toMatch(/\| ✅ \| `webhook.signed-accepted` \| pass \|/);
      // The verify token is masked before anything is logged.
      expect(r.stdout.split('\n')).toContain(`::add-mask::${VERIFY_TOKEN}`);
      expect(ep.requests).toHaveLength(5);
    }
  });

  it.each([
    ['no-echo', { 'webhook.handshake': 'fail' }],
    ['accepts-unsigned', { 'webhook.unsigned-refused': 'fail' }],
    ['fail-open', { 'webhook.unsigned-refused': 'fail', 'webhook.forged-refused': 'fail' }],
    ['reserialised', { 'webhook.signed-accepted': 'fail' }],
    [
      'redirect',
      {
        'webhook.handshake': 'fail',
        'webhook.handshake-refuses': 'warn',
        'webhook.unsigned-refused': 'warn',
        'webhook.forged-refused': 'warn',
        'webhook.signed-accepted': 'fail',
      },
    ],
  ])('/%s fails the step with an annotation per failed check', async (variant, changed) => {
    const r = await action({ 'webhook-url': `${ep.url}/${variant}`, 'app-secret': APP_SECRET });
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ verdict: 'pass', 'webhook-verdict': 'fail' });
    expect(statuses(r)).toEqual({ ...PASS, ...changed });
    const failed = Object.entries(changed).filter(([, s]) => s === 'fail').map(([id]) => id);
    const errors = r.annotations.filter((a) => a.level === 'error');
    expect(errors.map((a) => a.title).filter((t) => t?.startsWith('webhook.'))).toEqual(failed);
    expect(errors.at(-1)!.message).toBe(`The webhook test of ${ep.url}/${variant} failed: ${failed.join(', ')}.`);
    expect(r.summary).toMatch(/## WhatsApp token audit: PASS[\s\S]*## WhatsApp webhook test: FAIL[\s\S]*### What to do/);
  });

  it('/slow: the signed delivery is cut at webhook-timeout-ms (asserted on the endpoint\'s clock)', async () => {
    const r = await action({ 'webhook-url': `${ep.url}/slow`, 'app-secret': APP_SECRET, 'webhook-timeout-ms': '4000' });
    // 4 s: room for the fast checks on a busy machine, and still well before the endpoint would answer.
    expect(r.code).toBe(1);
    expect(statuses(r)).toEqual({ ...PASS, 'webhook.signed-accepted': 'fail' });
    expect(r.annotations.find((a) => a.title === 'webhook.signed-accepted')!.message).toMatch(/no answer within 4 s/);
    const signed = ep.requests[4]!;
    expect(signed.answeredAt).toBeUndefined();
    expect(signed.closedAt! - signed.arrivedAt).toBeGreaterThanOrEqual(3900);
    expect(signed.closedAt! - signed.arrivedAt).toBeLessThan(SLOW_MS);
  });

  it('without app-secret the signed delivery is skipped; the step passes', async () => {
    const r = await action({ 'webhook-url': `${ep.url}/correct` });
    expect(r.code).toBe(0);
    expect(statuses(r)).toEqual({ ...PASS, 'webhook.signed-accepted': 'skip' });
    expect(r.summary).toContain("no app secret (input 'app-secret' is empty)");
  });

  it('webhook-url without verify-token, or a bad webhook-url, fails the step before anything is sent', async () => {
    const noToken = await action({ 'webhook-url': `${ep.url}/correct`, 'verify-token': '' });
    expect(noToken.code).toBe(1);
    expect(noToken.annotations.at(-1)!.message).toMatch(/input 'webhook-url' needs input 'verify-token'/);
    const bad = await action({ 'webhook-url': 'ftp://example.com/hook' });
    expect(bad.code).toBe(1);
    expect(bad.annotations.at(-1)!.message).toMatch(/input 'webhook-url' must be an https:\/\/ URL/);
    expect(ep.requests).toHaveLength(0);
    expect(emu.requests).toHaveLength(0);
  });
});
