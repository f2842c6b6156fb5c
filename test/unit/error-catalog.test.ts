import { describe, expect, it } from 'vitest';
import {
  allErrors,
  describeGraphError,
  entryByKey,
  errorKey,
  FAMILY_LABELS,
  isRetryable,
  lookupError,
  parseErrorKey,
  TOKEN_PROBLEM_STEPS,
} from '../../src/core/error-catalog.js';

const TRANSIENT = [1, 2, 131000, 131016];
const RATE_LIMIT = [4, 17, 32, 613, 80007, 80008, 130429, 131048, 131056];
const REQUIRED = [
  '0',
  '3',
  '10',
  '102',
  '190',
  '190.458',
  '190.459',
  '190.460',
  '190.463',
  '190.464',
  '190.467',
  '190.492',
  '200',
  '200-299',
  '4',
  '17',
  '32',
  '613',
  '80007',
  '80008',
  '130429',
  '131048',
  '131056',
  '1',
  '2',
  '131000',
  '131016',
  '100',
  '100.33',
  '131026',
  '131047',
  '131049',
  '131051',
  '132000',
  '132001',
  '132005',
  '132007',
  '132012',
  '132015',
  '132016',
  '132068',
  '132069',
  '133000',
  '133004',
  '133005',
  '133006',
  '133008',
  '133009',
  '133010',
  '133015',
  '133016',
  '368',
  '130497',
  '131031',
  '131005',
  '131008',
  '131009',
  '131021',
  '131037',
  '131042',
  '131045',
  '131052',
  '131053',
  '135000',
];

describe('error table', () => {
  it('covers every code the project relies on', () => {
    const keys = new Set(allErrors().map((e) => e.key));
    for (const k of REQUIRED) expect(keys, k).toContain(k);
  });

  it('has unique keys that match code and subcode', () => {
    const entries = allErrors();
    expect(new Set(entries.map((e) => e.key)).size).toBe(entries.length);
    for (const e of entries) {
      if (e.range) expect(e.key).toBe(`${e.range[0]}-${e.range[1]}`);
      else expect(e.key).toBe(errorKey(e.code, e.subcode));
    }
  });

  it.each(allErrors().map((e) => [e.key, e] as const))('%s is complete and consistent', (_key, e) => {
    expect(e.name.length).toBeGreaterThan(2);
    expect(e.meaning).toMatch(/^[A-Z].*\.$/);
    expect(e.actions.length).toBeGreaterThan(0);
    for (const a of e.actions) expect(a).toMatch(/[.?)]$/);
    expect(FAMILY_LABELS[e.family]).toBeDefined();
    expect(e.source).toMatch(/^https:\/\/developers\.facebook\.com\//);
    if (e.retry === 'never') expect(e.retryHint).toBeUndefined();
    else expect(e.retryHint).toBeTruthy();
    if (e.family === 'auth') expect(e.tokenProblem).toBe(true);
    if (e.tokenProblem) {
      expect(e.retry).toBe('never');
      expect(e.actions.slice(-TOKEN_PROBLEM_STEPS.length)).toEqual(TOKEN_PROBLEM_STEPS);
    } else {
      expect(e.actions.join(' ')).not.toContain('Access Token Debugger');
    }
    if (e.httpStatus !== undefined) expect([400, 401, 403, 404, 429, 500, 503]).toContain(e.httpStatus);
  });

  it('token steps follow the troubleshooting guide', () => {
    const text = TOKEN_PROBLEM_STEPS.join(' ');
    expect(text).toContain('wa-token-audit');
    expect(text).toContain('Access Token Debugger');
    expect(text).toContain('whatsapp_business_management');
    expect(text).toContain('whatsapp_business_messaging');
    expect(text).toMatch(/generate a new token for the Meta app/);
  });

  it('classifies retries as documented', () => {
    for (const code of TRANSIENT) expect(lookupError(code)?.retry, String(code)).toBe('transient');
    for (const code of RATE_LIMIT) expect(lookupError(code)?.retry, String(code)).toBe('rate-limit');
    for (const code of [0, 3, 10, 100, 190, 200, 368, 131026, 132000, 133010]) {
      expect(lookupError(code)?.retry, String(code)).toBe('never');
      expect(isRetryable(lookupError(code))).toBe(false);
    }
    expect(isRetryable(lookupError(2))).toBe(true);
    expect(isRetryable(undefined)).toBe(false);
  });

  it('says code 2 means up to 5 minutes of downtime', () => {
    expect(lookupError(2)?.retryHint).toBe(
      'the API may be down for up to 5 minutes while Meta updates it: wait 5 minutes and retry',
    );
  });

  it('says 131048 is a rate limit that does not clear quickly', () => {
    expect(lookupError(131048)?.retryHint).toMatch(/^not quickly/);
  });

  it('marks the auth family, and 100.33, as token problems', () => {
    for (const k of ['0', '3', '10', '102', '190', '190.463', '200', '200-299', '131005', '100.33']) {
      expect(entryByKey(k)?.tokenProblem, k).toBe(true);
    }
    for (const k of ['1', '2', '4', '100', '131026', '132001', '368'])
      expect(entryByKey(k)?.tokenProblem, k).toBe(false);
  });

  it('describes 100.33 in the words Graph uses for it', () => {
    expect(lookupError(100, 33)?.meaning).toMatch(
      /does not exist or cannot be loaded due to missing permissions/,
    );
  });
});

describe('errorKey', () => {
  it('joins code and subcode with a dot', () => {
    expect(errorKey(190, 463)).toBe('190.463');
    expect(errorKey(190)).toBe('190');
    expect(errorKey(0)).toBe('0');
  });
});

describe('lookupError fallbacks', () => {
  it('finds the subcode entry first', () => {
    expect(lookupError(190, 463)?.key).toBe('190.463');
    expect(lookupError(100, 33)?.key).toBe('100.33');
  });
  it('falls back to the code when the subcode is unknown', () => {
    expect(lookupError(190, 999)?.key).toBe('190');
    expect(lookupError(100, 2018001)?.key).toBe('100');
    expect(lookupError(2, 7)?.key).toBe('2');
  });
  it('falls back to the 200-299 range', () => {
    expect(lookupError(250)?.key).toBe('200-299');
    expect(lookupError(299, 5)?.key).toBe('200-299');
    expect(lookupError(200)?.key).toBe('200');
    expect(lookupError(200, 1)?.key).toBe('200');
  });
  it('returns undefined for unknown codes, and outside the range', () => {
    expect(lookupError(199)).toBeUndefined();
    expect(lookupError(300)).toBeUndefined();
    expect(lookupError(999999)).toBeUndefined();
  });
  it('entryByKey has no fallbacks', () => {
    expect(entryByKey('190.999')).toBeUndefined();
    expect(entryByKey('200-299')?.range).toEqual([200, 299]);
  });
});

describe('parseErrorKey', () => {
  it.each([
    ['190', { code: 190 }],
    ['190.463', { code: 190, subcode: 463 }],
    ['#190', { code: 190 }],
    ['(#100)', { code: 100 }],
    ['(#100.33)', { code: 100, subcode: 33 }],
    ['#190.463', { code: 190, subcode: 463 }],
    ['  131056 ', { code: 131056 }],
    ['0', { code: 0 }],
  ])('reads %j', (input, expected) => {
    expect(parseErrorKey(input)).toEqual(expected);
  });

  it.each([
    '',
    'abc',
    '190.',
    '.463',
    '190.463.1',
    '-1',
    '+190',
    '(#100',
    '#100)',
    '(100)',
    '1e3',
    '1234567890',
    '200-299',
    '190 463',
    '##190',
  ])('rejects %j', (input) => {
    expect(parseErrorKey(input)).toBeUndefined();
  });
});

describe('describeGraphError', () => {
  it('prints the documented one-line form', () => {
    expect(describeGraphError({ code: 190, subcode: 463 })).toBe(
      'Graph error 190.463 (Token Expired): The access token has expired.',
    );
  });

  it('keeps the real key when it falls back to the code or the range', () => {
    expect(describeGraphError({ code: 190, subcode: 999 })).toBe(
      `Graph error 190.999 (Access Token Invalid): ${lookupError(190)?.meaning}`,
    );
    expect(describeGraphError({ code: 250 })).toMatch(/^Graph error 250 \(API Permission\): /);
  });

  it('handles unknown and missing codes', () => {
    expect(describeGraphError({ code: 424242 })).toBe(
      "Graph error 424242: not in wa-token-audit's error table.",
    );
    expect(describeGraphError({})).toBe('Graph error without a code: Graph gave no usable reason.');
    expect(describeGraphError({ code: Number.NaN })).toBe(
      'Graph error without a code: Graph gave no usable reason.',
    );
  });

  it.each(
    allErrors()
      .filter((e) => !e.range)
      .map((e) => [e.key, e] as const),
  )('describes %s from the table', (key, e) => {
    const line = describeGraphError({ code: e.code, subcode: e.subcode });
    expect(line).toBe(`Graph error ${key} (${e.name}): ${e.meaning}`);
    expect(line).not.toContain('\n');
  });

  it('never echoes the raw Graph message without redact', () => {
    const secret = 'EAAGm0PX4ZCpsBAKxyzSECRET';
    const message = `Error validating access token: ${secret} has expired`;
    for (const err of [{ code: 190, subcode: 463, message }, { code: 424242, message }, { message }]) {
      const line = describeGraphError(err);
      expect(line).not.toContain(secret);
      expect(line).not.toContain('Error validating');
    }
  });

  it('includes the message only as redact returns it, on one line', () => {
    const secret = 'EAAGm0PX4ZCpsBAKxyzSECRET';
    const redact = (m: string) => m.replaceAll(secret, '[REDACTED]');
    const line = describeGraphError(
      { code: 190, subcode: 463, message: `Session of ${secret}\nhas expired` },
      redact,
    );
    expect(line).toBe(
      'Graph error 190.463 (Token Expired): The access token has expired. Graph said: "Session of [REDACTED] has expired"',
    );
    expect(line).not.toContain(secret);
  });

  it('shortens a long redacted message and drops an empty one', () => {
    const long = describeGraphError({ code: 1, message: 'x'.repeat(1000) }, (m) => m);
    expect(long.length).toBeLessThan(400);
    expect(long.endsWith('…"')).toBe(true);
    expect(describeGraphError({ code: 1, message: 'secret' }, () => '   ')).toBe(
      describeGraphError({ code: 1 }),
    );
  });
});
