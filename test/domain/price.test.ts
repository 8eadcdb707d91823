import { describe, expect, it } from 'vitest';
import { checkPrice, checkShippingCost, MAX_PRICE, MIN_PRICE, toMoneyScale } from '../../domain/price.ts';

describe('one rule of a valid price', () => {
  it('is bounded by one unit of the columns\' scale and the absurd-price limit', () => {
    expect(MIN_PRICE).toBe('0.0001');
    expect(MAX_PRICE).toBe('999999999.9999');
  });

  it.each(['0.0001', '0.00010', '12.5', '999999999.9999', '999999999.99990'])('accepts %s', (amount) => {
    expect(checkPrice(amount)).toEqual({ ok: true });
  });

  it.each([
    ['0.00001', /at least 0\.0001.*"0\.00001"/],
    ['0.00009999', /at least 0\.0001/],
    ['999999999.99991', /at most 999999999\.9999/],
    ['1000000000', /at most/],
    [`1${'0'.repeat(308)}`, /at most 999999999\.9999, found "10+…" \(309 characters\)/],
    ['0', /zero/],
    ['0.0000', /zero/],
    ['-5', /negative/],
    ['12abc', /expected a decimal string/],
  ])('refuses %s, saying why', (amount, reason) => {
    const checked = checkPrice(amount);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.reason).toMatch(reason);
  });

  it('lets a shipping cost be zero as well', () => {
    expect(checkShippingCost('0')).toEqual({ ok: true });
    expect(checkShippingCost('0.00')).toEqual({ ok: true });
    expect(checkShippingCost('4.99')).toEqual({ ok: true });
    expect(checkShippingCost('0.00001').ok).toBe(false);
    expect(checkShippingCost('-0.5').ok).toBe(false);
  });
});

describe('toMoneyScale', () => {
  it.each([
    ['12.34565', '12.3457'],
    ['12.34564', '12.3456'],
    ['0.99995', '1.0000'],
    ['999.99999', '1000.0000'],
    ['19.90', '19.90'],
    ['2500', '2500'],
  ])('%s → %s, as numeric(18, 4) stores it', (amount, expected) => {
    expect(toMoneyScale(amount)).toBe(expected);
  });
});
