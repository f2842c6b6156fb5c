// 2. Network waves: one deep audit (debug_token + 2 phone-number probes with their status, health and messaging
// limit + 1 subscribed_apps + the WABA node with its health, review and verification, plus the phone.waba
// listing) against the emulator with 100 ms added per request: the CLI's wall time minus the wall time of the
// same audit against an emulator adding nothing (runs alternating, 7 each), beside the same five reads made one
// after another (keep-alive, in this process).
// The deep audit also carries two templates (--template): one message_templates item each, in the same wave,
// and --callback-url (webhook.route reads each number's webhook_configuration in its phone item): the last figure
// counts the HTTP requests of that audit, run in-process on the sources.
import { join } from 'node:path';
import { loadFromSource } from '../scripts/emulator.mjs';

const LATENCY = 100;

export async function run(ctx) {
  const { run: spawnRun, median, fmt, interleave } = ctx.measure;
  const emu = await ctx.startEmulator(['--latency', String(LATENCY)]);
  try {
    const fx = await import('../scripts/emulator.mjs').then((m) => m.loadFixtures());
    const { TOKENS, APP_ID, PHONE, WABA, CALLBACK } = fx;
    const args = [
      join(ctx.root, 'dist/cli.js'),
      '--app-id',
      APP_ID,
      '--graph-url',
      emu.url,
      '--phone-number-id',
      PHONE.healthy,
      '--phone-number-id',
      PHONE.red,
      '--waba-id',
      WABA.main,
      '--template',
      'order_update:en_US',
      '--template',
      'shipping_notice',
      '--callback-url',
      CALLBACK.app,
      '--json',
    ];
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, WHATSAPP_ACCESS_TOKEN: TOKENS.healthy };
    const instant = await ctx.startEmulator(['--latency', '0']);
    const once = (url) => async () => {
      const r = await spawnRun(
        process.execPath,
        args.map((a) => (a === emu.url ? url : a)),
        { env },
      );
      if (r.code !== 0 && r.code !== 1) throw new Error(`deep audit exited ${r.code}: ${r.stderr}`);
      return r.ms;
    };
    const walls = await interleave(7, { slow: once(emu.url), instant: once(instant.url) }).finally(() =>
      instant.stop(),
    );
    const wall = median(walls.slow);
    const wall0 = median(walls.instant);
    const network = wall - wall0;

    // The same calls one after another.
    const paths = [
      `/v26.0/debug_token?input_token=${encodeURIComponent(TOKENS.healthy)}`,
      `/v26.0/${PHONE.healthy}?fields=id,display_phone_number,status,health_status`,
      `/v26.0/${PHONE.red}?fields=id,display_phone_number,status,health_status`,
      `/v26.0/${WABA.main}/subscribed_apps`,
      `/v26.0/${WABA.main}?fields=id,health_status,account_review_status,business_verification_status`,
    ];
    const seq = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      for (const p of paths) {
        const res = await fetch(emu.url + p, { headers: { authorization: `Bearer ${TOKENS.healthy}` } });
        await res.arrayBuffer();
      }
      seq.push(performance.now() - start);
    }
    const sequential = median(seq);

    // The same deep audit in-process: how many HTTP requests it sends, and that webhook.route judged each number.
    const { 'audit-engine': engine } = await loadFromSource({ 'audit-engine': 'src/run/audit.ts' });
    const policy = {
      appId: APP_ID,
      scopes: ['whatsapp_business_management', 'whatsapp_business_messaging'],
      wabaIds: [WABA.main],
      phoneNumberIds: [PHONE.healthy, PHONE.red],
      minDays: 0,
      warnDays: 14,
      exactScopes: false,
      requireWebhooks: false,
      requireLive: false,
      strict: false,
      templates: [
        { name: 'order_update', languages: ['en_US'] },
        { name: 'shipping_notice', languages: [] },
      ],
      callbackUrl: CALLBACK.app,
    };
    const audit = await engine.auditToken({
      token: TOKENS.healthy,
      policy,
      graph: { graphUrl: emu.url },
      now: () => new Date(),
    });
    const routes = audit.report.checks.filter((c) => c.id === 'webhook.route' && c.status !== 'skip').length;
    const templates = audit.report.checks.filter((c) => c.id.startsWith('template.')).length;
    return [
      {
        figure: `deep audit, added by ${LATENCY} ms/request (wall ${fmt.ms(wall)} - same audit at 0 ms ${fmt.ms(wall0)}, medians of 7)`,
        value: fmt.ms(network),
        baseline: `5 calls one after another: ${fmt.ms(sequential)}`,
        ratio: fmt.x(network / sequential),
        target: '<= 130 ms (1 wave)',
        ok: network <= 130,
      },
      {
        figure: `deep audit with ${templates} template checks and --callback-url (${routes} webhook.route judged): HTTP requests`,
        value: String(audit.requests),
        baseline: 'one request per read: 9',
        ratio: fmt.x(audit.requests / 9),
        target: '1 request (one wave)',
        ok: audit.requests === 1 && routes === 2,
      },
    ];
  } finally {
    await emu.stop();
  }
}
