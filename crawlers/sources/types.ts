// The contract between a structured source (a platform's product API, a product feed) and the
// crawl runner: a stream of events, one listing reading or one failure at a time.
import type { FetchErrorKind } from '../core/types.ts';
import type { ListingReading } from '../../domain/listing.ts';

/** Why a source document (an API page, a feed) could not be read: the read is then incomplete. */
export type SourceDocumentErrorKind =
  | FetchErrorKind
  | 'gone' // 404/410: the API or feed is not there
  | 'source_parse' // not JSON / not a feed, or not the expected shape
  | 'source_page_cap' // the configured page cap ran out before the last page
  | 'source_record_cap'; // the configured record cap ran out before the end of the feed

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
  | { type: 'record_error'; url: string; kind: SourceRecordErrorKind; message: string; listingUrl: boolean }
  /**
   * A document answered 304 Not Modified to the validators of its last complete read: the
   * listings it held then are unchanged (and still listed).
   */
  | { type: 'unchanged'; url: string; listingUrls: string[] }
  /**
   * A document (a whole feed, one API page) was read in full with no document error: the runner
   * may keep its validators, once its readings are stored, for the next conditional request.
   * `listingUrls`: every listing it named (record errors with a listing URL included).
   */
  | { type: 'document_complete'; url: string; etag: string | null; lastModified: string | null; listingUrls: string[]; hasNext: boolean };

/** What the last complete read of a document left for a conditional request. */
export interface StoredSourceDocument {
  etag: string | null;
  lastModified: string | null;
  /** A paged API's page had a next page: a 304 on it still leads on. */
  hasNext: boolean;
  /** The listing URLs it held (loaded only when needed: a feed's may be a million). */
  listingUrls(): Promise<string[]>;
}

/** Read access to stored validators, passed in by the runner so that sources stay free of the database. */
export interface SourceValidators {
  get(url: string): Promise<StoredSourceDocument | undefined>;
}

export interface SourceReadOptions {
  signal?: AbortSignal;
  /** Stored validators: documents are fetched conditionally, and 'unchanged' stands for a 304. */
  validators?: SourceValidators;
}
