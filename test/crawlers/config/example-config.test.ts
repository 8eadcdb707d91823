import { describe, expect, it } from 'vitest';
import { loadStoresConfig } from '../../../crawlers/config/store-config.ts';

describe('config/stores.example.json', () => {
  it('is a valid store configuration, so it can be copied as a starting point', () => {
    const stores = loadStoresConfig('config/stores.example.json');
    expect(stores.map((s) => s.id)).toEqual([
      'example-shopify',
      'example-plain-html',
      'example-shopify-api',
      'example-woocommerce',
      'example-merchant-feed',
    ]);
    expect(stores[1].selectors?.price).toBe('.price-box .final-price');
    expect(stores.slice(2).map((s) => s.discovery)).toEqual([
      { kind: 'shopify', maxPages: 100 },
      { kind: 'woocommerce', maxPages: 500 },
      { kind: 'merchant-feed', url: 'https://www.feedshop.example.co.uk/google-shopping.xml' },
    ]);
  });
});
