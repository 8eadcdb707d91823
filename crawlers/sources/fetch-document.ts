// One source document through the polite fetcher (robots.txt, rate limits, retries, byte caps and
// the private-address guard all apply): its body, "not modified" when it was asked for with the
// validators of its last complete read, or the document_error event to report.
import type { Fetcher, FetchOutcome, FetchRequest, StreamOutcome } from '../core/types.ts';
import type { SourceEvent, StoredSourceDocument } from './types.ts';

type DocumentError = Extract<SourceEvent, { type: 'document_error' }>;

export interface FetchedDocument {
  ok: true;
  notModified?: false;
  body: string;
  bytes: Uint8Array;
  headers: Readonly<Record<string, string>>;
  etag: string | null;
  lastModified: string | null;
}

export type DocumentOutcome = FetchedDocument | { ok: true; notModified: true } | { ok: false; event: DocumentError };

/** The request's conditional headers from a stored document, when it has validators. */
export function conditional(stored: StoredSourceDocument | undefined): Pick<FetchRequest, 'etag' | 'lastModified'> {
  return stored ? { etag: stored.etag, lastModified: stored.lastModified } : {};
}

/** The document_error of a failed fetch (or of a 304 nobody asked for). */
export function failedDocument(url: string, outcome: Exclude<FetchOutcome | StreamOutcome, { kind: 'ok' }>, conditionalRequest: boolean): DocumentError | null {
  if (outcome.kind === 'gone') {
    const message = `The store answered ${outcome.status} for ${url}: the product API or feed is not there`;
    return { type: 'document_error', url, kind: 'gone', message, httpStatus: outcome.status, retryable: false };
  }
  if (outcome.kind === 'not_modified') {
    if (conditionalRequest) return null;
    // No validators were sent, so a 304 is the server's mistake.
    const message = `The store answered 304 Not Modified to an unconditional request for ${url}`;
    return { type: 'document_error', url, kind: 'http_status', message, httpStatus: 304, retryable: true };
  }
  const { error } = outcome;
  return { type: 'document_error', url, kind: error.kind, message: error.message, httpStatus: error.httpStatus, retryable: error.retryable };
}

/** Without a stored document the request is unconditional, so it is never "not modified". */
export function fetchDocument(
  fetcher: Fetcher,
  url: string,
  expect: NonNullable<FetchRequest['expect']>,
): Promise<FetchedDocument | { ok: false; event: DocumentError }>;
export function fetchDocument(
  fetcher: Fetcher,
  url: string,
  expect: NonNullable<FetchRequest['expect']>,
  stored: StoredSourceDocument | undefined,
): Promise<DocumentOutcome>;
export async function fetchDocument(
  fetcher: Fetcher,
  url: string,
  expect: NonNullable<FetchRequest['expect']>,
  stored?: StoredSourceDocument,
): Promise<DocumentOutcome> {
  const validators = conditional(stored);
  const outcome = await fetcher.fetch({ url, expect, ...validators });
  if (outcome.kind === 'ok') {
    return { ok: true, body: outcome.body, bytes: outcome.bytes, headers: outcome.headers ?? {}, etag: outcome.etag, lastModified: outcome.lastModified };
  }
  const event = failedDocument(url, outcome, Boolean(validators.etag || validators.lastModified));
  return event ? { ok: false, event } : { ok: true, notModified: true };
}

export function parseError(url: string, message: string): DocumentError {
  return { type: 'document_error', url, kind: 'source_parse', message, retryable: false };
}
