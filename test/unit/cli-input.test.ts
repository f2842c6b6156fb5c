import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { fakeIO } from '../helpers/fake-io.js';

const SAVED = JSON.stringify({
  data: {
    app_id: '1234',
    application: 'Shop',
    type: 'SYSTEM_USER',
    is_valid: true,
    expires_at: 0,
    data_access_expires_at: 0,
    scopes: ['whatsapp_business_management', 'whatsapp_business_messaging'],
    granular_scopes: [{ scope: 'whatsapp_business_management' }, { scope: 'whatsapp_business_messaging' }],
    user_id: '99',
  },
});

describe('CLI input handling (exit 2, one line, no stack)', () => {
  it.each([
    [['--app-id', '1'], {}, /No token: set the WHATSAPP_ACCESS_TOKEN environment variable/],
    [['--app-id', '1', '--token-env', 'MY_TOKEN'], {}, /set the MY_TOKEN environment variable/],
    [['--app-id', '1'], { WHATSAPP_ACCESS_TOKEN: '   \n' }, /No token/],
    [
      ['--app-id', '1'],
      { WHATSAPP_ACCESS_TOKEN: 'FAKE token with spaces inside' },
      /contains spaces, line breaks/,
    ],
    [['--app-id', '1', '--token-file', 'missing.txt'], {}, /--token-file missing.txt: no such file/],
    [[], { WHATSAPP_ACCESS_TOKEN: 'FAKE-token-0123456789' }, /--app-id is required/],
    [['--app-id', 'abc'], { WHATSAPP_ACCESS_TOKEN: 'FAKE-token-0123456789' }, /--app-id: expected an app ID/],
    [
      ['--app-id', '1', '--deadline', '900'],
      { WHATSAPP_ACCESS_TOKEN: 'FAKE-token-0123456789' },
      /--deadline: expected seconds between 1 and 300/,
    ],
    [
      ['--app-id', '1', '--graph-url', 'http://graph.example.com'],
      { WHATSAPP_ACCESS_TOKEN: 'FAKE-token-0123456789' },
      /must use https/,
    ],
    [
      ['--app-id', '1', '--graph-version', '26'],
      { WHATSAPP_ACCESS_TOKEN: 'FAKE-token-0123456789' },
      /--graph-version: expected a version like v26.0/,
    ],
    [
      ['--app-id', '1', '--format', 'xml'],
      { WHATSAPP_ACCESS_TOKEN: 'FAKE-token-0123456789' },
      /--format: "xml" is not one of text, json, markdown, junit\./,
    ],
    [
      ['--app-id', '1', '--bogus'],
      { WHATSAPP_ACCESS_TOKEN: 'FAKE-token-0123456789' },
      /unknown option --bogus\. usage: wa-token-audit \[options\]/,
    ],
  ])('%j with %j -> exit 2', async (argv, env, message) => {
    const { io, out } = fakeIO({ env });
    expect(await runCli(argv, io)).toBe(2);
    expect(out.stderr).toMatch(message);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).not.toMatch(/\n\s+at /);
    expect(out.stdout).toBe('');
  });

  it('refuses --token and never echoes its value', async () => {
    const { io, out } = fakeIO();
    const secret = 'FAKE-argv-token-that-must-not-be-echoed';
    expect(await runCli(['--app-id', '1', '--token', secret], io)).toBe(2);
    expect(out.stderr).toMatch(/--token is not accepted/);
    expect(out.stderr).not.toContain(secret);
  });

  it('never echoes a token pasted as a stray argument', async () => {
    const { io, out } = fakeIO();
    const secret = 'FAKE-stray-positional-token-0123456789';
    expect(await runCli(['--app-id', '1', secret], io)).toBe(2);
    expect(out.stderr).not.toContain(secret);
    expect(out.stderr).toContain('(a 38-character value)');
  });

  it('reads every option from WA_AUDIT_* env vars', async () => {
    const { io, out } = fakeIO({
      env: { WA_AUDIT_APP_ID: '1234', WA_AUDIT_RESPONSE_FILE: 'saved.json' },
      files: { 'saved.json': SAVED },
    });
    expect(await runCli(['--json'], io)).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ ok: true, verdict: 'pass', token: { appId: '1234' } });
  });

  it('--help and --version print to stdout and exit 0, with the exit codes documented', async () => {
    const help = fakeIO();
    expect(await runCli(['--help'], help.io)).toBe(0);
    expect(help.out.stdout).toMatch(
      /Exit codes:[\s\S]*0 {2}the audit passed[\s\S]*3 {2}the token was not judged/,
    );
    const version = fakeIO();
    expect(await runCli(['--version'], version.io)).toBe(0);
    expect(version.out.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('reads the token from stdin with --token-file -, trimming a pasted newline', async () => {
    // The saved response makes this offline, so the token is only read and fingerprinted by the online path;
    // here we check the read itself through a usage error that names stdin.
    const { io, out } = fakeIO({ stdin: '\n\n' });
    expect(await runCli(['--app-id', '1', '--token-file', '-'], io)).toBe(2);
    expect(out.stderr).toMatch(/No token: standard input is empty/);
  });
});
