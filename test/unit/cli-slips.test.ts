// The slips users really make with the CLI (issue: "every way a user holds it wrong"), through the real yargs
// program with an in-memory IO: each ends in a one-line message that says what to do, and no secret is echoed.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { fakeIO } from '../helpers/fake-io.js';

const NOW = new Date('2026-11-23T12:00:00Z');
const IN_FIVE_DAYS = Math.floor(NOW.getTime() / 1000) + 5 * 86_400;

// A valid token that expires in five days: token.expiry warns, so --strict decides the exit code.
const EXPIRING = JSON.stringify({
  data: {
    app_id: '1234',
    type: 'SYSTEM_USER',
    is_valid: true,
    expires_at: IN_FIVE_DAYS,
    data_access_expires_at: 0,
    scopes: ['whatsapp_business_management', 'whatsapp_business_messaging'],
    granular_scopes: [{ scope: 'whatsapp_business_management' }, { scope: 'whatsapp_business_messaging' }],
    user_id: '99',
  },
});

// Long enough and mixed enough to look like a real token; obviously fake.
const PASTED = `EAAG${'FAKEfake0123'.repeat(8)}`;

async function cli(argv: string[], env: Record<string, string> = {}) {
  const { io, out } = fakeIO({ env, files: { 'saved.json': EXPIRING }, now: NOW });
  const code = await runCli(argv, io);
  return { code, ...out };
}

const offline = ['--app-id', '1234', '--response-file', 'saved.json'];

describe('booleans are read the usual ways, and anything else is refused', () => {
  it.each([['--strict=1'], ['--strict=yes'], ['--strict=TRUE'], ['--strict=on'], ['--strict']])(
    '%s turns the expiry warning into a failure',
    async (flag) => {
      expect((await cli([...offline, flag])).code).toBe(1);
    },
  );

  it.each([['--strict=0'], ['--strict=no'], ['--strict=False'], ['--no-strict']])(
    '%s leaves it a warning',
    async (flag) => {
      expect((await cli([...offline, flag])).code).toBe(0);
    },
  );

  it.each([['1'], ['yes'], ['TRUE'], ['On']])('WA_AUDIT_STRICT=%s is true', async (value) => {
    expect((await cli(offline, { WA_AUDIT_STRICT: value })).code).toBe(1);
  });

  it('a flag spelled neither way is a usage error naming the flag', async () => {
    const r = await cli([...offline, '--strict=maybe']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^wa-token-audit: --strict: expected true\/false, yes\/no, on\/off or 1\/0, got "maybe"/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a variable spelled neither way is a usage error naming the variable', async () => {
    const r = await cli(offline, { WA_AUDIT_STRICT: 'sure' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\$WA_AUDIT_STRICT: expected true\/false/);
  });

  it('a flag on the command line wins over the variable', async () => {
    expect((await cli([...offline, '--no-strict'], { WA_AUDIT_STRICT: 'true' })).code).toBe(0);
  });
});

describe('each command reads only the variables of its own options', () => {
  it('WA_AUDIT_APP_ID does not break explain or fleet', async () => {
    const r = await cli(['explain', '2'], { WA_AUDIT_APP_ID: '1234' });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const f = await cli(['fleet', 'missing.yml'], { WA_AUDIT_APP_ID: '1234' });
    expect(f.stderr).not.toMatch(/Unknown|app-id/);
  });

  it('a bad value from a variable names the variable, not the flag', async () => {
    const r = await cli(offline, { WA_AUDIT_WARN_DAYS: 'soon' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^wa-token-audit: \$WA_AUDIT_WARN_DAYS: expected a number of days/);
    const c = await cli(offline, { WA_AUDIT_FORMAT: 'yaml' });
    expect(c.stderr).toMatch(/\$WA_AUDIT_FORMAT: "yaml" is not one of text, json, markdown/);
  });

  it('a variable that is no option of any command is named, with the nearest one', async () => {
    const r = await cli(offline, { WA_AUDIT_APP_IP: '1' });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\$WA_AUDIT_APP_IP is no option of any command; ignored \(did you mean \$WA_AUDIT_APP_ID\?\)/);
  });
});

describe('messages show the way out', () => {
  it('an invalid choice lists the valid ones', async () => {
    const r = await cli([...offline, '--format', 'yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('wa-token-audit: --format: "yaml" is not one of text, json, markdown, junit.\n');
  });

  it('a mistyped flag suggests the nearest', async () => {
    const r = await cli(['--app-ip', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option --app-ip \(did you mean --app-id\?\)/);
  });

  it('a mistyped command suggests the nearest', async () => {
    const r = await cli(['discovr']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "discovr" \(did you mean "discover"\?\)/);
  });

  it('a missing argument gives the usage line, not the parser\'s words', async () => {
    const r = await cli(['fleet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('wa-token-audit: missing <file>: usage: wa-token-audit fleet <file> [options].\n');
  });
});

describe('a token given to the wrong place is refused and never echoed', () => {
  it.each([
    [['--app-id', '1', '--token-file', PASTED], /--token-file: the value looks like an access token.*path of a file/],
    [['--app-id', '1', '--token-env', PASTED], /--token-env: the value looks like an access token.*NAME of the environment variable/],
    [['--app-id', '1', `--token-env=${PASTED}`], /--token-env: the value looks like/],
    [['--app-id', '1', PASTED], /A token or secret given as an argument is not accepted/],
    [['--app-id', '1', '--access-token', 'x'], /--access-token is not accepted: command lines end up in shell history/],
    [['--app-id', '1', '--token', 'x'], /--token is not accepted/],
    [['--app-id', '1', '--waba-id', PASTED], /--waba-id: the value looks like an access token/],
  ])('%j', async (argv, message) => {
    const r = await cli(argv, { WHATSAPP_ACCESS_TOKEN: 'FAKE-token-0123456789' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toContain(PASTED);
    expect(r.stderr).not.toContain(PASTED.slice(4, 40));
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('gates that look strict and check nothing are usage errors', () => {
  it('--require-webhooks with no WABA and no app secret', async () => {
    const r = await cli(['--app-id', '1', '--require-webhooks'], { WHATSAPP_ACCESS_TOKEN: 'FAKE-token-0123456789' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--require-webhooks has nothing to check: give --waba-id/);
  });

  it.each([
    [['--phone-number-id', '555']],
    [['--require-webhooks', '--waba-id', '777']],
  ])('offline evaluation with %j', async (extra) => {
    const r = await cli([...offline, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot be checked from a saved debug_token answer/);
  });

  it('an --app-secret-env naming an unset variable', async () => {
    const r = await cli(['--app-id', '1', '--app-secret-env', 'MY_APP_SECRET'], {
      WHATSAPP_ACCESS_TOKEN: 'FAKE-token-0123456789',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--app-secret-env MY_APP_SECRET: \$MY_APP_SECRET is not set/);
  });

  it('--min-days above --warn-days', async () => {
    const r = await cli([...offline, '--min-days', '30', '--warn-days', '7']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--warn-days \(7\) is below --min-days \(30\)/);
    expect((await cli([...offline, '--min-days', '3', '--warn-days', '7'])).code).toBe(0);
  });
});

describe('every command speaks the same way', () => {
  it('explain takes --format like every other command', async () => {
    const md = await cli(['explain', '190.463', '--format', 'markdown']);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^<a id="explain-190-463"><\/a>\n\n### 190\.463 /);
    const json = await cli(['explain', '190.463', '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ kind: 'code', key: '190.463' });
    expect((await cli(['explain', '2', '--format', 'yaml'])).stderr).toMatch(/--format: "yaml" is not one of text, json, markdown/);
  });

  it('--color forces colour, --no-color and NO_COLOR=1 turn it off, an empty NO_COLOR keeps it', async () => {
    const esc = '\u001b[';
    expect((await cli([...offline, '--color'])).stdout).toContain(esc);
    expect((await cli([...offline, '--color'], { NO_COLOR: '1' })).stdout).toContain(esc);
    expect((await cli([...offline, '--no-color'], { FORCE_COLOR: '1' })).stdout).not.toContain(esc);
    expect((await cli(offline, { FORCE_COLOR: '1', NO_COLOR: '1' })).stdout).not.toContain(esc);
    expect((await cli(offline, { FORCE_COLOR: '1', NO_COLOR: '' })).stdout).toContain(esc);
    expect((await cli(['explain', '2', '--color=maybe'])).code).toBe(2);
  });

  it('--quiet has one description in every command that has it', async () => {
    const texts = await Promise.all(
      [[], ['fleet'], ['discover'], ['scan'], ['webhook-test']].map(async (c) => (await cli([...c, '--help'])).stdout),
    );
    for (const help of texts) expect(help).toMatch(/--quiet.*Only what needs attention/s);
  });

  it('the text report wraps to the terminal between words, with a hanging indent', async () => {
    const { io, out } = fakeIO({ files: { 'saved.json': EXPIRING }, now: NOW });
    io.columns = 60;
    await runCli(offline, io);
    const lines = out.stdout.split('\n');
    // Only a word longer than the room (a URL) may stand past the edge, alone after its indent or label.
    for (const line of lines.filter((l) => l.length > 60)) expect(line.trim().split(/ {2,}|-> /).at(-1)).toMatch(/^\S+$/);
    const expiry = lines.findIndex((l) => l.includes('token.expiry'));
    const indent = 8;
    // The continuation line starts under the message's first word.
    expect(lines[expiry + 1]!.slice(0, indent).trim()).toBe('');
    expect(lines[expiry + 1]![indent]).not.toBe(' ');
    const words = out.stdout.replace(/\s+/g, ' ');
    const unwrapped = (await cli(offline)).stdout.replace(/\s+/g, ' ');
    expect(words).toBe(unwrapped);
  });

  it('a Graph URL with a version in it is a usage error with the fix', async () => {
    const r = await cli(['--app-id', '1', '--graph-url', 'https://graph.facebook.com/v26.0'], {
      WHATSAPP_ACCESS_TOKEN: 'FAKE-token-0123456789',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/without a version: use https:\/\/graph\.facebook\.com and give the version with --graph-version v26\.0/);
  });
});
