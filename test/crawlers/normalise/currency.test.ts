import { describe, expect, it } from 'vitest';
import {
  findCurrencies,
  isIsoCurrency,
  minorUnitDigits,
  minorUnitMark,
  normaliseCurrency,
  pickCurrency,
  resolveCurrency,
} from '../../../crawlers/normalise/currency.ts';

const picked = (text: string) => pickCurrency(findCurrencies(text))?.text ?? null;

describe('normaliseCurrency', () => {
  it.each([
    ['EUR', 'EUR'],
    ['eur', 'EUR'],
    ['€', 'EUR'],
    ['euro', 'EUR'],
    ['US$', 'USD'],
    ['$', 'USD'],
    ['£', 'GBP'],
    ['₹', 'INR'],
    ['R$', 'BRL'],
    ['CA$', 'CAD'],
    ['руб.', 'RUB'],
    ['₽', 'RUB'],
    ['zł', 'PLN'],
    ['Kč', 'CZK'],
    ['R', 'ZAR'],
    ['KD', 'KWD'],
    ['ر.س', 'SAR'],
    ['₪', 'ILS'],
    [' CHF ', 'CHF'],
  ])('reads %j as %s', (text, code) => {
    expect(normaliseCurrency(text)).toBe(code);
  });

  it('leaves ambiguous symbols unresolved without a hint', () => {
    expect(normaliseCurrency('kr')).toBeNull();
    expect(normaliseCurrency('Rs.')).toBeNull();
    expect(normaliseCurrency('¥')).toBeNull();
  });

  it('settles ambiguous symbols with the hint', () => {
    expect(normaliseCurrency('$', 'CAD')).toBe('CAD');
    expect(normaliseCurrency('$', 'cad')).toBe('CAD');
    expect(normaliseCurrency('kr', 'NOK')).toBe('NOK');
    expect(normaliseCurrency('Rs.', 'INR')).toBe('INR');
    expect(normaliseCurrency('¥', 'CNY')).toBe('CNY');
    expect(normaliseCurrency('$', 'CA$')).toBe('CAD');
  });

  it('does not let a hint override an unambiguous currency', () => {
    expect(normaliseCurrency('€', 'USD')).toBe('EUR');
    // A hint the symbol cannot stand for falls back to the symbol's usual reading.
    expect(normaliseCurrency('$', 'EUR')).toBe('USD');
  });

  it('returns null for text that names no currency', () => {
    expect(normaliseCurrency('Price')).toBeNull();
    expect(normaliseCurrency('')).toBeNull();
    expect(normaliseCurrency('RENAULT')).toBeNull();
    expect(normaliseCurrency('EUROPE')).toBeNull();
  });

  it('uses the hint alone when there is no text', () => {
    expect(normaliseCurrency(null, 'GBP')).toBe('GBP');
    expect(normaliseCurrency(undefined)).toBeNull();
  });
});

describe('findCurrencies', () => {
  it('finds every token left to right, preferring the longest at one position', () => {
    const found = findCurrencies('US$ 5 or 4,50 € or 400 руб.');
    expect(found.map((m) => m.text)).toEqual(['US$', '€', 'руб.']);
    expect(found[0]).toMatchObject({ index: 0, end: 3, codes: ['USD'] });
  });

  it('respects letter boundaries', () => {
    expect(findCurrencies('EUROPE')).toEqual([]);
    expect(findCurrencies('Ph. Eur. 5')).toEqual([]);
    expect(picked('EUR29.66')).toBe('EUR');
    expect(picked('2963yen')).toBe('yen');
  });

  it('keeps weak tokens only next to a number or when they are the whole text', () => {
    expect(picked('1 KM')).toBe('KM');
    expect(picked('KM from the shop')).toBeNull();
    expect(picked("ht / L'unité")).toBeNull();
    expect(picked('140,00 pln')).toBe('pln');
    expect(picked('pln')).toBe('pln');
    expect(picked('please pln ahead')).toBeNull();
    expect(picked('R273.00')).toBe('R');
    expect(picked('AMD Ryzen 5 processor')).toBeNull();
    expect(picked('AMD 5000')).toBe('AMD');
    expect(picked('1.198,- Kr')).toBe('Kr');
  });

  it('reports inflected ruble words by their stem, and not words that merely start like it', () => {
    expect(picked('1500 рублей')).toBe('руб');
    expect(picked('рубашка')).toBeNull();
  });

  it('returns nothing for non-strings and stays bounded on huge input', () => {
    expect(findCurrencies(null)).toEqual([]);
    expect(findCurrencies(42 as unknown as string)).toEqual([]);
    expect(findCurrencies('x'.repeat(1_000_000) + '€')).toEqual([]);
  });
});

describe('pickCurrency', () => {
  it('lets an ISO code settle an ambiguous dollar in the same string', () => {
    expect(picked('$1,190.00 AUD')).toBe('AUD');
    expect(picked('SGD$4.90')).toBe('SGD');
    expect(picked('$ SGD4.90')).toBe('SGD');
  });

  it('keeps the leftmost token when it is unambiguous', () => {
    expect(picked('£94.50 GBP')).toBe('£');
    expect(picked('AED 8000 (USD 2179)')).toBe('AED');
  });
});

describe('resolveCurrency and the minor-unit table', () => {
  it('resolves a match with or without a hint', () => {
    const [dollar] = findCurrencies('$');
    expect(resolveCurrency(dollar)).toBe('USD');
    expect(resolveCurrency(dollar, 'NZD')).toBe('NZD');
    expect(resolveCurrency(null, 'EUR')).toBe('EUR');
    expect(resolveCurrency(null, 'nonsense')).toBeNull();
  });

  it('knows three- and zero-decimal currencies', () => {
    expect(minorUnitDigits('KWD')).toBe(3);
    expect(minorUnitDigits('JPY')).toBe(0);
    expect(minorUnitDigits('EUR')).toBe(2);
    expect(minorUnitDigits(null)).toBe(2);
    expect(isIsoCurrency('EUR')).toBe(true);
    expect(isIsoCurrency('EURO')).toBe(false);
  });

  it('knows the mark before a three-digit minor unit', () => {
    expect(minorUnitMark('KWD')).toBe('.'); // "KD 1.250"
    expect(minorUnitMark('TND')).toBe(','); // "12,500 DT"
    expect(minorUnitMark('EUR')).toBeNull();
    expect(minorUnitMark(null)).toBeNull();
  });
});

describe('legacy and informal codes', () => {
  it('reads the legacy ruble code RUR (still used in shop feeds and markup) as RUB', () => {
    expect(normaliseCurrency('RUR')).toBe('RUB');
    expect(normaliseCurrency('1 290 RUR')).toBe('RUB');
    expect(isIsoCurrency('RUR')).toBe(false);
  });

  it('reads NTD (New Taiwan dollar, as Taiwanese shops write it) as TWD', () => {
    expect(normaliseCurrency('NTD 1,200')).toBe('TWD');
    expect(normaliseCurrency('NTD')).toBe('TWD');
  });

  it('does not find the codes inside words', () => {
    expect(findCurrencies('RURAL')).toEqual([]);
    expect(findCurrencies('NTDS')).toEqual([]);
  });
});
