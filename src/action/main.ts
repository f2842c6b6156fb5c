// Entry of the bundled Action (dist/action.js), run by the runner's node24.
import { run } from './run.js';

await run();
