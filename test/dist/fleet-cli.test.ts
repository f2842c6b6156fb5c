// `wa-token-audit fleet <file>`: the bundled CLI against the Graph emulator over real sockets. Batching limits,
// validation before any network call, partial outages, back-off, streaming, and no secret in any output.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resolveCaller } from '../emulator/auth.js';
import { APP_ID, APP_SECRET, TOKENS } from '../emulator/fixtures.js';
import { useEmulator } from '../helpers/emulator.js';
import { type RunResult, runCli, withJson } from '../helpers/cli.js';
import { expectNoSecrets } from '../helpers/secrets.js';

const emu = useEmulator();
const dir = mkdtempSync(join(tmpdir(), 'wa-fleet-'));
beforeEach(() => emu.setUsage({ appUsage: 2, bucUsage: 3, regainMinutes: 0 }));

/** Env var name per distinct token, so a fleet can reuse a few emulator tokens under many names. */
function envFor(tokens: string[]): { env: Record<string, string>; names: string[] } {
  const env: Record<string, string> = {};
  const byToken = new Map<string, string>();
  const names = tokens.map((t) => {
    let name = byToken.get(t);
    if (!name) {
      name = `FLEET_TOKEN_${byToken.size}`;
      byToken.set(t, name);
      env[name] = t;
    }
    return name;
  });
  return { env, names };
}

interface Fleet {
  tokens: string[];
  defaults?: Record<string, unknown>;
  extra?: (i: number) => Record<string, unknown>;
}

function writeFleet(f: Fleet, file = `fleet-${Math.random().toString(36).slice(2)}.json`) {
  const { env, names } = envFor(f.tokens);
  const doc = {
    defaults: { appId: APP_ID, ...f.defaults },
    tokens: f.tokens.map((_, i) => ({
      name: `client-${String(i).padStart(4, '0')}`,
      env: names[i],
      ...f.extra?.(i),
    })),
  };
  const path = join(dir, file);
  writeFileSync(path, JSON.stringify(doc));
  return { path, env };
}

const allSecrets = Object.values(TOKENS);

async function fleet(
  f: Fleet,
  args: string[] = [],
  opts: {
    secret?: boolean;
    graphUrl?: string;
    stdin?: boolean;
    onStdout?: (text: string) => void;
    onStarted?: (signal: (s: NodeJS.Signals) => void) => void;
  } = {},
): Promise<RunResult & { json: any; lines: any[] }> {
  const { path, env } = writeFleet(f);
  const r = await runCli(
    ['fleet', opts.stdin ? '-' : path, '--graph-url', opts.graphUrl ?? emu.url, ...args],
    {
      env: { ...env, ...(opts.secret ? { WHATSAPP_APP_SECRET: APP_SECRET } : {}) },
      ...(opts.stdin ? { stdin: (await import('node:fs')).readFileSync(path, 'utf8') } : {}),
      ...(opts.onStdout ? { onStdout: opts.onStdout } : {}),
      ...(opts.onStarted ? { onStarted: opts.onStarted } : {}),
    },
  );
  for (const token of new Set([...f.tokens, ...allSecrets])) {
    expectNoSecrets(
      { stdout: r.stdout, stderr: r.stderr },
      { token, appId: APP_ID, ...(opts.secret ? { appSecret: APP_SECRET } : {}) },
    );
  }
  const { json } = withJson(r);
  const lines = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{"kind"'))
    .map((l) => JSON.parse(l));
  return { ...r, json, lines };
}

function batchSizes(): number[] {
  return emu.requests
    .filter((q) => q.method === 'POST')
    .map((q) => (JSON.parse(new URLSearchParams(q.body).get('batch')!) as unknown[]).length);
}

describe('[dist] batching', () => {
  it('120 entries: 3 batch POSTs of at most 50 items, tokens only in item bodies, exit 0', async () => {
    const r = await fleet({ tokens: Array(120).fill(TOKENS.healthy) }, ['--format', 'json']);
    expect(r.code).toBe(0);
    expect(emu.requests).toHaveLength(3);
    expect(batchSizes()).toEqual([50, 50, 20]);
    expect(emu.subRequests).toBe(120);
    expect(new Set(emu.batchItems.map((i) => i.tokenFrom))).toEqual(new Set(['body']));
    for (const q of emu.requests) expect(q.path + JSON.stringify(q.query)).not.toContain('FAKE-');
    expect(r.json).toMatchObject({
      schemaVersion: 1,
      ok: true,
      exitCode: 0,
      totals: { entries: 120, pass: 120, warn: 0, fail: 0, notJudged: 0 },
      graph: { requests: 3 },
    });
    expect(r.json.entries.map((e: any) => e.name)).toEqual(
      Array.from({ length: 120 }, (_, i) => `client-${String(i).padStart(4, '0')}`),
    );
    expect(r.json.entries[0].report.verdict).toBe('pass');
  });

  it('deep entries (debug_token + probes) are packed without splitting an entry across batches', async () => {
    const deep = await fleet(
      {
        tokens: Array(30).fill(TOKENS.healthy),
        defaults: {
          phoneNumberIds: ['3000000000000001', '3000000000000003'],
          wabaIds: ['2000000000000001', '2000000000000002'],
        },
      },
      ['--format', 'json'],
    );
    expect(deep.code).toBe(0);
    const sizes = batchSizes();
    expect(Math.max(...sizes)).toBeLessThanOrEqual(50);
    // Each entry asks 9 items (debug_token, 2 phones, 2 subscribed_apps, 2 phone lists, 2 WABA nodes): 5
    // entries per batch.
    expect(sizes.slice(0, 6)).toEqual([45, 45, 45, 45, 45, 45]);
    expect(deep.json.totals.entries).toBe(30);
    expect(deep.json.entries[29].report.checks.filter((c: any) => c.id === 'phone.reachable')).toHaveLength(
      2,
    );
  });

  it('with an app secret, the app token inspects every entry and leads each batch', async () => {
    const r = await fleet({ tokens: Array(60).fill(TOKENS.healthy) }, ['--format', 'json'], { secret: true });
    expect(r.code).toBe(0);
    // 60 debug_token items, and the app's webhook subscriptions read once per batch (not once per entry).
    expect(batchSizes()).toEqual([50, 12]);
    for (const q of emu.requests) expect(q.headers.authorization).toBe(`Bearer ${APP_ID}|${APP_SECRET}`);
  });
});

describe('[dist] validation happens before any network call (exit 2)', () => {
  it('an inline token is refused, located, never echoed', async () => {
    const path = join(dir, 'inline.yml');
    writeFileSync(
      path,
      `defaults:\n  appId: "${APP_ID}"\ntokens:\n  - name: acme\n    token: ${TOKENS.healthy}\n  - name: beta\n    env: B\n`,
    );
    const r = await runCli(['fleet', path, '--graph-url', emu.url], { env: { B: TOKENS.healthy } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tokens\[0\]\.token: an access token must not be written in the fleet file/);
    expect(r.stdout).toBe('');
    expect(emu.requests).toHaveLength(0);
    expectNoSecrets({ stdout: r.stdout, stderr: r.stderr }, { token: TOKENS.healthy, appId: APP_ID });
  });

  it('every problem is listed with its location, missing variables included', async () => {
    const path = join(dir, 'bad.yml');
    writeFileSync(
      path,
      [
        'defaults:',
        '  appId: "1000000000000001"',
        '  warnDays: -3',
        'tokens:',
        '  - {name: a, env: A_TOKEN}',
        '  - {name: a, env: B_TOKEN}',
        '  - {name: c, env: C_TOKEN, appId: my-app}',
        '',
      ].join('\n'),
    );
    const r = await runCli(['fleet', path, '--graph-url', emu.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('3 problems; nothing was audited');
    expect(r.stderr).toMatch(/defaults\.warnDays: expected a number of days/);
    expect(r.stderr).toMatch(/tokens\[1\]\.name: "a" is already the name of tokens\[0\]/);
    expect(r.stderr).toMatch(/tokens\[2\]\.appId: expected an app ID/);

    const missing = await fleet({
      tokens: [TOKENS.healthy, TOKENS.healthy],
      extra: (i) => ({ env: `UNSET_${i}` }),
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('tokens[0] (client-0000): $UNSET_0 is not set.');
    expect(missing.stderr).toContain('tokens[1] (client-0001): $UNSET_1 is not set.');
    expect(emu.requests).toHaveLength(0);
  });

  it('an unreadable fleet file and bad flags are usage errors', async () => {
    expect((await runCli(['fleet', join(dir, 'nope.yml')])).code).toBe(2);
    const r = await fleet({ tokens: [TOKENS.healthy] }, ['--concurrency', '99']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--concurrency: expected a whole number between 1 and 16/);
  });
});

describe('[dist] exit code: the worst entry', () => {
  it('a partial outage: the others are judged, exit 3', async () => {
    const tokens = [TOKENS.healthy, TOKENS.down503, TOKENS.healthy, TOKENS.down503, TOKENS.healthy];
    const r = await fleet({ tokens }, ['--format', 'json', '--deadline', '5']);
    expect(r.code).toBe(3);
    expect(r.json.totals).toMatchObject({ entries: 5, pass: 3, notJudged: 2, fail: 0 });
    expect(r.json.entries.map((e: any) => e.report.verdict)).toEqual([
      'pass',
      'error',
      'pass',
      'error',
      'pass',
    ]);
    expect(r.json.entries[1].report.error.message).toMatch(/not judged/);
  });

  it('a failing entry beats an outage: exit 1', async () => {
    const tokens = [TOKENS.healthy, TOKENS.down503, TOKENS.missingMessaging];
    const r = await fleet({ tokens }, ['--deadline', '5']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/client-0002 +FAIL +never +scope\.whatsapp_business_messaging/);
    expect(r.stdout).toMatch(/client-0001 +NOT JUDGED/);
    expect(r.stdout).toMatch(/3 tokens: 1 passed, 0 with warnings, 1 failed, 1 not judged/);
  });

  it('warnings pass (exit 0) and the text table shows days left and the warning checks', async () => {
    const r = await fleet({ tokens: [TOKENS.healthy, TOKENS.expiresIn5Days] });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^NAME +VERDICT +DAYS LEFT +CHECKS$/m);
    expect(r.stdout).toMatch(/client-0001 +PASS with warnings +[45] +token\.expiry \(warn\)/);
  });
});

describe('[dist] back-off', () => {
  it('a rate-limited entry whose wait the deadline cannot cover is not judged alone; Graph is not asked again', async () => {
    // Without a hint a rate limit is waited out for at least a minute: a 30 s deadline cannot cover it.
    const tokens = [TOKENS.healthy, TOKENS.rateLimited4, TOKENS.healthy];
    const r = await fleet({ tokens }, ['--format', 'json', '--deadline', '30']);
    expect(r.code).toBe(3);
    expect(r.json.totals).toMatchObject({ entries: 3, pass: 2, notJudged: 1 });
    expect(r.json.entries[1].report.error.message).toMatch(/Graph asks to wait ~1 min; the deadline leaves \d+ s/);
    expect(r.json.entries[1].report.error.message).not.toContain('..');
    expect(r.stderr).not.toMatch(/retrying/);
    expect(batchSizes()).toEqual([3]);
  });

  it('each retry notice is one short line naming the fleet entries it is for, never their tokens', async () => {
    // transient2 fails twice (code 2) inside the batch: only its entry is retried, and named.
    const one = await fleet({ tokens: [TOKENS.healthy, TOKENS.transient2, TOKENS.healthy] }, ['--format', 'json']);
    expect(one.code).toBe(0);
    const notices = one.stderr.split('\n').filter((l) => l.includes('retrying'));
    expect(notices).toHaveLength(2);
    for (const [i, line] of notices.entries())
      expect(line).toMatch(
        new RegExp(`^wa-token-audit: client-0001: Graph error 2 \\(API Service\\) \\[HTTP 503\\]; retrying in \\d\\.\\d s \\(attempt ${i + 2}\\)$`),
      );
    // The whole POST failing once: every entry in it is named, on one line.
    emu.reset();
    emu.setFault({ kind: 'graph-error', code: 2, times: 1 });
    const all = await fleet({ tokens: [TOKENS.healthy, TOKENS.expiresIn5Days, TOKENS.healthy] }, ['--format', 'json']);
    expect(all.code).toBe(0);
    expect(all.stderr).toMatch(
      /^wa-token-audit: client-0000, client-0001, client-0002: Graph error 2 \(API Service\) \[HTTP 503\]; retrying in \d\.\d s \(attempt 2\)$/m,
    );
    expect(all.stderr).not.toMatch(/Graph said/);
  });

  it('usage headers near the limit space the batches out', async () => {
    // 91% -> 1.4 s between requests (the exact arithmetic is checked on an injected clock in
    // test/integration/graph-client-deadline.test.ts; here: the fleet honours it end to end).
    emu.setUsage({ appUsage: 91 });
    const r = await fleet({ tokens: Array(120).fill(TOKENS.healthy) }, [
      '--format',
      'json',
      '--concurrency',
      '1',
    ]);
    expect(r.code).toBe(0);
    expect(emu.requests).toHaveLength(3);
    const at = emu.requests.map((q) => q.at);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(1390);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(1390);
    // The pause runs from the answer that reported the usage: what is left of it when the next request is due
    // is what the fleet waits (and announces), at most 1.4 s each.
    expect(r.json.graph.throttledMs).toBeGreaterThan(0);
    expect(r.json.graph.throttledMs).toBeLessThanOrEqual(2800);
    expect(r.stderr).toMatch(/usage at 91% of the hourly limit; slowing down for (0\.\d|1\.[0-4]) s/);
  });
});

describe('[dist] a batch refused as a whole (its top-level token is dead)', () => {
  let proxy: Server;
  let proxyUrl = '';
  beforeAll(async () => {
    // Like Graph may do: the POST's own (top-level) token is checked, and a dead one sinks the whole batch.
    proxy = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks);
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (req.method === 'POST' && (req.url === '/' || req.url === '') && bearer) {
        const caller = resolveCaller(bearer, Math.floor(Date.now() / 1000));
        if ('error' in caller) {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { ...caller.error, error_subcode: caller.error.subcode } }));
          return;
        }
      }
      const headers = { ...req.headers } as Record<string, string>;
      for (const h of ['host', 'connection', 'content-length', 'keep-alive']) delete headers[h];
      const up = await fetch(emu.url + (req.url ?? '/'), {
        method: req.method,
        headers,
        ...(req.method === 'POST' ? { body } : {}),
      });
      res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await up.arrayBuffer()));
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => proxy.close(() => r())));

  it('a dead token first in the file fails alone; the entries batched with it are still judged', async () => {
    const tokens = [TOKENS.expired, TOKENS.healthy, TOKENS.healthy, TOKENS.passwordChanged, TOKENS.healthy];
    const r = await fleet({ tokens }, ['--format', 'json'], { graphUrl: proxyUrl });
    expect(r.code).toBe(1);
    expect(r.json.entries.map((e: any) => e.report.verdict)).toEqual([
      'fail',
      'pass',
      'pass',
      'fail',
      'pass',
    ]);
    const valid = r.json.entries[0].report.checks.find((c: any) => c.id === 'token.valid');
    expect(valid).toMatchObject({ status: 'fail', graphError: '190.463' });
    // Refused POST, then the rest again (led by a live token).
    expect(emu.requests.length).toBeLessThanOrEqual(3);
  });
});

describe('[dist] formats', () => {
  it('json is written as the fleet runs: the first entries are out before the last batch is sent', async () => {
    // 91% usage spaces the three POSTs out by about 1.4 s each (see the pacing test above).
    emu.setUsage({ appUsage: 91 });
    const seen: { at: number; text: string }[] = [];
    const r = await fleet({ tokens: Array(150).fill(TOKENS.healthy) }, ['--format', 'json', '--concurrency', '1'], {
      onStdout: (text) => seen.push({ at: Date.now(), text }),
    });
    expect(r.code).toBe(0);
    expect(emu.requests).toHaveLength(3);
    const lastSent = emu.requests[2]!.at;
    const early = seen.filter((s) => s.at < lastSent).map((s) => s.text).join('');
    expect(early.startsWith('{\n  "schemaVersion": 1,\n  "entries": [')).toBe(true);
    expect(early).toContain('"name": "client-0000"');
    // Still one valid document, entries in file order, totals after them.
    expect(r.json.entries.map((e: any) => e.name)).toEqual(
      Array.from({ length: 150 }, (_, i) => `client-${String(i).padStart(4, '0')}`),
    );
    expect(r.json.totals).toMatchObject({ entries: 150, pass: 150 });
  });

  it('SIGTERM mid-fleet: the json document ends with what was judged, exit 143, the rest not judged', async () => {
    emu.setUsage({ appUsage: 91 });
    let signal: ((s: NodeJS.Signals) => void) | undefined;
    let sent = false;
    const r = await fleet({ tokens: Array(150).fill(TOKENS.healthy) }, ['--format', 'json', '--concurrency', '1'], {
      onStarted: (s) => {
        signal = s;
      },
      onStdout: (text) => {
        // Once the first batch's entries are out, as a CI runner cancelling the job would.
        if (!sent && text.includes('"name": "client-0000"')) {
          sent = true;
          signal?.('SIGTERM');
        }
      },
    });
    expect(r.code).toBe(143);
    expect(r.json.entries.length).toBeGreaterThan(0);
    expect(r.json.entries.length).toBeLessThan(150);
    expect(r.json.totals.entries).toBe(r.json.entries.length);
    expect(r.json.entries.map((e: any) => e.name)).toEqual(
      Array.from({ length: r.json.entries.length }, (_, i) => `client-${String(i).padStart(4, '0')}`),
    );
    expect(r.stderr).toMatch(/interrupted \(SIGTERM\): \d+ of 150 entries judged and shown above; the others were not judged/);
  });

  it('jsonl: one line per entry as each finishes, then a totals line', async () => {
    const tokens = [TOKENS.transient2, ...Array(60).fill(TOKENS.healthy)];
    const r = await fleet({ tokens }, ['--format', 'jsonl']);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(62);
    expect(lines.slice(0, -1).every((l: any) => l.kind === 'entry' && l.report.schemaVersion === 1)).toBe(
      true,
    );
    expect(new Set(lines.slice(0, -1).map((l: any) => l.index))).toEqual(new Set(tokens.map((_, i) => i)));
    // The first entry waited for two retries: the 49 entries of its own first batch were printed before it.
    const first = lines.findIndex((l: any) => l.index === 0);
    expect(first).toBeGreaterThanOrEqual(49);
    expect(lines[first]).toMatchObject({ kind: 'entry', index: 0, name: 'client-0000', exitCode: 0 });
    expect(lines[61]).toMatchObject({
      kind: 'totals',
      ok: true,
      exitCode: 0,
      totals: { entries: 61, pass: 61 },
    });
  });

  it('markdown: totals, then one table row per entry', async () => {
    const r = await fleet({ tokens: [TOKENS.healthy, TOKENS.expired] }, ['--format', 'markdown']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^## WhatsApp token fleet audit: FAIL/);
    expect(r.stdout).toContain('2 tokens: 1 passed, 0 with warnings, 1 failed, 0 not judged.');
    expect(r.stdout).toContain('| ✅ | client-0000 | PASS | never |  |');
    // A dead token inspecting itself still gets its data (200 + data.error), so its (past) expiry shows.
    expect(r.stdout).toMatch(/\| ❌ \| client-0001 \| FAIL \| -\d+ \| token\.valid \|/);
  });

  it('the fleet file can come from standard input; no progress line when stderr is not a TTY', async () => {
    const r = await fleet({ tokens: [TOKENS.healthy] }, ['--format', 'json'], { stdin: true });
    expect(r.code).toBe(0);
    expect(r.json.totals.pass).toBe(1);
    expect(r.stderr).toBe('');
  });
});

describe('fleet: a large environment (one variable per client token)', () => {
  it('reads every entry its own variable among thousands, and WA_AUDIT_* options from the same snapshot', async () => {
    // Above the size where the environment is read in one pass (src/fleet/environment.ts).
    const env: Record<string, string> = { WA_AUDIT_FORMAT: 'jsonl' };
    for (let i = 0; i < 2500; i++) env[`FILLER_${i}`] = `value-${i}`;
    const tokens = [TOKENS.healthy, TOKENS.expired, TOKENS.healthy, TOKENS.healthy, TOKENS.expired];
    tokens.forEach((t, i) => {
      env[`CLIENT_TOKEN_${i}`] = t;
    });
    const path = join(dir, 'large-env.yaml');
    // YAML: its parser reads its debug switches from the environment once per token.
    writeFileSync(
      path,
      `defaults:\n  appId: "${APP_ID}"\ntokens:\n${tokens.map((_, i) => `  - name: client-${i}\n    env: CLIENT_TOKEN_${i}\n`).join('')}`,
    );
    const r = await runCli(['fleet', path, '--graph-url', emu.url], { env });
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const byName = new Map(lines.filter((l) => l.kind === 'entry').map((l) => [l.name, l.exitCode]));
    expect(Object.fromEntries(byName)).toEqual({
      'client-0': 0,
      'client-1': 1,
      'client-2': 0,
      'client-3': 0,
      'client-4': 1,
    });
    expect(lines.at(-1)).toMatchObject({ kind: 'totals', totals: { entries: 5, pass: 3, fail: 2 } });
    for (const token of new Set(tokens)) expectNoSecrets({ stdout: r.stdout, stderr: r.stderr }, { token, appId: APP_ID });
  });
});
