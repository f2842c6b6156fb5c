import { describe, expect, it } from 'vitest';
import {
  allErrors,
  type ErrorEntry,
  FAMILY_LABELS,
  TOKEN_PROBLEM_STEPS,
} from '../../src/core/error-catalog.js';
import {
  type ExplainResult,
  explainAnchor,
  explainCommand,
  explainJson,
  explainTopic,
  NOT_TOKEN_LINE,
  NOT_TRANSIENT_LINE,
  renderExplainText,
  TOKEN_ADVICE_LINE,
} from '../../src/explain/index.js';

const JSON_KEYS = [
  'kind',
  'key',
  'code',
  'subcode',
  'name',
  'family',
  'meaning',
  'transient',
  'retry',
  'retryHint',
  'tokenProblem',
  'actions',
  'source',
  'entryKey',
  'httpStatus',
].sort();

const ANSI = /\u001b\[/;

function codeResult(key: string): Extract<ExplainResult, { kind: 'code' }> {
  const r = explainTopic(key);
  if (r.kind !== 'code') throw new Error(`${key}: expected a code result, got ${r.kind}`);
  return r;
}

describe('explain <code>, for every entry of the table', () => {
  it.each(allErrors().map((e) => [e.key, e] as const))(
    '%s renders as text and JSON',
    (key, e: ErrorEntry) => {
      const r = codeResult(key);
      expect(r.entry).toBe(e);
      expect(r.matchedBy).toBe('exact');

      const text = renderExplainText(r, { color: false });
      expect(text).not.toMatch(ANSI);
      expect(text.split('\n')[0]).toBe(`${key}  ${e.name}`);
      expect(text).toContain(`Meaning: ${e.meaning}`);
      expect(text).toContain(`Family: ${FAMILY_LABELS[e.family]}`);
      for (const a of e.actions) expect(text).toContain(a);
      expect(text).toContain(`Source: ${e.source}`);

      const retryable = e.retry !== 'never';
      expect(text.includes('Transient: yes')).toBe(retryable);
      expect(text.includes(NOT_TRANSIENT_LINE)).toBe(!retryable);
      if (e.retry === 'transient') expect(text).toContain(`Transient: yes, retry: ${e.retryHint}.`);
      if (e.retry === 'rate-limit')
        expect(text).toContain(`Transient: yes (rate limit), back off: ${e.retryHint}.`);

      expect(text.includes(TOKEN_ADVICE_LINE)).toBe(e.tokenProblem);
      expect(text.includes(NOT_TOKEN_LINE)).toBe(!e.tokenProblem);
      expect(text.includes('Access Token Debugger')).toBe(e.tokenProblem);
      expect(text.includes('whatsapp_business_messaging')).toBe(e.tokenProblem);
      if (e.tokenProblem) for (const step of TOKEN_PROBLEM_STEPS) expect(text).toContain(step);

      const json = explainJson(r);
      expect(Object.keys(json).sort()).toEqual(JSON_KEYS);
      expect(json).toEqual({
        kind: 'code',
        key,
        code: e.code,
        subcode: e.subcode ?? null,
        name: e.name,
        family: e.family,
        meaning: e.meaning,
        transient: retryable,
        retry: e.retry,
        retryHint: e.retryHint ?? null,
        tokenProblem: e.tokenProblem,
        actions: e.actions,
        source: e.source,
        entryKey: e.key,
        httpStatus: e.httpStatus ?? null,
      });
      expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    },
  );
});

describe('explainTopic', () => {
  it('accepts #code and (#code) forms', () => {
    expect(codeResult('#190').entry.key).toBe('190');
    expect(codeResult('(#100)').entry.key).toBe('100');
    expect(codeResult(' (#100.33) ').entry.key).toBe('100.33');
  });

  it('falls back from subcode to code to range, keeping the key asked for', () => {
    const sub = codeResult('190.999');
    expect(sub).toMatchObject({ key: '190.999', code: 190, subcode: 999, matchedBy: 'code' });
    expect(sub.entry.key).toBe('190');
    const text = renderExplainText(sub, { color: false });
    expect(text.split('\n')[0]).toBe('190.999  Access Token Invalid');
    expect(text).toContain('(explained by the entry for 190)');
    expect(explainJson(sub)).toMatchObject({ key: '190.999', code: 190, subcode: 999, entryKey: '190' });

    const range = codeResult('250');
    expect(range).toMatchObject({ key: '250', code: 250, matchedBy: 'range' });
    expect(range.entry.key).toBe('200-299');
    expect(explainJson(range)).toMatchObject({
      key: '250',
      entryKey: '200-299',
      tokenProblem: true,
      subcode: null,
    });
  });

  it('returns kind unknown for codes not in the table', () => {
    const r = explainTopic('424242');
    expect(r).toEqual({
      kind: 'unknown',
      message: expect.stringContaining("Graph error 424242 is not in wa-token-audit's error table"),
    });
    expect(renderExplainText(r, { color: false })).toBe(r.kind === 'unknown' ? r.message : '');
    expect(explainJson(r)).toEqual({ kind: 'unknown', message: expect.any(String) });
    expect(explainTopic('300-399').kind).toBe('unknown');
  });

  it('returns kind unknown for anything else, without echoing it', () => {
    const token = 'EAAGm0PX4ZCpsBAKxyzSECRET';
    const r = explainTopic(token);
    expect(r.kind).toBe('unknown');
    expect(explainJson(r).message).not.toContain(token);
    expect(explainJson(r).message).toMatch(/undelivered/);
    expect(explainTopic('').kind).toBe('unknown');
    expect(explainTopic('190.').kind).toBe('unknown');
  });

  it('is case- and blank-insensitive for named topics', () => {
    expect(explainTopic(' Undelivered ').kind).toBe('undelivered');
    expect(explainTopic('CONFLICTING-STATUS').kind).toBe('conflicting-status');
  });
});

describe('explain undelivered', () => {
  const r = explainTopic('undelivered');
  const text = renderExplainText(r, { color: false });
  const json = explainJson(r);

  it('lists the reasons from the troubleshooting guide', () => {
    expect(text).toMatch(/30 days/);
    expect(text).toMatch(/blocked the business phone number/);
    expect(text).toMatch(/restricted or sanctioned country/);
    for (const place of ['Cuba', 'Iran', 'North Korea', 'Syria', 'Crimea', 'Donetsk', 'Luhansk'])
      expect(text).toContain(place);
    expect(text).toMatch(/Turkey is no longer restricted since 2024-05-15/);
    expect(text).toContain('https://wa.me/tos/20210210');
    expect(text).toMatch(/experiment group/);
    expect(text).toMatch(/per-user marketing message limits/);
  });

  it('gives all six minimum client versions', () => {
    const versions: Record<string, string> = {
      Android: '2.21.15.15',
      SMBA: '2.21.15.15',
      iOS: '2.21.170.4',
      SMBI: '2.21.170.4',
      KaiOS: '2.2130.10',
      Web: '2.2132.6',
    };
    for (const [client, version] of Object.entries(versions)) {
      expect(text).toMatch(new RegExp(`^  ${client} +${version.replaceAll('.', '\\.')} +\\(`, 'm'));
    }
    expect(json.minimumVersions).toEqual(
      Object.entries(versions).map(([client, minimum]) => ({ client, label: expect.any(String), minimum })),
    );
  });

  it('says what to ask the customer', () => {
    expect(text).toMatch(/send a message to your WhatsApp business phone number/);
    expect(text).toContain('Settings > Privacy > Blocked');
    expect(text).toMatch(/accepted the latest Terms of Service/);
    expect(text).toMatch(/updated WhatsApp to the latest version/);
    expect(json.customerChecks).toHaveLength(4);
  });

  it('has stable JSON', () => {
    expect(Object.keys(json).sort()).toEqual(
      [
        'kind',
        'title',
        'summary',
        'reasons',
        'minimumVersions',
        'customerChecks',
        'relatedCodes',
        'source',
      ].sort(),
    );
    expect(json.kind).toBe('undelivered');
    expect(json.relatedCodes).toContain('131026');
    for (const code of json.relatedCodes as string[]) expect(explainTopic(code).kind).toBe('code');
  });
});

describe('explain conflicting-status', () => {
  it('explains the delivered-and-failed webhook case', () => {
    const r = explainTopic('conflicting-status');
    const text = renderExplainText(r, { color: false });
    expect(text).toMatch(/"delivered"/);
    expect(text).toMatch(/"failed"/);
    expect(text).toMatch(/several devices/);
    expect(text).toMatch(/reached at least one of the customer's devices/);
    const json = explainJson(r);
    expect(Object.keys(json).sort()).toEqual(['kind', 'points', 'source', 'summary', 'title']);
    expect(json.kind).toBe('conflicting-status');
  });
});

describe('color', () => {
  it('adds ANSI styling only when asked', () => {
    for (const topic of ['190.463', '2', 'undelivered', 'conflicting-status']) {
      const r = explainTopic(topic);
      expect(renderExplainText(r, { color: true })).toMatch(ANSI);
      expect(renderExplainText(r, { color: false })).not.toMatch(ANSI);
    }
  });
});

describe('anchors and commands', () => {
  it.each([
    ['190.463', 'explain-190-463', 'wa-token-audit explain 190.463'],
    ['190', 'explain-190', 'wa-token-audit explain 190'],
    ['100.33', 'explain-100-33', 'wa-token-audit explain 100.33'],
    ['200-299', 'explain-200-299', 'wa-token-audit explain 200-299'],
    ['#190', 'explain-190', 'wa-token-audit explain 190'],
    ['(#100)', 'explain-100', 'wa-token-audit explain 100'],
    ['undelivered', 'explain-undelivered', 'wa-token-audit explain undelivered'],
    ['conflicting-status', 'explain-conflicting-status', 'wa-token-audit explain conflicting-status'],
  ])('%s -> %s, %s', (key, anchor, command) => {
    expect(explainAnchor(key)).toBe(anchor);
    expect(explainCommand(key)).toBe(command);
  });

  it('never lets shell or HTML characters through', () => {
    expect(explainCommand('190; rm -rf /')).toBe('wa-token-audit explain 190rm-rf');
    expect(explainAnchor('"><script>')).toBe('explain-script');
    expect(explainAnchor('')).toBe('explain-unknown');
  });

  it('gives every entry a distinct anchor, and its command resolves to it', () => {
    const anchors = allErrors().map((e) => explainAnchor(e.key));
    expect(new Set(anchors).size).toBe(anchors.length);
    for (const e of allErrors()) {
      const key = explainCommand(e.key).replace('wa-token-audit explain ', '');
      expect(codeResult(key).entry).toBe(e);
    }
  });
});
