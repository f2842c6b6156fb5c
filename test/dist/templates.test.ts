// template.NAME through the bundled CLI against the emulator: every status, missing languages, a template made
// in another WABA, paging by cursor, one network wave, the WABA of a number when no WABA is given.
import { describe, expect, it } from 'vitest';
import { APP_ID, PHONE, TEMPLATE, TOKENS, WABA } from '../emulator/fixtures.js';
import { useEmulator } from '../helpers/emulator.js';
import { runCli, withJson } from '../helpers/cli.js';
import { expectNoSecrets } from '../helpers/secrets.js';
import { GraphClient } from '../../src/graph/client.js';
import { readTemplateListings, templateListing } from '../../src/graph/templates.js';

const emu = useEmulator();

async function audit(args: string[], token: string = TOKENS.healthy, format: string[] = ['--json']) {
  const r = await runCli(['--app-id', APP_ID, '--graph-url', emu.url, ...format, ...args], {
    env: { WHATSAPP_ACCESS_TOKEN: token },
  });
  expectNoSecrets({ stdout: r.stdout, stderr: r.stderr }, { token, appId: APP_ID });
  return r;
}

const templates = (json: any) => json.checks.filter((c: any) => c.id.startsWith('template.'));
const byId = (json: any, id: string) => json.checks.find((c: any) => c.id === id);

describe('template.NAME', () => {
  it('approved templates pass in the languages asked, in the same single batch as the rest of the audit', async () => {
    const r = withJson(
      await audit([
        '--waba-id', WABA.main,
        '--phone-number-id', PHONE.healthy,
        '--template', `${TEMPLATE.orderUpdate}:en_US,es_ES`,
        '--template', TEMPLATE.shippingNotice,
      ]),
    );
    const order = byId(r.json, 'template.order_update');
    expect(order).toMatchObject({ status: 'pass', details: { wabaId: WABA.main, template: 'order_update' } });
    // Three languages over two pages at the emulator's page size of 2, read by cursor; order_update_v2 (which
    // Graph's name filter also returns) is not counted.
    expect(order.details.languages.map((l: any) => l.language).sort()).toEqual(['en_US', 'es_ES', 'pt_BR']);
    // RED quality on an approved template warns.
    expect(byId(r.json, 'template.shipping_notice')).toMatchObject({ status: 'warn' });
    expect(r.code).toBe(0);
    // One network wave: one batch POST carrying debug_token, the probes and one item per template name.
    expect(emu.requests).toHaveLength(1);
    const asked = emu.batchItems.map((i) => i.relativeUrl).filter((u) => u.includes('message_templates'));
    expect(asked).toHaveLength(2);
    expect(asked.every((u) => !u.includes('access_token'))).toBe(true);
  });

  it('a name spread over several pages is read by cursor, never by paging.next, up to the cap', async () => {
    const client = new GraphClient({ graphUrl: emu.url, secrets: [TOKENS.healthy] });
    try {
      const mk = (maxPages?: number) => {
        const l = templateListing(WABA.main, TEMPLATE.orderUpdate, true, TOKENS.healthy, undefined, maxPages);
        (l.listing.request as { pageSize?: number }).pageSize = 1;
        return l;
      };
      const [all] = await readTemplateListings(client, [mk()], [undefined]);
      expect(all!.templates!.map((t) => t.language)).toEqual(['en_US', 'es_ES', 'pt_BR']);
      expect(all!.incomplete).toBeUndefined();
      const [cut] = await readTemplateListings(client, [mk(2)], [undefined]);
      expect(cut!.incomplete).toBe(true);
      const urls = emu.batchItems.map((i) => i.relativeUrl);
      expect(urls.some((u) => u.includes('after='))).toBe(true);
      expect(urls.every((u) => !u.includes('access_token'))).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('PAUSED, DISABLED, REJECTED, PENDING and IN_APPEAL fail, each linked to its error code', async () => {
    const r = withJson(
      await audit([
        '--waba-id', WABA.main,
        '--template', `${TEMPLATE.orderUpdate}:pt_BR`,
        '--template', TEMPLATE.legacyOffer,
        '--template', TEMPLATE.promoSpring,
        '--template', `${TEMPLATE.loginCode}:en_US,fr`,
      ]),
    );
    expect(r.code).toBe(1);
    expect(byId(r.json, 'template.order_update')).toMatchObject({ status: 'fail', graphError: '132015' });
    expect(byId(r.json, 'template.order_update').remediation.join(' ')).toMatch(/3 hours.*6 hours/);
    expect(byId(r.json, 'template.legacy_offer')).toMatchObject({ status: 'fail', graphError: '132016' });
    expect(byId(r.json, 'template.promo_spring').message).toMatch(/REJECTED \(reason: PROMOTIONAL\)/);
    const login = byId(r.json, 'template.login_code');
    expect(login).toMatchObject({ status: 'fail', graphError: '132001' });
    expect(login.message).toMatch(/en_US is PENDING/);
    expect(login.message).toMatch(/fr is IN_APPEAL/);
  });

  it('a missing language lists the ones that exist (en is not en_US)', async () => {
    const r = withJson(await audit(['--waba-id', WABA.main, '--template', `${TEMPLATE.shippingNotice}:en_US`]));
    const c = byId(r.json, 'template.shipping_notice');
    expect(c.status).toBe('fail');
    expect(c.message).toMatch(/no en_US version \(it exists in en\); en_US is not en/);
    expect(c.graphError).toBe('132001');
  });

  it('a name missing from the WABA names the WABA searched and the other WABA the token reaches that has it', async () => {
    const r = withJson(
      await audit(['--waba-id', WABA.main, '--template', TEMPLATE.welcomeTest, '--template', TEMPLATE.nowhere]),
    );
    expect(r.code).toBe(1);
    const w = byId(r.json, 'template.welcome_test');
    expect(w.status).toBe('fail');
    expect(w.message).toContain(`No template named welcome_test in WABA ${WABA.main}`);
    expect(w.message).toContain(`exists in WABA ${WABA.second}`);
    expect(w.details.foundIn).toEqual([WABA.second]);
    expect(byId(r.json, 'template.nowhere_template').message).not.toContain('exists in WABA');
  });

  it('with only a phone number, the WABA that owns it is asked', async () => {
    const r = withJson(
      await audit(['--phone-number-id', PHONE.yellow, '--template', `${TEMPLATE.welcomeTest}:en_US`]),
    );
    expect(byId(r.json, 'template.welcome_test')).toMatchObject({ status: 'pass', details: { wabaId: WABA.second } });
  });

  it('without a WABA or a phone number it is a usage error (exit 2), one line', async () => {
    const r = await audit(['--template', TEMPLATE.orderUpdate]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--template needs --waba-id/);
    const bad = await audit(['--waba-id', WABA.main, '--template', 'Order Update']);
    expect(bad.code).toBe(2);
  });

  it('the text report shows each template and the explain hint', async () => {
    const r = await audit(['--waba-id', WABA.main, '--template', TEMPLATE.legacyOffer], TOKENS.healthy, []);
    expect(r.stdout).toMatch(/template\.legacy_offer/);
    expect(r.stdout).toMatch(/explain 132016/);
    const e = await runCli(['explain', '132016']);
    expect(e.code).toBe(0);
    expect(e.stdout).toMatch(/disabled/i);
  });

  it('an invalid token lists every template as not checked', async () => {
    const r = withJson(await audit(['--waba-id', WABA.main, '--template', TEMPLATE.orderUpdate], TOKENS.expired));
    expect(templates(r.json)).toEqual([expect.objectContaining({ id: 'template.order_update', status: 'skip' })]);
  });
});
