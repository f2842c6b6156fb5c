import { describe, expect, it } from 'vitest';
import { checkPolicy, readPolicy, WHATSAPP_SCOPES } from '../../src/core/policy.js';
import { UsageError } from '../../src/core/errors.js';
import { cliSettingName } from '../../src/cli/settings.js';

const cli = cliSettingName();

describe('policy', () => {
  it('fills defaults: both WhatsApp scopes, 14 warning days, nothing strict', () => {
    expect(readPolicy({ appId: '1234' })).toEqual({
      appId: '1234',
      scopes: [...WHATSAPP_SCOPES],
      wabaIds: [],
      phoneNumberIds: [],
      minDays: 0,
      warnDays: 14,
      exactScopes: false,
      requireWebhooks: false,
      requireLive: false,
      strict: false,
      templates: [],
    });
  });

  it('requires the app ID and says where to find it', () => {
    expect(() => readPolicy({}, cli)).toThrow(/--app-id is required.*App Dashboard/);
  });

  it('keeps IDs as strings, even when a file gave a number', () => {
    expect(readPolicy({ appId: 1234567890123 }).appId).toBe('1234567890123');
  });

  it('splits lists given as one string on commas and newlines, dropping duplicates', () => {
    const p = readPolicy({ appId: '1', scopes: 'a_b, c_d\ne_f,a_b', wabaIds: ['11,22', '33'] });
    expect(p.scopes).toEqual(['a_b', 'c_d', 'e_f']);
    expect(p.wabaIds).toEqual(['11', '22', '33']);
  });

  it('explains that a phone number is not a phone-number ID', () => {
    expect(() => readPolicy({ appId: '1', phoneNumberIds: '+1 555-010-0001' })).toThrow(
      /looks like a phone number.*phone number's ID.*Phone number ID/,
    );
  });

  it('refuses a non-numeric WABA ID with a usage error naming the flag', () => {
    const err = (() => {
      try {
        readPolicy({ appId: '1', wabaIds: 'my-waba' }, cli);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(/^--waba-id: expected a WhatsApp Business Account ID/);
  });

  it('reports every problem at once, named by the front', () => {
    const { policy, problems } = checkPolicy(
      { appId: 'x', warnDays: '-3', strict: 'maybe' },
      (k) => `defaults.${k}`,
    );
    expect(policy).toBeUndefined();
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^defaults\.appId/);
    expect(problems.join(' ')).toMatch(/defaults\.warnDays.*defaults\.strict/);
  });

  it('accepts token kinds in several spellings', () => {
    expect(readPolicy({ appId: '1', requireType: 'system-user' }).requireType).toBe('SYSTEM_USER');
    expect(() => readPolicy({ appId: '1', requireType: 'robot' })).toThrow(/system-user, user, page, app/);
  });

  it('never echoes a long value (it may be a secret pasted into the wrong setting)', () => {
    const secretish = 'FAKE-this-is-a-long-secret-looking-value-0000000000';
    try {
      readPolicy({ appId: secretish });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).not.toContain(secretish);
      expect((e as Error).message).toMatch(/a \d+-character value/);
    }
  });
});
