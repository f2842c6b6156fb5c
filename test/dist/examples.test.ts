// examples/ exercised (issue 20), against the Graph emulator:
// - gitlab-ci.yml: the job's script runs (the installed CLI stood in by the bundle) and writes the JUnit report
//   its artifacts publish, valid against the Jenkins JUnit schema;
// - monitoring/wa-token-audit.service: its ExecStart runs and writes the textfile; Prometheus' node_exporter reads
//   it through its textfile collector without a scrape error; `promtool check metrics` lints it clean;
// - monitoring/alerts.yml: `promtool check rules` accepts it, and `promtool test rules` evaluates its PromQL on the
//   series this run wrote: "expires within 14 days" fires for the token with 5 days left, not for the others.
// promtool and node_exporter come from Debian (prometheus, prometheus-node-exporter); .ci/run installs them.
// Without them the monitoring tests are skipped locally (CI=true runs them, and fails without the tools).
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { APP_ID, PHONE, TOKENS, WABA } from '../emulator/fixtures.js';
import { useEmulator } from '../helpers/emulator.js';
import { bundled } from '../helpers/cli.js';
import { junitSchemaErrors, readJunit } from '../helpers/junit.js';
import { readMetrics, samples } from '../helpers/openmetrics.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const baseEnv = (): Record<string, string> => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1' });
const EXAMPLES = join(ROOT, 'examples');
const emu = useEmulator();

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const PROMETHEUS_TOOLS = has('promtool') && has('prometheus-node-exporter');
const runPrometheusTests = PROMETHEUS_TOOLS || process.env.CI === 'true';

/** A folder with `wa-token-audit` on PATH (the bundle, as `npm install --global` would put it). */
function binDir(): string {
  const bin = mkdtempSync(join(tmpdir(), 'wa-bin-'));
  writeFileSync(join(bin, 'wa-token-audit'), `#!/bin/sh\nexec "${process.execPath}" "${bundled('cli.js')}" "$@"\n`);
  chmodSync(join(bin, 'wa-token-audit'), 0o755);
  return bin;
}

/** A fleet file for the emulator, and the token variables it names. */
function writeFleet(path: string): Record<string, string> {
  writeFileSync(
    path,
    stringify({
      defaults: { appId: APP_ID, minDays: 3, warnDays: 30 },
      tokens: [
        { name: 'Acme Corp', env: 'ACME_WHATSAPP_TOKEN', wabaIds: [WABA.main], phoneNumberIds: [PHONE.healthy] },
        { name: 'Beta Ltd', env: 'BETA_WHATSAPP_TOKEN' },
        { name: 'Gamma', env: 'GAMMA_WHATSAPP_TOKEN' },
        { name: 'Delta', env: 'DELTA_WHATSAPP_TOKEN' },
      ],
    }),
  );
  return {
    ACME_WHATSAPP_TOKEN: TOKENS.healthy,
    BETA_WHATSAPP_TOKEN: TOKENS.missingMessaging,
    GAMMA_WHATSAPP_TOKEN: TOKENS.expiresIn5Days,
    DELTA_WHATSAPP_TOKEN: TOKENS.extraScopes,
  };
}

/** Runs a shell script without blocking this process (the emulator answers from it). */
function bash(script: string, cwd: string, env: Record<string, string>) {
  return new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn('bash', ['-eo', 'pipefail', '-c', script], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('examples/gitlab-ci.yml', () => {
  const job = (parse(readFileSync(join(EXAMPLES, 'gitlab-ci.yml'), 'utf8')) as Record<string, any>)['wa-token-audit'];

  it('installs a pinned version and publishes the JUnit report even when the audit fails', () => {
    expect(job.before_script.join('\n')).toMatch(/npm install --global .*"wa-token-audit@\$\{WA_TOKEN_AUDIT_VERSION\}"/);
    expect(job.variables.WA_TOKEN_AUDIT_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(job.artifacts).toEqual({ when: 'always', reports: { junit: 'wa-token-audit.xml' } });
  });

  it("the job's script runs and writes the report GitLab collects", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wa-gitlab-'));
    mkdirSync(join(dir, 'examples'));
    const tokens = writeFleet(join(dir, 'examples/fleet.yml'));
    const env = { ...baseEnv(), PATH: `${binDir()}:${process.env.PATH}`, WA_AUDIT_GRAPH_URL: emu.url, ...tokens };
    const r = await bash((job.script as string[]).join('\n'), dir, env);
    // Beta misses a permission: the job fails, and the report is there for GitLab all the same.
    expect(r.status, r.stderr).toBe(1);
    const xml = readFileSync(join(dir, job.artifacts.reports.junit as string), 'utf8');
    expect(await junitSchemaErrors(xml)).toEqual([]);
    const { suites } = readJunit(xml);
    expect(suites.map((s) => s.name)).toEqual(['Acme Corp', 'Beta Ltd', 'Gamma', 'Delta']);
    expect(suites[1]!.cases.find((c) => c.name === 'scope.whatsapp_business_messaging')!.failure).toBeDefined();
  });
});

/** Prometheus' humanizeDuration for whole seconds of a day or more, and under a day. */
function humanizeDuration(v: number): string {
  const [d, h, m, sec] = [Math.floor(v / 86400), Math.floor(v / 3600) % 24, Math.floor(v / 60) % 60, Math.floor(v) % 60];
  if (d) return `${d}d ${h}h ${m}m ${sec}s`;
  if (h) return `${h}h ${m}m ${sec}s`;
  if (m) return `${m}m ${sec}s`;
  return `${sec}s`;
}

/** A rule's annotations as Prometheus renders them for one entry and value. */
function expectedAnnotations(doc: any, alert: string, entry: string, value: number): Record<string, string> {
  const rule = doc.groups[0].rules.find((r: any) => r.alert === alert);
  return Object.fromEntries(
    Object.entries(rule.annotations as Record<string, string>).map(([k, t]) => [
      k,
      t.replaceAll('{{ $labels.entry }}', entry).replaceAll('{{ $value | humanizeDuration }}', humanizeDuration(value)),
    ]),
  );
}

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe.runIf(runPrometheusTests)('examples/monitoring (node_exporter and promtool)', () => {
  const unit = readFileSync(join(EXAMPLES, 'monitoring/wa-token-audit.service'), 'utf8');
  const value = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(unit)?.[1];
  const textfiles = mkdtempSync(join(tmpdir(), 'wa-textfile-'));
  const stopped: (() => void)[] = [];
  afterAll(() => stopped.forEach((stop) => stop()));
  let written = '';

  it('the service runs its ExecStart once a night and writes the textfile in the collector folder', async () => {
    const timer = readFileSync(join(EXAMPLES, 'monitoring/wa-token-audit.timer'), 'utf8');
    expect(timer).toMatch(/^OnCalendar=\*-\*-\* 03:17:00$/m);
    expect(timer).toMatch(/^Persistent=true$/m);
    expect(value('Type')).toBe('oneshot');
    expect(value('SuccessExitStatus')).toBe('1 3');
    const exec = value('ExecStart')!;
    expect(exec).toContain('--output /var/lib/prometheus/node-exporter/wa_token_audit.prom');

    const etc = mkdtempSync(join(tmpdir(), 'wa-etc-'));
    const tokens = writeFleet(join(etc, 'fleet.yml'));
    // What systemd would do: read EnvironmentFile, run ExecStart (paths moved into this test's folders).
    writeFileSync(join(etc, 'tokens.env'), Object.entries(tokens).map(([k, v]) => `${k}=${v}\n`).join(''));
    const command = exec
      .replace('/usr/local/bin/wa-token-audit', join(binDir(), 'wa-token-audit'))
      .replace('/etc/wa-token-audit/fleet.yml', join(etc, 'fleet.yml'))
      .replace('/var/lib/prometheus/node-exporter', textfiles);
    const env = { ...baseEnv(), WA_AUDIT_GRAPH_URL: emu.url };
    const r = await bash(`set -a; . "${join(etc, 'tokens.env')}"; set +a; ${command}`, etc, env);
    expect(value('SuccessExitStatus')!.split(' ')).toContain(String(r.status));
    expect(readdirSync(textfiles)).toEqual(['wa_token_audit.prom']);
    written = readFileSync(join(textfiles, 'wa_token_audit.prom'), 'utf8');
    expect(readMetrics(written).size).toBeGreaterThan(5);
  });

  it('promtool check metrics: the textfile follows Prometheus naming', () => {
    const r = spawnSync('promtool', ['check', 'metrics'], { input: written, encoding: 'utf8' });
    expect(`${r.stdout}${r.stderr}`).toBe('');
    expect(r.status).toBe(0);
  });

  it("node_exporter's textfile collector reads it without a scrape error", async () => {
    const port = await freePort();
    const child = spawn(
      'prometheus-node-exporter',
      [
        '--collector.disable-defaults',
        '--collector.textfile',
        `--collector.textfile.directory=${textfiles}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: 'ignore' },
    );
    stopped.push(() => child.kill());
    let body = '';
    for (let i = 0; i < 100 && !body; i++) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/metrics`);
        body = await res.text();
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const m = readMetrics(body);
    expect(samples(m, 'node_textfile_scrape_error')[0]?.value).toBe(0);
    expect(samples(m, 'wa_token_audit_judged').map((s) => s.labels.entry).sort()).toEqual([
      'Acme Corp',
      'Beta Ltd',
      'Delta',
      'Gamma',
    ]);
    expect(samples(m, 'wa_token_audit_token_expiry_timestamp_seconds', { entry: 'Gamma' })).toHaveLength(1);
  });

  it('alerts.yml: promtool checks the rules, and "expires within 14 days" fires on this run for Gamma only', () => {
    const rules = join(EXAMPLES, 'monitoring/alerts.yml');
    const check = spawnSync('promtool', ['check', 'rules', rules], { encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);

    // Every metric the rules name is one the tool writes.
    const doc = parse(readFileSync(rules, 'utf8')) as { groups: { rules: { alert: string; expr: string }[] }[] };
    const written_ = readMetrics(written);
    for (const rule of doc.groups[0]!.rules)
      for (const name of rule.expr.match(/wa_token_audit_[a-z_]+/g) ?? [])
        expect(written_.has(name), `${rule.alert}: ${name}`).toBe(true);

    // promtool's clock starts at 0: shift the run's timestamps so that its time() is the run's time.
    const runAt = samples(written_, 'wa_token_audit_run_timestamp_seconds')[0]!.value;
    const left = samples(written_, 'wa_token_audit_token_expiry_timestamp_seconds').map((s) => ({
      entry: s.labels.entry!,
      left: s.value === Infinity ? '+Inf' : String(s.value - runAt),
    }));
    expect(left.map((l) => l.entry).sort()).toEqual(['Acme Corp', 'Beta Ltd', 'Delta', 'Gamma']);
    const gamma = left.find((l) => l.entry === 'Gamma')!.left;
    const dir = mkdtempSync(join(tmpdir(), 'wa-promtool-'));
    writeFileSync(
      join(dir, 'test.yml'),
      stringify({
        rule_files: [rules],
        evaluation_interval: '1m',
        tests: [
          {
            interval: '1m',
            input_series: left.map((l) => ({
              series: `wa_token_audit_token_expiry_timestamp_seconds{entry=${JSON.stringify(l.entry)}}`,
              values: Array(6).fill(l.left).join(" "),
            })),
            alert_rule_test: [
              {
                eval_time: '0m',
                alertname: 'WhatsAppTokenExpiresSoon',
                exp_alerts: [
                  {
                    exp_labels: { severity: 'warning', entry: 'Gamma' },
                    exp_annotations: expectedAnnotations(doc, 'WhatsAppTokenExpiresSoon', 'Gamma', Number(gamma)),
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
    const r = spawnSync('promtool', ['test', 'rules', join(dir, 'test.yml')], { encoding: 'utf8' });
    expect(`${r.stdout}${r.stderr}`).toContain('SUCCESS');
    expect(r.status).toBe(0);
  });
});
