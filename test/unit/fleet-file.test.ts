// The fleet file validator: every problem with its location, inline secrets refused and never echoed, and the
// published JSON Schema agreeing with the validator on every fixture.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { checkFleet, looksLikeSecret, parseFleetText } from '../../src/fleet/file.js';
import { resolveSecrets } from '../../src/fleet/secrets.js';

const FIXTURES = new URL('../fixtures/fleet/', import.meta.url).pathname;
const schema = JSON.parse(readFileSync(new URL('../../schema/fleet.schema.json', import.meta.url), 'utf8'));

function check(text: string) {
  const { doc, problems } = parseFleetText(text);
  if (problems.length > 0) return { problems };
  return checkFleet(doc);
}

function fixtures(kind: 'valid' | 'invalid'): [string, string][] {
  return readdirSync(join(FIXTURES, kind)).map((f) => [f, readFileSync(join(FIXTURES, kind, f), 'utf8')]);
}

describe('schema and validator agree', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);

  it.each(fixtures('valid'))('valid/%s: both accept', (_f, text) => {
    const { doc } = parseFleetText(text);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(checkFleet(doc).problems).toEqual([]);
  });

  it.each(fixtures('invalid'))('invalid/%s: both refuse', (_f, text) => {
    const { doc } = parseFleetText(text);
    expect(validate(doc)).toBe(false);
    expect(checkFleet(doc).problems.length).toBeGreaterThan(0);
  });
});

describe('every problem, with its location', () => {
  it('lists all problems of a file at once', () => {
    const { problems, fleet } = check(readFileSync(join(FIXTURES, 'invalid/many-problems.yml'), 'utf8'));
    expect(fleet).toBeUndefined();
    const expected = [
      /^defaults\.minDays: expected a number of days/,
      /^defaults\.colour: unknown setting/,
      /^tokens\[1\]\.name: required/,
      /^tokens\[2\]: set either `env` or `file`, not both/,
      /^tokens\[3\]: where to read the token is missing/,
      /^tokens\[4\]\.appId: expected an app ID/,
      /^tokens\[5\]\.env: expected the name of an environment variable/,
      /^tokens\[6\]\.phoneNumberIds: "\+1 555 010 0001" looks like a phone number/,
    ];
    for (const re of expected)
      expect(
        problems.some((p) => re.test(p)),
        String(re),
      ).toBe(true);
    expect(problems).toHaveLength(expected.length);
    // A bad default is reported once, not once per entry.
    expect(problems.filter((p) => p.startsWith('defaults.minDays'))).toHaveLength(1);
  });

  it('duplicate names are an error naming both entries', () => {
    const r = check(
      'defaults: {appId: "1"}\ntokens:\n  - {name: acme, env: A}\n  - {name: beta, env: B}\n  - {name: acme, env: C}\n',
    );
    expect(r.problems).toEqual([
      'tokens[2].name: "acme" is already the name of tokens[0]; names must be unique.',
    ]);
  });

  it('appId missing everywhere is reported once; missing on one entry is located there', () => {
    expect(check('tokens:\n  - {name: a, env: A}\n  - {name: b, env: B}\n').problems).toEqual([
      expect.stringMatching(/^defaults\.appId is required/),
    ]);
    expect(check('tokens:\n  - {name: a, env: A, appId: "12"}\n  - {name: b, env: B}\n').problems).toEqual([
      expect.stringMatching(/^tokens\[1\]\.appId is required/),
    ]);
  });

  it('a misspelt key gets a suggestion', () => {
    const r = check('defaults: {appId: "1", min_days: 3}\ntokens:\n  - {name: a, env: A}\n');
    expect(r.problems).toEqual(['defaults.min_days: unknown setting; did you mean `minDays`?']);
  });

  it('YAML syntax errors are located by line and column, without quoting the source', () => {
    const r = check('tokens:\n  - name: a\n   env: [unclosed\n');
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems[0]).toMatch(/^line \d+, column \d+: /);
  });

  it('a valid file gives entries with merged policies', () => {
    const r = check(readFileSync(join(FIXTURES, 'valid/full.yml'), 'utf8'));
    expect(r.problems).toEqual([]);
    const [acme, beta] = r.fleet!.entries;
    expect(acme).toMatchObject({
      index: 0,
      name: 'Acme Corp (production)',
      source: { env: 'ACME_TOKEN' },
      appSecretEnv: 'WHATSAPP_APP_SECRET',
      policy: {
        appId: '1000000000000001',
        minDays: 7,
        warnDays: 30,
        requireType: 'SYSTEM_USER',
        requireWebhooks: true,
        wabaIds: ['2000000000000001', '2000000000000002'],
        phoneNumberIds: ['3000000000000001', '3000000000000002'],
      },
    });
    expect(beta).toMatchObject({
      source: { file: 'secrets/beta.token' },
      appSecretEnv: 'BETA_APP_SECRET',
      policy: {
        appId: '1000000000000002',
        scopes: ['whatsapp_business_messaging'],
        strict: true,
        minDays: 7,
      },
    });
  });
});

describe('inline secrets are refused and never echoed', () => {
  const META_LIKE = `EAAG${'x1Y2z3'.repeat(30)}`;
  const APP_TOKEN = '1000000000000001|abcdefABCDEF0123456789';

  it.each([
    ['a token: key', 'tokens:\n  - name: a\n    token: FAKE-inline-value-0123456789\n', 'tokens[0].token'],
    [
      'an accessToken: key',
      'tokens:\n  - {name: a, accessToken: FAKE-inline-value-0123456789}\n',
      'tokens[0].accessToken',
    ],
    [
      'an appSecret: key',
      'defaults: {appSecret: FAKE-inline-value-0123456789}\ntokens: [{name: a, env: A}]\n',
      'defaults.appSecret',
    ],
    ['a Meta token as env', `tokens:\n  - {name: a, env: ${META_LIKE}}\n`, 'tokens[0].env'],
    ['a Meta token as the name', `tokens:\n  - {name: ${META_LIKE}, env: A}\n`, 'tokens[0].name'],
    ['an app token as file', `tokens:\n  - {name: a, file: "${APP_TOKEN}"}\n`, 'tokens[0].file'],
    [
      'a token in a list',
      `defaults:\n  scopes: [${META_LIKE}]\ntokens: [{name: a, env: A}]\n`,
      'defaults.scopes[0]',
    ],
  ])('%s', (_what, text, where) => {
    const r = check(`${text.startsWith('defaults') ? '' : 'defaults: {appId: "1"}\n'}${text}`);
    const all = r.problems.join('\n');
    expect(all).toContain(`${where}:`);
    expect(all).toMatch(/must not be written in the fleet file|looks like an access token/);
    for (const secret of ['FAKE-inline-value-0123456789', META_LIKE, APP_TOKEN, 'abcdefABCDEF0123456789'])
      expect(all).not.toContain(secret);
  });

  it('names, IDs, paths and variable names do not look like secrets', () => {
    for (const s of [
      'Acme Corp (production)',
      'AcmeCorporation2024ProductionWhatsappNumber1',
      '1000000000000001',
      '/run/secrets/AcmeCorp2024_whatsapp_token_for_the_production_number',
      'WHATSAPP_ACCESS_TOKEN_FOR_CLIENT_NUMBER_123456789',
      'whatsapp_business_management',
    ])
      expect(looksLikeSecret(s), s).toBe(false);
    for (const s of [
      `EAAG${'aB3'.repeat(20)}`,
      '123456|abcdefghijklmnop0123',
      '0123456789abcdef0123456789abcdef',
    ])
      expect(looksLikeSecret(s)).toBe(true);
  });
});

describe('reading the tokens', () => {
  const fleet = checkFleet(
    parseFleetText(
      'defaults: {appId: "1"}\ntokens:\n  - {name: a, env: A_TOKEN}\n  - {name: b, env: B_TOKEN}\n  - {name: c, file: c.token}\n  - {name: d, env: D_TOKEN, appSecretEnv: D_SECRET}\n',
    ).doc,
  ).fleet!;

  it('every missing or empty variable and unreadable file is listed, none of the values', async () => {
    const r = await resolveSecrets(fleet, {
      env: { B_TOKEN: '  ', D_TOKEN: 'FAKE-d-token-0123456789' },
      readFile: async () => {
        throw Object.assign(new Error('x'), { code: 'ENOENT' });
      },
      baseDir: '/fleet',
    });
    expect(r.entries).toEqual([]);
    expect(r.problems).toEqual([
      'tokens[0] (a): $A_TOKEN is not set.',
      'tokens[1] (b): $B_TOKEN is empty.',
      'tokens[2] (c): file c.token: no such file.',
      'tokens[3] (d): the app secret variable $D_SECRET is not set or empty.',
    ]);
    expect(r.problems.join('\n')).not.toContain('FAKE-d-token');
  });

  it('reads tokens from env and files (relative to the fleet file), trimmed', async () => {
    const r = await resolveSecrets(fleet, {
      env: {
        A_TOKEN: 'FAKE-a-token-0123456789\n',
        B_TOKEN: '"FAKE-b-token-0123456789"',
        D_TOKEN: 'FAKE-d-token-0123456789',
        D_SECRET: 'dddd5ec7e7dddd5ec7e7dddd5ec7e700',
      },
      readFile: async (p) => {
        expect(p).toBe('/fleet/c.token');
        return 'FAKE-c-token-0123456789\n';
      },
      baseDir: '/fleet',
      defaultAppSecret: 'FAKE-default-secret',
    });
    expect(r.problems).toEqual([]);
    expect(r.entries.map((e) => [e.name, e.token, e.appSecret])).toEqual([
      ['a', 'FAKE-a-token-0123456789', 'FAKE-default-secret'],
      ['b', 'FAKE-b-token-0123456789', 'FAKE-default-secret'],
      ['c', 'FAKE-c-token-0123456789', 'FAKE-default-secret'],
      ['d', 'FAKE-d-token-0123456789', 'dddd5ec7e7dddd5ec7e7dddd5ec7e700'],
    ]);
  });
});
