// The npm package as a stranger gets it (issue 20): `npm pack` holds the CLI bundle, the schemas, README, LICENSE
// and CHANGELOG, and not the Action bundle; `npm publish --dry-run` passes; the tarball installs into an empty
// folder with the registry unreachable, --offline and an empty cache (so any dependency would fail the install),
// and the installed CLI runs; a fresh project imports the library (JavaScript, and a TypeScript typecheck against
// its declarations), and the library's audit of a token says what the CLI's says.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_ID, PHONE, TOKENS } from '../emulator/fixtures.js';
import { runCli, runNode } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const emu = useEmulator();
/** Nothing listens on port 9 (discard): a registry request would fail at once. */
const NO_REGISTRY = 'http://127.0.0.1:9/';

function npm(args: string[], cwd: string) {
  const r = spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: mkdtempSync(join(tmpdir(), 'wa-home-')), npm_config_update_notifier: 'false' },
    timeout: 170_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const healthyData = {
  app_id: '1000000000000001',
  type: 'SYSTEM_USER',
  application: 'Fake app',
  is_valid: true,
  expires_at: 0,
  data_access_expires_at: 0,
  scopes: ['whatsapp_business_management', 'whatsapp_business_messaging'],
  granular_scopes: [{ scope: 'whatsapp_business_management' }, { scope: 'whatsapp_business_messaging' }],
};

interface Packed {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string }[];
}

let packed: Packed;
let tarball: string;

beforeAll(() => {
  const dest = mkdtempSync(join(tmpdir(), 'wa-pack-'));
  const r = npm(['pack', '--json', '--pack-destination', dest], ROOT);
  expect(r.code, r.stderr).toBe(0);
  packed = (JSON.parse(r.stdout) as Packed[])[0]!;
  tarball = join(dest, packed.filename);
}, 180_000);

describe('the npm tarball', () => {
  it('holds the CLI bundle, its licences, the schemas, README, LICENSE and CHANGELOG; not the Action', () => {
    const files = packed.files.map((f) => f.path).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        'CHANGELOG.md',
        'LICENSE',
        'README.md',
        'dist/cli.js',
        'dist/licenses.txt',
        'package.json',
        'schema/fleet.schema.json',
      ]),
    );
    const chunks = readdirSync(join(ROOT, 'dist/chunks')).map((f) => `dist/chunks/${f}`);
    expect(files).toEqual(expect.arrayContaining(chunks));
    const allowed = /^(CHANGELOG\.md|LICENSE|README\.md|package\.json|dist\/(cli\.js|licenses\.txt|index\.js|index\.d\.ts|chunks\/[\w-]+\.js)|schema\/[\w.-]+\.json)$/;
    expect(files).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.d.ts']));
    expect(files.filter((f) => !allowed.test(f))).toEqual([]);
    expect(files).not.toContain('dist/action.js');
    expect(files).not.toContain('action.yml');
  });

  it('`npm publish --dry-run` of the tarball passes, without the registry', () => {
    // --offline: npm 11 otherwise asks the registry whether the version exists, retrying for over a minute.
    const r = npm(['publish', tarball, '--dry-run', '--offline', '--registry', NO_REGISTRY], tmpdir());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/\+ wa-token-audit@\d+\.\d+\.\d+|Publishing to/);
  }, 180_000);
});

describe('installed from the tarball into an empty folder', () => {
  let app: string;
  beforeAll(() => {
    app = mkdtempSync(join(tmpdir(), 'wa-install-'));
    const cache = join(app, '.empty-cache');
    mkdirSync(cache);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    const r = npm(
      ['install', tarball, '--offline', '--registry', NO_REGISTRY, '--cache', cache, '--no-audit', '--no-fund'],
      app,
    );
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
  }, 180_000);

  it('fetches nothing else: wa-token-audit is the only package in node_modules', () => {
    const installed = readdirSync(join(app, 'node_modules')).filter((f) => !f.startsWith('.'));
    expect(installed).toEqual(['wa-token-audit']);
    const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8')) as { packages: object };
    expect(Object.keys(lock.packages).sort()).toEqual(['', 'node_modules/wa-token-audit']);
  });

  it('the installed CLI audits a saved debug_token answer (exit 0) and refuses a bad flag (exit 2)', async () => {
    const bin = join(app, 'node_modules/.bin/wa-token-audit');
    const saved = JSON.stringify({ data: healthyData });
    const ok = await runNode(bin, ['--response-file', '-', '--app-id', '1000000000000001', '--json'], {
      stdin: saved,
      cwd: app,
    });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ schemaVersion: 1, verdict: 'pass', ok: true });
    const bad = await runNode(bin, ['--response-file', '-', '--app-id', 'not-an-id'], { stdin: saved, cwd: app });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);

  it('the library imports from a fresh project: auditToken, evaluate and explain, as the README shows', async () => {
    const script = `
      import { auditToken, evaluate, explain, renderReport, ExitCode, WaTokenAuditError } from 'wa-token-audit';
      const saved = JSON.parse(process.env.SAVED);
      const report = evaluate(saved, { appId: '1000000000000001' });
      const live = await auditToken({
        token: process.env.TOKEN,
        policy: { appId: '1000000000000001', phoneNumberIds: [process.env.PHONE] },
        graph: { graphUrl: process.env.GRAPH_URL },
      });
      let refused;
      try { await auditToken({ token: 'x', policy: { appId: 'nope', minDays: -1 } }); } catch (e) { refused = e; }
      console.log(JSON.stringify({
        offline: report.verdict,
        live: { verdict: live.report.verdict, exitCode: live.exitCode, checks: live.report.checks.map((c) => c.id + ':' + c.status) },
        explain: explain('190.463').entry.name,
        junit: renderReport(report, 'junit').startsWith('<?xml'),
        exit: ExitCode.notJudged,
        refused: refused instanceof WaTokenAuditError ? refused.problems : null,
      }));`;
    writeFileSync(join(app, 'check.mjs'), script);
    const env = {
      SAVED: JSON.stringify({ data: healthyData }),
      TOKEN: TOKENS.healthy,
      PHONE: PHONE.red,
      GRAPH_URL: emu.url,
    };
    const r = await runNode(join(app, 'check.mjs'), [], { cwd: app, env });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ offline: 'pass', explain: 'Token Expired', junit: true, exit: 3 });
    // Every bad setting at once, named by its key.
    expect(out.refused).toHaveLength(2);
    expect(out.refused[0]).toMatch(/^policy\.appId: expected an app ID/);
    expect(out.refused[1]).toMatch(/^policy\.minDays: expected a number of days/);
    // The same exports as the CLI's: the library's report of a token is the CLI's.
    const cli = await runCli(['--app-id', APP_ID, '--phone-number-id', PHONE.red, '--graph-url', emu.url, '--json'], {
      env: { WHATSAPP_ACCESS_TOKEN: TOKENS.healthy },
    });
    const report = JSON.parse(cli.stdout);
    expect(out.live).toEqual({
      verdict: report.verdict,
      exitCode: cli.code,
      checks: report.checks.map((c: { id: string; status: string }) => `${c.id}:${c.status}`),
    });
  }, 60_000);

  it('TypeScript typechecks a consumer against the declarations (strict, NodeNext, no skipLibCheck)', () => {
    writeFileSync(
      join(app, 'service.ts'),
      `import { auditToken, evaluate, explain, type AuditResult, type Check, type Report } from 'wa-token-audit';
export async function startupCheck(token: string): Promise<boolean> {
  const result: AuditResult = await auditToken({ token, policy: { appId: '1234567890', minDays: 7 } });
  const failing: Check[] = result.report.checks.filter((c) => c.status === 'fail');
  return result.exitCode === 0 && failing.length === 0;
}
export const offline: Report = evaluate({ data: {} }, { appId: '1' }, { now: new Date() });
const e = explain(190);
export const name: string = e.kind === 'code' ? e.entry.name : e.kind;
// @ts-expect-error: the policy needs an object.
void auditToken({ token: 'x', policy: 'appId' });
`,
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
          lib: ['ES2023', 'DOM'],
        },
        files: ['service.ts'],
      }),
    );
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', app], {
      cwd: app,
      encoding: 'utf8',
      timeout: 170_000,
    });
    expect(`${r.stdout}${r.stderr}`).toBe('');
    expect(r.status).toBe(0);
  }, 180_000);
});
