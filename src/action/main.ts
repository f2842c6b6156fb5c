// Entry of the bundled Action (dist/action.js), run by the runner's node24.
import { existsSync, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { snapshotEnv } from '../fleet/environment.js';

// As in the CLI: keep undici's WebAssembly HTTP parser on V8's baseline tier, so the step does not wait at exit
// for a background recompilation it will never use.
setFlagsFromString('--liftoff-only');

// Read the environment once, before any module that reads it loads (see fleet/environment.ts).
process.env = snapshotEnv();

// @actions/github parses the event file as it loads: an unreadable or broken one would end the step with a stack
// trace. Checked first; the step then fails with one line naming it.
const eventProblem = checkEventFile(process.env.GITHUB_EVENT_PATH);
if (eventProblem) {
  const core = await import('@actions/core');
  core.setFailed(eventProblem);
} else {
  const { run } = await import('./run.js');
  await run();
}

function checkEventFile(path: string | undefined): string | undefined {
  if (!path || !existsSync(path)) return undefined; // @actions/github copes with a missing file
  try {
    JSON.parse(readFileSync(path, 'utf8'));
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = err instanceof SyntaxError ? 'it is not valid JSON' : code === 'EISDIR' ? 'it is a directory' : `it cannot be read (${code ?? 'error'})`;
    return `The GitHub event file (GITHUB_EVENT_PATH) cannot be used: ${why}. The token was not judged.`;
  }
}
