// `wa-token-audit webhook-test` through the bundled CLI, against the local endpoints in test/webhook/: each
// endpoint ends in the verdict a user needs to see, with the exit code, and no secret in any output.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startRefusingProxy } from '../emulator/proxy.js';
import { runCli, withJson } from '../helpers/cli.js';
import { expectNoSecrets } from '../helpers/secrets.js';
import {
  APP_SECRET,
  type Endpoints,
  SLOW_MS,
  startEndpoints,
  startSilentServer,
  VERIFY_TOKEN,
} from '../webhook/endpoints.js';
import { TEST_MESSAGE_ID, testPayload } from '../../src/webhook-test/payload.js';

const CERT = fileURLToPath(new URL('../emulator/certs/cert.pem', import.meta.url));
const ENV = { WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN, WHATSAPP_APP_SECRET: APP_SECRET };

let ep: Endpoints;
beforeAll(async () => {
  ep = await startEndpoints();
});
afterAll(() => ep.close());
beforeEach(() => ep.reset());

async function webhookTest(args: string[], env: Record<string, string | undefined> = ENV) {
  const r = withJson(await runCli(['webhook-test', ...args], { env }));
  expectNoSecrets(
    { stdout: r.stdout, stderr: r.stderr },
    { token: VERIFY_TOKEN, appId: '0', appSecret: APP_SECRET },
  );
  return r;
}

/** check id -> status, from the JSON report. */
function statuses(json: any): Record<string, string> {
  return Object.fromEntries(json.checks.map((c: any) => [c.id, c.status]));
}

const ALL_PASS_OVER_HTTP = {
  'webhook.tls': 'skip',
  'webhook.handshake': 'pass',
  'webhook.handshake-refuses': 'pass',
  'webhook.unsigned-refused': 'pass',
  'webhook.forged-refused': 'pass',
  'webhook.signed-accepted': 'pass',
};

describe('[dist] webhook-test: each endpoint ends in its verdict', () => {
  it('a correct endpoint passes every check (exit 0), and is sent exactly what Meta would send', async () => {
    const r = await webhookTest([`${ep.url}/correct`, '--json']);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ schemaVersion: 1, kind: 'webhook-test', verdict: 'pass', ok: true, url: `${ep.url}/correct` });
    expect(statuses(r.json)).toEqual(ALL_PASS_OVER_HTTP);
    const [get, wrong, unsigned, forged, signed] = ep.requests;
    expect(get!.method).toBe('GET');
    expect(get!.query.get('hub.mode')).toBe('subscribe');
    expect(get!.query.get('hub.verify_token')).toBe(VERIFY_TOKEN);
    expect(get!.query.get('hub.challenge')).toMatch(/^\d{16}$/);
    expect(wrong!.query.get('hub.verify_token')).not.toBe(VERIFY_TOKEN);
    expect(unsigned!.headers['x-hub-signature-256']).toBeUndefined();
    expect(forged!.headers['x-hub-signature-256']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(signed!.headers['x-hub-signature-256']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(signed!.headers['content-type']).toBe('application/json');
    // The delivery: Meta's status-notification shape, a message that cannot exist, bytes re-serialisation changes.
    const text = signed!.body.toString('utf8');
    const parsed = JSON.parse(text);
    expect(parsed.object).toBe('whatsapp_business_account');
    expect(parsed.entry[0].changes[0].field).toBe('messages');
    expect(parsed.entry[0].changes[0].value.statuses[0]).toMatchObject({ id: TEST_MESSAGE_ID, status: 'delivered' });
    expect(JSON.stringify(parsed)).not.toBe(text.trimEnd());
    expect(text).toContain('\\u00e9');
    expect(text).toContain('\\/');
    expect(text).toContain('😀');
    // The app secret never leaves the machine: only its signature does.
    for (const r2 of ep.requests) expect(`${r2.query}${JSON.stringify(r2.headers)}${r2.body}`).not.toContain(APP_SECRET);
  });

  it('an endpoint that does not echo the challenge fails webhook.handshake (exit 1)', async () => {
    const r = await webhookTest([`${ep.url}/no-echo`, '--json']);
    expect(r.code).toBe(1);
    expect(statuses(r.json)).toEqual({ ...ALL_PASS_OVER_HTTP, 'webhook.handshake': 'fail' });
    expect(r.json.checks[1].message).toMatch(/did not echo hub\.challenge \(it answered "OK"\)/);
  });

  it('an endpoint that accepts unsigned POSTs fails webhook.unsigned-refused, loudly', async () => {
    const r = await webhookTest([`${ep.url}/accepts-unsigned`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✖ FAIL\s+webhook\.unsigned-refused\s+ACCEPTED a POST without X-Hub-Signature-256 \(HTTP 200\): anyone/);
    expect(r.stdout).toMatch(/✔ pass\s+webhook\.forged-refused/);
    expect(r.stdout).toMatch(/✔ pass\s+webhook\.signed-accepted/);
  });

  it('an endpoint that fails open without a raw body accepts unsigned and forged POSTs', async () => {
    const r = await webhookTest([`${ep.url}/fail-open`, '--json']);
    expect(r.code).toBe(1);
    expect(statuses(r.json)).toEqual({
      ...ALL_PASS_OVER_HTTP,
      'webhook.unsigned-refused': 'fail',
      'webhook.forged-refused': 'fail',
    });
    const forged = r.json.checks.find((c: any) => c.id === 'webhook.forged-refused');
    expect(forged.remediation.join(' ')).toMatch(/raw body is not available .* refuse the request/);
  });

  it('an endpoint that verifies over re-serialised JSON refuses the real, signed delivery', async () => {
    const r = await webhookTest([`${ep.url}/reserialised`, '--json']);
    expect(r.code).toBe(1);
    expect(statuses(r.json)).toEqual({ ...ALL_PASS_OVER_HTTP, 'webhook.signed-accepted': 'fail' });
    const signed = r.json.checks.find((c: any) => c.id === 'webhook.signed-accepted');
    expect(signed.message).toMatch(/REFUSED a correctly signed notification \(HTTP 401\).*re-serialised JSON/);
  });

  it('a redirecting endpoint is not followed: the report says where it pointed, without the verify token', async () => {
    const r = await webhookTest([`${ep.url}/redirect`, '--json']);
    expect(r.code).toBe(1);
    expect(statuses(r.json)).toEqual({
      'webhook.tls': 'skip',
      'webhook.handshake': 'fail',
      'webhook.handshake-refuses': 'warn',
      'webhook.unsigned-refused': 'warn',
      'webhook.forged-refused': 'warn',
      'webhook.signed-accepted': 'fail',
    });
    expect(r.json.checks[1].message).toBe(
      `Answered the verification request with HTTP 301 redirecting to ${ep.url}/correct?… (redirects are not followed).`,
    );
    // Not followed: only /redirect was ever asked, once per check.
    expect(ep.requests.map((q) => q.variant)).toEqual(Array(5).fill('redirect'));
  });

  it('a slow endpoint fails webhook.signed-accepted; the request is cut at the time limit', async () => {
    // 4 s: room for the five fast checks to answer on a busy machine, and still well before the endpoint would.
    const r = await webhookTest([`${ep.url}/slow`, '--timeout', '4000', '--json']);
    expect(r.code).toBe(1);
    expect(statuses(r.json)).toEqual({ ...ALL_PASS_OVER_HTTP, 'webhook.signed-accepted': 'fail' });
    expect(r.json.checks[5].message).toMatch(/no answer within 4 s/);
    // The endpoint's own clock: the client hung up after the limit, long before the endpoint would have answered.
    const signed = ep.requests[4]!;
    expect(signed.answeredAt).toBeUndefined();
    expect(signed.closedAt).toBeDefined();
    const heldMs = signed.closedAt! - signed.arrivedAt;
    expect(heldMs).toBeGreaterThanOrEqual(3900);
    expect(heldMs).toBeLessThan(SLOW_MS);
  });

  it('a TLS endpoint that never completes its handshake is cut at the time limit too (connection phase)', async () => {
    const silent = await startSilentServer();
    try {
      const r = await webhookTest([silent.url, '--timeout', '500', '--json']);
      expect(r.code).toBe(1);
      expect(statuses(r.json)).toMatchObject({ 'webhook.tls': 'skip', 'webhook.handshake': 'fail' });
      expect(r.json.checks[1].message).toMatch(/no answer within 0\.5 s/);
      expect(silent.connections).toHaveLength(1);
      const c = silent.connections[0]!;
      await vi.waitFor(() => expect(c.closedAt).toBeDefined());
      expect(c.closedAt! - c.openedAt).toBeLessThan(SLOW_MS);
    } finally {
      await silent.close();
    }
  });
});

describe('[dist] webhook-test: TLS', () => {
  let tls: Endpoints;
  beforeAll(async () => {
    tls = await startEndpoints({ tls: true });
  });
  afterAll(() => tls.close());

  it('a self-signed certificate fails webhook.tls with the fix, and nothing is sent', async () => {
    const r = await webhookTest([`${tls.url}/correct`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✖ FAIL\s+webhook\.tls\s+HTTPS to 127\.0\.0\.1:\d+ is not trusted: the certificate is self-signed/);
    expect(r.stdout).toMatch(/-> Serve a certificate from a public certificate authority/);
    expect(r.stdout).toMatch(/- skip\s+webhook\.handshake\s+Not sent: the TLS connection was not trusted/);
    expect(tls.requests).toHaveLength(0);
  });

  it('a certificate the client trusts passes webhook.tls (the test CA is trusted by this one child process only)', async () => {
    const r = await webhookTest([`${tls.url}/correct`, '--json'], { ...ENV, NODE_EXTRA_CA_CERTS: CERT });
    expect(r.code).toBe(0);
    expect(statuses(r.json)).toEqual({ ...ALL_PASS_OVER_HTTP, 'webhook.tls': 'pass' });
  });

  it('plain HTTP to a host that is not loopback fails webhook.tls and sends nothing', async () => {
    const r = await webhookTest(['http://webhook.example.invalid/hook', '--json']);
    expect(r.code).toBe(1);
    expect(r.json.checks[0]).toMatchObject({ id: 'webhook.tls', status: 'fail' });
    expect(r.json.checks[0].message).toMatch(/plain HTTP .* Nothing was sent/);
    expect(r.json.checks.slice(1).every((c: any) => c.status === 'skip')).toBe(true);
  });
});

describe('[dist] webhook-test: outputs, dry run, usage', () => {
  it('--dry-run prints the requests with secrets masked, and sends nothing', async () => {
    const r = await webhookTest([`${ep.url}/correct`, '--dry-run']);
    expect(r.code).toBe(0);
    expect(ep.requests).toHaveLength(0);
    expect(r.stdout).toContain('hub.verify_token=***');
    expect(r.stdout).toContain('x-hub-signature-256: sha256=<HMAC-SHA256 of the body, keyed by the app secret from $WHATSAPP_APP_SECRET>');
    expect(r.stdout).toContain(`"id":"${TEST_MESSAGE_ID}"`);
    expect(r.stdout.match(/^(GET|POST) /gm)).toHaveLength(5);
    const json = withJson(await webhookTest([`${ep.url}/correct`, '--dry-run', '--json'])).json;
    expect(json.requests.map((q: any) => q.check)).toEqual([
      'webhook.handshake',
      'webhook.handshake-refuses',
      'webhook.unsigned-refused',
      'webhook.forged-refused',
      'webhook.signed-accepted',
    ]);
  });

  it('Markdown and JUnit carry the same verdicts', async () => {
    const md = await webhookTest([`${ep.url}/accepts-unsigned`, '--format', 'markdown']);
    expect(md.code).toBe(1);
    expect(md.stdout).toMatch(/^## WhatsApp webhook test: FAIL/);
    expect(md.stdout).toMatch(/\| ❌ \| `webhook.unsigned-refused` \| FAIL \|/);
    const junit = await webhookTest([`${ep.url}/accepts-unsigned`, '--format', 'junit']);
    expect(junit.code).toBe(1);
    expect(XMLValidator.validate(junit.stdout)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(junit.stdout);
    const suite = doc.testsuites.testsuite;
    expect(suite).toMatchObject({ tests: '6', failures: '1', errors: '0', skipped: '1' });
    const failed = suite.testcase.filter((t: any) => t.failure);
    expect(failed.map((t: any) => t.name)).toEqual(['webhook.unsigned-refused']);
  });

  it('without an app secret the signed delivery is skipped, said so', async () => {
    const r = await webhookTest([`${ep.url}/correct`, '--json'], { WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN });
    expect(r.code).toBe(0);
    expect(r.json.checks[5]).toMatchObject({ id: 'webhook.signed-accepted', status: 'skip' });
    expect(r.json.checks[5].message).toMatch(/no app secret \(\$WHATSAPP_APP_SECRET is empty\)/);
    expect(ep.requests).toHaveLength(4);
  });

  it('a refusing proxy means not judged (exit 3), never a verdict on the endpoint', async () => {
    const proxy = await startRefusingProxy();
    try {
      const r = await webhookTest([`${ep.url}/correct`, '--json'], { ...ENV, HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url });
      expect(r.code).toBe(3);
      expect(r.json).toMatchObject({ verdict: 'error', ok: false });
      expect(r.json.error.message).toMatch(/proxy refused/);
    } finally {
      await proxy.close();
    }
  });

  it.each([
    [['https://example.com/hook'], {}, /No verify token: set \$WHATSAPP_VERIFY_TOKEN/],
    [['https://example.com/hook', '--verify-token', 'x'], ENV, /--verify-token is not accepted/],
    [['ftp://example.com/hook'], ENV, /must be an https:\/\/ URL/],
    [['not a url'], ENV, /is not a URL/],
    [['https://example.com/hook', '--timeout', '50'], ENV, /--timeout: expected milliseconds/],
  ])('usage error %j: one line, exit 2', async (args, env, message) => {
    const r = await webhookTest(args as string[], env as Record<string, string>);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

it('README documents the exact payload the test posts', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const documented = testPayload(1).replace('"timestamp":"1"', '"timestamp":"<unix seconds>"').trimEnd();
  expect(readme).toContain(`\n${documented}\n`);
});
