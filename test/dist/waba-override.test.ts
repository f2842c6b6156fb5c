// waba.subscribed tells the truth about a WABA-level webhook override (`override_callback_uri` beside the app in
// subscribed_apps): the app is subscribed, but messages webhooks go to the override, not to the app's URL.
import { describe, expect, it } from 'vitest';
import { APP_ID, CALLBACK, TOKENS, WABA } from '../emulator/fixtures.js';
import { useEmulator } from '../helpers/emulator.js';
import { runCli, withJson } from '../helpers/cli.js';

const emu = useEmulator();

const audit = async (waba: string) =>
  withJson(
    await runCli(['--app-id', APP_ID, '--graph-url', emu.url, '--json', '--waba-id', waba], {
      env: { WHATSAPP_ACCESS_TOKEN: TOKENS.healthy },
    }),
  );

describe('waba.subscribed and overrides', () => {
  it('names the override URL where messages webhooks go instead of saying they go to the app', async () => {
    const r = await audit(WABA.second);
    const c = r.json.checks.find((x: any) => x.id === 'waba.subscribed');
    expect(c.status).toBe('pass');
    expect(c.message).toContain(`go to ${CALLBACK.waba}, not to the app's callback URL`);
    expect(c.details.overrideCallbackUri).toBe(CALLBACK.waba);
  });

  it("without an override it says they go to the app's callback URL", async () => {
    const r = await audit(WABA.main);
    const c = r.json.checks.find((x: any) => x.id === 'waba.subscribed');
    expect(c.message).toMatch(/go to the app's callback URL, unless a phone number overrides it/);
    expect(c.details.overrideCallbackUri).toBeUndefined();
  });
});
