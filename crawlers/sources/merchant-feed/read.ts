// Every listing of a Google Merchant Center feed: one request, then item by item.
import { unpackedText } from '../../core/content-type.ts';
import type { Fetcher } from '../../core/types.ts';
import { fetchDocument, parseError } from '../fetch-document.ts';
import type { SourceEvent, SourceReadOptions } from '../types.ts';
import { merchantFeedEvents, notAFeed } from './parse.ts';

export interface MerchantFeedOptions extends SourceReadOptions {
  feedUrl: string;
  currency: string;
  country?: string;
  /** Largest decompressed feed (a gzip feed may not grow past the fetcher's body cap). */
  maxBytes: number;
  now: Date;
}

export async function* readMerchantFeedSource(fetcher: Fetcher, options: MerchantFeedOptions): AsyncGenerator<SourceEvent> {
  const url = options.feedUrl;
  const fetched = await fetchDocument(fetcher, url, 'xml');
  if (!fetched.ok) {
    yield fetched.event;
    return;
  }
  let text: string;
  try {
    text = unpackedText(fetched, options.maxBytes);
  } catch (error) {
    yield parseError(url, `${url} is a gzip feed that could not be unpacked within ${options.maxBytes} bytes: ${(error as Error).message}`);
    return;
  }
  const problem = notAFeed(text, url);
  if (problem) {
    yield parseError(url, problem);
    return;
  }
  yield { type: 'document', url };
  for (const event of merchantFeedEvents(text, { feedUrl: url, currency: options.currency, country: options.country, now: options.now })) {
    if (options.signal?.aborted) return;
    yield event;
  }
}
