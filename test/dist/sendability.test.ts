// Sendability through the bundled CLI against the Graph emulator: each number's and WABA's own state, Meta's
// health status, the messaging limit, Graph versions that lack a field, and every output format.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID, PHONE, TOKENS, WABA } from '../emulator/fixtures.js';
import { useEmulator } from '../helpers/emulator.js';
import { type RunResult, runCli, withJson } from '../helpers/cli.js';
import { expectNoSecrets } from '../helpers/secrets.js';

const emu = useEmulator();

async function audit(
  args: string[],
  token: string = TOKENS.sendability,
  format: string[] = ['--json'],
): Promise<RunResult & { json: any }> {
  const r = await runCli(['--app-id', APP_ID, '--graph-url', emu.url, ...format, ...args], {
    env: { WHATSAPP_ACCESS_TOKEN: token },
  });
  expectNoSecrets({ stdout: r.stdout, stderr: r.stderr }, { token, appId: APP_ID });
  return withJson(r);
}

const phoneArgs = (id: string) => ['--phone-number-id', id];
const checkOf = (json: any, id: string) => json.checks.find((c: any) => c.id === id);

describe('a number that cannot send', () => {
  it('PENDING with a DECLINED name: reachable, yet the audit fails (exit 1) on phone.status, saying how to register', async () => {
    const r = await audit([...phoneArgs(PHONE.unregistered), '--waba-id', WABA.troubled]);
    expect(r.code).toBe(1);
    expect(r.json.verdict).toBe('fail');
    expect(checkOf(r.json, 'phone.reachable').status).toBe('pass'); // the token reaches it; quality UNKNOWN is not judged
    const status = checkOf(r.json, 'phone.status');
    expect(status.status).toBe('fail');
    expect(status.message).toContain('PENDING: it is not registered');
    expect(status.message).toContain('display name DECLINED');
    expect(status.message).toContain('Code verification: NOT_VERIFIED');
    expect(status.remediation.join(' ')).toContain(`POST /{version}/${PHONE.unregistered}/register`);
    expect(status.details).toMatchObject({ status: 'PENDING', nameStatus: 'DECLINED', accountMode: 'LIVE' });
  });

  it.each([
    [PHONE.restricted, 'fail', 1, 'RESTRICTED'],
    [PHONE.disconnected, 'fail', 1, 'DISCONNECTED'],
    [PHONE.flagged, 'warn', 0, 'FLAGGED'],
  ])('%s: phone.status %s (exit %i)', async (id, status, code, words) => {
    const r = await audit(phoneArgs(id));
    expect(r.code).toBe(code);
    expect(checkOf(r.json, 'phone.status')).toMatchObject({ status, message: expect.stringContaining(words) });
  });

  it('health BLOCKED by the WABA\'s payment method: phone.health and waba.health fail with Graph\'s error and fix', async () => {
    const r = await audit([...phoneArgs(PHONE.unpaid), '--waba-id', WABA.unpaid]);
    expect(r.code).toBe(1);
    expect(checkOf(r.json, 'phone.status').status).toBe('pass');
    const health = checkOf(r.json, 'phone.health');
    expect(health.status).toBe('fail');
    expect(health.message).toContain(`WABA ${WABA.unpaid} BLOCKED (error 141006: There is an error with the payment method.`);
    expect(health.remediation.join('\n')).toContain("Graph's fix for error 141006");
    expect(health.details.entities.map((e: any) => e.entityType)).toEqual(['PHONE_NUMBER', 'WABA', 'BUSINESS', 'APP']);
    expect(checkOf(r.json, 'waba.health').status).toBe('fail');
  });

  it('health LIMITED by business verification: warnings, exit 0; the WABA\'s review PENDING and verification named', async () => {
    const r = await audit([...phoneArgs(PHONE.unverified), '--waba-id', WABA.unverified]);
    expect(r.code).toBe(0);
    expect(r.json.verdict).toBe('warn');
    const health = checkOf(r.json, 'phone.health');
    expect(health.status).toBe('warn');
    expect(health.message).toContain('LIMITED');
    expect(health.message).toContain('error 141010');
    const waba = checkOf(r.json, 'waba.health');
    expect(waba.status).toBe('warn');
    expect(waba.message).toContain('account review PENDING');
    expect(waba.message).toContain('business verification not_verified');
  });

  it('--strict turns the LIMITED warning into a failure', async () => {
    const r = await audit([...phoneArgs(PHONE.unverified), '--strict']);
    expect(r.code).toBe(1);
  });
});

describe('test numbers, live numbers, limits', () => {
  it('SANDBOX warns (exit 0); --require-live fails it (exit 1)', async () => {
    const warned = await audit(phoneArgs(PHONE.sandbox));
    expect(warned.code).toBe(0);
    expect(checkOf(warned.json, 'phone.status')).toMatchObject({
      status: 'warn',
      message: expect.stringContaining('allow list'),
    });
    const failed = await audit([...phoneArgs(PHONE.sandbox), '--require-live']);
    expect(failed.code).toBe(1);
    expect(checkOf(failed.json, 'phone.status').status).toBe('fail');
  });

  it('live numbers with code verification EXPIRED or NOT_VERIFIED and quality UNKNOWN pass phone.status', async () => {
    const healthy = await audit([...phoneArgs(PHONE.healthy), '--waba-id', WABA.main], TOKENS.healthy);
    expect(healthy.code).toBe(0);
    expect(healthy.json.verdict).toBe('pass');
    for (const id of ['phone.status', 'phone.health', 'phone.messaging-limit', 'waba.health'])
      expect(checkOf(healthy.json, id).status, id).toBe('pass');
    expect(checkOf(healthy.json, 'phone.status').details.codeVerificationStatus).toBe('EXPIRED');
    const never = await audit(phoneArgs(PHONE.neverSent));
    expect(checkOf(never.json, 'phone.status')).toMatchObject({
      status: 'pass',
      details: { codeVerificationStatus: 'NOT_VERIFIED' },
    });
  });

  it('--min-messaging-limit fails a lower limit and passes an equal one', async () => {
    const low = await audit([...phoneArgs(PHONE.neverSent), '--min-messaging-limit', '2K']);
    expect(low.code).toBe(1);
    expect(checkOf(low.json, 'phone.messaging-limit')).toMatchObject({
      status: 'fail',
      details: { limit: 'TIER_250', users: 250, minimum: 2000, field: 'whatsapp_business_manager_messaging_limit' },
    });
    const ok = await audit([...phoneArgs(PHONE.healthy), '--min-messaging-limit', '2000'], TOKENS.healthy);
    expect(ok.code).toBe(0);
    expect(checkOf(ok.json, 'phone.messaging-limit').status).toBe('pass');
    const bad = await audit([...phoneArgs(PHONE.healthy), '--min-messaging-limit', 'lots'], TOKENS.healthy);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--min-messaging-limit: expected a messaging limit/);
  });
});

describe('Graph versions and fields', () => {
  it('a deep audit asks every sendability field in its one batch POST', async () => {
    const r = await audit([
      ...phoneArgs(PHONE.healthy),
      ...phoneArgs(PHONE.red),
      '--waba-id',
      WABA.main,
    ], TOKENS.healthy);
    expect(r.code).toBe(0);
    expect(emu.requests).toHaveLength(1);
    const urls = emu.batchItems.map((i) => decodeURIComponent(i.relativeUrl));
    const phone = urls.find((u) => u.startsWith(`v26.0/${PHONE.healthy}?`))!;
    expect(phone).toContain('health_status');
    expect(phone).toContain('account_mode');
    expect(phone).toContain('whatsapp_business_manager_messaging_limit');
    expect(phone).not.toContain('messaging_limit_tier');
    expect(urls).toContain(`v26.0/${WABA.main}?fields=id,name,account_review_status,business_verification_status,health_status`);
  });

  it('v23.0 asks messaging_limit_tier, the field that version has, and still sends one request', async () => {
    const r = await audit([...phoneArgs(PHONE.healthy), '--graph-version', 'v23.0'], TOKENS.healthy);
    expect(r.code).toBe(0);
    expect(emu.requests).toHaveLength(1);
    const urls = emu.batchItems.map((i) => decodeURIComponent(i.relativeUrl)).join('\n');
    expect(urls).toContain('messaging_limit_tier');
    expect(urls).not.toContain('whatsapp_business_manager_messaging_limit');
    expect(checkOf(r.json, 'phone.messaging-limit')).toMatchObject({
      status: 'pass',
      details: { field: 'messaging_limit_tier', limit: 'TIER_1K' },
    });
  });

  it('a field Graph still refuses is asked again without it; its check is skipped with the reason, the audit passes', async () => {
    emu.setFault({ kind: 'unknown-field', fields: ['health_status'] });
    const r = await audit(
      [...phoneArgs(PHONE.healthy), '--waba-id', WABA.main, '--min-messaging-limit', '250'],
      TOKENS.healthy,
    );
    expect(r.code).toBe(0);
    expect(r.json.verdict).toBe('pass');
    const health = checkOf(r.json, 'phone.health');
    expect(health.status).toBe('skip');
    expect(health.message).toContain('refused the health_status field ("Tried accessing nonexisting field")');
    expect(checkOf(r.json, 'waba.health').status).toBe('skip');
    // The other checks of the same reads still judge.
    expect(checkOf(r.json, 'phone.reachable').status).toBe('pass');
    expect(checkOf(r.json, 'phone.status').status).toBe('pass');
    expect(checkOf(r.json, 'phone.messaging-limit').status).toBe('pass');
    // The first batch, then one more for the two reads asked again.
    expect(emu.requests).toHaveLength(2);
    const again = emu.batchItems.slice(-2).map((i) => decodeURIComponent(i.relativeUrl));
    expect(again.every((u) => !u.includes('health_status'))).toBe(true);
  });

  it('a refused messaging-limit field skips phone.messaging-limit, never fails it, even with a minimum', async () => {
    emu.setFault({ kind: 'unknown-field', fields: ['whatsapp_business_manager_messaging_limit'] });
    const r = await audit([...phoneArgs(PHONE.healthy), '--min-messaging-limit', '100K'], TOKENS.healthy);
    expect(r.code).toBe(0);
    expect(checkOf(r.json, 'phone.messaging-limit')).toMatchObject({
      status: 'skip',
      message: expect.stringContaining('whatsapp_business_manager_messaging_limit'),
    });
    expect(checkOf(r.json, 'phone.health').status).toBe('pass');
  });
});

describe('every format', () => {
  const args = [...phoneArgs(PHONE.unregistered), ...phoneArgs(PHONE.unpaid), '--waba-id', WABA.unpaid];

  it('text: the verdict, each failure and its remediation', async () => {
    const r = await audit(args, TOKENS.sendability, ['--format', 'text']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/phone\.status/);
    expect(r.stdout).toContain('PENDING: it is not registered');
    expect(r.stdout).toContain('error 141006');
    expect(r.stdout).toContain('/register');
    expect(r.stdout).not.toMatch(/::|##\[/);
  });

  it('markdown: the same findings as table rows', async () => {
    const r = await audit(args, TOKENS.sendability, ['--format', 'markdown']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/`phone\.health`/);
    expect(r.stdout).toMatch(/`waba\.health`/);
    expect(r.stdout).toContain('141006');
  });

  it('json: one check per number for each new id', async () => {
    const r = await audit(args);
    for (const id of ['phone.status', 'phone.health', 'phone.messaging-limit'])
      expect(r.json.checks.filter((c: any) => c.id === id).map((c: any) => c.details.phoneNumberId)).toEqual([
        PHONE.unregistered,
        PHONE.unpaid,
      ]);
  });
});

describe('fleet', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wa-send-fleet-'));
  const path = join(dir, 'fleet.yml');
  writeFileSync(
    path,
    [
      'defaults:',
      `  appId: "${APP_ID}"`,
      'tokens:',
      '  - name: healthy shop',
      '    env: HEALTHY',
      `    phoneNumberIds: ["${PHONE.healthy}"]`,
      `    wabaIds: ["${WABA.main}"]`,
      '    minMessagingLimit: 2K',
      '  - name: unregistered',
      '    env: TROUBLED',
      `    phoneNumberIds: ["${PHONE.unregistered}", "${PHONE.disconnected}"]`,
      '  - name: unpaid',
      '    env: TROUBLED',
      `    phoneNumberIds: ["${PHONE.unpaid}"]`,
      `    wabaIds: ["${WABA.unpaid}"]`,
      '  - name: test number',
      '    env: TROUBLED',
      `    phoneNumberIds: ["${PHONE.sandbox}"]`,
      '    requireLive: true',
      '  - name: small limit',
      '    env: TROUBLED',
      `    phoneNumberIds: ["${PHONE.unverified}"]`,
      '    minMessagingLimit: 10K',
      '',
    ].join('\n'),
  );
  const env = { HEALTHY: TOKENS.healthy, TROUBLED: TOKENS.sendability };

  it('json: each entry judged by its numbers; totals count the numbers that cannot send', async () => {
    const r = withJson(await runCli(['fleet', path, '--graph-url', emu.url, '--format', 'json'], { env }));
    expect(r.code).toBe(1);
    expect(r.json.entries.map((e: any) => [e.name, e.report.verdict])).toEqual([
      ['healthy shop', 'pass'],
      ['unregistered', 'fail'],
      ['unpaid', 'fail'],
      ['test number', 'fail'],
      ['small limit', 'fail'],
    ]);
    // pending + disconnected (phone.status), unpaid (phone.health), sandbox with requireLive (phone.status); a low
    // messaging limit does not stop a number from sending.
    expect(r.json.totals).toMatchObject({ entries: 5, pass: 1, fail: 4, cannotSend: 4 });
    const small = r.json.entries[4].report.checks.find((c: any) => c.id === 'phone.messaging-limit');
    expect(small).toMatchObject({ status: 'fail', details: { minimum: 10000, users: 250 } });
    // All five entries in one batch POST.
    expect(emu.requests).toHaveLength(1);
  });

  it('text, markdown and jsonl say how many numbers cannot send', async () => {
    const text = await runCli(['fleet', path, '--graph-url', emu.url], { env });
    expect(text.stdout).toMatch(/5 tokens: 1 passed, 0 with warnings, 4 failed, 0 not judged; 4 phone numbers cannot send/);
    expect(text.stdout).toMatch(/unregistered +FAIL .*phone\.status/);
    const md = await runCli(['fleet', path, '--graph-url', emu.url, '--format', 'markdown'], { env });
    expect(md.stdout).toContain('4 phone numbers cannot send');
    const jsonl = await runCli(['fleet', path, '--graph-url', emu.url, '--format', 'jsonl'], { env });
    const totals = JSON.parse(jsonl.stdout.trim().split('\n').at(-1)!);
    expect(totals).toMatchObject({ kind: 'totals', totals: { cannotSend: 4 } });
  });
});

describe('discover', () => {
  const discover = async (args: string[] = []) =>
    withJson(
      await runCli(['discover', '--graph-url', emu.url, ...args], { env: { WHATSAPP_ACCESS_TOKEN: TOKENS.sendability } }),
    );

  it('json: each number\'s and WABA\'s health and state', async () => {
    const r = await discover(['--json']);
    expect(r.code).toBe(0);
    expect(r.json.status).toBe('complete');
    const byId = new Map(r.json.wabas.flatMap((w: any) => w.phoneNumbers.map((p: any) => [p.id, p])));
    expect(byId.get(PHONE.unregistered)).toMatchObject({
      status: 'PENDING',
      nameStatus: 'DECLINED',
      codeVerificationStatus: 'NOT_VERIFIED',
      accountMode: 'LIVE',
      messagingLimit: 'TIER_250',
      health: { canSendMessage: 'AVAILABLE', problems: [] },
    });
    expect(byId.get(PHONE.sandbox)).toMatchObject({ accountMode: 'SANDBOX', qualityRating: 'NA' });
    expect((byId.get(PHONE.unpaid) as any).health.canSendMessage).toBe('BLOCKED');
    expect((byId.get(PHONE.unpaid) as any).health.problems[0]).toContain('error 141006');
    const unverified = r.json.wabas.find((w: any) => w.id === WABA.unverified);
    expect(unverified).toMatchObject({
      accountReviewStatus: 'PENDING',
      businessVerificationStatus: 'not_verified',
      health: { canSendMessage: 'LIMITED' },
    });
  });

  it('text and markdown show them', async () => {
    const text = await discover();
    expect(text.stdout).toMatch(new RegExp(`${PHONE.unregistered} .*PENDING  name DECLINED  LIVE  health AVAILABLE  limit TIER_250`));
    expect(text.stdout).toMatch(new RegExp(`${PHONE.unpaid} .*health BLOCKED`));
    expect(text.stdout).toContain('! WABA health: WABA 2000000000000007 BLOCKED (error 141006');
    const md = await discover(['--format', 'markdown']);
    expect(md.stdout).toContain('| Name | Mode | Health | Limit | WABA health |');
    expect(md.stdout).toMatch(/\*\*LIMITED\*\*: business portfolio \d+ LIMITED/);
  });

  it('a field Graph refuses is read again without it; the map says so and stays complete otherwise', async () => {
    emu.setFault({ kind: 'unknown-field', fields: ['health_status'] });
    const r = await discover(['--json']);
    expect(r.code).toBe(0);
    expect(r.json.status).toBe('partial');
    expect(r.json.partial.join('\n')).toContain('refused the health_status field');
    expect(r.json.wabas.map((w: any) => w.phoneNumbers.length)).toEqual([6, 1, 1]);
    expect(r.json.wabas[0].phoneNumbers[0].health).toBeNull();
    expect(r.json.wabas[0].health).toBeNull();
  });

  it('v23.0 lists messaging_limit_tier', async () => {
    const r = await discover(['--json', '--graph-version', 'v23.0']);
    expect(r.json.wabas[0].phoneNumbers[0].messagingLimit).toBe('TIER_250');
    expect(emu.batchItems.map((i) => decodeURIComponent(i.relativeUrl)).join('\n')).not.toContain(
      'whatsapp_business_manager_messaging_limit',
    );
  });
});
