import { describe, expect, it } from 'vitest';
import { loadStoresConfig } from '../../../crawlers/config/store-config.ts';

describe('config/stores.example.json', () => {
  it('is a valid store configuration, so it can be copied as a starting point', () => {
    const stores = loadStoresConfig('config/stores.example.json');
    expect(stores.map((s) => s.id)).toEqual(['example-shopify', 'example-plain-html']);
    expect(stores[1].selectors?.price).toBe('.price-box .final-price');
  });
});
