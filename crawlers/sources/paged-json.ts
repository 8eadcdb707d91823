// Reads a paged JSON product API (Shopify's /products.json, WooCommerce's Store API) page by page
// until an empty page, the page count the server announces, or the configured cap.
import type { Fetcher } from '../core/types.ts';
import { fetchDocument, parseError } from './fetch-document.ts';
import type { SourceEvent, SourceReadOptions } from './types.ts';

export interface PagedJsonOptions extends SourceReadOptions {
  fetcher: Fetcher;
  /** The URL of page `n` (1-based). */
  pageUrl(page: number): string;
  maxPages: number;
  /** Reads one page: its events, and how many records it held (0 = past the last page). */
  readPage(json: unknown, pageUrl: string): { events: SourceEvent[]; records: number } | { error: string };
  /** The page count the server announces in its headers, when it does. */
  totalPages?(headers: Readonly<Record<string, string>>): number | undefined;
}

export async function* readPagedJson(options: PagedJsonOptions): AsyncGenerator<SourceEvent> {
  for (let page = 1; page <= options.maxPages; page++) {
    if (options.signal?.aborted) return; // the runner sees the signal and ends the run as interrupted
    const url = options.pageUrl(page);
    const fetched = await fetchDocument(options.fetcher, url, 'json');
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
    const read = options.readPage(json, url);
    if ('error' in read) {
      yield parseError(url, read.error);
      return;
    }
    yield { type: 'document', url };
    yield* read.events;
    if (read.records === 0) return;
    const total = options.totalPages?.(fetched.headers);
    if (total !== undefined && page >= total) return;
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
