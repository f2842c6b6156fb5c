// An interrupted fleet (SIGINT from a terminal, SIGTERM from a scheduler): the bundled CLI, signalled while its
// requests are in flight or while it waits to retry, prints what it judged so far, exits 130 / 143, and its
// figures are true: the HTTP requests it reports are those Graph saw, never "0 HTTP requests".
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Fault } from '../emulator/server.js';
import { APP_ID, TOKENS } from '../emulator/fixtures.js';
import { bundled } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';
import { expectNoSecrets } from '../helpers/secrets.js';

const emu = useEmulator();
const dir = mkdtempSync(join(tmpdir(), 'wa-fleet-interrupt-'));

interface Interrupted {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Requests the emulator had seen when the signal was sent. */
  seenAtSignal: number;
}

/**
 * Runs `fleet` over two entries with `fault` set, and sends `signal` once `ready` holds (polled on what Graph
 * saw and what the run printed). Generous limits: the run would go on for minutes without the signal.
 */
async function interrupt(
  fault: Fault,
  signal: 'SIGINT' | 'SIGTERM',
  format: string[],
  ready: (seen: number, stderr: string) => boolean,
): Promise<Interrupted> {
  emu.setFault(fault);
  const file = join(dir, `fleet-${signal}.yml`);
  writeFileSync(
    file,
    `defaults:\n  appId: "${APP_ID}"\ntokens:\n  - name: shop\n    env: SHOP_TOKEN\n  - name: blog\n    env: BLOG_TOKEN\n`,
  );
  const child = spawn(
    process.execPath,
    [bundled('cli.js'), 'fleet', file, '--graph-url', emu.url, '--deadline', '300', '--timeout', '120000', ...format],
    {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: dir,
        NO_COLOR: '1',
        SHOP_TOKEN: TOKENS.healthy,
        BLOG_TOKEN: TOKENS.extraScopes,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  const guard = setTimeout(() => child.kill('SIGKILL'), 100_000);
  try {
    let exited = false;
    void closed.then(() => (exited = true));
    await vi.waitFor(
      () => {
        if (exited) throw Object.assign(new Error(`the run ended before the signal:\n${stderr}`), { fatal: true });
        expect(ready(emu.requests.length, stderr), stderr).toBe(true);
      },
      { timeout: 60_000, interval: 25 },
    );
    expect(exited, stderr).toBe(false);
    const seenAtSignal = emu.requests.length;
    child.kill(signal);
    const code = await closed;
    return { code, stdout, stderr, seenAtSignal };
  } finally {
    clearTimeout(guard);
  }
}

describe('[dist] fleet: interrupted runs report what they sent', () => {
  it('SIGINT while the batch is still unanswered: exit 130, nothing judged, the request in flight counted', async () => {
    const r = await interrupt({ kind: 'no-headers' }, 'SIGINT', [], (seen) => seen >= 1);
    expect(r.code, r.stderr).toBe(130);
    expect(r.seenAtSignal).toBe(1);
    expect(emu.requests).toHaveLength(1);
    // The text report's totals line states the request Graph saw (it said "0 HTTP requests" before).
    expect(r.stdout).toMatch(/\(1 HTTP request\)/);
    expect(r.stderr).toMatch(/interrupted \(SIGINT\): 0 of 2 entries judged and shown above; the others were not judged/);
    expectNoSecrets({ stdout: r.stdout, stderr: r.stderr }, { token: TOKENS.healthy, appId: APP_ID });
    expectNoSecrets({ stdout: r.stdout, stderr: r.stderr }, { token: TOKENS.extraScopes, appId: APP_ID });
  });

  it('SIGTERM while waiting to retry: exit 143, the JSON document counts every attempt', async () => {
    // Code 2 backs off from 0.5 s, doubling: once the notice for attempt 5 is printed, four requests have been
    // answered and the next is at least 2 s away, so the count at the signal is exact.
    const r = await interrupt(
      { kind: 'graph-error', code: 2 },
      'SIGTERM',
      ['--json'],
      (_seen, stderr) => /\(attempt 5\)/.test(stderr),
    );
    expect(r.code, r.stderr).toBe(143);
    expect(r.seenAtSignal).toBe(4);
    expect(emu.requests).toHaveLength(4);
    const doc = JSON.parse(r.stdout) as { exitCode: number; entries: unknown[]; graph: { requests: number } };
    expect(doc.graph.requests).toBe(4);
    expect(doc.exitCode).toBe(143);
    expect(doc.entries).toEqual([]);
    expect(r.stderr).toMatch(/interrupted \(SIGTERM\): 0 of 2 entries judged/);
  });
});
