// Reports for other CI systems and for monitoring (issue 20), through the bundled CLI against the Graph emulator:
// `--format junit` (audit, fleet) valid against the Jenkins JUnit schema; `fleet --format openmetrics` parsed as a
// Prometheus textfile; `--output FILE` written atomically (a new file renamed over the old one; nothing left behind;
// the old file kept when the run ends in a usage error).
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID, PHONE, TOKENS, WABA } from '../emulator/fixtures.js';
import { useEmulator } from '../helpers/emulator.js';
import { runCli } from '../helpers/cli.js';
import { junitSchemaErrors, readJunit } from '../helpers/junit.js';
import { readMetrics, samples } from '../helpers/openmetrics.js';
import { expectNoSecrets } from '../helpers/secrets.js';

const emu = useEmulator();
const DAY = 86_400;

function fleetFile(dir: string): { path: string; env: Record<string, string> } {
  const path = join(dir, 'fleet.json');
  writeFileSync(
    path,
    JSON.stringify({
      defaults: { appId: APP_ID, minDays: 7 },
      tokens: [
        { name: 'Acme "Corp"', env: 'T_HEALTHY', wabaIds: [WABA.main], phoneNumberIds: [PHONE.healthy, PHONE.red] },
        { name: 'Beta', env: 'T_MISSING' },
        { name: 'Gamma', env: 'T_SOON' },
        { name: 'Delta', env: 'T_DEAD' },
      ],
    }),
  );
  return {
    path,
    env: {
      T_HEALTHY: TOKENS.healthy,
      T_MISSING: TOKENS.missingMessaging,
      T_SOON: TOKENS.expiresIn5Days,
      T_DEAD: TOKENS.expired,
    },
  };
}

const noSecrets = (text: string) => {
  for (const token of Object.values(TOKENS)) expectNoSecrets({ text }, { token, appId: APP_ID });
};

describe('--format junit', () => {
  it('audit: one case per check, the RED number a warning, the file written by --output, stdout empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wa-junit-'));
    const out = join(dir, 'wa-token-audit.xml');
    const r = await runCli(
      ['--app-id', APP_ID, '--phone-number-id', PHONE.red, '--graph-url', emu.url, '--format', 'junit', '--output', out],
      { env: { WHATSAPP_ACCESS_TOKEN: TOKENS.healthy } },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const xml = readFileSync(out, 'utf8');
    noSecrets(xml);
    expect(await junitSchemaErrors(xml)).toEqual([]);
    const { counts, suites } = readJunit(xml);
    expect(counts.failures).toBe(0);
    const phone = suites[0]!.cases.find((c) => c.name === `phone.reachable (${PHONE.red})`)!;
    expect(phone.out).toMatch(/^warning: .*quality rating/);
    expect(readdirSync(dir)).toEqual(['wa-token-audit.xml']);
  });

  it('fleet: one suite per entry; failures, and the expired token, as failures; exit code unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wa-junit-fleet-'));
    const { path, env } = fleetFile(dir);
    const r = await runCli(['fleet', path, '--graph-url', emu.url, '--format', 'junit'], { env });
    expect(r.code).toBe(1);
    noSecrets(r.stdout);
    expect(await junitSchemaErrors(r.stdout)).toEqual([]);
    const { suites } = readJunit(r.stdout);
    expect(suites.map((s) => s.name)).toEqual(['Acme "Corp"', 'Beta', 'Gamma', 'Delta']);
    expect(suites[0]!.counts.failures).toBe(0);
    expect(suites[1]!.cases.find((c) => c.name === 'scope.whatsapp_business_messaging')!.failure).toBeDefined();
    expect(suites[2]!.cases.find((c) => c.name === 'token.expiry')!.failure).toBeDefined();
    expect(suites[3]!.cases.find((c) => c.name === 'token.valid')!.failure).toBeDefined();
    expect(suites[3]!.counts.skipped).toBeGreaterThan(0);
  });
});

describe('fleet --format openmetrics', () => {
  it('a Prometheus textfile: expiry timestamps, check states, phone quality, judged, the run time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wa-metrics-'));
    const { path, env } = fleetFile(dir);
    const out = join(dir, 'wa_token_audit.prom');
    const r = await runCli(['fleet', path, '--graph-url', emu.url, '--format', 'openmetrics', '-o', out], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const text = readFileSync(out, 'utf8');
    noSecrets(text);
    expect(text.endsWith('# EOF\n')).toBe(true);
    const m = readMetrics(text);
    for (const f of m.values()) {
      expect(f.name).toMatch(/^wa_token_audit_[a-z_]+$/);
      expect(f.type).toBe('GAUGE');
      expect(f.help.length).toBeGreaterThan(10);
    }
    const [runAt] = samples(m, 'wa_token_audit_run_timestamp_seconds');
    expect(samples(m, 'wa_token_audit_run_exit_code')[0]!.value).toBe(1);
    // Expiry: never -> +Inf; five days after the run; unknown for a dead token -> no sample.
    const expiry = (entry: string) => samples(m, 'wa_token_audit_token_expiry_timestamp_seconds', { entry });
    expect(expiry('Acme "Corp"')[0]!.value).toBe(Infinity);
    const soon = expiry('Gamma')[0]!.value - runAt!.value;
    expect(soon).toBeGreaterThan(4 * DAY);
    expect(soon).toBeLessThanOrEqual(5 * DAY);
    expect(samples(m, 'wa_token_audit_token_data_access_expiry_timestamp_seconds', { entry: 'Gamma' })).toHaveLength(1);
    // One series per state, exactly one of them 1, for every check of every entry.
    const states = samples(m, 'wa_token_audit_check_status');
    const byCheck = new Map<string, number[]>();
    for (const s of states) {
      const k = `${s.labels.entry}|${s.labels.check}|${s.labels.target}`;
      byCheck.set(k, [...(byCheck.get(k) ?? []), s.value]);
    }
    for (const [k, values] of byCheck) expect(values.sort(), k).toEqual([0, 0, 0, 1]);
    const one = (match: Record<string, string>) =>
      samples(m, 'wa_token_audit_check_status', match).find((s) => s.value === 1)?.labels.status;
    expect(one({ entry: 'Beta', check: 'scope.whatsapp_business_messaging' })).toBe('fail');
    expect(one({ entry: 'Acme "Corp"', check: 'phone.reachable', target: PHONE.red })).toBe('warn');
    expect(one({ entry: 'Acme "Corp"', check: 'waba.subscribed', target: WABA.main })).toBe('pass');
    const rating = (phone: string) =>
      samples(m, 'wa_token_audit_phone_quality_rating', { entry: 'Acme "Corp"', phone_number_id: phone }).find((s) => s.value === 1)
        ?.labels.rating;
    expect(rating(PHONE.healthy)).toBe('GREEN');
    // The phone.messaging-limit check's tier, as a count (or +Inf).
    const limits = samples(m, 'wa_token_audit_phone_messaging_limit', { entry: 'Acme "Corp"' });
    expect(limits.map((s) => s.labels.phone_number_id).sort()).toEqual([PHONE.healthy, PHONE.red].sort());
    for (const l of limits) expect(l.value).toBeGreaterThan(0);
    expect(rating(PHONE.red)).toBe('RED');
    const judged = Object.fromEntries(samples(m, 'wa_token_audit_judged').map((s) => [s.labels.entry, s.value]));
    expect(judged).toEqual({ 'Acme "Corp"': 1, Beta: 1, Gamma: 1, Delta: 1 });
    const verdict = (entry: string) =>
      samples(m, 'wa_token_audit_verdict', { entry }).find((s) => s.value === 1)?.labels.verdict;
    expect([verdict('Acme "Corp"'), verdict('Beta'), verdict('Gamma'), verdict('Delta')]).toEqual([
      'warn',
      'fail',
      'fail',
      'fail',
    ]);
  });

  it('an entry Graph could not be asked about is judged 0, with no expiry sample', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wa-metrics-down-'));
    const { path, env } = fleetFile(dir);
    // Nothing listens on port 9: every entry is not judged (exit 3).
    const r = await runCli(['fleet', path, '--graph-url', 'http://127.0.0.1:9', '--deadline', '1', '--format', 'openmetrics'], {
      env,
    });
    expect(r.code).toBe(3);
    const m = readMetrics(r.stdout);
    expect(samples(m, 'wa_token_audit_judged').map((s) => s.value)).toEqual([0, 0, 0, 0]);
    expect(samples(m, 'wa_token_audit_token_expiry_timestamp_seconds')).toEqual([]);
    expect(samples(m, 'wa_token_audit_verdict', { verdict: 'error' }).map((s) => s.value)).toEqual([1, 1, 1, 1]);
  });
});

describe('--output FILE', () => {
  it('replaces the file by a rename (a new inode, never rewritten in place) and leaves no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wa-output-'));
    const out = join(dir, 'report.json');
    writeFileSync(out, 'old');
    const before = statSync(out).ino;
    const r = await runCli(['--app-id', APP_ID, '--graph-url', emu.url, '--json', '--output', out], {
      env: { WHATSAPP_ACCESS_TOKEN: TOKENS.missingMessaging },
    });
    expect(r.code).toBe(1);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ verdict: 'fail' });
    expect(statSync(out).ino).not.toBe(before);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('a usage error keeps the old file; a missing folder is a usage error (exit 2, one line)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wa-output-keep-'));
    const out = join(dir, 'report.xml');
    writeFileSync(out, 'previous report');
    const bad = await runCli(['--app-id', 'not-an-id', '--format', 'junit', '--output', out], {
      env: { WHATSAPP_ACCESS_TOKEN: TOKENS.healthy },
    });
    expect(bad.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('previous report');
    expect(readdirSync(dir)).toEqual(['report.xml']);
    const missing = await runCli(['--app-id', APP_ID, '--output', join(dir, 'no/such/dir/r.txt')], {
      env: { WHATSAPP_ACCESS_TOKEN: TOKENS.healthy },
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^wa-token-audit: --output .*: the folder .* does not exist\.\n$/);
  });

  it('discover and text reports too: the file holds what stdout would (no colour)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wa-output-discover-'));
    const out = join(dir, 'reach.txt');
    const env = { WHATSAPP_ACCESS_TOKEN: TOKENS.healthy, FORCE_COLOR: '1' };
    const shown = await runCli(['discover', '--graph-url', emu.url], { env });
    const saved = await runCli(['discover', '--graph-url', emu.url, '--output', out], { env });
    expect(saved.code).toBe(0);
    expect(saved.stdout).toBe('');
    // The emulator dates the token relative to its clock: only that line may differ between two runs.
    const undated = (t: string) => t.replace(/(Issued\s+)\S+/, '$1…');
    expect(undated(readFileSync(out, 'utf8'))).toBe(undated(shown.stdout));
    expect(readFileSync(out, 'utf8')).not.toContain('\u001b[');
  });
});
