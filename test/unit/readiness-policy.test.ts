// --template as every front hands it to the policy (lists, one string, bad values), and URLs as printed.
import { describe, expect, it } from 'vitest';
import { checkPolicy, withoutQuery } from '../../src/core/policy.js';
import { readSubscribedApps } from '../../src/graph/reads.js';

const base = { appId: '1000000000000001', wabaIds: '2000000000000001' };

describe('templates', () => {
  it('NAME[:LANG[,LANG…]] from flags, from one Action input (lines or spaces) and merged by name', () => {
    expect(checkPolicy({ ...base, templates: ['order_update:en_US,es_ES', 'login_code'] }).policy?.templates).toEqual([
      { name: 'order_update', languages: ['en_US', 'es_ES'] },
      { name: 'login_code', languages: [] },
    ]);
    expect(checkPolicy({ ...base, templates: 'order_update:en_US\nlogin_code order_update:pt_BR' }).policy?.templates).toEqual([
      { name: 'order_update', languages: ['en_US', 'pt_BR'] },
      { name: 'login_code', languages: [] },
    ]);
    expect(checkPolicy({ ...base, templates: 'a,b' }).policy?.templates.map((t) => t.name)).toEqual(['a', 'b']);
  });

  it('refuses what is not a template name or a language code, naming the setting', () => {
    for (const bad of ['Order Update', 'order_update:', 'order_update:english!', 'x:en-US']) {
      const { problems } = checkPolicy({ ...base, templates: [bad] }, (k) => `--${k}`);
      expect(problems.join(' '), bad).toMatch(/^--templates: /);
    }
  });

  it('needs a WABA or a phone number; a fleet file\'s defaults may leave that to its entries', () => {
    expect(checkPolicy({ appId: '1', templates: 'a' }).problems.join(' ')).toMatch(/templates needs wabaIds/);
    expect(checkPolicy({ appId: '1', templates: 'a' }, undefined, { partial: true }).problems).toEqual([]);
  });
});

describe('URLs as printed', () => {
  it('lose their query string, fragment and credentials', () => {
    expect(withoutQuery('https://u:p@hooks.example.invalid/wa?hub.verify_token=FAKE-secret#x')).toBe(
      'https://hooks.example.invalid/wa',
    );
    expect(
      readSubscribedApps({
        data: [{ whatsapp_business_api_data: { id: '1' }, override_callback_uri: 'https://h.example.invalid/w?token=FAKE' }],
      }),
    ).toEqual([{ id: '1', overrideCallbackUri: 'https://h.example.invalid/w' }]);
  });

});
