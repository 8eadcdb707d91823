// Every listing of a WooCommerce shop through its public Store API (no key needed):
// GET {baseUrl}/wp-json/wc/store/v1/products?per_page=100&page=N until an empty page or X-WP-TotalPages,
// then the variations of variable products (?type=variation).
import type { Fetcher } from '../../core/types.ts';
import { readPagedJson } from '../paged-json.ts';
import { shopRoot } from '../shop-url.ts';
import type { SourceEvent, SourceReadOptions } from '../types.ts';
import { readWooPage, type WooPageOptions, type WooProduct } from './parse.ts';

/** The Store API's largest page. */
export const WOO_PAGE_SIZE = 100;

export interface WooSourceOptions extends SourceReadOptions {
  baseUrl: string;
  maxPages: number;
}

/**
 * Products first; variable products are kept aside and their variations read in a second pass
 * (`?type=variation`), so each size or colour is compared at its own price. A variable product
 * whose variations never come back (an old shop, a failed page) is listed as before, at its
 * lowest price, rather than lost.
 *
 * Conditional requests: product pages only. A product page that answers 304 stands for its
 * readings and for its variable products' fallback listings; the variation pages are always read
 * whole, since which variable products they cover decides the fallback.
 */
export async function* readWooCommerce(fetcher: Fetcher, options: WooSourceOptions): AsyncGenerator<SourceEvent> {
  const variable = new Map<number, WooProduct>();
  const pages = (query: string, pageOptions: WooPageOptions, validators?: SourceReadOptions['validators']) =>
    readPagedJson({
      fetcher,
      signal: options.signal,
      validators,
      maxPages: options.maxPages,
      pageUrl: (page) => new URL(`wp-json/wc/store/v1/products?${query}per_page=${WOO_PAGE_SIZE}&page=${page}`, shopRoot(options.baseUrl)).href,
      readPage: (json, url) => {
        const deferred: string[] = [];
        const read = readWooPage(json, url, {
          ...pageOptions,
          deferVariable: pageOptions.deferVariable
            ? (p) => {
                pageOptions.deferVariable!(p);
                deferred.push(p.permalink);
              }
            : undefined,
        });
        return 'error' in read ? read : { ...read, extraListingUrls: deferred };
      },
      totalPages: (headers) => {
        const total = Number(headers['x-wp-totalpages']);
        return Number.isInteger(total) && total >= 0 ? total : undefined;
      },
    });
  // An unchanged product page may hold variable products this run cannot see.
  let unchangedPages = 0;
  for await (const event of pages('', { deferVariable: (p) => variable.set(p.id, p) }, options.validators)) {
    if (event.type === 'unchanged') unchangedPages++;
    yield event;
  }
  if (variable.size === 0 && unchangedPages === 0) return;
  const listed = new Set<number>();
  yield* pages('type=variation&', { variationsOnly: true, onVariation: (v) => listed.add(v.parent ?? 0) });
  // A stopped run read only part of the variations: listing the rest as products would be wrong.
  if (options.signal?.aborted) return;
  const unlisted = [...variable.values()].filter((p) => !listed.has(p.id));
  if (unlisted.length === 0) return;
  const fallback = readWooPage(unlisted, new URL('wp-json/wc/store/v1/products', shopRoot(options.baseUrl)).href);
  if (!('error' in fallback)) yield* fallback.events;
}
