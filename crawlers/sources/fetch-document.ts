// One source document through the polite fetcher (robots.txt, rate limits, retries, byte caps and
// the private-address guard all apply): its body, or the document_error event to report.
import type { Fetcher, FetchRequest } from '../core/types.ts';
import type { SourceEvent } from './types.ts';

type DocumentError = Extract<SourceEvent, { type: 'document_error' }>;

export type DocumentOutcome =
  | { ok: true; body: string; bytes: Uint8Array; headers: Readonly<Record<string, string>> }
  | { ok: false; event: DocumentError };

export async function fetchDocument(fetcher: Fetcher, url: string, expect: NonNullable<FetchRequest['expect']>): Promise<DocumentOutcome> {
  const outcome = await fetcher.fetch({ url, expect });
  if (outcome.kind === 'ok') return { ok: true, body: outcome.body, bytes: outcome.bytes, headers: outcome.headers ?? {} };
  if (outcome.kind === 'gone') {
    const message = `The store answered ${outcome.status} for ${url}: the product API or feed is not there`;
    return { ok: false, event: { type: 'document_error', url, kind: 'gone', message, httpStatus: outcome.status, retryable: false } };
  }
  if (outcome.kind === 'not_modified') {
    // No validators are sent for source documents, so a 304 is the server's mistake.
    const message = `The store answered 304 Not Modified to an unconditional request for ${url}`;
    return { ok: false, event: { type: 'document_error', url, kind: 'http_status', message, httpStatus: 304, retryable: true } };
  }
  const { error } = outcome;
  return {
    ok: false,
    event: { type: 'document_error', url, kind: error.kind, message: error.message, httpStatus: error.httpStatus, retryable: error.retryable },
  };
}

export function parseError(url: string, message: string): DocumentError {
  return { type: 'document_error', url, kind: 'source_parse', message, retryable: false };
}
