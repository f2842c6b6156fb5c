// The bundled Action (dist/action.js) in scan mode, run the way the runner does it, on Node 20 and on the
// runners' Node 24: the SARIF file and its path as an output, the findings table as the job summary, an
// annotation on a live credential's line, the step failing on it. Tokens are built at test time.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { APP_ID, SCAN_TOKENS } from '../emulator/fixtures.js';
import { describeOnNode24, runAction } from '../helpers/action.js';
import { useEmulator } from '../helpers/emulator.js';

const emu = useEmulator();

function checkout(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wa-action-scan-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

function expectNoPlanted(texts: string[]): void {
  for (const t of texts)
    for (const s of Object.values(SCAN_TOKENS) as string[])
      if (t.includes(s.slice(0, 24))) expect.fail(`a planted token (${s.length} chars) appears in the output`);
}

describeOnNode24('the Action with scan', () => {
  it('fails on a live token: SARIF written and named, summary table, annotation on its line', async () => {
    const dir = checkout({
      'src/config.js': `// config\nexport const token = "${SCAN_TOKENS.live}";\n`,
      'old.env': `WHATSAPP_TOKEN=${SCAN_TOKENS.dead}\n`,
    });
    const r = await runAction(
      { scan: '.', 'graph-url': emu.url, token: '', 'app-id': '' },
      { cwd: dir, env: { GITHUB_WORKSPACE: dir } },
    );
    expect(r.code).toBe(1);
    expect(r.outputs['sarif-file']).toBe(join(dir, 'wa-token-audit.sarif'));
    expect(r.outputs).toMatchObject({ ok: 'false', verdict: 'fail', findings: '2', live: '1' });
    const sarif = JSON.parse(readFileSync(r.outputs['sarif-file']!, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(
      sarif.runs[0].results.map((x: any) => [x.locations[0].physicalLocation.artifactLocation.uri, x.level]),
    ).toEqual([
      ['old.env', 'note'],
      ['src/config.js', 'error'],
    ]);
    expect(r.summary).toContain('| status | file | line | rule | fingerprint | what it is |');
    expect(r.summary).toMatch(/\| LIVE \| src\/config\.js \| 2 \| `meta\/access-token` \|/);
    expect(r.summary).toMatch(/\| DEAD \| old\.env \| 1 \|/);
    expect(r.stdout).toMatch(/^::error title=wa-token-audit%3A live credential,file=src\/config\.js,line=2::/m);
    expect(r.annotations.some((a) => a.level === 'error' && /1 live/.test(a.message))).toBe(true);
    expectNoPlanted([r.stdout, r.stderr, r.files.output ?? '', r.summary, readFileSync(r.outputs['sarif-file']!, 'utf8')]);
    expect(emu.requests).toHaveLength(1);
  });

  it('passes on a clean checkout; scan-verify false makes no request and fails on any finding', async () => {
    const clean = checkout({ 'a.txt': 'nothing\n' });
    const ok = await runAction(
      { scan: '.', 'graph-url': emu.url, token: '', 'app-id': '' },
      { cwd: clean, env: { GITHUB_WORKSPACE: clean } },
    );
    expect(ok.code).toBe(0);
    expect(ok.outputs).toMatchObject({ ok: 'true', verdict: 'pass', findings: '0', live: '0' });

    const dir = checkout({ 'b.js': `t = "${SCAN_TOKENS.live}"\n`, 'c.env': `FB_APP_ID=${APP_ID}\n` });
    const r = await runAction(
      { scan: 'b.js\nc.env', 'scan-verify': 'false', 'graph-url': emu.url, token: '', 'app-id': '' },
      { cwd: dir, env: { GITHUB_WORKSPACE: dir } },
    );
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ findings: '1', live: '0' });
    expect(emu.requests).toHaveLength(0);
    expectNoPlanted([r.stdout, r.stderr, r.files.output ?? '', r.summary]);
  });

  it('refuses scan together with fleet-file', async () => {
    const dir = checkout({ 'a.txt': 'x' });
    const r = await runAction(
      { scan: '.', 'fleet-file': 'fleet.yml', token: '', 'app-id': '' },
      { cwd: dir, env: { GITHUB_WORKSPACE: dir } },
    );
    expect(r.code).toBe(1);
    expect(r.annotations.map((a) => a.message).join('\n')).toMatch(/'scan' and 'fleet-file' cannot be used together/);
  });
});
