import { describe, expect, it } from 'vitest';
import {
  internationalDigits,
  knownCallingCodes,
  RESTRICTED_CALLING_CODES,
  regionOf,
  restrictedRegionWarning,
} from '../../src/core/regions.js';

describe('regionOf', () => {
  it.each([
    ['+53 5 1234567', '53', 'Cuba'],
    ['+98 912 345 6789', '98', 'Iran'],
    ['+850 2 381 2345', '850', 'North Korea'],
    ['+963 11 123 4567', '963', 'Syria'],
    ['0053 5 1234567', '53', 'Cuba'],
    ['011 53 5 1234567', '53', 'Cuba'],
    ['5351234567', '53', 'Cuba'],
    ['tel:+963-11-1234567', '963', 'Syria'],
  ])('%s is restricted (%s %s)', (input, callingCode, region) => {
    expect(regionOf(input)).toMatchObject({ callingCode, region, restricted: true });
    const warning = restrictedRegionWarning(input);
    expect(warning).toContain(`+${callingCode} is ${region}`);
    expect(warning).toMatch(/businesses there may not use it/);
    expect(warning).toMatch(/cannot receive its messages/);
  });

  it('knows Turkey is no longer restricted (since 2024-05-15)', () => {
    const tr = regionOf('+90 532 123 4567');
    expect(tr).toMatchObject({ callingCode: '90', region: 'Turkey', restricted: false });
    expect(tr?.note).toContain('2024-05-15');
    expect(restrictedRegionWarning('+90 532 123 4567')).toBeUndefined();
  });

  it('says nothing restrictive for Ukraine but exposes the sanctioned-regions note', () => {
    const ua = regionOf('+380 44 123 4567');
    expect(ua).toMatchObject({ callingCode: '380', region: 'Ukraine', restricted: false });
    expect(ua?.note).toMatch(/Crimea/);
    expect(ua?.note).toMatch(/Donetsk/);
    expect(ua?.note).toMatch(/Luhansk/);
    expect(ua?.note).toMatch(/does not tell/);
    expect(restrictedRegionWarning('+380 44 123 4567')).toBeUndefined();
  });

  it.each([
    ['+1 555-010-0001', '1'],
    ['15550100001', '1'],
    ['+1 (535) 010-0001', '1'],
    ['+55 11 91234 5678', '55'],
    ['+52 55 1234 5678', '52'],
    ['+591 2 123 4567', '591'],
    ['+509 1234 5678', '509'],
    ['+852 1234 5678', '852'],
    ['+86 10 1234 5678', '86'],
    ['+39 06 1234 5678', '39'],
    ['+379 06 698', '379'],
    ['+968 1234 5678', '968'],
    ['+7 495 123 4567', '7'],
    ['+44 20 7946 0958', '44'],
    ['0044 20 7946 0958', '44'],
  ])('does not misread %s as restricted', (input, callingCode) => {
    const info = regionOf(input);
    expect(info?.callingCode).toBe(callingCode);
    expect(info?.restricted).toBe(false);
    expect(restrictedRegionWarning(input)).toBeUndefined();
  });

  it.each([
    '',
    'abc',
    '+',
    '+53',
    '053 123 4567',
    '+0 123 4567',
    '+53 5 12a4567',
    '+1234567890123456',
    '+999 123 4567',
  ])('returns undefined for %j', (input) => {
    expect(regionOf(input)).toBeUndefined();
    expect(restrictedRegionWarning(input)).toBeUndefined();
  });
});

describe('calling-code table', () => {
  it('is prefix-free, so longest-prefix matching is unambiguous', () => {
    const codes = knownCallingCodes();
    for (const a of codes) {
      for (const b of codes) if (a !== b) expect(b.startsWith(a), `${a} is a prefix of ${b}`).toBe(false);
    }
  });

  it('restricts exactly Cuba, Iran, North Korea and Syria', () => {
    expect(Object.keys(RESTRICTED_CALLING_CODES).sort()).toEqual(['53', '850', '963', '98']);
    const restricted = knownCallingCodes().filter((c) => regionOf(`+${c} 1234567`)?.restricted);
    expect(restricted.sort()).toEqual(['53', '850', '963', '98']);
  });
});

describe('internationalDigits', () => {
  it('normalises the usual ways to write a number', () => {
    expect(internationalDigits('+53 5 1234567')).toBe('5351234567');
    expect(internationalDigits('0053 (5) 123-4567')).toBe('5351234567');
    expect(internationalDigits('011 53 5.123.4567')).toBe('5351234567');
    expect(internationalDigits('06 12 34 56 78')).toBeUndefined();
  });
});
