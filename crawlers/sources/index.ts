// Structured sources: stores whose catalogue is published as data (Shopify's products.json, the
// WooCommerce Store API, a Google Merchant feed). One function reads whichever the store names.
import type { StoreConfig, StructuredSource } from '../config/store-config.ts';
import type { Fetcher } from '../core/types.ts';
import { readMagento } from './magento/read.ts';
import { readMerchantFeedSource } from './merchant-feed/read.ts';
import { readShopify } from './shopify/read.ts';
import type { SourceEvent, SourceReadOptions } from './types.ts';
import { readWooCommerce } from './woocommerce/read.ts';

export type { SourceEvent, SourceReadOptions, SourceValidators, StoredSourceDocument } from './types.ts';

export interface ReadSourceOptions extends SourceReadOptions {
  /** For time-limited sales in feeds. Default: now. */
  now?: Date;
}

/** Every listing the store's source holds, as events; never throws for a bad page or record. */
export function readStoreSource(
  store: StoreConfig,
  source: StructuredSource,
  fetcher: Fetcher,
  options: ReadSourceOptions = {},
): AsyncGenerator<SourceEvent> {
  switch (source.kind) {
    case 'shopify':
      return readShopify(fetcher, {
        baseUrl: store.baseUrl,
        currency: store.currency,
        maxPages: source.maxPages,
        signal: options.signal,
        validators: options.validators,
      });
    case 'woocommerce':
      return readWooCommerce(fetcher, { baseUrl: store.baseUrl, maxPages: source.maxPages, signal: options.signal, validators: options.validators });
    case 'magento':
      return readMagento(fetcher, { baseUrl: store.baseUrl, currency: store.currency, maxPages: source.maxPages, signal: options.signal });
    case 'merchant-feed':
      return readMerchantFeedSource(fetcher, {
        feedUrl: source.url,
        currency: store.currency,
        country: store.country,
        maxRecords: source.maxRecords,
        format: source.format,
        now: options.now ?? new Date(),
        signal: options.signal,
        validators: options.validators,
      });
  }
}
