// The door of extraction: input that is not an HTML string, binary junk, or too large is refused with a
// typed error before any parsing work is done.
import type { ExtractionError } from './types.ts';

/** Largest page read, in UTF-16 code units (≈ bytes for mostly-ASCII HTML). */
export const MAX_HTML_LENGTH = 10 * 1024 * 1024;
const SNIFF = 4_096;

/** Null when the input may be read as HTML, else the reason it may not. */
export function checkInput(html: unknown): ExtractionError | null {
  if (typeof html !== 'string') {
    return { code: 'not_html', message: `expected the page as a string, found ${html === null ? 'null' : typeof html}` };
  }
  if (html.length > MAX_HTML_LENGTH) {
    return { code: 'too_large', message: `expected at most ${MAX_HTML_LENGTH} characters of HTML, found ${html.length}` };
  }
  const head = html.slice(0, SNIFF);
  let junk = 0;
  for (let i = 0; i < head.length; i += 1) {
    const code = head.charCodeAt(i);
    if (code === 0) {
      return { code: 'not_html', message: `expected HTML text, found a NUL byte at offset ${i} (binary data)` };
    }
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) || code === 0xfffd) junk += 1;
  }
  if (head.length > 0 && junk / head.length > 0.05) {
    return { code: 'not_html', message: `expected HTML text, found ${junk} control or undecodable characters in the first ${head.length}` };
  }
  if (!/<[a-zA-Z!]/.test(html.length > 65_536 ? html.slice(0, 65_536) : html)) {
    return { code: 'not_html', message: 'expected HTML markup, found no tags in the first 64 KB' };
  }
  return null;
}
