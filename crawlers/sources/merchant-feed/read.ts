// Every listing of a product feed (Google Merchant Center or Meta catalogue; XML, TSV or CSV;
// gzip or not): one streamed request, then record by record in constant memory. The feed is
// asked for with the validators of its last complete read; a 304 stands for the listings it held.
// Caps: the stream's byte cap (2 GB decoded, not the pages' body cap) and a record cap.
import type { Fetcher } from '../../core/types.ts';
import { conditional, failedDocument } from '../fetch-document.ts';
import type { SourceEvent, SourceReadOptions } from '../types.ts';
import type { FeedFormatSetting } from './feed-format.ts';
import { readFeedItems } from './feed-stream.ts';
import { recordEvent } from './parse.ts';

/** Records read at most unless the store's config says otherwise. */
export const DEFAULT_MAX_RECORDS = 2_000_000;

export interface MerchantFeedOptions extends SourceReadOptions {
  feedUrl: string;
  currency: string;
  country?: string;
  now: Date;
  /** Records read at most; past it the read stops, incomplete. Default DEFAULT_MAX_RECORDS. */
  maxRecords?: number;
  /** 'auto' (default): told from the first characters. */
  format?: FeedFormatSetting;
  /** Largest decoded feed; default the fetcher's streaming cap (2 GB). */
  maxBytes?: number;
}

export async function* readMerchantFeedSource(fetcher: Fetcher, options: MerchantFeedOptions): AsyncGenerator<SourceEvent> {
  const url = options.feedUrl;
  const maxRecords = options.maxRecords ?? DEFAULT_MAX_RECORDS;
  const stored = await options.validators?.get(url);
  const validators = conditional(stored);
  const outcome = await fetcher.stream({ url, expect: 'any', maxBytes: options.maxBytes, ...validators });
  if (outcome.kind !== 'ok') {
    const failed = failedDocument(url, outcome, Boolean(validators.etag || validators.lastModified));
    yield failed ?? { type: 'unchanged', url, listingUrls: stored ? await stored.listingUrls() : [] };
    return;
  }
  // Kept only when the validators can be stored: a feed's listing URLs may be a million.
  const keep = options.validators && (outcome.etag || outcome.lastModified) ? ([] as string[]) : null;
  const context = { feedUrl: url, currency: options.currency, country: options.country, now: options.now };
  let records = 0;
  let announced = false;
  const items = readFeedItems(outcome.body, { feedUrl: url, contentType: outcome.contentType, format: options.format ?? 'auto' });
  try {
    for await (const item of items) {
      if (options.signal?.aborted) return; // the runner sees the signal and ends the run as interrupted
      if (item.kind === 'failure') {
        yield { type: 'document_error', url, kind: item.errorKind ?? 'source_parse', message: item.message, retryable: item.retryable };
        return;
      }
      if (++records > maxRecords) {
        const message = `Stopped after ${maxRecords} records (the configured maxRecords) before the end of the feed; raise maxRecords to read the rest`;
        yield { type: 'document_error', url, kind: 'source_record_cap', message, retryable: false };
        return;
      }
      if (!announced) {
        // Only once a record came: a feed that fails before any is a failed read, not an empty one.
        announced = true;
        yield { type: 'document', url };
      }
      const event = recordEvent(item.record, context);
      if (keep) {
        if (event.type === 'reading') keep.push(event.reading.url);
        else if (event.type === 'record_error' && event.listingUrl) keep.push(event.url);
      }
      yield event;
    }
    if (!announced) yield { type: 'document', url }; // a feed with no items
    if (keep) yield { type: 'document_complete', url, etag: outcome.etag, lastModified: outcome.lastModified, listingUrls: keep, hasNext: false };
  } finally {
    await items.return(undefined);
  }
}
