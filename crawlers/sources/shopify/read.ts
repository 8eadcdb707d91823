// Every listing of a Shopify shop: GET {baseUrl}/products.json?limit=250&page=N until an empty page.
import type { Fetcher } from '../../core/types.ts';
import { readPagedJson } from '../paged-json.ts';
import type { SourceEvent, SourceReadOptions } from '../types.ts';
import { readShopifyPage } from './parse.ts';
import { shopRoot } from '../shop-url.ts';

/** Shopify's largest page. */
export const SHOPIFY_PAGE_SIZE = 250;

export interface ShopifySourceOptions extends SourceReadOptions {
  baseUrl: string;
  currency: string;
  maxPages: number;
}

export function readShopify(fetcher: Fetcher, options: ShopifySourceOptions): AsyncGenerator<SourceEvent> {
  return readPagedJson({
    fetcher,
    signal: options.signal,
    validators: options.validators,
    maxPages: options.maxPages,
    pageUrl: (page) => new URL(`products.json?limit=${SHOPIFY_PAGE_SIZE}&page=${page}`, shopRoot(options.baseUrl)).href,
    readPage: (json, url) => readShopifyPage(json, url, { baseUrl: options.baseUrl, currency: options.currency }),
  });
}
