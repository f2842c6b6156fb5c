import { describe, expect, it } from 'vitest';
import { phoneRegion } from '../../src/core/checks/region.js';
import type { PhoneProbe } from '../../src/core/live.js';

const probe = (phoneNumberId: string, displayPhoneNumber?: string): PhoneProbe => ({
  phoneNumberId,
  outcome: 'ok',
  node: displayPhoneNumber ? { displayPhoneNumber } : {},
});

describe('phone.region', () => {
  it.each([
    ['+53 5 123 4567', 'Cuba'],
    ['+98 912 345 6789', 'Iran'],
    ['+850 2 123 4567', 'North Korea'],
    ['+963 11 234 5678', 'Syria'],
  ])('warns for %s (%s), with what to do', (display, region) => {
    const [c] = phoneRegion([probe('31', display)], ['31']);
    expect(c).toMatchObject({ id: 'phone.region', status: 'warn', details: { phoneNumberId: '31', region } });
    expect(c!.message).toMatch(new RegExp(`${region}.*restricted.*cannot receive`));
    expect(c!.remediation?.join(' ')).toMatch(/explain undelivered/);
  });

  it('passes Turkey, which is no longer restricted (since 2024-05-15)', () => {
    const [c] = phoneRegion([probe('32', '+90 212 555 0101')], ['32']);
    expect(c).toMatchObject({ status: 'pass', details: { callingCode: '90' } });
    expect(c!.message).toMatch(/2024-05-15/);
  });

  it('passes Ukraine with the note that the sanctioned regions cannot be told from a number', () => {
    const [c] = phoneRegion([probe('33', '+380 44 123 4567')], ['33']);
    expect(c!.status).toBe('pass');
    expect(c!.message).toMatch(/Crimea, Donetsk and Luhansk/);
  });

  it('does not misread +1 or +55 numbers', () => {
    const checks = phoneRegion([probe('34', '+1 555-010-0001'), probe('35', '+55 11 91234 5678')], ['34', '35']);
    expect(checks.map((c) => c.status)).toEqual(['pass', 'pass']);
  });

  it('skips a number Graph did not show, or could not read', () => {
    const refused: PhoneProbe = { phoneNumberId: '36', outcome: 'refused', error: { code: 100, subcode: 33 } };
    const checks = phoneRegion([probe('37'), refused], ['37', '36', '38']);
    expect(checks.map((c) => [c.status, c.details?.phoneNumberId])).toEqual([
      ['skip', '37'],
      ['skip', '36'],
      ['skip', '38'],
    ]);
  });
});
