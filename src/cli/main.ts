// Entry of the bundled CLI (dist/cli.js). The only place that ends the process.
import module from 'node:module';
import { setFlagsFromString } from 'node:v8';

// Node 22.1+ can cache compiled code between runs; on Node 20 this is absent and skipped.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// undici parses HTTP with a WebAssembly build of llhttp. V8 would recompile it in the background with its
// optimising tier, and a short-lived CLI then waits for that work at exit (about 50 ms and 35 MiB here).
// The baseline tier parses Graph's small answers just as well. Set before any WebAssembly is compiled.
setFlagsFromString('--liftoff-only');

// Checked before anything else loads, so an old Node gets one line instead of a stack trace from a missing API.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(
    `wa-token-audit: needs Node.js 20.19 or newer (this is ${process.version}); see https://nodejs.org/en/download.\n`,
  );
  process.exitCode = 2;
} else {
  // Read the environment once, before any module that reads it loads (see fleet/environment.ts). Imported here,
  // not at the top: a static import would load shared chunks before the Node version check above.
  const { snapshotEnv } = await import('../fleet/environment.js');
  process.env = snapshotEnv();
  const args = process.argv.slice(2);
  // A fleet runs in a child Node with a heap sized for it (see fleet-heap.ts).
  const heap = args[0] === 'fleet' ? await import('./fleet-heap.js') : undefined;
  const code = heap?.wantsFleetHeap(args, process.env) ? await heap.runInFleetHeap(args, process.env) : undefined;
  if (code !== undefined) process.exitCode = code;
  else {
    const { runCli } = await import('./program.js');
    const { processIO } = await import('./io.js');
    process.exitCode = await runCli(args, processIO());
  }
  // Interrupted (SIGINT 130, SIGTERM 143): what was judged is printed; requests still in flight must not hold the
  // process open, so it ends here.
  if (process.exitCode === 130 || process.exitCode === 143) process.exit(process.exitCode);
}
