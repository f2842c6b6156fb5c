// Measuring helpers shared by the bench modules.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Wall time (ms) of one synchronous child run. */
export function timeRun(node, args, opts = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(node, args, { stdio: ['ignore', 'ignore', 'ignore'], ...opts });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, status: r.status };
}

/** Median wall time of `runs` runs, after one warm-up run (file cache, compile cache). */
export function medianRun(node, args, runs = 15, opts = {}) {
  timeRun(node, args, opts);
  const times = [];
  for (let i = 0; i < runs; i++) times.push(timeRun(node, args, opts).ms);
  return median(times);
}

/** Async child run (the emulator lives in this process's children, so never block the event loop). */
export function run(node, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(node, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: opts.env ?? process.env,
      cwd: opts.cwd,
    });
    let stdout = '';
    let stderr = '';
    let peakKb = 0;
    const status = `/proc/${child.pid}/status`;
    const sample = () => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(status, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        // The process has exited between two samples: the last reading stands.
      }
    };
    const sampler = opts.sampleRss && existsSync('/proc') ? setInterval(sample, 10) : undefined;
    child.stdout.on('data', (d) => {
      if (!opts.discardStdout) stdout += d;
      else if (opts.onStdout) opts.onStdout(d);
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('exit', () => sample());
    child.on('close', (code) => {
      if (sampler) clearInterval(sampler);
      resolve({ code, stdout, stderr, ms: Number(process.hrtime.bigint() - start) / 1e6, peakKb });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}

export const fmt = {
  ms: (v) => `${Math.round(v)} ms`,
  x: (v) => `${v.toFixed(2)}x`,
  mb: (kb) => `${(kb / 1024).toFixed(0)} MB`,
  kb: (b) => `${(b / 1024).toFixed(1)} KiB`,
};

/**
 * Runs every measurement of `runs` once per repetition, in turn (a, b, c, a, b, c, ...), after one warm-up round
 * that is not counted, so a figure and its baseline see the same machine load. Returns each name's results.
 */
export async function interleave(reps, runs, { warmUp = true } = {}) {
  const out = Object.fromEntries(Object.keys(runs).map((k) => [k, []]));
  for (let i = warmUp ? -1 : 0; i < reps; i++) {
    for (const [name, fn] of Object.entries(runs)) {
      const r = await fn(i);
      if (i >= 0) out[name].push(r);
    }
  }
  return out;
}
