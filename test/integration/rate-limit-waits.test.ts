// Rate limits answered without Retry-After (issue 14), over real sockets to the emulator, on one injected clock
// shared by the client (its waits) and the emulator (its request stamps and its rate-limit window): a wait of
// minutes costs no real time, and the stamps show what Graph would have seen.
import { describe, expect, it } from 'vitest';
import { NotJudgedError } from '../../src/core/errors.js';
import { sendBatch } from '../../src/graph/batch.js';
import { GraphClient } from '../../src/graph/client.js';
import { TOKENS } from '../emulator/fixtures.js';
import { useEmulator } from '../helpers/emulator.js';

let now = 1_800_000_000_000;
const emu = useEmulator({ clockMs: () => now });

function client(deadlineMs: number, notices: string[] = []) {
  return new GraphClient({
    graphUrl: emu.url,
    deadlineMs,
    timeoutMs: 5000,
    clock: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    random: () => 0,
    onRetry: (r) => notices.push(`${r.who ?? ''}|${r.failure}|${r.waitMs}`),
  });
}

const debugToken = { path: 'debug_token', query: { input_token: TOKENS.healthy }, token: TOKENS.healthy };

/** Gaps between the requests Graph saw, on the emulator's clock (ms). */
const gaps = () => emu.requests.slice(1).map((q, i) => q.at - emu.requests[i]!.at);

async function notJudged(c: GraphClient): Promise<string> {
  try {
    await c.send(debugToken);
  } catch (err) {
    expect(err).toBeInstanceOf(NotJudgedError);
    return (err as Error).message;
  } finally {
    await c.close();
  }
  throw new Error('expected "not judged"');
}

describe("the emulator's rate-limit window", () => {
  it('every call made while limited pushes access back; the header gives the minutes left', async () => {
    emu.setFault({ kind: 'rate-limit', code: 80008, blockMs: 30_000, extendMs: 20_000, regain: true });
    const call = async () => {
      const res = await fetch(`${emu.url}/v26.0/debug_token?input_token=${TOKENS.healthy}`, {
        headers: { authorization: `Bearer ${TOKENS.healthy}` },
      });
      const body = (await res.json()) as { error?: { code: number } };
      const usage = res.headers.get('x-business-use-case-usage');
      return { status: res.status, code: body.error?.code, regain: usage ? Object.values(JSON.parse(usage) as Record<string, { estimated_time_to_regain_access: number }[]>)[0]![0]!.estimated_time_to_regain_access : undefined };
    };
    // Opened at 0 for 30 s, plus 20 s for this call: 50 s.
    expect(await call()).toEqual({ status: 400, code: 80008, regain: 1 });
    now += 40_000; // 40 s: still limited, now until 70 s
    expect(await call()).toMatchObject({ status: 400, regain: 1 });
    now += 25_000; // 65 s: still limited (a probe 25 s later), now until 90 s
    expect(await call()).toMatchObject({ status: 400 });
    now += 30_000; // 95 s: free, no usage header of the limit
    expect(await call()).toMatchObject({ status: 200, code: undefined });
    expect(emu.requests.map((q) => q.at - emu.requests[0]!.at)).toEqual([0, 40_000, 65_000, 95_000]);
  });
});

describe('a WABA rate limit (80007/80008) without Retry-After', () => {
  it.each([80007, 80008])(
    '%d: waits a minute before asking again (a probe would extend the block), then passes',
    async (code) => {
      // Limited for 30 s from the first call, each call while limited adds 20 s: the first call leaves 50 s.
      emu.setFault({ kind: 'rate-limit', code, blockMs: 30_000, extendMs: 20_000 });
      const notices: string[] = [];
      const c = client(300_000, notices);
      const res = await c.send(debugToken);
      await c.close();
      expect(res.status).toBe(200);
      expect(emu.requests).toHaveLength(2);
      expect(gaps()).toEqual([60_000]);
      expect(notices).toEqual([`|Graph error ${code} (${code === 80007 ? 'WABA Rate Limit' : 'WhatsApp Business Management Rate Limit'}) [HTTP 400]|60000`]);
    },
  );

  it('the default 60 s deadline cannot cover the wait: one request, not judged, one line that says why', async () => {
    emu.setFault({ kind: 'rate-limit', code: 80008, blockMs: 600_000 });
    const message = await notJudged(client(60_000));
    expect(emu.requests).toHaveLength(1);
    expect(message).toMatch(/^Graph asks to wait ~1 min; the deadline leaves 60 s \(it sent no Retry-After/);
    expect(message).toMatch(/; last: Graph error 80008 \(WhatsApp Business Management Rate Limit\)/);
    expect(message).not.toContain('\n');
  });

  it('few tries: three answers over three minutes, however long the deadline, then not judged', async () => {
    emu.setFault({ kind: 'rate-limit', code: 80007, blockMs: 3_600_000 });
    const message = await notJudged(client(300_000));
    expect(gaps()).toEqual([60_000, 120_000]);
    expect(message).toMatch(/^Graph was still rate-limiting after 3 attempts with long waits, so it was not asked again; last: Graph error 80007/);
  });

  it('the second wait does not fit: two requests, and the line gives the wait and what is left', async () => {
    emu.setFault({ kind: 'rate-limit', code: 80008, blockMs: 3_600_000 });
    const message = await notJudged(client(150_000));
    expect(gaps()).toEqual([60_000]);
    expect(message).toMatch(/^Graph asks to wait ~2 min; the deadline leaves 90 s /);
  });
});

describe('the business-use-case estimate (X-Business-Use-Case-Usage, minutes)', () => {
  it('is waited exactly, and the call after it passes', async () => {
    // 150 s left of the window: Graph says 3 (whole) minutes.
    emu.setFault({ kind: 'rate-limit', code: 80008, blockMs: 150_000, regain: true });
    const c = client(300_000);
    const res = await c.send(debugToken);
    await c.close();
    expect(res.status).toBe(200);
    expect(gaps()).toEqual([180_000]);
  });

  it('an estimate past the deadline: not waited for, "Graph asks to wait ~N min"', async () => {
    emu.setFault({ kind: 'rate-limit', code: 80008, blockMs: 20 * 60_000, regain: true });
    const message = await notJudged(client(120_000));
    expect(emu.requests).toHaveLength(1);
    expect(message).toMatch(/^Graph asks to wait ~20 min; the deadline leaves 120 s, so it was not asked again; last: /);
  });
});

describe('a batch with a rate-limited item and a transient one', () => {
  it('the rate-limited item is given up at once; the transient one is retried on its own short backoff', async () => {
    const items = [TOKENS.healthy, TOKENS.rateLimited80008, TOKENS.transient2].map((token) => ({
      path: `debug_token?input_token=${token}`,
      token,
    }));
    const notices: string[] = [];
    const c = client(60_000, notices);
    const names = ['shop', 'cafe', 'bakery'];
    const results = await sendBatch(c, items, { labelOf: (i) => [names[i]!] });
    await c.close();
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    const limited = results[1]!;
    expect(!limited.ok && limited.notJudged).toMatch(/^Graph asks to wait ~1 min; the deadline leaves 60 s /);
    // transient2 fails twice (code 2): two more rounds with the short backoff (250, 500 ms at random() = 0).
    expect(emu.requests).toHaveLength(3);
    expect(gaps()).toEqual([250, 500]);
    // Each notice is one short line naming the entry whose item is retried, without Graph's explanation.
    expect(notices).toEqual(['bakery|Graph error 2 (API Service) [HTTP 503]|250', 'bakery|Graph error 2 (API Service) [HTTP 503]|500']);
  });
});
