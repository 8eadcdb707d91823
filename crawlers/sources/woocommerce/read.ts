// Every listing of a WooCommerce shop through its public Store API (no key needed):
// GET {baseUrl}/wp-json/wc/store/v1/products?per_page=100&page=N until an empty page or X-WP-TotalPages.
import type { Fetcher } from '../../core/types.ts';
import { readPagedJson } from '../paged-json.ts';
import { shopRoot } from '../shop-url.ts';
import type { SourceEvent, SourceReadOptions } from '../types.ts';
import { readWooPage } from './parse.ts';

/** The Store API's largest page. */
export const WOO_PAGE_SIZE = 100;

export interface WooSourceOptions extends SourceReadOptions {
  baseUrl: string;
  maxPages: number;
}

export function readWooCommerce(fetcher: Fetcher, options: WooSourceOptions): AsyncGenerator<SourceEvent> {
  return readPagedJson({
    fetcher,
    signal: options.signal,
    maxPages: options.maxPages,
    pageUrl: (page) => new URL(`wp-json/wc/store/v1/products?per_page=${WOO_PAGE_SIZE}&page=${page}`, shopRoot(options.baseUrl)).href,
    readPage: readWooPage,
    totalPages: (headers) => {
      const total = Number(headers['x-wp-totalpages']);
      return Number.isInteger(total) && total >= 0 ? total : undefined;
    },
  });
}
