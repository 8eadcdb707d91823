import { describe, expect, it } from 'vitest';
import { normaliseText } from '../../../crawlers/match/text.ts';

describe('normaliseText', () => {
  it('writes mixed fractions as decimals, so "22-1/2 in" and "22.5 in" are one size', () => {
    expect(normaliseText("Ridgeway 18-1/2' Kettle Grill")).toContain('18.5in');
    expect(normaliseText('Shelf 10 3/4 inch')).toContain('10.75in');
    // Dates, plain fractions and odd denominators stay as written.
    expect(normaliseText('Release 2010-3/15')).toContain('2010-3/15');
    expect(normaliseText('1/2 inch adapter')).toBe('1/2in adapter');
  });
});
