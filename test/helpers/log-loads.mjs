// `node --import ./log-loads.mjs`: installs load-hooks.mjs before the program starts.
import { register } from 'node:module';

register('./load-hooks.mjs', import.meta.url);
