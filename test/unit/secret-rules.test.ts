// Secrets go to Meta only: what a fleet file (which may come from a pull request) can and cannot make the tool
// send, what an app secret must look like, and which Graph URLs are announced.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFleet, parseFleetText } from '../../src/fleet/file.js';
import { resolveSecrets } from '../../src/fleet/secrets.js';
import { graphUrlNotices } from '../../src/graph/url.js';
import { appSecretProblem, ciSecretName, metaTokenProblem } from '../../src/core/secret-shape.js';

const APP = '1000000000000001';
const fleetOf = (entry: string) => {
  const { doc } = parseFleetText(`defaults:\n  appId: "${APP}"\ntokens:\n  - name: x\n    ${entry}\n`);
  return checkFleet(doc);
};

describe('a fleet file cannot name the CI credentials', () => {
  it.each([
    'GITHUB_TOKEN',
    'ACTIONS_RUNTIME_TOKEN',
    'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
    'ACTIONS_ID_TOKEN_REQUEST_URL',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'INPUT_GITHUB-TOKEN'.replace('-', '_'),
    'NPM_TOKEN',
    'github_token',
  ])('env: %s is refused before anything is read', (name) => {
    const r = fleetOf(`env: ${name}`);
    expect(r.fleet).toBeUndefined();
    expect(r.problems.join('\n')).toMatch(/CI's own credentials .* may not name it/);
  });

  it('an app secret variable is held to the same rule', () => {
    const r = fleetOf('env: SHOP_TOKEN\n    appSecretEnv: AWS_SECRET_ACCESS_KEY');
    expect(r.problems.join('\n')).toMatch(/AWS_SECRET_ACCESS_KEY holds the CI's own credentials/);
  });

  it.each(['/etc/passwd', '../secrets/t', 'a/../../t', 'C:\\\\t'])('file: %s is refused (outside the folder)', (file) => {
    const r = fleetOf(`file: "${file}"`);
    expect(r.problems.join('\n')).toMatch(/stay inside its folder/);
  });
});

describe('only values shaped like Meta tokens are sent', () => {
  const fleet = (env: string) => fleetOf(`env: ${env}`).fleet!;
  it.each([
    ['a JWT (the runner tokens)', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvIn0.c2lnbmF0dXJlLWZha2U'],
    ['a GitHub token', 'ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000'],
    ['an AWS secret key', 'FAKEfake/FAKEfake+FAKEfakeFAKEfake00000000'],
    ['a URL', 'https://example.com/FAKE-token-000'],
    ['an npm token', 'npm_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000'],
  ])('%s is refused without being shown', async (_what, value) => {
    const r = await resolveSecrets(fleet('SHOP_TOKEN'), {
      env: { SHOP_TOKEN: value },
      readFile: async () => '',
      baseDir: '/nowhere',
    });
    expect(r.entries).toEqual([]);
    expect(r.problems.join('\n')).toMatch(/\$SHOP_TOKEN (looks like a credential of another service|does not look like a Meta access token).*not shown/);
    expect(r.problems.join('\n')).not.toContain(value);
  });

  it('a Meta-shaped token is accepted', () => {
    expect(metaTokenProblem('EAAFAKE0fake1FAKE2fake3FAKE4fake5')).toBeUndefined();
    expect(metaTokenProblem('FAKE-healthy-system-user-token')).toBeUndefined();
  });

  it('a symbolic link out of the fleet folder is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wa-fleet-link-'));
    const outside = mkdtempSync(join(tmpdir(), 'wa-fleet-outside-'));
    writeFileSync(join(outside, 'id_rsa'), 'FAKE-private-key-material-000000');
    mkdirSync(join(dir, 'secrets'));
    symlinkSync(join(outside, 'id_rsa'), join(dir, 'secrets', 'shop.token'));
    const r = await resolveSecrets(fleetOf('file: secrets/shop.token').fleet!, {
      env: {},
      readFile: async () => 'FAKE-private-key-material-000000',
      baseDir: dir,
    });
    expect(r.problems.join('\n')).toMatch(/outside the fleet file's folder/);
  });
});

describe('app secrets', () => {
  it.each(['abc', 'FAKE-app-secret-0123456789', '0123456789abcdef0123456789abcde', 'g123456789abcdef0123456789abcdef'])(
    '%s is refused as implausible, its value not in the message',
    (s) => {
      const p = appSecretProblem(s)!;
      expect(p).toMatch(/does not look like a Meta app secret \(32 hexadecimal digits/);
      expect(p).not.toContain(s);
    },
  );
  it('32 hex digits, either case, are accepted', () => {
    expect(appSecretProblem('0123456789abcdef0123456789ABCDEF')).toBeUndefined();
  });
  it('CI names are matched case-insensitively', () => {
    expect(ciSecretName('Github_Token')).toBeDefined();
    expect(ciSecretName('ACME_WHATSAPP_TOKEN')).toBeUndefined();
  });
});

describe('Graph URL notices', () => {
  it.each([
    ['https://graph.facebook.com', 0],
    ['https://graph-video.facebook.com', 0],
    ['http://127.0.0.1:8080', 0],
    ['https://graph.example.com', 1],
    ['https://graph.facebook.com.evil.example', 1],
    ['http://graph.example.com', 0], // refused outright by the client
  ])('%s: %i notice(s)', (url, n) => {
    expect(graphUrlNotices(url, '--graph-url')).toHaveLength(n);
  });
  it('a URL from the environment is always named', () => {
    const [n] = graphUrlNotices('https://graph.facebook.com', 'WA_AUDIT_GRAPH_URL', true);
    expect(n).toMatch(/comes from the environment \(WA_AUDIT_GRAPH_URL\)/);
  });
});
