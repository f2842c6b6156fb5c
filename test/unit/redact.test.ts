// The redactor and the sanitiser: what a hostile Graph echo or name can look like, and what must come out.
import { describe, expect, it } from 'vitest';
import { makeRedactor, MIN_FRAGMENT, REDACTED, redactRelayed, scrub } from '../../src/graph/redact.js';
import { cleanJson, cleanText, MAX_JSON_DEPTH } from '../../src/core/untrusted.js';

const TOKEN = 'EAAFAKEfakeTOKEN0123456789abcdefghijklmnopQRSTUVWXYZ0123456789';
const SECRET = '0123456789abcdef0123456789abcdef';
const redact = makeRedactor([TOKEN, SECRET]);

const mangled: [string, string][] = [
  ['exact', TOKEN],
  ['split by a newline', `${TOKEN.slice(0, 20)}\n${TOKEN.slice(20)}`],
  ['split by CRLF and spaces', `${TOKEN.slice(0, 9)}\r\n  ${TOKEN.slice(9)}`],
  ['split by a zero-width space', `${TOKEN.slice(0, 12)}\u200b${TOKEN.slice(12)}`],
  ['split by a BOM and a soft hyphen', `${TOKEN.slice(0, 30)}\ufeff\u00ad${TOKEN.slice(30)}`],
  ['split by an ANSI colour', `${TOKEN.slice(0, 5)}\u001b[31;1m${TOKEN.slice(5)}\u001b[0m`],
  ['split by an OSC title', `${TOKEN.slice(0, 25)}\u001b]0;hi\u0007${TOKEN.slice(25)}`],
  ['cut short (head)', TOKEN.slice(0, MIN_FRAGMENT)],
  ['cut short (middle)', TOKEN.slice(17, 17 + MIN_FRAGMENT + 3)],
  ['base64', Buffer.from(TOKEN).toString('base64')],
  ['base64url', Buffer.from(TOKEN).toString('base64url')],
  ['base64 inside a larger value', Buffer.from(`Bearer ${TOKEN}`).toString('base64')],
  ['base64url at another alignment', Buffer.from(`xy${TOKEN}`).toString('base64url')],
  ['URL-encoded', encodeURIComponent(TOKEN)],
  ['hex secret upper-cased', SECRET.toUpperCase()],
  ['hex secret mixed case', 'aBcDeF'.length ? SECRET.replace(/[a-f]/g, (c, i: number) => (i % 2 ? c.toUpperCase() : c)) : ''],
  ['hex secret base64', Buffer.from(SECRET).toString('base64')],
];

describe('redactor', () => {
  it.each(mangled)('redacts the token %s', (_name, echo) => {
    const out = redact(`Invalid OAuth access token - Cannot parse access token: "${echo}" (#190)`);
    expect(out).toContain(REDACTED);
    expect(out).toMatch(/^Invalid OAuth access token - Cannot parse access token: "/);
    expect(out).toMatch(/" \(#190\)$/);
    for (let i = 0; i + MIN_FRAGMENT <= TOKEN.length; i++)
      expect(out.toLowerCase()).not.toContain(TOKEN.slice(i, i + MIN_FRAGMENT).toLowerCase());
    expect(out.toLowerCase()).not.toContain(SECRET);
  });

  it('keeps text that holds no secret as it is', () => {
    const text = 'Unsupported get request. Object with ID 2000000000000001 does not exist (fbtrace_id AbCdEf123)';
    expect(redact(text)).toBe(text);
    expect(redactRelayed(redact, text)).toBe(text);
  });

  it('leaves short common fragments alone (fewer than MIN_FRAGMENT characters)', () => {
    expect(redact(`prefix ${TOKEN.slice(0, MIN_FRAGMENT - 2)} end`)).not.toContain(REDACTED);
  });

  it('cuts opaque runs in relayed text (an unknown secret), not words or IDs', () => {
    const other = 'ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
    const out = redactRelayed(redact, `token ${other} for 123456789012345 in https://developers.facebook.com/docs/graph-api`);
    expect(out).not.toContain(other);
    expect(out).toContain('123456789012345');
    expect(out).toContain('developers.facebook.com/docs/graph-api');
  });

  it('indexes a fleet of 10,000 secrets and still redacts each', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `EAAfleet${String(i).padStart(6, '0')}fakefakefakefake${i}`);
    const r = makeRedactor(many);
    expect(r(`echo ${many[4321]!.toUpperCase()} end`)).toBe(`echo ${REDACTED} end`);
    expect(r('nothing here')).toBe('nothing here');
  });

  it('scrub redacts every string of a report', () => {
    const report = { checks: [{ message: `said ${TOKEN}` }], token: { application: 'ok' } };
    expect(scrub(report, [TOKEN])).toEqual({ checks: [{ message: `said ${REDACTED}` }], token: { application: 'ok' } });
  });
});

describe('cleanText: Graph-supplied text is data', () => {
  it.each([
    ['a newline and ::add-mask::', 'Shop\n::add-mask::secret', /^Shop : :add-mask: :secret$/],
    ['::set-output inline', 'x ::set-output name=ok::true', /^x : :set-output name=ok: :true$/],
    ['legacy ##[error] mid-line', 'name ##[error]forged', /^name # #\[error\]forged$/],
    ['legacy ##[add-mask]', '##[add-mask]x', /^# #\[add-mask\]x$/],
    ['an ANSI erase-line and colour', 'ok\u001b[2K\u001b[1G\u001b[32mPASS\u001b[0m', /^okPASS$/],
    ['an OSC 8 hyperlink and OSC title', '\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\\u001b]0;t\u0007', /^click$/],
    ['C1 CSI', 'a\u009b31mb', /^ab$/],
    ['bidi override and zero-width', 'abc\u202edef\u200bghi', /^abcdefghi$/],
    ['carriage return overwrite', 'FAIL\rPASS', /^FAIL PASS$/],
  ])('%s', (_name, input, want) => {
    const out = cleanText(input);
    expect(out).toMatch(want);
     
    expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f]|::|##\[/);
    expect(cleanText(out)).toBe(out);
  });

  it('cleans keys and values at any depth, and cuts what nests too deep', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < MAX_JSON_DEPTH + 5; i++) deep = [deep];
    const out = cleanJson({ 'na\nme': ['::warning::x'], deep }) as Record<string, unknown>;
    expect(Object.keys(out)).toContain('na me');
    expect(out['na me']).toEqual([': :warning: :x']);
    expect(JSON.stringify(out.deep)).toContain('null');
  });
});
