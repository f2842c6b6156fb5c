// `wa-token-audit scan`: the bundled CLI on trees and git histories built here, verifying against the Graph
// emulator over real sockets. Tokens are built at test time (no full-length EAA token in the repository).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { APP_ID, APP_SECRET, APP_TOKEN, OTHER_APP_ID, SCAN_TOKENS, WABA } from '../emulator/fixtures.js';
import { bundled, runCli, withJson } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';
import { fingerprint } from '../../src/core/fingerprint.js';

const emu = useEmulator();
const HEX_SECRET = 'fa4efa4e0123456789abcdef00c0ffee';
const DEAD_APP_TOKEN = `${APP_ID}|FAKE-wrong-app-secret-00000`;

function tree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wa-scan-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.invalid',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.invalid',
      GIT_CONFIG_NOSYSTEM: '1',
    },
  });
}

const scan = (dir: string, args: string[], env: Record<string, string> = {}) =>
  runCli(['scan', ...args], { cwd: dir, env }).then(withJson);
const verifyArgs = () => ['--graph-url', emu.url];

/** No output may hold any planted secret, whole or in part (its first 24 characters). */
function expectNothingLeaked(outputs: string[], secrets: string[]): void {
  for (const out of outputs)
    for (const s of secrets) {
      const piece = s.includes('|') ? s.slice(s.indexOf('|')) : s.slice(0, 24);
      if (out.includes(piece)) expect.fail(`a planted secret (${s.length} chars) appears in the output`);
    }
}

const ALL = [
  SCAN_TOKENS.live,
  SCAN_TOKENS.dead,
  SCAN_TOKENS.otherApp,
  SCAN_TOKENS.admin,
  SCAN_TOKENS.unknown,
  APP_SECRET,
  DEAD_APP_TOKEN,
  HEX_SECRET,
];

describe('[dist] scan --no-verify', () => {
  it('finds every kind, skips binaries and ignored files, and makes no request at all', async () => {
    const dir = tree({
      'src/config.js': `export const token = "${SCAN_TOKENS.live}";\n`,
      '.env': `# Facebook\nFB_APP_ID=${APP_ID}\nFB_APP_SECRET=${HEX_SECRET}\n`,
      'docs/call.md': `curl "https://graph.facebook.com/v26.0/debug_token?access_token=${APP_TOKEN}"\n`,
      'assets/logo.bin': Buffer.concat([Buffer.from([0x89, 0x50, 0, 0]), Buffer.from(SCAN_TOKENS.dead)]),
      'build/out.js': `var t="${SCAN_TOKENS.otherApp}"`,
      '.gitignore': 'build/\n',
      'notes.txt': `hash ${HEX_SECRET} and ${'Zm9v'.repeat(40)}EAAG\n`,
    });
    const r = await scan(dir, ['--no-verify', '--json', '--graph-url', emu.url]);
    expect(r.code).toBe(1);
    expect(emu.requests).toHaveLength(0);
    expect(r.json.verified).toBe(false);
    expect(r.json.graph).toBeUndefined();
    expect(r.json.findings.map((f: any) => [f.file, f.line, f.ruleId, f.status])).toEqual([
      ['.env', 3, 'meta/app-secret', 'unverified'],
      ['docs/call.md', 1, 'meta/app-access-token', 'unverified'],
      ['src/config.js', 1, 'meta/access-token', 'unverified'],
    ]);
    expect(r.json.findings[2].fingerprint).toBe(fingerprint(SCAN_TOKENS.live));
    expect(r.json.findings[2].excerpt).toBe('export const token = "EAAG…[118 chars]";');
    expect(r.json.skipped).toMatchObject({ binary: 1, ignored: 1, tooLarge: [] });
    expectNothingLeaked([r.stdout, r.stderr], ALL);

    // Asked, the binary and the ignored file are scanned too.
    const all = await scan(dir, ['--no-verify', '--json', '--binary', '--no-ignore']);
    expect(all.json.findings.map((f: any) => f.file)).toEqual([
      '.env',
      'assets/logo.bin',
      'build/out.js',
      'docs/call.md',
      'src/config.js',
    ]);
    expectNothingLeaked([all.stdout], ALL);
  });

  /** A module URL of this run's bundle (a fresh copy of dist/ in a temp folder). */
  const inBundle = (u: string) => u.startsWith(pathToFileURL(dirname(bundled('cli.js'))).href);

  it('never loads the HTTP client', async () => {
    const dir = tree({ 'a.js': `t = "${SCAN_TOKENS.live}"` });
    const log = join(dir, 'loads.txt');
    writeFileSync(log, '');
    const hooks = fileURLToPath(new URL('../helpers/log-loads.mjs', import.meta.url));
    const r = await runCli(['scan', '--no-verify', 'a.js'], {
      cwd: dir,
      env: { WA_LOAD_LOG: log, NODE_OPTIONS: `--import=${hooks}` },
    });
    expect(r.code).toBe(1);
    const loaded = readFileSync(log, 'utf8').split('\n').filter(inBundle);
    expect(loaded.some((u) => /scan-[A-Z0-9]+\.js$/.test(u))).toBe(true);
    for (const u of loaded) expect(readFileSync(fileURLToPath(u), 'utf8')).not.toMatch(/undici/);
    // With verification the client is loaded: the check above can fail.
    writeFileSync(log, '');
    await runCli(['scan', 'a.js', '--graph-url', emu.url], {
      cwd: dir,
      env: { WA_LOAD_LOG: log, NODE_OPTIONS: `--import=${hooks}` },
    });
    const verified = readFileSync(log, 'utf8').split('\n').filter(inBundle);
    expect(verified.some((u) => /undici/.test(readFileSync(fileURLToPath(u), 'utf8')))).toBe(true);
  });

  it('exits 0 on a clean tree, and skips files over --max-file-size', async () => {
    const dir = tree({ 'a.txt': 'nothing here\n', 'big.txt': `${'x'.repeat(3000)}\n${SCAN_TOKENS.live}\n` });
    const r = await scan(dir, ['--no-verify', '--max-file-size', '2K']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no Meta credentials in 1 files');
    expect(r.stdout).toContain('1 too large (big.txt)');
  });

  it('scans the named files only (as a pre-commit hook passes them)', async () => {
    const dir = tree({ 'a.js': `t = "${SCAN_TOKENS.live}"`, 'b.js': `t = "${SCAN_TOKENS.dead}"` });
    const r = await scan(dir, ['--no-verify', '--json', 'b.js']);
    expect(r.json.findings.map((f: any) => f.file)).toEqual(['b.js']);
    expect(r.code).toBe(1);
  });

  it('refuses bad flags with exit 2', async () => {
    const dir = tree({ 'a.txt': 'x' });
    for (const args of [['--max-file-size', 'lots'], ['--fail-on', 'sometimes'], ['--app-id', 'abc'], ['missing/']]) {
      const r = await scan(dir, ['--no-verify', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    }
  });
});

describe('[dist] scan --git-history', () => {
  it('finds a token in a file deleted from the tree, each blob once, with the commit that added it', async () => {
    const dir = tree({ 'README.md': '# app\n' });
    git(dir, 'init', '-q', '-b', 'main');
    writeFileSync(join(dir, 'old.env'), `WHATSAPP_TOKEN=${SCAN_TOKENS.dead}\n`);
    writeFileSync(join(dir, 'copy.env'), `WHATSAPP_TOKEN=${SCAN_TOKENS.dead}\n`); // same blob, another path
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'add config');
    const added = git(dir, 'rev-parse', 'HEAD').trim();
    git(dir, 'rm', '-q', 'old.env', 'copy.env');
    git(dir, 'commit', '-q', '-m', 'remove config');
    writeFileSync(join(dir, 'app.js'), `const t = "${SCAN_TOKENS.live}";\n`);
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'current');

    const plain = await scan(dir, ['--no-verify', '--json']);
    expect(plain.json.findings.map((f: any) => f.file)).toEqual(['app.js']);

    const r = await scan(dir, ['--no-verify', '--json', '--git-history']);
    // app.js's blob is the working tree's: scanned once, as a file.
    expect(r.json.findings.map((f: any) => [f.source, f.file, f.line])).toEqual([
      ['tree', 'app.js', 1],
      ['history', expect.stringMatching(/^(old|copy)\.env$/), 1],
    ]);
    expect(r.json.findings[1].commit).toBe(added);
    expect(r.json.findings[1].fingerprint).toBe(fingerprint(SCAN_TOKENS.dead));
    // README.md and app.js are the working tree's blobs; old.env and copy.env share one.
    expect(r.json.scanned.blobs).toBe(1);
    expectNothingLeaked([r.stdout, r.stderr], ALL);
  });

  it('outside a git repository is a usage error', async () => {
    const dir = tree({ 'a.txt': 'x' });
    const r = await scan(dir, ['--no-verify', '--git-history'], { GIT_CEILING_DIRECTORIES: dirname(dir) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not inside a git repository/);
  });
});

describe('[dist] scan with verification', () => {
  const planted = () =>
    tree({
      'live.js': `const a = "${SCAN_TOKENS.live}";\nconst again = "${SCAN_TOKENS.live}";\n`,
      'admin.yml': `whatsapp:\n  token: ${SCAN_TOKENS.admin}\n`,
      'dead.env': `WHATSAPP_TOKEN=${SCAN_TOKENS.dead}\n`,
      'other.py': `TOKEN = '${SCAN_TOKENS.otherApp}'\n`,
      'app.txt': `app token ${APP_TOKEN} and a wrong one ${DEAD_APP_TOKEN}\n`,
      'secret.env': `FACEBOOK_APP_SECRET=${HEX_SECRET}\n`,
    });

  it('says which are live and what they can do, in one batch POST for every distinct credential', async () => {
    const dir = planted();
    const r = await scan(dir, ['--json', ...verifyArgs()]);
    expect(r.code).toBe(1);
    // 7 distinct credentials (the live token is found twice); the bare secret has no app ID: not asked.
    expect(emu.requests.filter((q) => q.method === 'POST')).toHaveLength(1);
    expect(emu.requests).toHaveLength(1);
    expect(emu.subRequests).toBe(6);
    expect(r.json.graph.requests).toBe(1);
    const by = (t: string) => r.json.secrets.find((s: any) => s.fingerprint === fingerprint(t));
    expect(by(SCAN_TOKENS.live)).toMatchObject({
      status: 'live',
      occurrences: 2,
      live: {
        appId: APP_ID,
        type: 'SYSTEM_USER',
        expiresAt: null,
        whatsapp: {
          scopes: ['whatsapp_business_management', 'whatsapp_business_messaging'],
          wabas: [WABA.main, WABA.second],
          allWabas: false,
        },
      },
    });
    expect(by(SCAN_TOKENS.admin).live.whatsapp).toMatchObject({ allWabas: true });
    expect(by(SCAN_TOKENS.otherApp)).toMatchObject({ status: 'live', live: { appId: OTHER_APP_ID } });
    expect(by(SCAN_TOKENS.dead)).toMatchObject({ status: 'dead', graphError: '190.463' });
    expect(by(APP_TOKEN)).toMatchObject({ status: 'live', live: { appId: APP_ID, type: 'APP' } });
    expect(by(DEAD_APP_TOKEN)).toMatchObject({ status: 'dead' });
    expect(by(HEX_SECRET)).toMatchObject({ status: 'not-judged', reason: expect.stringMatching(/app ID/) });
    expect(r.json.totals).toMatchObject({ findings: 8, secrets: 7, live: 4, dead: 2, notJudged: 1 });
    expectNothingLeaked([r.stdout, r.stderr], ALL);

    const text = await scan(dir, verifyArgs());
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/LIVE {2}meta\/access-token {2}sha256:[0-9a-f]{8} {2}app 1000000000000001 "Emulated Shop \(fake\)"; SYSTEM_USER; never expires; WhatsApp: whatsapp_business_management, whatsapp_business_messaging -> WABAs 2000000000000001, 2000000000000002/);
    expect(text.stdout).toMatch(/DEAD {2}meta\/access-token .*expired/i);
    expectNothingLeaked([text.stdout, text.stderr], ALL);
  });

  it('pairs an app secret with --app-id, and exits 3 when a credential cannot be verified', async () => {
    const dir = tree({ 'secret.env': `FACEBOOK_APP_SECRET=${HEX_SECRET}\n` });
    const unpaired = await scan(dir, ['--json', ...verifyArgs()]);
    expect(unpaired.code).toBe(3);
    expect(emu.requests).toHaveLength(0);
    const paired = await scan(dir, ['--json', '--app-id', APP_ID, ...verifyArgs()]);
    // The emulator's app has another secret: this one is refused, so it is dead.
    expect(paired.json.secrets[0]).toMatchObject({ status: 'dead', appId: APP_ID });
    expect(paired.code).toBe(0);
    const strict = await scan(dir, ['--json', '--app-id', APP_ID, '--fail-on', 'any', ...verifyArgs()]);
    expect(strict.code).toBe(1);
  });

  it('is not judged, exit 3, when Graph cannot be reached before the deadline', async () => {
    const dir = tree({ 'a.js': `t = "${SCAN_TOKENS.live}"` });
    emu.setFault({ kind: 'status', status: 503, body: 'envelope' });
    const r = await scan(dir, ['--json', '--deadline', '2', ...verifyArgs()]);
    expect(r.code).toBe(3);
    expect(r.json.secrets[0]).toMatchObject({ status: 'not-judged' });
    expectNothingLeaked([r.stdout, r.stderr], ALL);
  });
});

describe('[dist] scan --format sarif', () => {
  const require = createRequire(import.meta.url);
  const schema = JSON.parse(
    readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
  );

  it('is valid SARIF 2.1.0 with stable rule ids, a location on every result and stable fingerprints', async () => {
    const dir = tree({
      'src/a.js': `\n\nconst a = "${SCAN_TOKENS.live}";\n`,
      'dead.env': `WHATSAPP_TOKEN=${SCAN_TOKENS.dead}\n`,
      'fb.env': `FB_APP_SECRET=${HEX_SECRET}\n`,
    });
    const r = await scan(dir, ['--format', 'sarif', '--output', 'out.sarif', ...verifyArgs()]);
    expect(r.code).toBe(1);
    const log = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8'));
    // The published schema is draft-04, and one of its patterns is not valid in unicode mode.
    const Ajv = require('ajv-draft-04').default;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    require('ajv-formats').default(ajv);
    const valid = ajv.validate(schema, log);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The validator does reject a broken log.
    expect(ajv.validate(schema, { ...log, version: '2.0.0' })).toBe(false);
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((x: any) => x.id)).toEqual([
      'meta/access-token',
      'meta/app-access-token',
      'meta/app-secret',
    ]);
    expect(run.results).toHaveLength(3);
    for (const res of run.results) {
      expect(res.locations[0].physicalLocation.artifactLocation.uri).toMatch(/\S/);
      expect(res.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
      expect(Object.values(res.partialFingerprints)[0]).toMatch(/^[0-9a-f]{32}$/);
    }
    const live = run.results.find((x: any) => x.properties.status === 'live');
    expect(live).toMatchObject({ level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'src/a.js' }, region: { startLine: 3 } } }] });
    expectNothingLeaked([readFileSync(join(dir, 'out.sarif'), 'utf8'), r.stdout, r.stderr], ALL);

    // The same finding moved down a line keeps its fingerprint.
    writeFileSync(join(dir, 'src/a.js'), `\n\n\n\nconst a = "${SCAN_TOKENS.live}";\n`);
    rmSync(join(dir, 'out.sarif'));
    await scan(dir, ['--format', 'sarif', '--output', 'out.sarif', '--no-verify']);
    const again = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')).runs[0].results;
    const moved = again.find((x: any) => x.locations[0].physicalLocation.artifactLocation.uri === 'src/a.js');
    expect(moved.locations[0].physicalLocation.region.startLine).toBe(5);
    expect(moved.partialFingerprints).toEqual(live.partialFingerprints);
  });
});
