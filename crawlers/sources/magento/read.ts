// Every listing of a Magento 2 shop through its public GraphQL catalogue, page by page:
// GET {baseUrl}/graphql?query={products(search:"",pageSize:100,currentPage:N){…}} until the last
// page the server announces (page_info.total_pages), an empty page, or the configured cap.
// Magento answers GET for queries (and caches them), so the polite fetcher's GET is enough.
import type { Fetcher } from '../../core/types.ts';
import { fetchDocument, parseError } from '../fetch-document.ts';
import { shopRoot } from '../shop-url.ts';
import type { SourceEvent, SourceReadOptions } from '../types.ts';
import { readMagentoPage } from './parse.ts';

/** Products per page: well under Magento's default maximum page size (300). */
export const MAGENTO_PAGE_SIZE = 100;

export interface MagentoSourceOptions extends SourceReadOptions {
  baseUrl: string;
  /** For prices that carry no currency. */
  currency: string;
  maxPages: number;
  /** Products per page. Default MAGENTO_PAGE_SIZE. */
  pageSize?: number;
}

const PRICE = 'price_range{minimum_price{regular_price{value currency} final_price{value currency}}}';
const PRICED = `sku name stock_status only_x_left_in_stock ${PRICE} image{url}`;

/**
 * The `products` query for one page. `search: ""` asks for the whole catalogue; configurable
 * products bring their variants, each with its own sku, price and stock.
 */
export function magentoProductsQuery(pageSize: number, page: number): string {
  return (
    `{products(search:"",pageSize:${pageSize},currentPage:${page})` +
    `{total_count page_info{current_page total_pages}` +
    `items{__typename ${PRICED} url_key url_suffix canonical_url` +
    ` ...on ConfigurableProduct{variants{product{${PRICED}} attributes{label code}}}}}}`
  );
}

/** The GET URL of a GraphQL query against the shop. */
export function magentoGraphQlUrl(baseUrl: string, query: string): string {
  const url = new URL('graphql', shopRoot(baseUrl));
  url.searchParams.set('query', query);
  return url.href;
}

export async function* readMagento(fetcher: Fetcher, options: MagentoSourceOptions): AsyncGenerator<SourceEvent> {
  const context = { baseUrl: options.baseUrl, currency: options.currency };
  const pageSize = options.pageSize ?? MAGENTO_PAGE_SIZE;
  const pageUrl = (page: number) => magentoGraphQlUrl(options.baseUrl, magentoProductsQuery(pageSize, page));
  for (let page = 1; page <= options.maxPages; page++) {
    if (options.signal?.aborted) return; // the runner sees the signal and ends the run as interrupted
    const url = pageUrl(page);
    const fetched = await fetchDocument(fetcher, url, 'json');
    if (!fetched.ok) {
      yield fetched.event;
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(fetched.body);
    } catch (error) {
      yield parseError(url, `${url} is not valid JSON: ${(error as Error).message}`);
      return;
    }
    const read = readMagentoPage(json, url, context);
    if ('error' in read) {
      yield parseError(url, read.error);
      return;
    }
    // A server that ignores currentPage would hand back page 1 forever: stop rather than re-read it.
    if (read.currentPage !== undefined && read.currentPage !== page) {
      yield parseError(url, `${url}: asked for page ${page}, the Magento GraphQL API answered page ${read.currentPage}`);
      return;
    }
    yield { type: 'document', url };
    yield* read.events;
    if (read.records === 0) return;
    if (read.totalPages !== undefined && page >= read.totalPages) return;
  }
  yield {
    type: 'document_error',
    url: pageUrl(options.maxPages + 1),
    kind: 'source_page_cap',
    message: `Stopped after ${options.maxPages} pages (the configured maxPages) before reaching the last page; raise maxPages to read the rest`,
    retryable: false,
  };
}
