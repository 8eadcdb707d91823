import { describe, expect, it } from 'vitest';
import { MAX_QUERY_WORDS, MAX_WORD_CHARS, parseQueryText } from '../../search/query-text.ts';
import { normaliseQuery, MAX_PER_PAGE, SearchQueryError } from '../../search/search-query.ts';

describe('parseQueryText', () => {
  it('lowercases, splits on anything but letters and digits, and dedupes', () => {
    expect(parseQueryText('Sony WH-1000XM5, sony!')).toMatchObject({
      words: ['sony', 'wh', '1000xm5'],
      text: 'sony wh 1000xm5',
      lastWordIsPrefix: true,
      unmatchable: false,
    });
  });

  it('treats the last word as complete after a trailing space', () => {
    expect(parseQueryText('iphone ').lastWordIsPrefix).toBe(false);
    expect(parseQueryText('').lastWordIsPrefix).toBe(false);
  });

  it('pads GTIN-like digit runs to 14 digits', () => {
    expect(parseQueryText('4006381333931 12345 00012345678905').gtins).toEqual(['04006381333931', '00012345678905']);
  });

  it('bounds length, word count and word size', () => {
    const long = parseQueryText(Array.from({ length: 50 }, (_, i) => `w${i}`).join(' '));
    expect(long.words).toHaveLength(MAX_QUERY_WORDS);
    expect(parseQueryText('x'.repeat(10_000)).words).toEqual(['x'.repeat(MAX_WORD_CHARS)]);
  });

  it('strips NULs and control characters and repairs lone surrogates', () => {
    expect(parseQueryText('sam\u0000sung\uD800tv').words).toEqual(['sam', 'sung', 'tv']);
    expect(parseQueryText(42 as unknown as string).words).toEqual([]);
  });

  it('marks symbol-only input as unmatchable and blank input as browse', () => {
    expect(parseQueryText('📱🔋 %%').unmatchable).toBe(true);
    expect(parseQueryText('   ').unmatchable).toBe(false);
  });
});

describe('normaliseQuery', () => {
  it('defaults and clamps paging', () => {
    expect(normaliseQuery({ q: 'tv' })).toMatchObject({ page: 1, perPage: 20, sort: 'relevance', filters: {} });
    expect(normaliseQuery({ q: 'tv', page: -3, perPage: 10_000 })).toMatchObject({ page: 1, perPage: MAX_PER_PAGE });
    expect(normaliseQuery({ q: 'tv', page: 2.7 }).page).toBe(2);
  });

  it('canonicalises prices and dedupes list filters', () => {
    expect(normaliseQuery({ q: '', filters: { priceMin: '010.50', brand: ['A', 'A', ''] } }).filters).toEqual({
      priceMin: '10.5',
      brand: ['A'],
    });
  });

  it('throws SearchQueryError naming the bad field', () => {
    expect(() => normaliseQuery({ q: '', sort: 'cheapest' as never })).toThrow(SearchQueryError);
    expect(() => normaliseQuery({ q: '', filters: { priceMax: '-1' } })).toThrow(/filters\.priceMax/);
  });
});
