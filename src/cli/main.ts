// Entry of the bundled CLI (dist/cli.js). The only place that ends the process.
import module from 'node:module';

// Node 22.1+ can cache compiled code between runs; on Node 20 this is absent and skipped.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const { runCli } = await import('./program.js');
const { processIO } = await import('./io.js');
process.exitCode = await runCli(process.argv.slice(2), processIO());
