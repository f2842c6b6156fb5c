// The scanner's finders on planted credentials of every kind and on the false friends that look like them.
// Long tokens are built here at test time: no full-length EAA token is written in the repository.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findSecrets, isBinary } from '../../src/scan/finders.js';
import { scanToken } from '../emulator/fixtures.js';

const find = (text: string, appIds?: string[]) => findSecrets(Buffer.from(text, 'utf8'), appIds ? { appIds } : {});
/** A fake token of a real one's shape with the given 4-character prefix. */
const tokenWith = (prefix: string, filler = 'Fake0Token1Xy') => `${prefix}FAKE${filler.repeat(9)}`;
const SECRET = 'fa4efa4e0123456789abcdef00c0ffee';

describe('access tokens (EAA…)', () => {
  it.each(['EAAB', 'EAAC', 'EAAG', 'EAAI', 'EAAJ', 'EAAM', 'EAAx', 'EAAZ', 'EAA1'])('finds a %s… token', (prefix) => {
    const t = tokenWith(prefix);
    const [f, ...rest] = find(`const token = "${t}";\n`);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ kind: 'access-token', secret: t, line: 1, column: 16 });
  });

  it('gives the line and column of each of several tokens', () => {
    const a = scanToken('FAKEa');
    const b = scanToken('FAKEb');
    const found = find(`x\n\n  WHATSAPP_TOKEN=${a}\ny = '${b}' # two\n`);
    expect(found.map((f) => [f.secret === a ? 'a' : 'b', f.line, f.column])).toEqual([
      ['a', 3, 18],
      ['b', 4, 6],
    ]);
  });

  it('finds tokens in URLs, JSON and YAML', () => {
    const t = scanToken('FAKEurl');
    for (const text of [
      `https://graph.facebook.com/v26.0/me?access_token=${t}&fields=id`,
      `{"access_token":"${t}"}`,
      `whatsapp:\n  token: ${t}\n`,
      `Authorization: Bearer ${t}`,
    ])
      expect(find(text).map((f) => f.secret)).toEqual([t]);
  });

  it('ignores EAA runs that are too short, too long, inside a word, or of one letter case', () => {
    expect(find(`EAAG${'Fake0'.repeat(10)}`)).toEqual([]); // 54 characters
    expect(find(`EAAG${'Fake0Token1'.repeat(100)}`)).toEqual([]); // over 1024
    expect(find(`XEAAG${'Fake0Token1'.repeat(10)}`)).toEqual([]);
    expect(find(`EAAG${'fakelowercase'.repeat(10)}`)).toEqual([]);
    expect(find(`EAAG${'0123456789'.repeat(10)}`)).toEqual([]);
  });

  it('does not report base64 blobs that happen to hold "EAA"', () => {
    // Real base64 (with + and /) around an EAA run: a piece of a blob, not a token.
    for (let i = 0; i < 20; i++) {
      const blob = `${randomBytes(300).toString('base64')}/EAA${'Fake0Token1Xy'.repeat(9)}+${randomBytes(60).toString('base64')}`;
      expect(find(`data = "${blob}"`).filter((f) => f.kind === 'access-token')).toEqual([]);
    }
    const integrity = `"integrity": "sha512-${randomBytes(64).toString('base64')}"`;
    expect(find(integrity)).toEqual([]);
  });
});

describe('app access tokens (APP_ID|SECRET)', () => {
  it('finds APP_ID|32-hex, its URL-encoded form, and the older 27-character signature', () => {
    const found = find(
      [
        `APP_TOKEN = "1000000000000001|${SECRET}"`,
        `https://graph.facebook.com/debug_token?access_token=1000000000000001%7C${SECRET}&x=1`,
        'token: 123456789012345|FAKE_old-style-signature27',
      ].join('\n'),
    );
    expect(found.map((f) => [f.kind, f.appId, f.line])).toEqual([
      ['app-access-token', '1000000000000001', 1],
      ['app-access-token', '1000000000000001', 2],
      ['app-access-token', '123456789012345', 3],
    ]);
    expect(found[0]!.secret).toBe(`1000000000000001|${SECRET}`);
    // The URL-encoded one is the same credential.
    expect(found[1]!.secret).toBe(found[0]!.secret);
  });

  it('ignores pipes in code and tables', () => {
    expect(find('if (a || b) { x = 1234567890123 | 0 }\n| 1000000000000001 | some text in a table |')).toEqual([]);
    expect(find('12345|FAKE_old-style-signature27')).toEqual([]); // 5 digits is no app ID
  });
});

describe('app secrets (32 hex near a Meta keyword)', () => {
  it.each([
    `FACEBOOK_APP_SECRET=${SECRET}`,
    `fbAppSecret: '${SECRET}'`,
    `META_APP_SECRET="${SECRET}"`,
    `whatsapp.app_secret = ${SECRET}`,
    `WA_APP_SECRET=${SECRET}`,
    `# Facebook app\nAPP_SECRET=${SECRET}`,
    `"facebook": {\n  "appId": "x",\n  "appSecret": "${SECRET}"`,
  ])('finds %j', (text) => {
    const found = find(text);
    expect(found.map((f) => [f.kind, f.secret])).toEqual([['app-secret', SECRET]]);
  });

  it('pairs the secret with the app ID next to it', () => {
    const [f] = find(`FB_APP_ID=1000000000000001\nFB_APP_SECRET=${SECRET}\n`);
    expect(f).toMatchObject({ kind: 'app-secret', appId: '1000000000000001', line: 2 });
    // Without one near it, a single --app-id stands in.
    expect(find(`FB_APP_SECRET=${SECRET}`, ['1000000000000009'])[0]).toMatchObject({ appId: '1000000000000009' });
    expect(find(`FB_APP_SECRET=${SECRET}`)[0]!.appId).toBeUndefined();
  });

  it('ignores hex hashes without a keyword, and longer hashes with one', () => {
    expect(find(`md5 = "${SECRET}"\netag: ${SECRET}`)).toEqual([]);
    expect(find(`metadata_hash = "${SECRET}"`)).toEqual([]);
    expect(find(`schema_version: ${SECRET}`)).toEqual([]);
    expect(find(`facebook commit da39a3ee5e6b4b0d3255bfef95601890afd80709`)).toEqual([]);
    expect(find(`facebook sha256 ${'ab12'.repeat(16)}`)).toEqual([]);
    expect(find(`FACEBOOK_UUID=${'0123456789ABCDEF'.repeat(2)}`)).toEqual([]); // uppercase hex
    // Many hashes through a big file: none reported.
    const lines = Array.from({ length: 2000 }, () => `"${randomBytes(16).toString('hex')}": "${randomBytes(20).toString('hex')}",`);
    expect(find(lines.join('\n'))).toEqual([]);
  });
});

describe('binary detection', () => {
  it('is a NUL byte in the first 8000 bytes, as git tells binary files', () => {
    expect(isBinary(Buffer.from('plain text\n'))).toBe(false);
    expect(isBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1]))).toBe(true);
    expect(isBinary(Buffer.concat([Buffer.alloc(9000, 0x61), Buffer.from([0])]))).toBe(false);
  });
});
