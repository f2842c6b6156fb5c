// Fleet reports written as the fleet runs (issue 19): whatever order entries finish in, every format writes the
// document it would have written from all the reports at once (entries in file order), the machine formats start
// writing before the fleet ends, and what waits for the end (JUnit suites, OpenMetrics families) is spooled to a
// temporary file past 1 MiB and removed after. OpenMetrics is compared with prom-client's own rendering.
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Evidence, evaluate, notJudgedReport } from '../../src/core/evaluate.js';
import { addToTotals, emptyTotals, fleetVerdict } from '../../src/core/fleet.js';
import { readPolicy } from '../../src/core/policy.js';
import type { FleetEntryResult, FleetOutcome, Report } from '../../src/core/types.js';
import { SUMMARY_MAX_BYTES, withinSummaryLimit } from '../../src/action/summary-limit.js';
import { fleetDocument, fleetJsonWriter, fleetJsonlWriter } from '../../src/report/fleet-json.js';
import { fleetMarkdownWriter } from '../../src/report/fleet-markdown.js';
import { inFileOrder, Spool } from '../../src/report/fleet-stream.js';
import { fleetTextWriter } from '../../src/report/fleet-text.js';
import { fleetJunitWriter, renderFleetJunit } from '../../src/report/junit.js';
import { fleetOpenMetricsWriter } from '../../src/report/openmetrics.js';
import { registryOpenMetrics } from '../helpers/openmetrics-registry.js';

const APP = '1000000000000001';
const NOW = new Date('2026-11-23T00:00:00Z');
const MGMT = 'whatsapp_business_management';
const MSG = 'whatsapp_business_messaging';

const evidence = (over: Record<string, unknown> = {}): Evidence => ({
  fingerprint: 'sha256:0123abcd',
  inspection: {
    kind: 'data',
    data: {
      app_id: APP,
      application: 'Fake <app> & "co"',
      type: 'SYSTEM_USER',
      is_valid: true,
      expires_at: 0,
      data_access_expires_at: 0,
      scopes: [MGMT, MSG],
      granular_scopes: [{ scope: MGMT }, { scope: MSG }],
      ...over,
    },
  },
});

/** Reports of every kind, one with phone-number details (quality, messaging limit, can-send) and repeated ids. */
function reports(): Report[] {
  const pass = evaluate(evidence(), readPolicy({ appId: APP }), NOW);
  const fail = evaluate(evidence({ is_valid: false }), readPolicy({ appId: APP }), NOW);
  const warn = evaluate(evidence({ expires_at: Math.floor(NOW.getTime() / 1000) + 10 * 86_400 }), readPolicy({ appId: APP }), NOW);
  const down = notJudgedReport('Graph did not answer before the deadline. The token was not judged.', NOW);
  const phones: Report = {
    ...pass,
    checks: [
      ...pass.checks,
      {
        id: 'phone.reachable',
        status: 'warn',
        message: 'RED "quality" \\ here\nnext line',
        details: { phoneNumberId: '3000000000000001', qualityRating: 'red', messagingLimit: 'TIER_1K', canSendMessage: 'LIMITED' },
      },
      { id: 'phone.reachable', status: 'pass', message: 'ok', details: { phoneNumberId: '3000000000000002', qualityRating: 'GREEN' } },
      { id: 'phone.messaging-limit', status: 'pass', message: 'ok', details: { phoneNumberId: '3000000000000002', messagingLimitTier: 'TIER_UNLIMITED' } },
      // The same check twice for one target: one series, the last state.
      { id: 'scope.targets', status: 'fail', message: 'again' },
    ],
  };
  return [pass, fail, warn, down, phones];
}

function fleet(n: number): FleetEntryResult[] {
  const r = reports();
  const names = ['Acme "Corp"', 'back\\slash', 'Ünïcødé 😀', 'Beta <Ltd> & co', 'a-name-longer-than-forty-characters-for-the-column'];
  return Array.from({ length: n }, (_, index) => ({
    index,
    name: index < names.length ? names[index]! : `client-${index}`,
    report: r[index % r.length]!,
    exitCode: [0, 1, 0, 3, 0][index % r.length]!,
  }));
}

function outcomeOf(results: FleetEntryResult[]): FleetOutcome {
  const totals = emptyTotals();
  for (const r of results) addToTotals(totals, r.report);
  return { totals, verdict: fleetVerdict(totals), exitCode: 1, ok: false, requests: 7, throttledMs: 1234.5 };
}

/** Runs a writer over `results` finishing in `finish` order; returns what it wrote, piece by piece. */
async function written(
  make: (write: (t: string) => void, order: number[]) => { entry(r: FleetEntryResult): void; end(o: FleetOutcome, d: Date): unknown },
  results: FleetEntryResult[],
  finish: number[] = results.map((_, i) => i),
) {
  const pieces: string[] = [];
  const w = make((t) => pieces.push(t), results.map((r) => r.index));
  for (const i of finish) w.entry(results[i]!);
  const beforeEnd = pieces.length;
  await w.end(outcomeOf(results), NOW);
  return { text: pieces.join(''), pieces, beforeEnd };
}

/** A random finishing order that stays near file order (as batches finish), or any order at all. */
const finishOrder = (n: number) =>
  fc.oneof(
    fc.shuffledSubarray(
      Array.from({ length: n }, (_, i) => i),
      { minLength: n, maxLength: n },
    ),
    fc.constant(Array.from({ length: n }, (_, i) => n - 1 - i)),
  );

describe('inFileOrder', () => {
  it('emits in file order as soon as each turn comes; holds only what finished early', () => {
    const out: number[] = [];
    const o = inFileOrder<string>([0, 1, 2, 3], (_, i) => out.push(i));
    o.push(1, 'b');
    o.push(2, 'c');
    expect(out).toEqual([]);
    expect(o.held).toBe(2);
    o.push(0, 'a');
    expect(out).toEqual([0, 1, 2]);
    expect(o.held).toBe(0);
    o.flush();
    expect(out).toEqual([0, 1, 2]);
  });

  it('an interrupted run: flush writes what waits, in order', () => {
    const out: number[] = [];
    const o = inFileOrder<string>([0, 1, 2, 3], (_, i) => out.push(i));
    o.push(3, 'd');
    o.push(2, 'c');
    o.flush();
    expect(out).toEqual([2, 3]);
  });
});

describe('Spool', () => {
  it('keeps small text in memory, spills to a 0600 temporary file past its limit, drains it whole and removes it', async () => {
    const before = new Set(readdirSync(tmpdir()).filter((f) => f.startsWith('wa-token-audit-')));
    const spool = new Spool(1000);
    // Multi-byte characters across the 1 MiB read pieces come back whole.
    const piece = 'é€😀 line\n'.repeat(1000);
    let expected = '';
    for (let i = 0; i < 200; i++) {
      spool.write(piece);
      expected += piece;
    }
    expect(spool.onDisk).toBe(true);
    const created = readdirSync(tmpdir()).filter((f) => f.startsWith('wa-token-audit-') && !before.has(f));
    expect(created).toHaveLength(1);
    const parts: string[] = [];
    await spool.drain((t) => parts.push(t));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join('')).toBe(expected);
    expect(existsSync(`${tmpdir()}/${created[0]}`)).toBe(false);
  });

  it('small text never touches the disk', async () => {
    const spool = new Spool();
    spool.write('a');
    spool.write('b');
    expect(spool.onDisk).toBe(false);
    const parts: string[] = [];
    await spool.drain((t) => parts.push(t));
    expect(parts).toEqual(['ab']);
  });
});

describe('--format json, streamed', () => {
  it('is the fleet document (entries in file order) whatever order entries finish in', async () => {
    const results = fleet(12);
    await fc.assert(
      fc.asyncProperty(finishOrder(results.length), async (finish) => {
        const { text } = await written(fleetJsonWriter, results, finish);
        const doc = JSON.parse(text);
        expect(doc).toEqual(fleetDocument(results, outcomeOf(results), NOW));
        expect(text.endsWith('}\n')).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('starts before the fleet ends, and writes a large fleet in few large pieces', async () => {
    const results = fleet(400);
    const { pieces, beforeEnd } = await written(fleetJsonWriter, results);
    expect(pieces[0]).toBe('{\n  "schemaVersion": 1,\n  "entries": [');
    expect(beforeEnd).toBeGreaterThan(2);
    expect(pieces.length).toBeLessThan(results.length / 4);
  });

  it('a run with no entry judged (interrupted at once) is still one JSON document', async () => {
    const pieces: string[] = [];
    const w = fleetJsonWriter((t) => pieces.push(t), [0, 1]);
    await w.end(outcomeOf([]), NOW);
    expect(JSON.parse(pieces.join(''))).toMatchObject({ schemaVersion: 1, entries: [], totals: { entries: 0 } });
  });
});

describe('--format jsonl', () => {
  it('one line per entry as it finishes, then the totals', async () => {
    const results = fleet(5);
    const { text, beforeEnd } = await written((w) => fleetJsonlWriter(w), results, [2, 0, 1, 4, 3]);
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(beforeEnd).toBe(5);
    expect(lines.map((l) => l.index)).toEqual([2, 0, 1, 4, 3, undefined]);
    expect(lines[5]).toMatchObject({ kind: 'totals', totals: { entries: 5 } });
  });
});

describe('--format junit, streamed', () => {
  it('is the document renderFleetJunit writes, whatever the finishing order', async () => {
    const results = fleet(9);
    const whole = renderFleetJunit(results);
    await fc.assert(
      fc.asyncProperty(finishOrder(results.length), async (finish) => {
        expect((await written(fleetJunitWriter, results, finish)).text).toBe(whole);
      }),
      { numRuns: 20 },
    );
  });

  it('past 1 MiB of suites, spooled to disk and written whole', async () => {
    const results = fleet(1500);
    const { text } = await written(fleetJunitWriter, results);
    expect(text.length).toBeGreaterThan(1024 * 1024);
    expect(text).toBe(renderFleetJunit(results));
  });

  it('no entry judged: the empty document', async () => {
    expect((await written(fleetJunitWriter, [])).text).toBe(renderFleetJunit([]));
  });
});

describe('--format openmetrics, streamed', () => {
  it("is the text prom-client's registry writes for the same gauges, whatever the finishing order", async () => {
    const results = fleet(10);
    const reference = await registryOpenMetrics(results, { exitCode: 1 }, NOW);
    await fc.assert(
      fc.asyncProperty(finishOrder(results.length), async (finish) => {
        expect((await written(fleetOpenMetricsWriter, results, finish)).text).toBe(reference);
      }),
      { numRuns: 20 },
    );
  });

  it('past 1 MiB per family, spooled and still the same text', async () => {
    const results = fleet(800);
    const { text } = await written(fleetOpenMetricsWriter, results);
    expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
    expect(text).toBe(await registryOpenMetrics(results, { exitCode: 1 }, NOW));
  });
});

describe('--format text, streamed', () => {
  it('rows in file order as their turn comes, the name column sized by every name, totals last', async () => {
    const results = fleet(6);
    const make = (w: (t: string) => void) =>
      fleetTextWriter(w, results, { color: false, now: () => NOW });
    const { text } = await written(make, results, [5, 3, 4, 0, 2, 1]);
    const lines = text.split('\n');
    expect(lines[0]).toBe(`${'NAME'.padEnd(40)}  VERDICT             DAYS LEFT  CHECKS`);
    expect(lines.slice(1, 7).map((l) => l.slice(0, 40).trim())).toEqual([
      'Acme "Corp"',
      'back\\slash',
      'Ünïcødé 😀',
      'Beta <Ltd> & co',
      'a-name-longer-than-forty-characters-for…',
      'client-5',
    ]);
    expect(lines.at(-2)).toMatch(/^wa-token-audit fleet: 6 tokens: .* \(7 HTTP requests\)\.$/);
  });

  it('--quiet: only what did not pass; nothing but the totals when everything passed', async () => {
    const results = fleet(5);
    const quiet = (w: (t: string) => void) =>
      fleetTextWriter(w, results, { color: false, quiet: true, now: () => NOW });
    const { text } = await written(quiet, results);
    expect(text).not.toContain('Acme');
    expect(text).toContain('back\\slash');
    const passing = [results[0]!];
    const onlyPass = (w: (t: string) => void) =>
      fleetTextWriter(w, passing, { color: false, quiet: true, now: () => NOW });
    expect((await written(onlyPass, passing)).text).toMatch(/^wa-token-audit fleet: 1 token: 1 passed/);
  });
});

describe('--format markdown (the job summary)', () => {
  it('rows past the byte budget are counted in a note that points to the full report', () => {
    const results = fleet(300).map((r) => ({ ...r, report: reports()[1]! }));
    const md = fleetMarkdownWriter(
      results.map((r) => r.index),
      () => NOW,
      { maxBytes: 2000, fullReport: 'the report file' },
    );
    for (const r of [...results].reverse()) md.entry(r);
    const text = md.render(outcomeOf(results));
    const rows = text.split('\n').filter((l) => l.startsWith('| ❌'));
    expect(rows.length).toBeGreaterThan(5);
    expect(rows[0]).toContain('Acme');
    expect(Buffer.byteLength(rows.join('\n'))).toBeLessThanOrEqual(2000);
    expect(text).toContain(
      `${300 - rows.length} more tokens that did not pass are not listed (a job summary lists at most 500 and holds at most 1 MiB); the report file lists every token.`,
    );
  });

  it('past 500 entries, tokens that passed are counted, not listed; a 100,000-row table stays under 1 MiB', () => {
    const results = fleet(100_000);
    const md = fleetMarkdownWriter(results.map((r) => r.index), () => NOW);
    for (const r of results) md.entry(r);
    const text = md.render(outcomeOf(results));
    expect(text).toContain('tokens that passed are not listed.');
    expect(text).not.toContain('| ✅ |');
    expect(Buffer.byteLength(text)).toBeLessThan(SUMMARY_MAX_BYTES);
    expect(text).toMatch(/\d+ more tokens that did not pass are not listed \(a job summary lists at most 500 and holds at most 1 MiB\)\./);
    expect(text.split('\n').filter((l) => l.startsWith('| '))).toHaveLength(501);
  });
});

describe('the job summary limit', () => {
  it('a summary over 1 MiB is cut at a line, with a note, under the limit', () => {
    const line = '| ❌ | client | FAIL | never | token.valid |\n';
    const text = line.repeat(Math.ceil((1.5 * SUMMARY_MAX_BYTES) / Buffer.byteLength(line)));
    const cut = withinSummaryLimit(text);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(SUMMARY_MAX_BYTES);
    expect(cut).toMatch(/\| token\.valid \|\n\n_The summary was cut here: GitHub allows at most 1 MiB per step summary\._\n$/);
    expect(withinSummaryLimit('short')).toBe('short');
  });
});
