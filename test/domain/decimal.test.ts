import { describe, expect, it } from 'vitest';
import { decimalFromNumber, parseMachineDecimal } from '../../domain/decimal.ts';

describe('parseMachineDecimal reads a machine number whole and exactly', () => {
  it.each([
    ['2.5e3', '2500'],
    ['1.5e-2', '0.015'],
    ['1E9', '1000000000'],
    ['2E+2', '200'],
    ['0.000125e4', '1.25'],
    ['125e-5', '0.00125'],
    ['19.90', '19.90'],
    ['007.50', '7.50'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['+3', '3'],
    ['-5', '-5'],
    [' 12.5 ', '12.5'],
    ['12345678901234567890.123456789', '12345678901234567890.123456789'],
  ])('%j → %s', (text, expected) => {
    expect(parseMachineDecimal(text)).toEqual({ ok: true, value: expected });
  });

  it('expands 1e308 digit for digit', () => {
    expect(parseMachineDecimal('1e308')).toEqual({ ok: true, value: `1${'0'.repeat(308)}` });
  });

  it.each(['12.5.3', '12abc', '0x1F', '1,2,3', '1,299', '12e', 'e5', 'Infinity', 'NaN', ' 12 34', '', '.', '--5', '1e5000'])(
    'refuses %j, naming it',
    (text) => {
      const read = parseMachineDecimal(text);
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.reason).toContain(JSON.stringify(text));
    },
  );
});

describe('decimalFromNumber', () => {
  it('expands the exponent form JS prints large and small numbers in', () => {
    expect(decimalFromNumber(1e21)).toEqual({ ok: true, value: '1000000000000000000000' });
    expect(decimalFromNumber(1.5e-7)).toEqual({ ok: true, value: '0.00000015' });
    expect(decimalFromNumber(19.99)).toEqual({ ok: true, value: '19.99' });
  });

  it.each([NaN, Infinity, -Infinity])('refuses %s', (value) => {
    expect(decimalFromNumber(value).ok).toBe(false);
  });
});
