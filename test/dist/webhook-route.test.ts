// webhook.route through the bundled CLI against the emulator: a phone override (ours), a WABA override (ours),
// the app's callback, and a number whose overrides belong to another app; --callback-url pins the release's
// endpoint; discovery shows each number's effective callback. Still one network wave; no URL keeps its query.
import { describe, expect, it } from 'vitest';
import { APP_ID, APP_SECRET, CALLBACK, PHONE, TOKENS, WABA } from '../emulator/fixtures.js';
import { useEmulator } from '../helpers/emulator.js';
import { runCli, withJson } from '../helpers/cli.js';
import { expectNoSecrets } from '../helpers/secrets.js';

const emu = useEmulator();
const NUMBERS = [PHONE.healthy, PHONE.yellow, PHONE.onPremise, PHONE.red];

async function audit(args: string[], env: Record<string, string> = {}) {
  const r = await runCli(['--app-id', APP_ID, '--graph-url', emu.url, ...args], {
    env: { WHATSAPP_ACCESS_TOKEN: TOKENS.healthy, ...env },
  });
  expectNoSecrets(
    { stdout: r.stdout, stderr: r.stderr },
    { token: TOKENS.healthy, appId: APP_ID, ...(env.WHATSAPP_APP_SECRET ? { appSecret: APP_SECRET } : {}) },
  );
  // The emulator answers phone overrides with a verify token in the query string: never printed.
  expect(r.stdout + r.stderr).not.toContain('FAKE-verify-token-in-url');
  expect(r.stdout + r.stderr).not.toContain('hub_verify');
  return r;
}

const phoneArgs = NUMBERS.flatMap((n) => ['--phone-number-id', n]);
const routes = (json: any) =>
  Object.fromEntries(
    json.checks.filter((c: any) => c.id === 'webhook.route').map((c: any) => [c.details.phoneNumberId, c]),
  );

describe('[dist] webhook.route', () => {
  it('--callback-url: the app URL passes, a phone or WABA override elsewhere fails, another app\'s overrides do not count; one wave', async () => {
    const r = withJson(await audit([...phoneArgs, '--callback-url', `${CALLBACK.app}?verify=mine`, '--json']));
    const by = routes(r.json);
    expect(by[PHONE.healthy]).toMatchObject({ status: 'pass', details: { level: 'app', callbackUrl: CALLBACK.app } });
    expect(by[PHONE.yellow]).toMatchObject({ status: 'fail', details: { level: 'phone', callbackUrl: CALLBACK.phone } });
    expect(by[PHONE.yellow].message).toContain(`go to ${CALLBACK.phone}, not to ${CALLBACK.app}: the number's own alternate callback`);
    expect(by[PHONE.onPremise]).toMatchObject({ status: 'fail', details: { level: 'waba', callbackUrl: CALLBACK.waba } });
    // PHONE.red: the other app set a phone and a WABA alternate for itself; ours still go to our app's URL.
    expect(by[PHONE.red]).toMatchObject({ status: 'pass', details: { level: 'app', callbackUrl: CALLBACK.app } });
    expect(r.stdout).not.toContain(CALLBACK.otherAppPhone);
    expect(r.code).toBe(1);
    expect(emu.requests).toHaveLength(1);
    // The route rides in the phone read: no extra item per number.
    const phoneItems = emu.batchItems.filter((i) => NUMBERS.some((n) => i.relativeUrl.includes(`${n}?fields=`)));
    expect(phoneItems).toHaveLength(NUMBERS.length);
    expect(phoneItems.every((i) => i.relativeUrl.includes('webhook_configuration'))).toBe(true);
  });

  it('with the WABAs and the app secret, the levels come from subscribed_apps and the app subscription; still one batch', async () => {
    const r = withJson(
      await audit(
        [...phoneArgs, '--waba-id', WABA.main, '--waba-id', WABA.second, '--callback-url', CALLBACK.waba, '--json'],
        { WHATSAPP_APP_SECRET: APP_SECRET },
      ),
    );
    const by = routes(r.json);
    expect(by[PHONE.onPremise]).toMatchObject({ status: 'pass', details: { level: 'waba', wabaId: WABA.second } });
    expect(by[PHONE.healthy]).toMatchObject({ status: 'fail', details: { level: 'app', wabaId: WABA.main } });
    expect(by[PHONE.healthy].remediation.join(' ')).toContain(`App Dashboard > WhatsApp > Configuration > Callback URL`);
    // WABA.main lists the other app with its own override: ours has none, so the app's URL applies.
    expect(by[PHONE.red]).toMatchObject({ details: { level: 'app', levels: { waba: null, app: CALLBACK.app } } });
    expect(emu.requests.filter((q) => q.method === 'POST')).toHaveLength(1);
    expect(emu.batchItems.some((i) => i.relativeUrl.includes(`${APP_ID}/subscriptions`))).toBe(true);
  });

  it('without --callback-url: reports the effective URL, warns on an override that is not the app\'s URL', async () => {
    const r = await audit([...phoneArgs]);
    expect(r.stdout).toMatch(/! warn\s+webhook\.route\s+Messages webhooks for phone number ID 3000000000000003 go to https:\/\/hooks\.example\.invalid\/phone-yellow, set by the number's own alternate callback/);
    expect(r.stdout).toContain(`not to app ${APP_ID}'s own callback URL (${CALLBACK.app})`);
    expect(r.stdout).toMatch(/webhook\.route\s+Messages webhooks for phone number ID 3000000000000001 go to app 1000000000000001's callback URL, https:\/\/hooks\.example\.invalid\/app/);
    expect(r.code).toBe(0);
  });

  it('markdown lists the effective callback of each number and who set it', async () => {
    const r = await audit([...phoneArgs, '--format', 'markdown']);
    expect(r.stdout).toContain('### Webhook routing');
    expect(r.stdout).toContain(`| ${PHONE.yellow} | \`${CALLBACK.phone}\` | the number's own override |`);
    expect(r.stdout).toContain(`| ${PHONE.onPremise} | \`${CALLBACK.waba}\` | the override of WABA`);
    expect(r.stdout).toContain(`| ${PHONE.healthy} | \`${CALLBACK.app}\` | the app's callback URL |`);
  });

  it('bad --callback-url values are one-line usage errors (exit 2)', async () => {
    for (const args of [
      ['--phone-number-id', PHONE.healthy, '--callback-url', 'http://hooks.example.com/wa'],
      ['--callback-url', CALLBACK.app],
      ['--phone-number-id', PHONE.healthy, '--callback-url', 'hooks'],
    ]) {
      const r = await audit(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('--callback-url');
    }
  });

  it('discover shows each number\'s effective callback URL and where it was set', async () => {
    const r = await runCli(['discover', '--app-id', APP_ID, '--graph-url', emu.url], {
      env: { WHATSAPP_ACCESS_TOKEN: TOKENS.healthy },
    });
    expect(r.stdout).toMatch(/3000000000000003 [^\n]*\n[^\n]*messages webhooks -> https:\/\/hooks\.example\.invalid\/phone-yellow \(the number's own override\)/);
    expect(r.stdout).toMatch(/3000000000000004 [^\n]*\n[^\n]*messages webhooks -> https:\/\/hooks\.example\.invalid\/waba-second \(the WABA's override\)/);
    expect(r.stdout).toMatch(/3000000000000002 [^\n]*\n[^\n]*messages webhooks -> https:\/\/hooks\.example\.invalid\/app \(the app's callback URL\)/);
    expect(r.stdout).not.toContain('FAKE-verify-token-in-url');
    const j = withJson(
      await runCli(['discover', '--app-id', APP_ID, '--graph-url', emu.url, '--json'], {
        env: { WHATSAPP_ACCESS_TOKEN: TOKENS.healthy },
      }),
    ).json;
    const yellow = j.wabas.flatMap((w: any) => w.phoneNumbers).find((p: any) => p.id === PHONE.yellow);
    expect(yellow.callback).toEqual({ state: 'known', url: CALLBACK.phone, level: 'phone' });
  });
});
