// Shop text: a number is read whole or not at all; a digit run cut in the middle never yields a smaller price.
import { describe, expect, it } from 'vitest';
import { MAX_PRICE_SCAN, parsePrice } from '../../../crawlers/normalise/price.ts';

describe('shop-text prices are never a prefix of the number written', () => {
  it('does not read the start of a number that crosses the scan limit', () => {
    const filler = 'x'.repeat(MAX_PRICE_SCAN - 4);
    for (const number of ['123456', '1,234,567', '12.345,67']) {
      const parsed = parsePrice(`${filler} €${number}`);
      expect(parsed.amount, number).toBeNull();
    }
  });

  it('reads a price that ends before the scan limit', () => {
    const filler = 'x'.repeat(MAX_PRICE_SCAN - 12);
    expect(parsePrice(`${filler} €12.99 €45678`).amount).toBe('12.99');
  });

  it.each(['2.5e3 €', '€ 1E9', '€1e308'])('takes no mantissa from exponent notation in %j', (text) => {
    expect(parsePrice(text).amount).toBeNull();
  });

  it('keeps reading shop prices as before', () => {
    expect(parsePrice('₹1,09,999.00').amount).toBe('109999.00');
    expect(parsePrice('Rs. 499/-').amount).toBe('499');
    expect(parsePrice('12EUR').amount).toBe('12');
  });
});
