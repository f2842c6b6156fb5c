// Runs the Graph emulator standalone (the demo and the benchmarks start it after esbuild bundles this file):
//   node graph-emulator.mjs [--port 8080] [--latency 20] [--flaky-every 100]
// (--flaky-every N: every N-th batch item answers a transient code 2, the `flaky-items` fault.)
// Prints exactly one line, `graph emulator listening on http://127.0.0.1:PORT`, and runs until SIGINT/SIGTERM.
import { startEmulator } from './server.js';

function option(args: string[], name: string): number | undefined {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const arg = args[i]!;
  const raw = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[i + 1];
  const n = Number(raw);
  if (raw === undefined || !Number.isInteger(n) || n < 0) {
    process.stderr.write(`graph emulator: --${name} needs a non-negative integer\n`);
    process.exit(2);
  }
  return n;
}

const args = process.argv.slice(2);
const emu = await startEmulator({ port: option(args, 'port') ?? 0, latencyMs: option(args, 'latency') ?? 0 });
const every = option(args, 'flaky-every');
if (every) emu.setFault({ kind: 'flaky-items', every });
process.stdout.write(`graph emulator listening on ${emu.url}\n`);

const stop = () => {
  void emu.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
