// `npm run demo`: start the local Graph API emulator and audit several of its fake tokens with the bundled CLI,
// showing a pass and the main failures. Meta is unreachable here; the emulator answers like Graph does.
import { spawnSync } from 'node:child_process';
import { loadFixtures, startEmulator } from './emulator.mjs';

const fx = await loadFixtures();
const emu = await startEmulator();
const bold = (s) => (process.stdout.isTTY && !process.env.NO_COLOR ? `\u001b[1m${s}\u001b[22m` : s);

const scenarios = [
  ['A healthy System User token: passes', fx.TOKENS.healthy, ['--waba-id', fx.WABA.main, '--phone-number-id', fx.PHONE.healthy]],
  ['A token missing whatsapp_business_messaging: fails', fx.TOKENS.missingMessaging, []],
  ["Another app's token, inspected with the app secret: fails on app.id", fx.TOKENS.otherApp, [], { WHATSAPP_APP_SECRET: fx.APP_SECRET }],
  ['An expired token (Graph error 190.463): fails', fx.TOKENS.expired, [], { WHATSAPP_APP_SECRET: fx.APP_SECRET }],
  ['A 24-hour token from the App Dashboard: warnings (fails with --strict)', fx.TOKENS.shortLivedUser, ['--quiet']],
  ['Graph answers error 2 twice, then recovers: retried, then passes', fx.TOKENS.transient2, ['--quiet']],
  ['A phone number of another WABA: fails on phone.reachable', fx.TOKENS.healthy, ['--phone-number-id', fx.PHONE.otherWaba, '--quiet']],
];

let worst = 0;
try {
  for (const [title, token, args, env = {}] of scenarios) {
    console.log(`\n${bold(`=== ${title}`)}`);
    console.log(`$ wa-token-audit --app-id ${fx.APP_ID} ${args.join(' ')}`.trimEnd());
    const r = spawnSync(process.execPath, ['dist/cli.js', '--app-id', fx.APP_ID, '--graph-url', emu.url, ...args], {
      env: { ...process.env, WHATSAPP_ACCESS_TOKEN: token, ...env },
      stdio: 'inherit',
    });
    console.log(`(exit code ${r.status})`);
    worst = Math.max(worst, r.status ?? 3);
  }
  console.log(`\n${bold('=== What an error code means: wa-token-audit explain 2')}`);
  spawnSync(process.execPath, ['dist/cli.js', 'explain', '2'], { stdio: 'inherit' });
} finally {
  await emu.stop();
}
console.log('\nDemo finished: exit codes 0 = pass, 1 = fails the audit, 2 = usage error, 3 = not judged.');
