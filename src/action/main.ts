// Entry of the bundled Action (dist/action.js), run by the runner's node24.
import { setFlagsFromString } from 'node:v8';

// As in the CLI: keep undici's WebAssembly HTTP parser on V8's baseline tier, so the step does not wait at exit
// for a background recompilation it will never use.
setFlagsFromString('--liftoff-only');

const { run } = await import('./run.js');
await run();
