// The bundled CLI against the emulator on the shapes real Graph sends (test/fixtures/real/ has the recordings):
// dead tokens inspecting themselves, 190s without a subcode, the (#100) must-provide refusal, numeric ids.
import { describe, expect, it } from 'vitest';
import { APP_ID, APP_SECRET, TOKENS, WABA } from '../emulator/fixtures.js';
import { runCli, withJson } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';
import { expectNoSecrets } from '../helpers/secrets.js';

const emu = useEmulator();

async function audit(token: string, args: string[] = [], secret = false) {
  const r = await runCli(['--app-id', APP_ID, '--graph-url', emu.url, '--json', ...args], {
    env: { WHATSAPP_ACCESS_TOKEN: token, ...(secret ? { WHATSAPP_APP_SECRET: APP_SECRET } : {}) },
  });
  expectNoSecrets({ stdout: r.stdout, stderr: r.stderr }, { token, appId: APP_ID, ...(secret ? { appSecret: APP_SECRET } : {}) });
  return withJson(r);
}
const check = (json: any, id: string) => json.checks.find((c: any) => c.id === id);

describe('[dist] readings on real shapes, live', () => {
  it('a dead token inspecting itself (200 + data.error) fails token.valid with its subcode, exit 1', async () => {
    const r = await audit(TOKENS.passwordChanged);
    expect(r.code).toBe(1);
    expect(check(r.json, 'token.valid')).toMatchObject({ status: 'fail', graphError: '190.460' });
    expect(check(r.json, 'token.valid').message).toMatch(/Graph said: "Error validating access token: The session has been invalidated/);
  });

  it('a 190 without a subcode: the reason comes from the text, Graph is quoted', async () => {
    for (const secret of [false, true]) {
      const r = await audit(TOKENS.expiredNoSubcode, [], secret);
      expect(r.code).toBe(1);
      expect(check(r.json, 'token.valid')).toMatchObject({ status: 'fail', graphError: '190.463' });
      expect(check(r.json, 'token.valid').message).toMatch(/Session has expired on/);
    }
    const damaged = await audit(TOKENS.sessionKeyMalformed);
    expect(check(damaged.json, 'token.valid')).toMatchObject({ status: 'fail', graphError: '190' });
    expect(check(damaged.json, 'token.valid').message).toMatch(/damaged/);
  });

  it('a debugger "session info" token is refused outright: token.valid fails with the reason', async () => {
    const r = await audit(TOKENS.debugOnly);
    expect(r.code).toBe(1);
    expect(check(r.json, 'token.valid').message).toMatch(/debugger-only/);
  });

  it('(#100) "You must provide an app access token…" is a usage error (exit 2) that says to give the app secret', async () => {
    emu.setFault({
      kind: 'graph-error',
      code: 100,
      message:
        '(#100) You must provide an app access token, or a user access token that is an owner or developer of the app',
    });
    const r = await audit(TOKENS.healthy);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/provide the app secret \(\$WHATSAPP_APP_SECRET\)/);
    // Permanent: asked once, not retried.
    expect(emu.requests.filter((q) => q.path.endsWith('/debug_token') || q.method === 'POST')).toHaveLength(1);
  });

  it('ids sent as JSON numbers are compared as strings; one beyond 2^53 is never rounded into a match', async () => {
    const safe = await audit(TOKENS.numericIds, ['--waba-id', WABA.main]);
    expect(safe.code).toBe(0);
    expect(check(safe.json, 'scope.targets').status).toBe('pass');
    expect(safe.json.token.appId).toBe(APP_ID);
    const huge = await audit(TOKENS.hugeTargetId, ['--waba-id', '18014398509481984']);
    expect(check(huge.json, 'scope.targets').status).not.toBe('pass');
  });
});
