// Offline evaluation (`--response-file`, issue 5): a saved Graph answer, bare data, a top-level 190 error and
// standard input, through the bundled CLI with no network at all (the Graph URL points at a closed port).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, withJson } from '../helpers/cli.js';
import { expectNoSecrets } from '../helpers/secrets.js';

const APP = '1000000000000001';
const dir = mkdtempSync(join(tmpdir(), 'wa-offline-'));
const DATA = {
  app_id: APP,
  type: 'SYSTEM_USER',
  application: 'Shop',
  is_valid: true,
  expires_at: 0,
  data_access_expires_at: 0,
  scopes: ['whatsapp_business_management', 'whatsapp_business_messaging'],
  granular_scopes: [{ scope: 'whatsapp_business_management' }, { scope: 'whatsapp_business_messaging' }],
};

async function offline(body: unknown, opts: { stdin?: boolean; args?: string[] } = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const path = join(dir, `saved-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, text);
  const r = await runCli(
    [
      '--response-file',
      opts.stdin ? '-' : path,
      '--app-id',
      APP,
      '--graph-url',
      'http://127.0.0.1:9',
      '--json',
      ...(opts.args ?? []),
    ],
    opts.stdin ? { stdin: text } : {},
  );
  expectNoSecrets(
    { stdout: r.stdout, stderr: r.stderr },
    { token: 'FAKE-never-read-token-0123', appId: APP },
  );
  return withJson(r);
}

describe('[dist] offline evaluation (--response-file)', () => {
  it('a saved Graph answer ({data}) is judged like a live one, with no token and no network', async () => {
    const r = await offline({ data: DATA });
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ verdict: 'pass', token: { appId: APP, type: 'SYSTEM_USER' } });
  });

  it('bare data (as the Access Token Debugger shows it) works too', async () => {
    const r = await offline({ ...DATA, scopes: ['whatsapp_business_management'] });
    expect(r.code).toBe(1);
    expect(r.json.checks.find((c: any) => c.id === 'scope.whatsapp_business_messaging').status).toBe('fail');
  });

  it("Graph's top-level 190 error means the token is dead: token.valid fails (exit 1)", async () => {
    const r = await offline({
      error: {
        message: 'Error validating access token: Session has expired',
        type: 'OAuthException',
        code: 190,
        error_subcode: 463,
      },
    });
    expect(r.code).toBe(1);
    expect(r.json.checks.find((c: any) => c.id === 'token.valid')).toMatchObject({
      status: 'fail',
      graphError: '190.463',
    });
  });

  it('reads standard input with -', async () => {
    const r = await offline({ data: DATA }, { stdin: true });
    expect(r.code).toBe(0);
    expect(r.json.verdict).toBe('pass');
  });

  it('a file that is not JSON, or a Graph error about the request, is a usage error (exit 2)', async () => {
    expect((await offline('not json')).code).toBe(2);
    const r = await offline({ error: { message: 'Unsupported get request', code: 100 } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Graph error \(code 100\) about the request/);
  });
});
