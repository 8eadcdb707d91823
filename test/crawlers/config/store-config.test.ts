import { describe, expect, it } from 'vitest';
import { findStoreForUrl, isStructuredSource, parseStoresConfig, StoreConfigError } from '../../../crawlers/config/store-config.ts';

const valid = {
  id: 'gadget-hub',
  name: 'Gadget Hub',
  baseUrl: 'https://www.gadgethub.example',
  hostPatterns: ['*.gadgethub.example', 'gadgethub.example.de'],
  currency: 'INR',
  country: 'IN',
  discovery: { kind: 'sitemap' },
};

describe('store configuration', () => {
  it('fills defaults for schedule and politeness', () => {
    const [store] = parseStoresConfig({ stores: [valid] });
    expect(store.schedule).toBe('0 */6 * * *');
    expect(store.politeness).toMatchObject({ concurrency: 2, requestsPerSecond: 2, ignoreRobots: false });
  });

  it('names the exact field and reason of a bad value', () => {
    const bad = { stores: [valid, { ...valid, id: 'other', currency: 'rupees', schedule: 'every day' }] };
    try {
      parseStoresConfig(bad, 'stores.json');
      expect.unreachable('a bad config must not load');
    } catch (error) {
      expect(error).toBeInstanceOf(StoreConfigError);
      const message = (error as Error).message;
      expect(message).toContain('stores.json');
      expect(message).toContain('stores[1].currency: must be an ISO 4217 code');
      expect(message).toContain('stores[1].schedule: is not a valid cron expression');
    }
  });

  it('rejects unknown fields and duplicate ids', () => {
    expect(() => parseStoresConfig({ stores: [{ ...valid, colour: 'red' }] })).toThrow(/Unrecognized key/);
    expect(() => parseStoresConfig({ stores: [valid, valid] })).toThrow(/stores\[1\]\.id: duplicate store id "gadget-hub"/);
  });

  it('accepts the structured source kinds, with their own fields only', () => {
    const stores = parseStoresConfig({
      stores: [
        { ...valid, id: 'a', discovery: { kind: 'shopify' } },
        { ...valid, id: 'b', discovery: { kind: 'woocommerce', maxPages: 3 } },
        { ...valid, id: 'c', discovery: { kind: 'merchant-feed', url: 'https://www.gadgethub.example/feed.xml' } },
      ],
    });
    expect(stores.map((s) => s.discovery)).toEqual([
      { kind: 'shopify', maxPages: 200 },
      { kind: 'woocommerce', maxPages: 3 },
      { kind: 'merchant-feed', url: 'https://www.gadgethub.example/feed.xml' },
    ]);
    expect(stores.every((s) => isStructuredSource(s.discovery))).toBe(true);
    expect(isStructuredSource({ kind: 'sitemap' })).toBe(false);
    expect(() => parseStoresConfig({ stores: [{ ...valid, discovery: { kind: 'merchant-feed' } }] })).toThrow(/stores\[0\]\.discovery\.url: Required/);
    expect(() => parseStoresConfig({ stores: [{ ...valid, discovery: { kind: 'shopify', url: 'https://x.example' } }] })).toThrow(/Unrecognized key/);
  });

  it('finds the store of a URL through host patterns, across country sites', () => {
    const stores = parseStoresConfig({ stores: [valid] });
    expect(findStoreForUrl(stores, 'https://m.gadgethub.example/p/1')?.id).toBe('gadget-hub');
    expect(findStoreForUrl(stores, 'https://gadgethub.example/p/1')?.id).toBe('gadget-hub');
    expect(findStoreForUrl(stores, 'https://gadgethub.example.de/p/1')?.id).toBe('gadget-hub');
    expect(findStoreForUrl(stores, 'https://evilgadgethub.example/p/1')).toBeUndefined();
    expect(findStoreForUrl(stores, 'not a url')).toBeUndefined();
  });
});
