import { describe, expect, it } from 'vitest';
import { allErrors, describeGraphError, lookupError } from '../../src/core/error-catalog.js';
import { evaluate } from '../../src/core/evaluate.js';
import { readPolicy } from '../../src/core/policy.js';
import { classifyNetworkError, describeFailure, parseEnvelope } from '../../src/graph/errors.js';
import { classifyGraphError, retryAfterMs } from '../../src/graph/retry.js';
import { appAccessToken, appSecretProof } from '../../src/graph/proof.js';
import { makeRedactor } from '../../src/graph/redact.js';

const keep = (s: string) => s;

describe('Graph error envelope', () => {
  it('reads code, subcode, type, transient flag and trace id', () => {
    const e = parseEnvelope(
      {
        error: {
          message: 'm',
          type: 'OAuthException',
          code: 190,
          error_subcode: 463,
          is_transient: false,
          fbtrace_id: 'T',
        },
      },
      keep,
    );
    expect(e).toEqual({
      code: 190,
      subcode: 463,
      type: 'OAuthException',
      message: 'm',
      isTransient: false,
      fbtraceId: 'T',
    });
  });

  it('is not an envelope without a numeric code', () => {
    expect(parseEnvelope({ error: { message: 'x' } }, keep)).toBeUndefined();
    expect(parseEnvelope([1], keep)).toBeUndefined();
  });

  it('redacts secrets Graph echoes in its message', () => {
    const e = parseEnvelope(
      { error: { code: 100, message: 'bad input_token FAKE-token-value-123' } },
      makeRedactor(['FAKE-token-value-123']),
    );
    expect(e?.message).toBe('bad input_token [redacted]');
  });
});

describe('classification', () => {
  const env = (code: number, extra: object = {}) => ({ code, message: '', ...extra });
  it.each([1, 2])('code %i is transient', (code) =>
    expect(classifyGraphError(500, env(code))).toBe('transient'),
  );
  it.each([4, 17, 32, 613, 80007, 80008])('code %i is a rate limit', (code) =>
    expect(classifyGraphError(400, env(code))).toBe('rate-limit'),
  );
  it.each([190, 10, 100, 200, 250, 299])('code %i is permanent', (code) =>
    expect(classifyGraphError(400, env(code))).toBe('never'),
  );
  it('an unknown code marked is_transient is retried', () => {
    expect(classifyGraphError(400, env(987654, { isTransient: true }))).toBe('transient');
    expect(classifyGraphError(400, env(987654))).toBe('never');
  });
  it('an unknown code on a 5xx is retried', () =>
    expect(classifyGraphError(503, env(987654))).toBe('transient'));

  it.each([
    ['ECONNRESET', 'transient'],
    ['ECONNREFUSED', 'transient'],
    ['UND_ERR_HEADERS_TIMEOUT', 'transient'],
    ['UND_ERR_BODY_TIMEOUT', 'transient'],
    ['UND_ERR_SOCKET', 'transient'],
    ['ENOTFOUND', 'never'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'never'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'never'],
  ])('network error %s is %s (keyed on the code, not the class)', (code, retry) => {
    const f = classifyNetworkError(Object.assign(new Error('x'), { code }));
    expect(f).toMatchObject({ kind: 'network', code, retry });
  });

  it('finds the code in the cause chain and names TLS failures', () => {
    const f = classifyNetworkError(
      new TypeError('fetch failed', {
        cause: Object.assign(new Error('self-signed'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }),
      }),
    );
    expect(f).toMatchObject({ code: 'SELF_SIGNED_CERT_IN_CHAIN', retry: 'never' });
    if (f.kind === 'network') expect(f.detail).toMatch(/TLS verification failed/);
  });

  it('a proxy refusing the tunnel is permanent and names HTTPS_PROXY', () => {
    const f = classifyNetworkError(
      Object.assign(new Error('Proxy response (403) !== 200 when HTTP Tunneling'), {
        code: 'UND_ERR_ABORTED',
      }),
    );
    expect(f).toMatchObject({ code: 'PROXY_REFUSED', retry: 'never' });
    if (f.kind === 'network') expect(f.detail).toMatch(/HTTP 403.*HTTPS_PROXY/);
  });
});

describe('rate-limit waits', () => {
  it('honours Retry-After in seconds', () => expect(retryAfterMs({ 'retry-after': '3' })).toBe(3000));
  it('reads estimated_time_to_regain_access in minutes from the BUC header', () => {
    const buc = JSON.stringify({
      '123': [{ type: 'whatsapp_business_management', call_count: 100, estimated_time_to_regain_access: 2 }],
    });
    expect(retryAfterMs({ 'x-business-use-case-usage': buc })).toBe(120_000);
  });
  it('is undefined without hints, and ignores a malformed header', () => {
    expect(retryAfterMs({})).toBeUndefined();
    expect(retryAfterMs({ 'x-business-use-case-usage': '{not json' })).toBeUndefined();
  });
});

describe('appsecret_proof', () => {
  it('is the hex HMAC-SHA256 of the access token keyed by the secret', () => {
    // Reference value computed independently: printf %s 'tok' | openssl dgst -sha256 -hmac 'sec'
    expect(appSecretProof('tok', 'sec')).toBe(
      'b13512356d1403d2449aa2e7369214f0459f0d3c08cb742b0aff4fe57aae36f5',
    );
    expect(appSecretProof('tok', 'sec')).not.toBe(appSecretProof('tok', 'other'));
    expect(appAccessToken('1', 's')).toBe('1|s');
  });
});

describe('redactor', () => {
  it('removes raw, URL-encoded and form-encoded forms, longest first', () => {
    const secret = '123|FAKE secret/+';
    const r = makeRedactor([secret, '123']);
    const text = `a ${secret} b ${encodeURIComponent(secret)} c ${new URLSearchParams({ x: secret }).toString().slice(2)}`;
    expect(r(text)).toBe('a [redacted] b [redacted] c [redacted]');
  });
});

describe('redactor over a fleet of secrets', () => {
  it('finds any of 10,000 secrets, in every form, and leaves the rest of the text alone', () => {
    const secrets = Array.from({ length: 10_000 }, (_, i) => `FAKE-fleet-token-${i.toString(36)}|x`);
    const r = makeRedactor([...secrets, 'abc|5']);
    const pick = secrets[7777]!;
    const text = `a ${pick} b ${encodeURIComponent(secrets[42]!)} c abc|5 d FAKE-fleet-token-zzzzzz e`;
    expect(r(text)).toBe('a [redacted] b [redacted] c [redacted] d FAKE-fleet-token-zzzzzz e');
  });

  it('prefers the longest secret when two start alike', () => {
    const r = makeRedactor(['FAKE-prefix-0001', 'FAKE-prefix-0001-longer']);
    expect(r('x FAKE-prefix-0001-longer y FAKE-prefix-0001 z')).toBe('x [redacted] y [redacted] z');
  });
});

describe("the auditor's words for a Graph error come from the catalog", () => {
  const families = [...new Set(allErrors().map((e) => e.family))];
  it.each(families)('family %s: the Graph client describes an error with its catalog entry', (family) => {
    const entry = allErrors().find((e) => e.family === family && !e.range)!;
    const line = describeFailure({
      kind: 'graph',
      status: 400,
      error: { code: entry.code, ...(entry.subcode === undefined ? {} : { subcode: entry.subcode }), message: '' },
      retry: entry.retry,
    });
    expect(line).toContain(`Graph error ${entry.key} (${entry.name}): ${entry.meaning}`);
    expect(line).toBe(`${describeGraphError({ code: entry.code, subcode: entry.subcode })} [HTTP 400]`);
  });

  it('a dead token in debug_token data is worded by the same entry', () => {
    const entry = lookupError(190, 460)!;
    const report = evaluate(
      { inspection: { kind: 'data', data: { is_valid: false, app_id: '1', scopes: [], error: { code: 190, subcode: 460 } } } },
      readPolicy({ appId: '1' }),
      new Date(),
    );
    expect(report.checks[0]!.message).toContain(`${entry.name}): ${entry.meaning}`);
  });
});
