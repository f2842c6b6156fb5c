// The Action's run() in-process, from the sources, with the real @actions/core and @actions/github (the
// actions/typescript-action model): INPUT_* variables, and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_EVENT_PATH
// as temp files, against the Graph emulator over real sockets. What the step shows is what @actions/core writes
// to stdout (annotations, masks, logs) and to those files; the step's result is process.exitCode.
// test/dist/action.test.ts runs the bundle the same way on Node 24, as a child process.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_ID, APP_SECRET, PHONE, TOKENS, WABA } from '../emulator/fixtures.js';
import { inputEnv, parseAnnotations, parseOutputs } from '../helpers/action.js';
import { useEmulator } from '../helpers/emulator.js';
import { expectNoSecrets, needles } from '../helpers/secrets.js';

const emu = useEmulator();

interface InProcessRun {
  /** process.exitCode after run(): 1 when the step failed (core.setFailed), else unset or 0. */
  exitCode: number;
  stdout: string;
  /** stdout as the runner shows it: `::add-mask::` commands are consumed by the runner. */
  shown: string;
  outputs: Record<string, string>;
  summary: string;
  annotations: ReturnType<typeof parseAnnotations>;
}

interface RunOptions {
  eventName?: string;
  event?: object;
  actor?: string;
  env?: Record<string, string>;
  /** Point GITHUB_STEP_SUMMARY here instead of a fresh temp file. */
  summaryPath?: string;
}

let exitCodeBefore: typeof process.exitCode;
beforeEach(() => {
  exitCodeBefore = process.exitCode;
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  process.exitCode = exitCodeBefore;
});

/** One step: a fresh module graph (github.context reads the event when it loads), then `await run()`. */
async function runStep(inputs: Record<string, string>, opts: RunOptions = {}): Promise<InProcessRun> {
  const dir = mkdtempSync(join(tmpdir(), 'wa-run-'));
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary.md'), event: join(dir, 'event.json') };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  writeFileSync(files.event, JSON.stringify(opts.event ?? {}));
  const env: Record<string, string> = {
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: opts.summaryPath ?? files.summary,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_EVENT_NAME: opts.eventName ?? 'push',
    GITHUB_ACTOR: opts.actor ?? 'octocat',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: dir,
    ...inputEnv({ 'app-id': APP_ID, 'graph-url': emu.url, ...inputs }),
    ...opts.env,
  };
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);

  let stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  process.exitCode = undefined;
  vi.resetModules();
  const { run } = await import('../../src/action/run.js');
  try {
    await run();
  } finally {
    vi.mocked(process.stdout.write).mockRestore();
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  const r: InProcessRun = {
    exitCode,
    stdout,
    shown: stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n'),
    outputs: parseOutputs(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    annotations: parseAnnotations(stdout),
  };
  const token = inputs.token ?? '';
  if (token) {
    expectNoSecrets(
      { stdout: r.shown, outputs: readFileSync(files.output, 'utf8'), summary: r.summary },
      { token, appId: APP_ID, ...(inputs['app-secret'] ? { appSecret: inputs['app-secret'] } : {}) },
    );
  }
  return r;
}

const errors = (r: InProcessRun) => r.annotations.filter((a) => a.level === 'error');
const warnings = (r: InProcessRun) => r.annotations.filter((a) => a.level === 'warning');

describe('run() in-process: the verdicts', () => {
  it('pass: outputs, summary, no error, the step succeeds', async () => {
    const r = await runStep({ token: TOKENS.healthy });
    expect(r.exitCode).toBe(0);
    expect(r.outputs).toMatchObject({
      ok: 'true',
      verdict: 'pass',
      'app-id': APP_ID,
      'token-type': 'SYSTEM_USER',
      'expires-at': '',
      'missing-scopes': '',
    });
    expect(JSON.parse(r.outputs.report!)).toMatchObject({ schemaVersion: 1, ok: true, token: { appId: APP_ID } });
    expect(r.summary).toMatch(/^## WhatsApp token audit: PASS/);
    expect(r.summary).toMatch(/\| ✅ \| `token.valid` \|/);
    expect(errors(r)).toEqual([]);
    expect(r.shown).toMatch(/wa-token-audit: PASS/);
    expect(emu.requests).toHaveLength(1);
  });

  it('masks every form of the secrets before anything else is written', async () => {
    const r = await runStep({ token: TOKENS.healthy, 'app-secret': APP_SECRET });
    const lines = r.stdout.split('\n');
    const masks = lines
      .filter((l) => l.startsWith('::add-mask::'))
      .map((l) => l.slice('::add-mask::'.length).replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%'));
    expect(masks).toEqual(
      expect.arrayContaining(needles({ token: TOKENS.healthy, appId: APP_ID, appSecret: APP_SECRET })),
    );
    const firstOther = lines.findIndex((l) => l !== '' && !l.startsWith('::add-mask::'));
    expect(firstOther).toBeGreaterThan(lines.findLastIndex((l) => l.startsWith('::add-mask::')));
    expect(r.exitCode).toBe(0);
  });

  it('fail: one annotation per failed check, the failure line names it, remediation in the summary', async () => {
    const r = await runStep({ token: TOKENS.missingMessaging });
    expect(r.exitCode).toBe(1);
    expect(r.outputs).toMatchObject({ ok: 'false', verdict: 'fail', 'missing-scopes': 'whatsapp_business_messaging' });
    expect(errors(r).find((a) => a.title === 'scope.whatsapp_business_messaging')?.message).toMatch(
      /not granted[\s\S]*To fix:[\s\S]*Generate a new token/,
    );
    expect(errors(r).at(-1)!.message).toMatch(/^The token audit failed: scope\.whatsapp_business_messaging/);
    expect(r.summary).toMatch(/^## WhatsApp token audit: FAIL/);
    expect(r.summary).toMatch(/### What to do[\s\S]*Generate a new token for Meta app 1000000000000001/);
  });

  it('not judged: a malformed Graph answer fails the step as "not judged", never a pass', async () => {
    emu.setFault({ kind: 'data-missing-fields' });
    const r = await runStep({ token: TOKENS.healthy });
    expect(r.exitCode).toBe(1);
    expect(r.outputs).toMatchObject({ ok: 'false', verdict: 'error' });
    expect(errors(r).at(-1)!.message).toMatch(
      /^The token was not judged \(Graph could not be asked\): .*debug_token answer is malformed/,
    );
    expect(r.summary).toMatch(/^## WhatsApp token audit: NOT JUDGED/);
  });

  it('retries: one short log line each, the code and the wait, not Graph\'s explanation every attempt', async () => {
    emu.setFault({ kind: 'graph-error', code: 2, times: 2 });
    const r = await runStep({ token: TOKENS.healthy });
    expect(r.exitCode).toBe(0);
    const notices = r.shown.split('\n').filter((l) => l.includes('retrying'));
    expect(notices).toHaveLength(2);
    for (const [i, line] of notices.entries())
      expect(line).toMatch(new RegExp(`^Graph error 2 \\(API Service\\) \\[HTTP 503\\]; retrying in \\d\\.\\d s \\(attempt ${i + 2}\\)$`));
  });

  it('a WABA rate limit whose wait the deadline cannot cover: asked once, not judged, the one line says why', async () => {
    emu.setFault({ kind: 'rate-limit', code: 80008, blockMs: 3_600_000 });
    const r = await runStep({ token: TOKENS.healthy, 'deadline-seconds': '30' });
    expect(r.exitCode).toBe(1);
    expect(emu.requests).toHaveLength(1);
    expect(r.outputs).toMatchObject({ ok: 'false', verdict: 'error' });
    expect(errors(r).at(-1)!.message).toMatch(
      /^The token was not judged \(Graph could not be asked\): Graph asks to wait ~1 min; the deadline leaves \d+ s/,
    );
    expect(r.shown).not.toMatch(/retrying/);
  });

  it('not judged with on-outage: warn: a warning, the step stays green, ok stays false', async () => {
    emu.setFault({ kind: 'data-missing-fields' });
    const r = await runStep({ token: TOKENS.healthy, 'on-outage': 'warn' });
    expect(r.exitCode).toBe(0);
    expect(r.outputs).toMatchObject({ ok: 'false', verdict: 'error' });
    expect(errors(r)).toEqual([]);
    expect(warnings(r).some((a) => a.title === 'wa-token-audit: not judged' && /not judged/.test(a.message))).toBe(
      true,
    );
  });

  it('warnings become warning annotations; fail-on-warning fails the step', async () => {
    const r = await runStep({ token: TOKENS.shortLivedUser });
    expect(r.exitCode).toBe(0);
    expect(warnings(r).some((a) => a.title === 'token.type')).toBe(true);
    const strict = await runStep({ token: TOKENS.shortLivedUser, 'fail-on-warning': 'true' });
    expect(strict.exitCode).toBe(1);
    expect(strict.outputs.ok).toBe('false');
    expect(errors(strict).at(-1)!.message).toMatch(/warnings fail because fail-on-warning is true/);
  });
});

describe('run() in-process: the job summary cannot be written', () => {
  const nowhere = join(tmpdir(), 'wa-no-such-dir', 'summary.md');

  it('a pass stays a pass: outputs are set, one warning says the summary was not written', async () => {
    const r = await runStep({ token: TOKENS.healthy }, { summaryPath: nowhere });
    expect(r.exitCode).toBe(0);
    expect(r.outputs).toMatchObject({ ok: 'true', verdict: 'pass' });
    expect(warnings(r).map((a) => a.message)).toEqual([expect.stringMatching(/^The job summary was not written/)]);
    expect(errors(r)).toEqual([]);
  });

  it('a failure still fails with its own reason, not the summary problem', async () => {
    const r = await runStep({ token: TOKENS.missingMessaging }, { summaryPath: nowhere });
    expect(r.exitCode).toBe(1);
    expect(r.outputs.verdict).toBe('fail');
    expect(errors(r).at(-1)!.message).toMatch(/^The token audit failed: scope\.whatsapp_business_messaging/);
    expect(warnings(r).some((a) => /^The job summary was not written/.test(a.message))).toBe(true);
  });
});

describe('run() in-process: inputs', () => {
  it('a bad input fails with one message naming it, before any request', async () => {
    const r = await runStep({ token: TOKENS.healthy, 'waba-ids': '+1 555 010 0001' });
    expect(r.exitCode).toBe(1);
    expect(errors(r)).toHaveLength(1);
    expect(errors(r)[0]!.message).toMatch(/^input 'waba-ids': .*looks like a phone number/);
    expect(emu.requests).toHaveLength(0);
  });

  it.each([
    ['exact-scopes', TOKENS.extraScopes, { 'exact-scopes': 'true' }, 'scope.least-privilege'],
    ['require-type', TOKENS.shortLivedUser, { 'require-type': 'system-user' }, 'token.type'],
    ['min-days', TOKENS.expiresIn5Days, { 'min-days': '7' }, 'token.expiry'],
    ['waba-ids (grants target another WABA)', TOKENS.otherWabaOnly, { 'waba-ids': WABA.main }, 'scope.targets'],
    [
      'require-webhooks',
      TOKENS.healthy,
      { 'waba-ids': WABA.unsubscribed, 'require-webhooks': 'true' },
      'waba.subscribed',
    ],
  ])('input %s turns its check into a failure annotation', async (_n, token, inputs, id) => {
    const r = await runStep({ token, ...inputs });
    expect(r.exitCode).toBe(1);
    expect(errors(r).some((a) => a.title === id)).toBe(true);
    expect(JSON.parse(r.outputs.report!).checks.find((c: { id: string }) => c.id === id).status).toBe('fail');
  });

  it('waba-ids and phone-number-ids go out with debug_token in one batch', async () => {
    const r = await runStep({ token: TOKENS.healthy, 'waba-ids': `${WABA.main}\n${WABA.second}`, 'phone-number-ids': PHONE.red });
    expect(emu.requests).toHaveLength(1);
    expect(r.exitCode).toBe(0);
    expect(warnings(r).some((a) => a.title === 'phone.reachable')).toBe(true);
    expect(r.summary).toMatch(/`waba.subscribed`/);
  });

  it.each([
    [
      'a pull request from a fork',
      {
        eventName: 'pull_request',
        event: {
          pull_request: {
            head: { repo: { full_name: 'mallory/shop', fork: true } },
            base: { repo: { full_name: 'acme/shop' } },
          },
          repository: { full_name: 'acme/shop' },
        },
      },
      /'pull_request' run comes from a pull request from the fork mallory\/shop.*secrets/,
    ],
    ['Dependabot', { eventName: 'pull_request', actor: 'dependabot[bot]', event: {} }, /triggered by Dependabot.*Dependabot secrets/],
    [
      'a push without the secret',
      { eventName: 'push', event: {} },
      /token input is empty in this 'push' run: the secret .* is not set/,
    ],
  ])('an empty token explains the CI cause: %s', async (_n, opts, message) => {
    const r = await runStep({ token: '' }, opts);
    expect(r.exitCode).toBe(1);
    expect(errors(r).at(-1)!.message).toMatch(message);
    expect(emu.requests).toHaveLength(0);
  });

  it("links a failed check's Graph error to docs/errors.md of the Action's own repository", async () => {
    const r = await runStep(
      { token: TOKENS.expired, 'app-secret': APP_SECRET },
      { env: { GITHUB_ACTION_REPOSITORY: 'acme/wa-token-audit', GITHUB_ACTION_REF: 'v1', GITHUB_SERVER_URL: 'https://github.com' } },
    );
    expect(r.exitCode).toBe(1);
    expect(r.summary).toContain(
      '[`190.463`](https://github.com/acme/wa-token-audit/blob/v1/docs/errors.md#explain-190-463): `wa-token-audit explain 190.463`',
    );
  });
});
