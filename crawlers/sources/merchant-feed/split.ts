// Splits a product feed into its <item> (RSS 2.0) or <entry> (Atom) elements, one at a time,
// without building a tree of the whole document: memory holds the text (capped by the fetcher's
// body limit) and one item. Comments and CDATA sections are skipped, so "</item>" inside a
// description does not end an item.

/** The Google Merchant namespace: fields are read under whatever prefix the feed binds to it. */
export const MERCHANT_NAMESPACE = 'http://base.google.com/ns/1.0';

export interface FeedHead {
  /** The root element ("rss", "feed"), or null when the text is not XML markup. */
  root: string | null;
  /** The prefix bound to the Merchant namespace ("g" nearly always; "" when it is the default one). */
  prefix: string;
}

/** An item's XML, or why it cannot be read; `cutOff`: the text ends inside it (a truncated feed). */
export type FeedPiece = { index: number; xml: string } | { index: number; error: string; cutOff?: true };

/** Largest single item read (a product, not a catalogue). */
export const MAX_ITEM_CHARS = 256 * 1024;

const ITEM_NAMES = ['item', 'entry'];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function readFeedHead(text: string): FeedHead {
  const head = text.slice(0, 64 * 1024);
  const root = /<([A-Za-z][\w.-]*:)?([A-Za-z][\w.-]*)[\s>/]/.exec(head.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g, ''));
  const ns = escapeRegExp(MERCHANT_NAMESPACE);
  const prefixed = new RegExp(`xmlns:([A-Za-z_][\\w.-]*)\\s*=\\s*["']${ns}["']`).exec(head);
  const asDefault = new RegExp(`xmlns\\s*=\\s*["']${ns}["']`).test(head);
  return { root: root ? root[2] : null, prefix: prefixed ? prefixed[1] : asDefault ? '' : 'g' };
}

/** Where the construct starting at `at` ends, when it is a comment or CDATA section; else -1. */
function skipOpaque(text: string, at: number): number {
  if (text.startsWith('<!--', at)) {
    const end = text.indexOf('-->', at + 4);
    return end < 0 ? text.length : end + 3;
  }
  if (text.startsWith('<![CDATA[', at)) {
    const end = text.indexOf(']]>', at + 9);
    return end < 0 ? text.length : end + 3;
  }
  return -1;
}

/** The item element name opening at `at` ("<item>", "<entry xml:lang=…>"), or null. */
function itemOpening(text: string, at: number): string | null {
  for (const name of ITEM_NAMES) {
    if (text.startsWith(`<${name}`, at) && /[\s>/]/.test(text[at + name.length + 1] ?? '')) return name;
  }
  return null;
}

/** The index just past `</name>` for an item opened at `start`, or -1 when it never closes. */
function itemEnd(text: string, start: number, name: string): number {
  const openEnd = text.indexOf('>', start);
  if (openEnd < 0) return -1;
  if (text[openEnd - 1] === '/') return openEnd + 1; // <item/>
  let at = openEnd + 1;
  for (;;) {
    const lt = text.indexOf('<', at);
    if (lt < 0) return -1;
    const skipped = skipOpaque(text, lt);
    if (skipped >= 0) {
      at = skipped;
      continue;
    }
    if (text.startsWith(`</${name}`, lt) && /[\s>]/.test(text[lt + name.length + 2] ?? '')) {
      const close = text.indexOf('>', lt);
      return close < 0 ? -1 : close + 1;
    }
    at = lt + 1;
  }
}

export function* feedItems(text: string, maxItemChars = MAX_ITEM_CHARS): Generator<FeedPiece> {
  let at = 0;
  let index = 0;
  for (;;) {
    const lt = text.indexOf('<', at);
    if (lt < 0) return;
    const skipped = skipOpaque(text, lt);
    if (skipped >= 0) {
      at = skipped;
      continue;
    }
    const name = itemOpening(text, lt);
    if (!name) {
      at = lt + 1;
      continue;
    }
    const end = itemEnd(text, lt, name);
    if (end < 0) {
      yield { index, error: `<${name}> number ${index + 1} is never closed (the feed is cut off or malformed)`, cutOff: true };
      return;
    }
    if (end - lt > maxItemChars) yield { index, error: `<${name}> number ${index + 1} is ${end - lt} characters long, over the ${maxItemChars} read per item` };
    else yield { index, xml: text.slice(lt, end) };
    index++;
    at = end;
  }
}
