// 1. Start-up: offline evaluation (`--response-file`, no network, no undici) and --help, against a bare
// `node -e 0`, median of 15 runs each, on every Node the run has.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export async function run(ctx) {
  const { medianRun, fmt } = ctx.measure;
  const cli = join(ctx.root, 'dist/cli.js');
  const saved = join(ctx.tmp, 'saved.json');
  writeFileSync(
    saved,
    JSON.stringify({
      data: {
        app_id: '1000000000000001',
        type: 'SYSTEM_USER',
        is_valid: true,
        expires_at: 0,
        data_access_expires_at: 0,
        scopes: ['whatsapp_business_management', 'whatsapp_business_messaging'],
        granular_scopes: [
          { scope: 'whatsapp_business_management' },
          { scope: 'whatsapp_business_messaging' },
        ],
      },
    }),
  );
  const rows = [];
  for (const [name, node] of Object.entries(ctx.nodes)) {
    const base = medianRun(node, ['-e', '0']);
    const offline = medianRun(node, [cli, '--response-file', saved, '--app-id', '1000000000000001']);
    const help = medianRun(node, [cli, '--help']);
    if (name === 'Node 20') ctx.shared.startupMs = offline;
    rows.push({
      figure: `start-up, --response-file (${name})`,
      value: fmt.ms(offline),
      baseline: `node -e 0: ${fmt.ms(base)}`,
      ratio: fmt.x(offline / base),
      target: name === 'Node 20' ? '<= 2.00x' : '',
      ok: name === 'Node 20' ? offline / base <= 2 : undefined,
    });
    rows.push({
      figure: `start-up, --help (${name})`,
      value: fmt.ms(help),
      baseline: `node -e 0: ${fmt.ms(base)}`,
      ratio: fmt.x(help / base),
    });
  }
  return rows;
}
