// The contract between a structured source (a platform's product API, a product feed) and the
// crawl runner: a stream of events, one listing reading or one failure at a time.
import type { FetchErrorKind } from '../core/types.ts';
import type { ListingReading } from '../../domain/listing.ts';

/** Why a source document (an API page, a feed) could not be read: the read is then incomplete. */
export type SourceDocumentErrorKind =
  | FetchErrorKind
  | 'gone' // 404/410: the API or feed is not there
  | 'source_parse' // not JSON / not a feed, or not the expected shape
  | 'source_page_cap'; // the configured page cap ran out before the last page

/** Why one record was skipped: the read carries on. */
export type SourceRecordErrorKind = 'source_invalid' | 'source_no_price' | 'source_absurd_price';

export type SourceEvent =
  /** An API page or feed was fetched and read. */
  | { type: 'document'; url: string }
  /** A document failed: paging stops and the read is incomplete (nothing may be marked stale). */
  | { type: 'document_error'; url: string; kind: SourceDocumentErrorKind; message: string; httpStatus?: number; retryable: boolean }
  | { type: 'reading'; reading: ListingReading }
  /** A record the source lists on purpose but Tulna does not compare (a used item). */
  | { type: 'skipped'; url: string; reason: string }
  /**
   * One record could not be used. `url` is the listing's URL when the record names one (so the
   * listing is not marked stale for it), else the document's URL with a `#record` fragment.
   */
  | { type: 'record_error'; url: string; kind: SourceRecordErrorKind; message: string; listingUrl: boolean };

export interface SourceReadOptions {
  signal?: AbortSignal;
}
