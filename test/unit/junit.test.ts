// `--format junit` (issue 20): one test case per check, fail -> <failure>, skip -> <skipped>, warnings in the
// case's output (a failure under --strict), not judged -> a `not-judged` <error> case; valid against the Jenkins JUnit schema.
import { describe, expect, it } from 'vitest';
import { type Evidence, evaluate, notJudgedReport } from '../../src/core/evaluate.js';
import { type PolicyInput, readPolicy } from '../../src/core/policy.js';
import { renderFleetJunit, renderJunit } from '../../src/report/junit.js';
import { junitSchemaErrors, readJunit } from '../helpers/junit.js';

const APP = '1000000000000001';
const PHONE = '3000000000000001';
const NOW = new Date('2026-11-23T00:00:00Z');
const MGMT = 'whatsapp_business_management';
const MSG = 'whatsapp_business_messaging';
const policy = (input: PolicyInput = {}) => readPolicy({ appId: APP, ...input });
const evidence = (over: Record<string, unknown> = {}, live?: Evidence['live']): Evidence => ({
  fingerprint: 'sha256:0123abcd',
  inspection: {
    kind: 'data',
    data: {
      app_id: APP,
      application: 'Fake <app> & "co"',
      type: 'SYSTEM_USER',
      is_valid: true,
      expires_at: 0,
      data_access_expires_at: 0,
      scopes: [MGMT, MSG],
      granular_scopes: [{ scope: MGMT }, { scope: MSG }],
      ...over,
    },
  },
  ...(live ? { live } : {}),
});

describe('renderJunit', () => {
  it('a passing audit: one passing case per check, valid JUnit, the token in the suite properties', async () => {
    const report = evaluate(evidence(), policy(), NOW);
    const xml = renderJunit(report);
    expect(await junitSchemaErrors(xml)).toEqual([]);
    const { counts, suites } = readJunit(xml);
    expect(counts).toEqual({ tests: report.checks.length, failures: 0, errors: 0, skipped: 0 });
    expect(suites).toHaveLength(1);
    expect(suites[0]!.name).toBe('wa-token-audit');
    expect(suites[0]!.cases.map((c) => c.name)).toEqual(report.checks.map((c) => c.id));
    expect(suites[0]!.cases.every((c) => !c.failure && c.skipped === undefined && !c.error)).toBe(true);
    expect(suites[0]!.properties).toEqual({
      verdict: 'pass',
      fingerprint: 'sha256:0123abcd',
      appId: APP,
      type: 'SYSTEM_USER',
      expiresAt: 'never',
    });
  });

  it('fail -> <failure> with the remediation, warn -> WARNING in system-out, skip -> <skipped>', async () => {
    const report = evaluate(
      evidence({ scopes: [MGMT, 'ads_management'], granular_scopes: [{ scope: MGMT }] }),
      policy({ phoneNumberIds: [PHONE] }),
      NOW,
    );
    const xml = renderJunit(report);
    expect(await junitSchemaErrors(xml)).toEqual([]);
    const { counts, suites } = readJunit(xml);
    const cases = suites[0]!.cases;
    const byName = (n: string) => cases.find((c) => c.name === n)!;
    const failing = report.checks.filter((c) => c.status === 'fail');
    expect(failing.length).toBeGreaterThan(0);
    expect(counts.failures).toBe(failing.length);
    const missing = byName(`scope.${MSG}`);
    expect(missing.failure).toMatchObject({ type: 'fail', message: `${MSG} is not granted to this token.` });
    expect(missing.failure!.text).toMatch(/\n-> /);
    const warning = byName('scope.least-privilege');
    expect(warning.failure).toBeUndefined();
    expect(warning.out).toMatch(/^warning: /);
    // No live facts for the phone number: its checks are listed, skipped with the reason, and named by the number.
    const skipped = report.checks.filter((c) => c.status === 'skip');
    expect(skipped.length).toBeGreaterThan(0);
    expect(counts.skipped).toBe(skipped.length);
    expect(cases.filter((k) => k.skipped !== undefined).map((k) => k.skipped)).toEqual(skipped.map((c) => c.message));
    expect(cases.filter((k) => k.skipped !== undefined).every((k) => k.name.endsWith(`(${PHONE})`))).toBe(true);
  });

  it('per-number checks are told apart by the number', async () => {
    const report = evaluate(
      evidence({}, { phones: [{ phoneNumberId: PHONE, outcome: 'ok', node: { qualityRating: 'GREEN', platformType: 'CLOUD_API' } }] }),
      policy({ phoneNumberIds: [PHONE] }),
      NOW,
    );
    const names = readJunit(renderJunit(report)).suites[0]!.cases.map((c) => c.name);
    expect(names).toContain(`phone.reachable (${PHONE})`);
    expect(new Set(names).size).toBe(names.length);
  });

  it('--strict: a warning is a failure', async () => {
    const report = evaluate(evidence({ scopes: [MGMT, MSG, 'ads_management'] }), policy({ strict: true }), NOW);
    expect(report.verdict).toBe('fail');
    const { counts, suites } = readJunit(renderJunit(report));
    expect(counts.failures).toBe(1);
    expect(suites[0]!.cases.find((c) => c.name === 'scope.least-privilege')!.failure?.type).toBe('warn');
  });

  it('not judged: one <error> case, never a pass', async () => {
    const report = notJudgedReport('Graph could not be asked: connection refused. The token was not judged.', NOW);
    const xml = renderJunit(report);
    expect(await junitSchemaErrors(xml)).toEqual([]);
    const { counts, suites } = readJunit(xml);
    expect(counts).toEqual({ tests: 1, failures: 0, errors: 1, skipped: 0 });
    expect(suites[0]!.cases[0]).toEqual({
      name: 'not-judged',
      classname: 'wa-token-audit',
      error: { type: 'not-judged', message: report.error!.message },
    });
  });

  it('text Graph relayed is escaped, and characters XML cannot carry are replaced', async () => {
    const report = evaluate(evidence(), policy(), NOW);
    report.checks[0]!.status = 'warn';
    report.checks[0]!.message = 'A <b>bold</b> & "quoted" \u0007bell\u001b[31m ]]> end';
    const xml = renderJunit(report);
    expect(await junitSchemaErrors(xml)).toEqual([]);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(readJunit(xml).suites[0]!.cases[0]!.out).toBe('warning: A <b>bold</b> & "quoted" \uFFFDbell\uFFFD[31m ]]> end');
  });
});

describe('renderFleetJunit', () => {
  it('one suite per entry, in the given order, each case classed by its entry', async () => {
    const pass = evaluate(evidence(), policy(), NOW);
    const fail = evaluate(evidence({ is_valid: false }), policy(), NOW);
    const down = notJudgedReport('Graph did not answer before the deadline. The token was not judged.', NOW);
    const xml = renderFleetJunit([
      { name: 'Acme Corp', report: pass },
      { name: 'Beta <Ltd>', report: fail },
      { name: 'Gamma', report: down },
    ]);
    expect(await junitSchemaErrors(xml)).toEqual([]);
    const { counts, suites } = readJunit(xml);
    expect(suites.map((s) => s.name)).toEqual(['Acme Corp', 'Beta <Ltd>', 'Gamma']);
    expect(suites[1]!.cases.every((c) => c.classname === 'wa-token-audit.Beta <Ltd>')).toBe(true);
    expect(suites[1]!.counts.failures).toBeGreaterThan(0);
    expect(suites[2]!.counts.errors).toBe(1);
    expect(counts.tests).toBe(pass.checks.length + fail.checks.length + 1);
    expect(counts.errors).toBe(1);
  });
});
