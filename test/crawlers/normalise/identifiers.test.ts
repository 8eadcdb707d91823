import { describe, expect, it } from 'vitest';
import { isValidGtin } from '../../../domain/gtin.ts';
import { isValidIsbn10, normaliseGtin } from '../../../crawlers/normalise/identifiers.ts';

describe('GTIN check digits', () => {
  it('accepts valid EAN-13, UPC-A, EAN-8 and GTIN-14', () => {
    expect(isValidGtin('4006381333931')).toBe(true);
    expect(isValidGtin('036000291452')).toBe(true);
    expect(isValidGtin('73513537')).toBe(true);
    expect(isValidGtin('10036000291459')).toBe(true);
  });

  it('refuses a wrong check digit, wrong lengths and all zeros', () => {
    expect(isValidGtin('4006381333932')).toBe(false);
    expect(isValidGtin('12345')).toBe(false);
    expect(isValidGtin('00000000')).toBe(false);
  });
});

describe('normaliseGtin', () => {
  it('pads to 14 digits and strips separators and labels', () => {
    expect(normaliseGtin('4006381333931')).toBe('04006381333931');
    expect(normaliseGtin('EAN: 400-6381-333931')).toBe('04006381333931');
    expect(normaliseGtin('0 36000 29145 2')).toBe('00036000291452');
    expect(normaliseGtin(4006381333931)).toBe('04006381333931');
  });

  it('restores a UPC whose leading zero was lost in a number field', () => {
    expect(normaliseGtin(36000291452)).toBe('00036000291452');
  });

  it('converts a valid ISBN-10 to its GTIN and keeps an ISBN-13', () => {
    expect(isValidIsbn10('0306406152')).toBe(true);
    expect(normaliseGtin('ISBN 0-306-40615-2')).toBe('09780306406157');
    expect(normaliseGtin('978-0-306-40615-7')).toBe('09780306406157');
    expect(normaliseGtin('0306406153')).toBeNull();
  });

  it('returns null for junk', () => {
    expect(normaliseGtin('B00TEST123')).toBeNull();
    expect(normaliseGtin('4006381333932')).toBeNull();
    expect(normaliseGtin('123456789012345')).toBeNull();
    expect(normaliseGtin(null)).toBeNull();
    expect(normaliseGtin(-5)).toBeNull();
  });
});
