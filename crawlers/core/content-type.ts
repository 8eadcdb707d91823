// Is this response the kind of document the caller asked for?
import { gunzipSync } from 'node:zlib';
import type { FetchRequest } from './types.ts';

export type Expectation = NonNullable<FetchRequest['expect']>;

const HTML_TYPES = ['text/html', 'application/xhtml+xml'];
const GZIP_TYPES = ['application/gzip', 'application/x-gzip', 'application/gzip-compressed', 'application/x-gunzip'];

export function mediaType(contentType: string): string {
  return contentType.split(';', 1)[0].trim().toLowerCase();
}

export function isGzipBytes(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * A fetched document's text: its body, or for a gzip payload (a .xml.gz sitemap or feed) the
 * unpacked UTF-8 text, at most `maxBytes` of it. Throws when the payload is corrupt or larger.
 */
export function unpackedText(document: { body: string; bytes: Uint8Array }, maxBytes: number): string {
  if (!isGzipBytes(document.bytes)) return document.body;
  return new TextDecoder('utf-8').decode(gunzipSync(document.bytes, { maxOutputLength: maxBytes }));
}

/** True when the first bytes look like markup (after whitespace and a BOM), with no NUL bytes. */
function looksLikeMarkup(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1024);
  if (head.includes(0)) return false;
  const text = new TextDecoder('utf-8').decode(head).replace(/^\uFEFF/, '').trimStart();
  return text.startsWith('<');
}

/** True when the first bytes look like a JSON document (an object or an array). */
function looksLikeJson(bytes: Uint8Array): boolean {
  const text = new TextDecoder('utf-8').decode(bytes.subarray(0, 64)).replace(/^\uFEFF/, '').trimStart();
  return text.startsWith('{') || text.startsWith('[');
}

/**
 * Null when acceptable, else a description of the mismatch.
 * 'json': application/json, any +json type, text/json; a missing or generic type is sniffed.
 * 'html': text/html or XHTML; a missing type is sniffed. 'xml': XML types, text types (text
 * sitemaps) and gzip payloads (.xml.gz). 'any': everything.
 */
export function contentTypeMismatch(expect: Expectation, contentType: string, bytes: Uint8Array): string | null {
  if (expect === 'any') return null;
  const type = mediaType(contentType);
  if (expect === 'json') {
    if (type === 'application/json' || type.endsWith('+json') || type === 'text/json') return null;
    if ((type === '' || type === 'application/octet-stream' || type === 'text/plain') && looksLikeJson(bytes)) return null;
    return `expected JSON, got "${type || '(none)'}"`;
  }
  if (expect === 'html') {
    if (HTML_TYPES.includes(type)) return null;
    if (type === '' && looksLikeMarkup(bytes)) return null;
    return `expected HTML, got "${type || '(none)'}"`;
  }
  if (type.includes('xml') || type.startsWith('text/') || GZIP_TYPES.includes(type)) return null;
  if ((type === '' || type === 'application/octet-stream') && (isGzipBytes(bytes) || looksLikeMarkup(bytes))) return null;
  return `expected XML, got "${type || '(none)'}"`;
}
