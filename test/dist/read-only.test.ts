// Read-only, provably: across the suite's discovery and audit scenarios, every request the tool sends is a GET,
// or a POST to the batch endpoint whose items are all GETs. Nothing carries the token in a URL.
import { describe, expect, it } from 'vitest';
import { APP_ID, APP_SECRET, PHONE, TOKENS, WABA } from '../emulator/fixtures.js';
import { type Fault, startEmulator } from '../emulator/server.js';
import { runCli } from '../helpers/cli.js';
import { expectNoSecrets } from '../helpers/secrets.js';

interface Scenario {
  name: string;
  token: string;
  args: string[];
  secret?: boolean;
  fault?: Fault;
}

const probes = [
  '--waba-id',
  WABA.main,
  '--phone-number-id',
  PHONE.healthy,
  '--phone-number-id',
  PHONE.yellow,
];
const SCENARIOS: Scenario[] = [
  { name: 'audit, healthy', token: TOKENS.healthy, args: ['--app-id', APP_ID] },
  { name: 'audit, probes', token: TOKENS.healthy, args: ['--app-id', APP_ID, ...probes] },
  {
    name: 'audit, probes + secret',
    token: TOKENS.healthy,
    args: ['--app-id', APP_ID, ...probes],
    secret: true,
  },
  {
    name: 'audit, stray phone',
    token: TOKENS.healthy,
    args: ['--app-id', APP_ID, '--waba-id', WABA.main, '--phone-number-id', PHONE.otherWaba],
  },
  { name: 'audit, admin', token: TOKENS.adminNoTargets, args: ['--app-id', APP_ID, ...probes] },
  {
    name: 'audit, expired + secret',
    token: TOKENS.expired,
    args: ['--app-id', APP_ID, ...probes],
    secret: true,
  },
  { name: 'audit, other app + secret', token: TOKENS.otherApp, args: ['--app-id', APP_ID], secret: true },
  {
    name: 'audit, webhook missing',
    token: TOKENS.healthy,
    args: ['--app-id', APP_ID],
    secret: true,
    fault: { kind: 'app-subscriptions', state: 'missing' },
  },
  { name: 'audit, transient then ok', token: TOKENS.transient2, args: ['--app-id', APP_ID, ...probes] },
  { name: 'discover, healthy', token: TOKENS.healthy, args: ['discover'] },
  { name: 'discover, secret', token: TOKENS.healthy, args: ['discover', '--app-id', APP_ID], secret: true },
  { name: 'discover, admin paged', token: TOKENS.adminNoTargets, args: ['discover', '--page-size', '1'] },
  {
    name: 'discover, capped',
    token: TOKENS.adminNoTargets,
    args: ['discover', '--page-size', '2', '--max-pages', '2'],
  },
  { name: 'discover, refused', token: TOKENS.adminListingRefused, args: ['discover'] },
  { name: 'discover, bench', token: TOKENS.bench, args: ['discover', '--json'] },
  { name: 'discover, expired', token: TOKENS.expired, args: ['discover'] },
  {
    name: 'discover, other app + secret',
    token: TOKENS.otherApp,
    args: ['discover', '--app-id', APP_ID],
    secret: true,
  },
];

// Each scenario on its own emulator, concurrently (the CLI runs are independent); the totals are checked last.
const methods = new Map<string, number>();
let batchItems = 0;

describe('[dist] read-only across the discovery and audit scenarios', () => {
  it.concurrent.each(SCENARIOS)('$name: only GETs or a batch POST of GETs, no token in a URL', async (s) => {
    const emu = await startEmulator();
    try {
      if (s.fault) emu.setFault(s.fault);
      const r = await runCli([...s.args, '--graph-url', emu.url], {
        env: { WHATSAPP_ACCESS_TOKEN: s.token, ...(s.secret ? { WHATSAPP_APP_SECRET: APP_SECRET } : {}) },
      });
      expect(r.code, `${s.name}: ${r.stderr}`).not.toBe(null);
      expect([0, 1], `${s.name} exit code`).toContain(r.code);
      expectNoSecrets(
        { stdout: r.stdout, stderr: r.stderr },
        { token: s.token, appId: APP_ID, ...(s.secret ? { appSecret: APP_SECRET } : {}) },
      );
      expect(emu.requests.length, s.name).toBeGreaterThan(0);
      for (const q of emu.requests) {
        const key = `${q.method} ${q.method === 'POST' ? q.path : '(node)'}`;
        methods.set(key, (methods.get(key) ?? 0) + 1);
        expect(['GET', 'POST'], s.name).toContain(q.method);
        if (q.method === 'POST') {
          // The batch endpoint: the root path, a `batch` form field, nothing else.
          expect(q.path, s.name).toBe('/');
          const batch = JSON.parse(new URLSearchParams(q.body).get('batch') ?? 'null') as {
            method: string;
          }[];
          expect(Array.isArray(batch), s.name).toBe(true);
          expect(
            batch.every((item) => item.method === 'GET'),
            s.name,
          ).toBe(true);
        }
        expect(q.query.access_token, s.name).toBeUndefined();
      }
      for (const item of emu.batchItems) {
        expect(item.method, s.name).toBe('GET');
        expect(item.relativeUrl, s.name).not.toMatch(/access_token/);
      }
      batchItems += emu.batchItems.length;
    } finally {
      await emu.close();
    }
  });

  it('over all scenarios: only plain GETs and batch POSTs to `/`, and many batch items', () => {
    expect([...methods.keys()].sort()).toEqual(['GET (node)', 'POST /']);
    expect(batchItems).toBeGreaterThan(100);
  });
});
