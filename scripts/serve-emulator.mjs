// `npm run emulator -- [--port 8765] [--latency 0]`: the local Graph API emulator in the foreground, for trying
// the CLI or the Action by hand (and for this repo's self-test workflow). Its fake tokens are in
// test/emulator/fixtures.ts.
import { spawn } from 'node:child_process';
import { buildEmulator } from './emulator.mjs';

const script = await buildEmulator();
const child = spawn(process.execPath, [script, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
