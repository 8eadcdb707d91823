// Stored text fields: trimmed, cut to their cap, and stripped of bidi controls that could make a
// store's title read reversed around a price.
import { describe, expect, it } from 'vitest';
import { capField, FIELD_CAPS } from '../../../crawlers/normalise/field-caps.ts';

describe('capField', () => {
  it('strips bidi controls from every field before it is stored', () => {
    expect(capField('title', 'Galaxy S24 \u202E0.99€\u202C')).toBe('Galaxy S24 0.99€');
    expect(capField('seller', '\u2067Seller\u2069')).toBe('Seller');
    expect(capField('deliveryText', '\u200F')).toBeNull();
  });

  it('trims and cuts to the cap', () => {
    expect(capField('title', `  ${'x'.repeat(900)}  `)).toHaveLength(FIELD_CAPS.title);
    expect(capField('brand', '   ')).toBeNull();
    expect(capField('brand', null)).toBeNull();
  });
});
