import { describe, expect, it } from 'vitest';
import { normaliseText } from '../../../crawlers/match/text.ts';

describe('normaliseText', () => {
  it('writes mixed fractions as decimals, so "22-1/2 in" and "22.5 in" are one size', () => {
    expect(normaliseText("Ridgeway 18-1/2' Kettle Grill")).toContain('18.5in');
    expect(normaliseText('Shelf 10 3/4 inch')).toContain('10.75in');
    // Dates and odd denominators stay as written.
    expect(normaliseText('Release 2010-3/15')).toContain('2010-3/15');
  });

  it('reads a plain fraction as its value, so a 1/2 inch adapter is not a 2 inch one', () => {
    expect(normaliseText('1/2 inch adapter')).toBe('0.5in adapter');
    expect(normaliseText('Tape 3/4" x 23ft')).toContain('0.75in');
    expect(normaliseText('Pages 5/2')).toBe('pages 5/2');
  });

  it('reads an inch fraction whose slash a store dropped, only when it can be nothing else', () => {
    expect(normaliseText('Label Tape 1 4in x 23ft')).toContain('0.25in');
    expect(normaliseText('Tape 3 8 inch')).toContain('0.375in');
    // An even numerator or one not below the denominator is two numbers: "Kindle 3 6in", "iPhone 4 16in".
    expect(normaliseText('Kindle 3 6in')).toContain('3 6in');
    expect(normaliseText('Set 2 4in')).toContain('2 4in');
    expect(normaliseText('Pack 5 4in')).toContain('5 4in');
  });
});
