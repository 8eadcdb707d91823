// Reads a paged JSON product API (Shopify's /products.json, WooCommerce's Store API) page by page
// until an empty page, the page count the server announces, or the configured cap. With stored
// validators each page is asked for conditionally: a 304 stands for the listings the page held at
// its last complete read, and paging goes on when that page had a next one.
import type { Fetcher } from '../core/types.ts';
import { fetchDocument, parseError } from './fetch-document.ts';
import type { SourceEvent, SourceReadOptions } from './types.ts';

export interface PagedJsonOptions extends SourceReadOptions {
  fetcher: Fetcher;
  /** The URL of page `n` (1-based). */
  pageUrl(page: number): string;
  maxPages: number;
  /**
   * Reads one page: its events, and how many records it held (0 = past the last page).
   * `extraListingUrls`: listings the page may stand for beyond its readings (kept with its validators).
   */
  readPage(json: unknown, pageUrl: string): { events: SourceEvent[]; records: number; extraListingUrls?: string[] } | { error: string };
  /** The page count the server announces in its headers, when it does. */
  totalPages?(headers: Readonly<Record<string, string>>): number | undefined;
}

/** The listing URLs a page's events name: readings, and records that failed but name their listing. */
export function listingUrlsOf(events: readonly SourceEvent[]): string[] {
  const urls: string[] = [];
  for (const event of events) {
    if (event.type === 'reading') urls.push(event.reading.url);
    else if (event.type === 'record_error' && event.listingUrl) urls.push(event.url);
  }
  return urls;
}

export async function* readPagedJson(options: PagedJsonOptions): AsyncGenerator<SourceEvent> {
  for (let page = 1; page <= options.maxPages; page++) {
    if (options.signal?.aborted) return; // the runner sees the signal and ends the run as interrupted
    const url = options.pageUrl(page);
    const stored = await options.validators?.get(url);
    const fetched = await fetchDocument(options.fetcher, url, 'json', stored);
    if (!fetched.ok) {
      yield fetched.event;
      return;
    }
    if (fetched.notModified) {
      // Only sent with validators, so `stored` is there.
      yield { type: 'unchanged', url, listingUrls: stored ? await stored.listingUrls() : [] };
      if (!stored?.hasNext) return;
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(fetched.body);
    } catch (error) {
      yield parseError(url, `${url} is not valid JSON: ${(error as Error).message}`);
      return;
    }
    const read = options.readPage(json, url);
    if ('error' in read) {
      yield parseError(url, read.error);
      return;
    }
    yield { type: 'document', url };
    yield* read.events;
    const total = options.totalPages?.(fetched.headers);
    const hasNext = read.records > 0 && !(total !== undefined && page >= total);
    if (options.validators && (fetched.etag || fetched.lastModified)) {
      const listingUrls = [...listingUrlsOf(read.events), ...(read.extraListingUrls ?? [])];
      yield { type: 'document_complete', url, etag: fetched.etag, lastModified: fetched.lastModified, listingUrls, hasNext };
    }
    if (!hasNext) return;
  }
  const url = options.pageUrl(options.maxPages + 1);
  yield {
    type: 'document_error',
    url,
    kind: 'source_page_cap',
    message: `Stopped after ${options.maxPages} pages (the configured maxPages) before reaching the last page; raise maxPages to read the rest`,
    retryable: false,
  };
}
