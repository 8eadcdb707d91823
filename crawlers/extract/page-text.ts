// The visible text of a stretch of HTML, one block per line, by a few linear passes: cheaper than the page
// scan's tokenizer, for reading labels ("SKU: 123") in parts of a page the page scan does not cover.
import { closerFor, decodeEntities } from './html-scan.ts';

/** Raw-text elements and comments, whose content is never visible text. */
const INVISIBLE_OPEN = /<(script|style|noscript|template|svg|textarea)\b|<!--/gi;
// [^<>] keeps the pass linear: a stray "<" without ">" stops at the next "<" instead of the end of the page.
const TAG = /<\/?([a-zA-Z][\w-]*)[^<>]*>/g;
const BLOCK = new Set([
  'p', 'div', 'li', 'tr', 'td', 'th', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'ul', 'ol', 'dl',
  'table', 'form', 'header', 'footer', 'main', 'aside', 'br', 'option', 'label', 'button',
]);
/** Largest stretch read: labels live in spec tables, not in megabytes of markup. */
const MAX_TEXT_SOURCE = 400_000;

const COMMENT_END = /-->/g;

/** `html` without scripts, styles and comments. An unclosed one hides the rest, as in a browser. */
function withoutInvisible(html: string): string {
  const parts: string[] = [];
  let last = 0;
  INVISIBLE_OPEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = INVISIBLE_OPEN.exec(html)) !== null) {
    parts.push(html.slice(last, match.index));
    const closer = match[1] ? closerFor(match[1].toLowerCase()) : COMMENT_END;
    closer.lastIndex = INVISIBLE_OPEN.lastIndex;
    const end = closer.exec(html);
    if (!end) return parts.join(' ');
    last = closer.lastIndex;
    INVISIBLE_OPEN.lastIndex = last;
    parts.push(' ');
  }
  parts.push(html.slice(last));
  return parts.join('');
}

/** Visible text of `html`, one block per line (the shape of PageScan.lines). */
export function visibleLines(html: string): string {
  const source = html.length > MAX_TEXT_SOURCE ? html.slice(0, MAX_TEXT_SOURCE) : html;
  const text = withoutInvisible(source).replace(TAG, (_tag, name: string) => (BLOCK.has(name.toLowerCase()) ? '\n' : ' '));
  return decodeEntities(text)
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n[\n ]*/g, '\n');
}
