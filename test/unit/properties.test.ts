// Property-based tests (fast-check): the evaluator never throws and never passes a failed check, whatever Graph
// sends; its verdict ignores list order; every user input (CLI flags, Action inputs, fleet files) either parses
// or is a usage error, never an exception. Case counts go to .tmp/property-figures.json for the README.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readInputs } from '../../src/action/inputs.js';
import { runCli } from '../../src/cli/program.js';
import { evaluate, type Inspection } from '../../src/core/evaluate.js';
import { checkPolicy, POLICY_KEYS, type Policy, type PolicyInput } from '../../src/core/policy.js';
import type { Report } from '../../src/core/types.js';
import { UsageError } from '../../src/core/errors.js';
import { checkFleet, parseFleetText } from '../../src/fleet/file.js';
import { loadFleet } from '../../src/fleet/load.js';
import { fakeIO } from '../helpers/fake-io.js';

const figures: Record<string, number> = {};
const count = (name: string, runs: number) => {
  figures[name] = (figures[name] ?? 0) + runs;
};
afterAll(() => {
  mkdirSync('.tmp', { recursive: true });
  const total = Object.values(figures).reduce((a, b) => a + b, 0);
  writeFileSync('.tmp/property-figures.json', `${JSON.stringify({ total, ...figures }, null, 2)}\n`);
  console.log(`property cases: ${JSON.stringify({ total, ...figures })}`);
});

const NOW = new Date('2026-11-23T12:00:00Z');
const NOW_S = Math.floor(NOW.getTime() / 1000);
const APP = '1000000000000001';

// --- arbitraries close to real debug_token answers ----------------------------------------------------------

const SCOPES = [
  'whatsapp_business_management',
  'whatsapp_business_messaging',
  'business_management',
  'ads_management',
  'public_profile',
];
const scopeName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SCOPES) },
  fc.string({ maxLength: 12 }),
);
const graphId = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(APP, '1000000000000002', '2000000000000001', '2000000000000002') },
  fc.nat(),
  fc.string({ maxLength: 8 }),
);
/** Usually the right type, sometimes absent, null or any JSON value. */
const field = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 8, arbitrary: arb },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );
const unixTime = fc.oneof(
  fc.constant(0),
  fc.integer({ min: NOW_S - 90 * 86_400, max: NOW_S + 120 * 86_400 }),
  fc.integer({ min: 0, max: 4_000_000_000 }),
);
const grant = fc.record(
  { scope: field(scopeName), target_ids: field(fc.array(graphId, { maxLength: 4 })) },
  { requiredKeys: ['scope'] },
);
const tokenError = fc.record({
  code: fc.oneof(fc.constantFrom(190, 102, 10, 200, 1, 2), fc.integer()),
  subcode: fc.oneof(fc.constantFrom(458, 460, 463, 467), fc.integer()),
  message: fc.string({ maxLength: 40 }),
});
const debugData = fc.record(
  {
    app_id: field(graphId),
    application: field(fc.string({ maxLength: 20 })),
    type: field(fc.constantFrom('SYSTEM_USER', 'USER', 'PAGE', 'APP', 'OTHER')),
    is_valid: field(fc.boolean()),
    issued_at: field(unixTime),
    expires_at: field(unixTime),
    data_access_expires_at: field(unixTime),
    scopes: field(fc.array(scopeName, { maxLength: 6 })),
    granular_scopes: field(fc.array(grant, { maxLength: 5 })),
    user_id: field(graphId),
    error: field(tokenError),
  },
  { requiredKeys: [] },
);
/** Any JSON value at all, and shapes close to Graph's. */
const anyData = fc.oneof(fc.jsonValue(), fc.anything(), debugData);

const policyArb: fc.Arbitrary<Policy> = fc
  .record({
    appId: fc.constantFrom(APP, '42'),
    scopes: fc.subarray(SCOPES.slice(0, 3), { minLength: 1 }),
    minDays: fc.constantFrom(0, 1, 7, 30),
    warnDays: fc.constantFrom(0, 14, 60),
    requireType: fc.constantFrom(undefined, 'system-user', 'user', 'page'),
    exactScopes: fc.boolean(),
    strict: fc.boolean(),
  })
  .map((p) => {
    // A warning window shorter than the failing one is refused by every front (checkPolicy).
    const { policy } = checkPolicy({ ...p, warnDays: Math.max(p.warnDays, p.minDays) } as PolicyInput);
    if (!policy) throw new Error('policy arbitrary built an invalid policy');
    return policy;
  });

const inspectionArb: fc.Arbitrary<Inspection> = fc.oneof(
  { weight: 8, arbitrary: anyData.map((data): Inspection => ({ kind: 'data', data })) },
  fc.record({ kind: fc.constant('app-mismatch' as const), message: fc.string() }),
  fc.record(
    {
      kind: fc.constant('token-invalid' as const),
      code: fc.integer(),
      subcode: fc.integer(),
      message: fc.string(),
    },
    { requiredKeys: ['kind', 'code'] },
  ),
);

function checkReport(report: Report): void {
  expect(report.schemaVersion).toBe(1);
  expect(['pass', 'warn', 'fail', 'error']).toContain(report.verdict);
  const failed = report.checks.some((c) => c.status === 'fail');
  // A failed check is never ok; an unjudged report is never ok; ok means pass or warn.
  if (failed) expect(report.ok).toBe(false);
  if (report.verdict === 'error') expect(report.ok).toBe(false);
  expect(report.ok).toBe(report.verdict === 'pass' || report.verdict === 'warn');
  if (report.verdict === 'pass')
    expect(report.checks.every((c) => c.status === 'pass' || c.status === 'skip')).toBe(true);
  // A report with no checks at all can only be "not judged".
  if (report.checks.length === 0) expect(report.verdict).toBe('error');
  expect(() => JSON.stringify(report)).not.toThrow();
}

describe('evaluate: any data, any policy', () => {
  it('returns a report, never throws, and never calls a failed check ok (12,000 cases)', () => {
    const runs = 12_000;
    fc.assert(
      fc.property(inspectionArb, policyArb, (inspection, policy) => {
        checkReport(evaluate({ inspection, fingerprint: 'sha256:00000000' }, policy, NOW));
      }),
      { numRuns: runs, seed: 10 },
    );
    count('evaluate: any JSON value as data', runs);
  });

  it('the verdict and the checks do not depend on the order of scopes, granular_scopes and target_ids', () => {
    const runs = 4000;
    const permute = <T>(list: T[], keys: number[]): T[] =>
      list
        .map((v, i) => ({ v, k: keys[i % Math.max(1, keys.length)]! + i / 1000 }))
        .sort((a, b) => a.k - b.k)
        .map((x) => x.v);
    const shuffle = (data: unknown, keys: number[]): unknown => {
      if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
      const d = { ...(data as Record<string, unknown>) };
      if (Array.isArray(d.scopes)) d.scopes = permute(d.scopes, keys);
      if (Array.isArray(d.granular_scopes)) {
        d.granular_scopes = permute(
          d.granular_scopes.map((g: unknown) =>
            typeof g === 'object' && g !== null && Array.isArray((g as { target_ids?: unknown }).target_ids)
              ? {
                  ...g,
                  target_ids: permute((g as { target_ids: unknown[] }).target_ids, [...keys].reverse()),
                }
              : g,
          ),
          keys,
        );
      }
      return d;
    };
    const outcome = (r: Report) => ({
      verdict: r.verdict,
      ok: r.ok,
      checks: r.checks.map((c) => `${c.id}:${c.status}`).sort(),
    });
    fc.assert(
      fc.property(
        debugData,
        policyArb,
        fc.array(fc.nat(1000), { minLength: 1, maxLength: 8 }),
        (data, policy, keys) => {
          const a = evaluate({ inspection: { kind: 'data', data } }, policy, NOW);
          const b = evaluate({ inspection: { kind: 'data', data: shuffle(data, keys) } }, policy, NOW);
          expect(outcome(b)).toEqual(outcome(a));
        },
      ),
      { numRuns: runs, seed: 11 },
    );
    count('evaluate: order of scopes / granular_scopes / target_ids', runs);
  });
});

// --- user input: parses, or a usage error; never an exception ----------------------------------------------

const SAVED = JSON.stringify(
  {
    data: {
      app_id: APP,
      type: 'SYSTEM_USER',
      is_valid: true,
      expires_at: 0,
      scopes: SCOPES.slice(0, 2),
      granular_scopes: [{ scope: SCOPES[0] }, { scope: SCOPES[1] }],
    },
  },
  null,
  2, // spaces and newlines: it can never pass for a token if a generated --token-file points at it
);

const FLAGS = [
  '--app-id',
  '--scope',
  '--waba-id',
  '--phone-number-id',
  '--min-days',
  '--warn-days',
  '--require-type',
  '--exact-scopes',
  '--require-webhooks',
  '--strict',
  '--format',
  '--json',
  '--quiet',
  '-q',
  '--deadline',
  '--timeout',
  '--graph-url',
  '--graph-version',
  '--token-env',
  '--token-file',
  '--app-secret-env',
  '--response-file',
  '--token',
  '--no-strict',
  '--help',
  '--version',
  '--',
];
const VALUES = [
  '1',
  APP,
  '0',
  '-1',
  '1e3',
  'NaN',
  '',
  ' ',
  'json',
  'markdown',
  'text',
  'saved.json',
  '-',
  'system-user',
  'true',
  'http://x',
  'https://127.0.0.1:9',
  'v26.0',
  '+1 555 0100',
];
const COMMANDS = new Set(['fleet', 'discover', 'explain']);
const argPiece = fc
  .oneof(
    { weight: 5, arbitrary: fc.constantFrom(...FLAGS) },
    { weight: 4, arbitrary: fc.constantFrom(...VALUES) },
    { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 10 }).map((s) => `--${s}`) },
    { weight: 1, arbitrary: fc.string({ maxLength: 10 }).map((s) => `--app-id=${s}`) },
  )
  // A subcommand would leave the offline path (fleet/discover read other inputs); they have their own property.
  .filter((s) => !COMMANDS.has(s));

describe('CLI flags (in-process, offline --response-file: no network)', () => {
  it('exit 0-3 with one diagnostic line, never an internal error or a stack trace', async () => {
    const runs = 1500;
    const exits: Record<number, number> = {};
    await fc.assert(
      fc.asyncProperty(fc.array(argPiece, { maxLength: 10 }), async (pieces) => {
        // Ours first; a generated --response-file may override it (then: a missing file, or online without a
        // token: both usage errors before any network).
        const argv = ['--response-file', 'saved.json', ...pieces];
        const { io, out } = fakeIO({ files: { 'saved.json': SAVED } });
        const code = await runCli(argv, io);
        exits[code] = (exits[code] ?? 0) + 1;
        expect([0, 1, 2, 3]).toContain(code);
        expect(out.stderr).not.toMatch(/internal error/);
        expect(`${out.stdout}${out.stderr}`).not.toMatch(/\n\s+at \S+ \(/); // no stack frames
        if (code === 2) expect(out.stderr).toMatch(/^wa-token-audit: [^\n]+\n$/);
      }),
      { numRuns: runs, seed: 12 },
    );
    // Both sides were exercised: inputs that parsed (a verdict) and inputs refused as usage errors.
    expect((exits[0] ?? 0) + (exits[1] ?? 0)).toBeGreaterThan(runs / 20);
    expect(exits[2] ?? 0).toBeGreaterThan(runs / 20);
    count('CLI flags (runCli in-process)', runs);
    // 1,500 whole CLI runs: on a loaded 2-core machine that outlasts the default test timeout (no speed is asserted).
  }, 180_000);
});

describe('Action inputs', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k];
    Object.assign(process.env, saved);
  });

  const anyText = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(...VALUES, 'whatsapp_business_messaging\nads_management', '1,2,3', 'a b'),
    },
    { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v) ?? '') },
  );

  it('checkPolicy: any strings (and any JSON values) give a policy or named problems, never an exception', () => {
    const runs = 5000;
    const keys = POLICY_KEYS;
    const input = fc.record(
      Object.fromEntries(
        keys.map((k) => [k, fc.oneof({ weight: 4, arbitrary: anyText }, fc.jsonValue())]),
      ) as Record<(typeof keys)[number], fc.Arbitrary<unknown>>,
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(input, (raw) => {
        const { policy, problems } = checkPolicy(raw as PolicyInput, (k) => `input '${k}'`);
        if (policy) expect(problems).toEqual([]);
        else {
          expect(problems.length).toBeGreaterThan(0);
          for (const p of problems) expect(p).toMatch(/^input '/);
        }
      }),
      { numRuns: runs, seed: 13 },
    );
    count('Action inputs: checkPolicy', runs);
  });

  it('readInputs from INPUT_* variables: settings or a UsageError, never another exception', () => {
    const runs = 2000;
    const names = [
      'app-id',
      'required-scopes',
      'waba-ids',
      'phone-number-ids',
      'min-days',
      'warn-days',
      'require-type',
      'exact-scopes',
      'require-webhooks',
      'fail-on-warning',
      'graph-url',
      'graph-version',
      'deadline-seconds',
      'timeout-ms',
      'summary',
      'on-outage',
      'expiry-issue-key',
    ];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names), anyText), (inputs) => {
        for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k];
        for (const [name, value] of Object.entries(inputs))
          process.env[`INPUT_${name.toUpperCase()}`] = value;
        process.env.INPUT_TOKEN = 'FAKE-healthy-system-user-token';
        try {
          const s = readInputs(() => {});
          expect(s.mode).toBe('single');
          expect(s.mode === 'single' && s.policy.appId).toMatch(/^\d+$/);
          expect(s.deadlineMs).toBeGreaterThan(0);
        } catch (err) {
          expect(err).toBeInstanceOf(UsageError);
        }
      }),
      { numRuns: runs, seed: 14 },
    );
    count('Action inputs: readInputs (INPUT_*)', runs);
  });
});

describe('fleet files', () => {
  const entry = fc.record(
    {
      name: field(fc.oneof(fc.constantFrom('shop', 'Shop B', ''), fc.string({ maxLength: 10 }))),
      env: field(fc.constantFrom('SHOP_TOKEN', 'OTHER', 'lower_case', '1BAD', 'EAA' + 'x'.repeat(40))),
      file: field(fc.constantFrom('token.txt', 'missing.txt', '../x', '')),
      appId: field(fc.oneof(fc.constantFrom(APP, 'abc'), fc.nat())),
      scopes: field(fc.oneof(fc.array(scopeName, { maxLength: 3 }), scopeName)),
      phoneNumberIds: field(fc.array(graphId, { maxLength: 2 })),
      appSecretEnv: field(fc.constantFrom('SHOP_SECRET', 'bad name')),
      token: field(fc.constantFrom('FAKE-inline-token-value-0123456789')),
    },
    { requiredKeys: [] },
  );
  const doc = fc.record(
    {
      defaults: field(
        fc.record(
          {
            appId: field(fc.constantFrom(APP, '7')),
            strict: field(fc.boolean()),
            minDays: field(fc.nat(40)),
          },
          { requiredKeys: [] },
        ),
      ),
      tokens: field(fc.array(entry, { maxLength: 4 })),
      extra: field(fc.string({ maxLength: 5 })),
    },
    { requiredKeys: [] },
  );
  /** Fleets that should load: distinct names, one source each, valid policy values. */
  const validDoc = fc
    .record({
      strict: fc.boolean(),
      entries: fc.array(
        fc.record(
          {
            source: fc.constantFrom({ env: 'SHOP_TOKEN' }, { env: 'OTHER_TOKEN' }),
            appId: fc.constantFrom(APP, '7'),
            scopes: fc.subarray(SCOPES.slice(0, 3), { minLength: 1 }),
            phoneNumberIds: fc.array(fc.constantFrom('3000000000000001', '3000000000000002'), {
              maxLength: 2,
            }),
          },
          { requiredKeys: ['source'] },
        ),
        { minLength: 1, maxLength: 5 },
      ),
    })
    .map(({ strict, entries }) => ({
      defaults: { appId: APP, strict },
      tokens: entries.map(({ source, ...rest }, i) => ({ name: `client ${i}`, ...source, ...rest })),
    }));
  const yamlish = fc.oneof(
    { weight: 3, arbitrary: validDoc.map((d) => JSON.stringify(d)) },
    fc.string({ maxLength: 80 }),
    fc.constantFrom(
      'tokens:\n  - name: a\n    env: X\n  - : :',
      'defaults: [\n',
      '{"tokens": [}',
      '&a [*a, *a]',
      '---\n...\n',
      'tokens: !!binary x',
    ),
    doc.map((d) => JSON.stringify(d) ?? ''),
    doc.map((d) =>
      // A rough YAML rendering: key: JSON-value lines, which YAML reads as flow collections.
      Object.entries(d as Record<string, unknown>)
        .map(([k, v]) => `${k}: ${JSON.stringify(v) ?? ''}`)
        .join('\n'),
    ),
  );

  it('parseFleetText + checkFleet: a fleet or located problems, never an exception', () => {
    const runs = 3000;
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(yamlish, (text) => {
        const { doc: parsed, problems } = parseFleetText(text);
        if (problems.length > 0) return;
        const checked = checkFleet(parsed);
        if (!checked.fleet) {
          expect(checked.problems.length).toBeGreaterThan(0);
          refused++;
        } else {
          for (const e of checked.fleet.entries) expect(e.policy.appId).toMatch(/^\d+$/);
          accepted++;
        }
      }),
      { numRuns: runs, seed: 15 },
    );
    expect(accepted).toBeGreaterThan(runs / 50);
    expect(refused).toBeGreaterThan(runs / 50);
    count('fleet files: parse + check', runs);
  });

  it('loadFleet: audit-ready entries or a UsageError, never another exception', async () => {
    const runs = 1500;
    await fc.assert(
      fc.asyncProperty(yamlish, async (text) => {
        const { io } = fakeIO({ files: { 'fleet.yml': text, 'token.txt': 'FAKE-file-token-0123456789\n' } });
        try {
          const entries = await loadFleet('fleet.yml', {
            readFile: io.readFile,
            readStdin: io.readStdin,
            env: { SHOP_TOKEN: 'FAKE-healthy-system-user-token', SHOP_SECRET: 'fa4e5ec7e7fa4e5ec7e7fa4e5ec7e700' },
          });
          for (const e of entries) expect(e.token.length).toBeGreaterThan(0);
        } catch (err) {
          expect(err).toBeInstanceOf(UsageError);
        }
      }),
      { numRuns: runs, seed: 16 },
    );
    count('fleet files: loadFleet', runs);
  });
});

describe('counterexamples fast-check found (kept as fixed cases)', () => {
  it('a timestamp beyond what a Date can hold is malformed, not a crash (--response-file, offline)', async () => {
    const saved = JSON.stringify({
      data: { is_valid: true, app_id: APP, scopes: [], data_access_expires_at: 8640000000001 },
    });
    const { io, out } = fakeIO({ files: { 'saved.json': saved } });
    const code = await runCli(['--app-id', APP, '--response-file', 'saved.json', '--json'], io);
    expect(out.stderr).not.toMatch(/internal error/);
    expect(code).toBe(1); // judged: the required WhatsApp scopes are missing
  });

  it('a YAML alias inside its own anchor is a located fleet-file problem, not a stack overflow', async () => {
    const { io } = fakeIO({ files: { 'fleet.yml': '&a [*a, *a]' } });
    await expect(
      loadFleet('fleet.yml', { readFile: io.readFile, readStdin: io.readStdin, env: {} }),
    ).rejects.toThrow(/alias refers to itself/);
  });
});
