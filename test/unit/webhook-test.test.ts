// webhook-test's pure parts: the payload's bytes, its signature, the judges, and the JUnit renderer.
import { createHmac } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { makeRedactor } from '../../src/graph/redact.js';
import { renderJUnit } from '../../src/report/junit.js';
import type { Exchange } from '../../src/webhook-test/http.js';
import { handshakeCheck, type JudgeContext, signedAcceptedCheck, unsignedRefusedCheck } from '../../src/webhook-test/judge.js';
import { forgedSignature, hubSignature, TEST_MESSAGE_ID, testPayload } from '../../src/webhook-test/payload.js';

describe('the signed payload', () => {
  const p = testPayload(1764620000);

  it("is Meta's status-notification shape for a message that cannot exist", () => {
    const o = JSON.parse(p);
    expect(o).toMatchObject({ object: 'whatsapp_business_account', entry: [{ changes: [{ field: 'messages' }] }] });
    const status = o.entry[0].changes[0].value.statuses[0];
    expect(status).toMatchObject({ id: TEST_MESSAGE_ID, status: 'delivered', timestamp: '1764620000' });
    expect(status.biz_opaque_callback_data).toContain('café naïve 🚀 https://example.invalid/tést · Grüße 日本 😀');
  });

  it('changes its bytes under every usual re-serialisation', () => {
    const o = JSON.parse(p);
    const compact = JSON.stringify(o);
    const pretty = JSON.stringify(o, null, 2);
    // Python's json.dumps default: ", " and ": " separators, non-ASCII escaped.
    const asciiOnly = compact.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const phpLike = asciiOnly.replace(/\//g, '\\/');
    for (const again of [compact, pretty, asciiOnly, phpLike, `${compact}\n`]) expect(again).not.toBe(p);
  });

  it('is signed as sha256= and the hex HMAC-SHA256 of its exact bytes', () => {
    const expected = createHmac('sha256', 'fake-secret').update(Buffer.from(p, 'utf8')).digest('hex');
    expect(hubSignature(p, 'fake-secret')).toBe(`sha256=${expected}`);
    const forged = forgedSignature(p);
    expect(forged).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(forged).not.toBe(hubSignature(p, 'fake-secret'));
  });
});

describe('judges', () => {
  const ctx: JudgeContext = {
    base: new URL('https://example.com/webhook'),
    redact: makeRedactor(['fake-verify-token-123']),
    timeoutMs: 5000,
    verifyTokenName: '$WHATSAPP_VERIFY_TOKEN',
    appSecretName: '$WHATSAPP_APP_SECRET',
  };
  const answer = (status: number, body = '', headers: Record<string, string> = {}): Exchange => ({
    kind: 'answer',
    status,
    body,
    headers,
    ms: 10,
  });

  it.each([
    [answer(200, '123'), 'pass'],
    [answer(200, '123\n'), 'warn'],
    [answer(200, '"123"'), 'fail'],
    [answer(200, '{"challenge":"123"}'), 'fail'],
    [answer(403), 'fail'],
    [answer(404), 'fail'],
    [answer(302, '', { location: '/other?hub.verify_token=fake-verify-token-123' }), 'fail'],
    [{ kind: 'timeout', ms: 5000 } as Exchange, 'fail'],
  ])('handshake %#: %s', (x, status) => {
    const c = handshakeCheck(x, '123', ctx);
    expect(c.status).toBe(status);
    expect(c.message).not.toContain('fake-verify-token-123');
  });

  it('untrusted answers never reach the report raw', () => {
    const c = handshakeCheck(answer(200, '\u001b[31mhello\u202e fake-verify-token-123'), '123', ctx);
    expect(c.message).toContain('"[31mhello [redacted]"');
    expect(c.message).not.toMatch(/[\u0000-\u001f\u202e]/);
  });

  it('a refusal check never passes on a redirect or no answer', () => {
    expect(unsignedRefusedCheck(answer(301, '', { location: 'https://example.com/x' }), ctx).status).toBe('warn');
    expect(unsignedRefusedCheck({ kind: 'network', code: 'ECONNRESET', ms: 1 }, ctx).status).toBe('warn');
    expect(unsignedRefusedCheck(answer(200), ctx).status).toBe('fail');
    expect(unsignedRefusedCheck(answer(401), ctx).status).toBe('pass');
  });

  it('signed: 2xx passes, 401 names re-serialisation, 404 asks to answer 200 to the unknown', () => {
    expect(signedAcceptedCheck(answer(204), ctx).status).toBe('pass');
    expect(signedAcceptedCheck(answer(401), ctx).message).toMatch(/re-serialised JSON/);
    expect(signedAcceptedCheck(answer(404), ctx).remediation?.join(' ')).toMatch(/Answer 200 to every correctly signed/);
  });
});

describe('renderJUnit', () => {
  it('escapes markup, replaces characters XML cannot carry, counts by status', () => {
    const xml = renderJUnit([
      {
        name: 'suite <&> "q"',
        classname: 'wa-token-audit.webhook',
        checks: [
          { id: 'a.pass', status: 'pass', message: 'ok' },
          { id: 'a.fail', status: 'fail', message: 'bad <b>&amp;</b> "x" \u0007 \ud800', remediation: ['do ]]> this'] },
          { id: 'a.warn', status: 'warn', message: 'careful' },
          { id: 'a.skip', status: 'skip', message: 'not sent' },
        ],
        notJudged: 'proxy refused',
        timestamp: '2026-12-01T00:00:00.000Z',
      },
    ]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const suite = doc.testsuites.testsuite;
    expect(suite).toMatchObject({ name: 'suite <&> "q"', tests: '5', failures: '1', errors: '1', skipped: '1' });
    const byName = Object.fromEntries(suite.testcase.map((t: any) => [t.name, t]));
    expect(byName['a.fail'].failure.message).toBe('bad <b>&amp;</b> "x" \ufffd \ufffd');
    expect(byName['a.fail'].failure['#text']).toContain('-> do ]]> this');
    expect(byName['a.warn']['system-out']).toBe('warning: careful');
    // The Jenkins JUnit schema gives <skipped> text content, no attributes.
    expect(byName['a.skip'].skipped).toBe('not sent');
    expect(byName['not-judged'].error.message).toBe('proxy refused');
  });
});
