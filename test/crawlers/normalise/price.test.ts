import { describe, expect, it } from 'vitest';
import { parsePrice, type ParsePriceOptions } from '../../../crawlers/normalise/price.ts';

type Row = [text: string, amount: string | null, currencyText: string | null, currency: string | null];
const read = (text: string | null | undefined, options?: ParsePriceOptions) => parsePrice(text, options);

describe('parsePrice: formats', () => {
  it.each<Row>([
    ['₹1,23,456.00', '123456.00', '₹', 'INR'],
    ['₹ 12,34,56,789', '123456789', '₹', 'INR'],
    ['Rs. 999', '999', 'Rs.', null],
    ['1.234,56 €', '1234.56', '€', 'EUR'],
    ['1 234,56 €', '1234.56', '€', 'EUR'],
    ['1\u00a0234,56\u00a0€', '1234.56', '€', 'EUR'],
    ['1\u202f234,56 €', '1234.56', '€', 'EUR'],
    ["1'234.50 CHF", '1234.50', 'CHF', 'CHF'],
    ['CHF 1’049.95', '1049.95', 'CHF', 'CHF'],
    ['US$ 12.99', '12.99', 'US$', 'USD'],
    ['from $12.99', '12.99', '$', 'USD'],
    ['$1,234,567.89', '1234567.89', '$', 'USD'],
    ['12.345.678,90 ₫', '12345678.90', '₫', 'VND'],
    ['Rp 1.550.000', '1550000', 'Rp', 'IDR'],
    ['3,500円', '3500', '円', 'JPY'],
    ['12,000원', '12000', '원', 'KRW'],
    ['1.299,- kr', '1299', 'kr', null],
    ['49,-', '49', null, null],
    ['€ 610,', '610', '€', 'EUR'],
    ['1700.', '1700', null, null],
    ['12€50', '12.50', '€', 'EUR'],
    ['1.837, 32 €', '1837.32', '€', 'EUR'],
    ['0,99 €', '0.99', '€', 'EUR'],
    ['.75 €', '0.75', '€', 'EUR'],
    ['5 550 Kč', '5550', 'Kč', 'CZK'],
    ['1 500 руб.', '1500', 'руб.', 'RUB'],
    ['R$ 1.500,00', '1500.00', 'R$', 'BRL'],
    ['SGD$4.90', '4.90', 'SGD', 'SGD'],
    ['$1,190.00 AUD', '1190.00', 'AUD', 'AUD'],
    ['٣٥٠ ر.س', '350', 'ر.س', 'SAR'],
  ])('%j → %s %s', (text, amount, currencyText, currency) => {
    expect(read(text)).toMatchObject({ amount, currencyText, currency });
  });

  it('keeps the amount text as written', () => {
    expect(read('Price: 1.234,50 €').amountText).toBe('1.234,50');
  });
});

describe('parsePrice: three-digit groups and decimals', () => {
  it('reads one separator before three digits as thousands by default', () => {
    expect(read('1.234 €').amount).toBe('1234');
    expect(read('94,456 Р').amount).toBe('94456');
    expect(read('140.000').amount).toBe('140000');
  });

  it('reads it as decimals where thousands cannot be meant', () => {
    expect(read('0.750').amount).toBe('0.750'); // no thousands group starts with 0
    expect(read('1234.567').amount).toBe('1234.567'); // a thousands group has at most three digits before it
    expect(read('1,234.567').amount).toBe('1234.567'); // the other separator already groups
    expect(read('34.992001').amount).toBe('34.992001');
    expect(read('29.1583').amount).toBe('29.1583');
  });

  it('uses the three-decimal convention of dinars and rials', () => {
    expect(read('KD 423.923').amount).toBe('423.923');
    expect(read('423.923', { currencyHint: 'OMR' }).amount).toBe('423.923');
    expect(read('KD 1,250').amount).toBe('1250');
  });

  it('never goes through floats', () => {
    expect(read('1.11000000000000009770').amount).toBe('1.11000000000000009770');
    expect(read('$12345678901234.99').amount).toBe('12345678901234.99');
  });
});

describe('parsePrice: hints', () => {
  it('follows the decimal-separator hint', () => {
    expect(read('140.000', { decimalSeparator: '.' }).amount).toBe('140.000');
    expect(read('140.000', { decimalSeparator: ',' }).amount).toBe('140000');
    expect(read('123,456.789 OMR', { decimalSeparator: '.' }).amount).toBe('123456.789');
    expect(read('140,000€33', { decimalSeparator: '€' }).amount).toBe('140000.33');
    expect(read('1250€ 600', { decimalSeparator: '€' }).amount).toBe('1250');
    expect(read('12€50').amount).toBe('12.50');
    expect(read('12€50', { decimalSeparator: '.' }).amount).toBe('12');
    expect(read('$..75,333', { decimalSeparator: '.' }).amount).toBe('0.75333');
    expect(read('$..75,333', { decimalSeparator: ',' }).amount).toBe('75.333');
  });

  it('ignores a decimal-separator hint that cannot be one', () => {
    expect(read('1.234,56', { decimalSeparator: '' }).amount).toBe('1234.56');
    expect(read('1.234,56', { decimalSeparator: '5' }).amount).toBe('1234.56');
  });

  it('takes the currency from the hint when the text has none', () => {
    expect(read('34.99', { currencyHint: 'GBP' })).toMatchObject({ currencyText: 'GBP', currency: 'GBP' });
    expect(read('899,00', { currencyHint: 'Pris NOK 899,00' })).toMatchObject({ currencyText: 'NOK', currency: 'NOK' });
    expect(read('600', { currencyHint: 'р.' })).toMatchObject({ currencyText: 'р.', currency: 'RUB' });
    expect(read('200', { currencyHint: '....' })).toMatchObject({ amount: '200', currencyText: null, currency: null });
  });

  it('prefers the currency of the text, and uses the hint to settle it', () => {
    expect(read('3,20 €', { currencyHint: '$' })).toMatchObject({ currencyText: '€', currency: 'EUR' });
    expect(read('$5', { currencyHint: 'CAD' })).toMatchObject({ currencyText: '$', currency: 'CAD' });
    expect(read('5 kr', { currencyHint: 'SEK' })).toMatchObject({ currencyText: 'kr', currency: 'SEK' });
  });

  it('never reads the amount from the hint', () => {
    expect(read(null, { currencyHint: '50' }).amount).toBeNull();
    expect(read(null, { currencyHint: 'EUR' })).toMatchObject({ amount: null, currencyText: 'EUR', currency: 'EUR' });
  });
});

describe('parsePrice: choosing among numbers', () => {
  it('takes the lower end of a range and says it is one', () => {
    expect(read('$10 - $20')).toMatchObject({ amount: '10', amountMax: '20', currency: 'USD' });
    expect(read('From 26 to 50 €')).toMatchObject({ amount: '26', amountMax: '50' });
    expect(read('841,00 zł – 995,00 zł')).toMatchObject({ amount: '841.00', amountMax: '995.00' });
    expect(read('$19.99').amountMax).toBeNull();
  });

  it('does not take falling or lopsided pairs for ranges', () => {
    expect(read('Was $20 - Now $15')).toMatchObject({ amount: '15', amountMax: null }); // the current price
    expect(read('Size 10 - $45')).toMatchObject({ amount: '45', amountMax: null });
  });

  it('prefers a number next to the currency, then the first', () => {
    expect(read('3 Ausgaben für nur 14,85 EUR').amount).toBe('14.85');
    expect(read('2 x 9,99 €').amount).toBe('9.99');
    expect(read('$5 x 2').amount).toBe('5');
    expect(read('€ 10.00 € 8.00').amount).toBe('10.00');
    expect(read('34.12 (40.94 inc VAT)').amount).toBe('34.12');
  });

  it('skips percentages, dates and measures', () => {
    expect(read('40% OFF').amount).toBeNull();
    expect(read('-30% 129,00 €').amount).toBe('129.00');
    expect(read('15.08.2017').amount).toBeNull();
    expect(read('July, 2004').amount).toBeNull();
    expect(read('4 March 2019: 12,50 €').amount).toBe('12.50');
    expect(read('Marks 2000 €').amount).toBe('2000');
    expect(read('16.00 ft').amount).toBeNull();
    expect(read('500 ml 3,99').amount).toBe('3.99');
  });
});

describe('parsePrice: free and no price', () => {
  it('reads "free" as 0 and flags it', () => {
    expect(read('Free!')).toMatchObject({ amount: '0', free: true, currencyText: null });
    expect(read('gratis')).toMatchObject({ amount: '0', free: true });
    expect(read('$5').free).toBe(false);
  });

  it('does not read free shipping as a free product', () => {
    expect(read('Free shipping').amount).toBeNull();
  });

  it.each([null, undefined, '', 'Sold out', 'No longer available', 'Pure & IP BP Ph. Eur. USP'])(
    'returns no amount for %j',
    (text) => {
      expect(read(text)).toMatchObject({ amount: null, amountText: null, amountMax: null, free: false });
    },
  );
});

describe('parsePrice: junk and absurd input', () => {
  it('does not throw on non-strings or binary', () => {
    expect(read(42 as unknown as string).amount).toBeNull();
    expect(read({} as unknown as string).amount).toBeNull();
    const binary = String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i));
    expect(() => read(binary)).not.toThrow();
    expect(read('\u0000\u0001\uffff\ud800').amount).toBeNull();
  });

  it('reads only the start of a huge string', () => {
    expect(read('x'.repeat(1_000_000) + ' $5').amount).toBeNull();
    expect(read('$5 ' + 'x'.repeat(1_000_000)).amount).toBe('5');
    expect(read('9'.repeat(1_000_000)).amount).toBeNull();
  });

  it('rejects digit runs too long to be a price', () => {
    expect(read('123456789012345678901234567890 €').amount).toBeNull();
    expect(read('999999999999999 €').amount).toBe('999999999999999');
  });

  it('returns a fresh object each time', () => {
    const a = read('nothing');
    a.amount = '1';
    expect(read('nothing').amount).toBeNull();
  });
});

describe('negative amounts', () => {
  it('keeps a minus that touches the amount or its currency, so callers can refuse the price', () => {
    expect(parsePrice('-5').amount).toBe('-5');
    expect(parsePrice('₹-5', { currencyHint: 'INR' }).amount).toBe('-5');
    expect(parsePrice('-₹5', { currencyHint: 'INR' }).amount).toBe('-5');
    expect(parsePrice('−12.99 USD').amount).toBe('-12.99');
  });

  it('reads a spaced dash as punctuation and a dash after a number as a range', () => {
    expect(parsePrice('- $44.99').amount).toBe('44.99');
    expect(parsePrice('10-20 €').amount).toBe('10');
    expect(parsePrice('$10 - $20').amount).toBe('10');
  });
});
