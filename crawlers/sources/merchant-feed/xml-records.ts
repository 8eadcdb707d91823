// The records of an XML product feed (RSS 2.0 <item> or Atom <entry>, Merchant fields in the
// g: namespace), read with saxes as the text arrives: memory holds one record, never the document.
// Namespaces are resolved (any prefix bound to the Merchant namespace works; an unbound "g:" is
// read as it); comments and CDATA cannot end an item early; no entity is expanded beyond XML's
// own and a few common HTML ones (no DTD, so no entity bombs).
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { fieldName, MAX_RECORD_CHARS, MERCHANT_NAMESPACE, parseShippingText, SHIPPING_PARTS, type FeedItem, type FeedRecord, type FeedShipping, type ShippingPart } from './feed-record.ts';

const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom';
const ITEM_NAMES = new Set(['item', 'entry']);
/** RSS/Atom elements read when the Merchant one is missing (Atom's <id> is a URI, not the product id). */
const PLAIN_FIELDS = new Map([
  ['title', 'title'],
  ['link', 'link'],
  ['description', 'description'],
  ['summary', 'description'],
]);
/** HTML entities feeds use although XML does not define them; anything else stays as written. */
const HTML_ENTITIES: Record<string, string> = {
  nbsp: '\u00a0', copy: '©', reg: '®', trade: '™', euro: '€', pound: '£', yen: '¥', cent: '¢', deg: '°',
  hellip: '…', ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', bull: '•', times: '×',
};

/** fieldName() of element names already seen: a feed repeats the same few dozen a million times. */
const fieldNames = new Map<string, string>();
function cachedFieldName(local: string): string {
  let name = fieldNames.get(local);
  if (name === undefined) {
    name = fieldName(local);
    if (fieldNames.size < 10_000) fieldNames.set(local, name);
  }
  return name;
}

export interface XmlRecordOptions {
  /** Names the feed in messages. */
  feedUrl: string;
  maxRecordChars?: number;
}

/** The record being read: its own fields, the RSS/Atom fallbacks, and where the text goes. */
interface OpenItem {
  name: string;
  number: number;
  merchant: Map<string, string>;
  plain: Map<string, string>;
  shipping: FeedShipping[];
  /** Elements open inside the item (1 = a direct child). */
  depth: number;
  /** The direct child being read: its field key and text so far. */
  field: { merchant: boolean; name: string; text: string } | null;
  /** The g:shipping entry being read, and its sub-attribute being read. */
  entry: { shipping: FeedShipping; part: ShippingPart | null; text: string } | null;
  chars: number;
  error?: string;
}

export class XmlRecordReader {
  readonly #parser: SaxesParser<{ xmlns: true }>;
  readonly #options: Required<XmlRecordOptions>;
  #out: FeedItem[] = [];
  #depth = 0;
  #root: string | null = null;
  #rootClosed = false;
  #failed = false;
  #count = 0;
  #item: OpenItem | null = null;
  /**
   * An item just closed, held until the parser says how: an ancestor's close tag that unwinds it
   * ("</channel>" with no "</item>" before) is followed at once by an "unexpected close tag" error.
   */
  #closed: { item: OpenItem; record: FeedRecord } | null = null;

  constructor(options: XmlRecordOptions) {
    this.#options = { maxRecordChars: MAX_RECORD_CHARS, ...options };
    this.#parser = new SaxesParser({ xmlns: true, additionalNamespaces: { g: MERCHANT_NAMESPACE } });
    Object.assign(this.#parser.ENTITIES, HTML_ENTITIES);
    this.#parser.on('opentag', (tag) => this.#open(tag));
    this.#parser.on('closetag', () => this.#close());
    this.#parser.on('text', (text) => this.#text(text));
    this.#parser.on('cdata', (text) => this.#text(text));
    this.#parser.on('error', (error) => this.#error(error));
  }

  /** Reads more of the document; gives the records (and a failure) completed by it. */
  write(text: string): FeedItem[] {
    if (!this.#failed) this.#parser.write(text);
    this.#release();
    return this.#drain();
  }

  /** The document ended: a record or root left open means it was cut off. */
  end(): FeedItem[] {
    this.#release();
    if (this.#failed) return this.#drain();
    const feed = this.#options.feedUrl;
    if (this.#item) {
      this.#fail(`<${this.#item.name}> number ${this.#item.number} is never closed: ${feed} is cut off or malformed`, true);
    } else if (this.#root === null) {
      this.#fail(`${feed} is not an RSS 2.0 or Atom feed (root element missing)`, false);
    } else if (!this.#rootClosed) {
      this.#fail(`${feed} ends before its root element <${this.#root}> closes (the feed is cut off)`, true);
    }
    return this.#drain();
  }

  #drain(): FeedItem[] {
    const out = this.#out;
    this.#out = [];
    return out;
  }

  #fail(message: string, retryable: boolean): void {
    this.#failed = true;
    this.#item = null;
    this.#out.push({ kind: 'failure', message, retryable });
  }

  /** Hands over the item held by #closed: nothing said it was unwound. */
  #release(): void {
    if (this.#closed && !this.#failed) this.#out.push({ kind: 'record', record: this.#closed.record });
    this.#closed = null;
  }

  #open(tag: SaxesTagNS): void {
    this.#release();
    if (this.#failed) return;
    this.#depth++;
    if (this.#root === null) {
      this.#root = tag.local;
      if (tag.local !== 'rss' && tag.local !== 'feed') {
        this.#fail(`${this.#options.feedUrl} is not an RSS 2.0 or Atom feed (root element <${tag.name}>)`, false);
      }
      return;
    }
    const item = this.#item;
    if (!item) {
      if (ITEM_NAMES.has(tag.local)) {
        this.#item = { name: tag.name, number: ++this.#count, merchant: new Map(), plain: new Map(), shipping: [], depth: 0, field: null, entry: null, chars: 0 };
      }
      return;
    }
    item.depth++;
    const merchant = tag.uri === MERCHANT_NAMESPACE;
    if (item.depth === 1) {
      const plainName = tag.uri === '' || tag.uri === ATOM_NAMESPACE ? PLAIN_FIELDS.get(tag.local) : undefined;
      if (merchant && tag.local === 'shipping') {
        item.entry = { shipping: {}, part: null, text: '' };
      } else if (merchant || plainName) {
        item.field = { merchant, name: merchant ? cachedFieldName(tag.local) : plainName!, text: '' };
        // Atom: <link rel="alternate" href="…"/>.
        const href = tag.attributes.href?.value;
        const rel = tag.attributes.rel?.value;
        if (plainName === 'link' && href && (rel === undefined || rel === 'alternate')) item.field.text = href;
      }
    } else if (item.depth === 2 && item.entry && merchant) {
      const part = cachedFieldName(tag.local);
      item.entry.part = (SHIPPING_PARTS as readonly string[]).includes(part) ? (part as ShippingPart) : null;
      item.entry.text = '';
    }
  }

  #text(text: string): void {
    this.#release();
    const item = this.#item;
    if (!item || this.#failed || item.error) return;
    item.chars += text.length;
    if (item.chars > this.#options.maxRecordChars) {
      item.error = `it is over the ${this.#options.maxRecordChars} characters read per item`;
      return;
    }
    if (item.depth === 1 && item.field) item.field.text += text;
    else if (item.depth === 1 && item.entry) item.entry.text += text; // "US:::4.95 USD" written inline
    else if (item.depth === 2 && item.entry?.part) item.entry.text += text;
  }

  #close(): void {
    this.#release();
    if (this.#failed) return;
    this.#depth--;
    const item = this.#item;
    if (!item) {
      if (this.#depth === 0) this.#rootClosed = true;
      return;
    }
    if (item.depth === 0) {
      this.#item = null;
      this.#closed = { item, record: this.#recordOf(item) };
      return;
    }
    if (item.depth === 2 && item.entry?.part) {
      const value = item.entry.text.trim();
      if (value) item.entry.shipping[item.entry.part] ??= value;
      item.entry.part = null;
    } else if (item.depth === 1 && item.field) {
      const value = item.field.text.trim();
      const target = item.field.merchant ? item.merchant : item.plain;
      if (value && !target.has(item.field.name)) target.set(item.field.name, value);
      item.field = null;
    } else if (item.depth === 1 && item.entry) {
      const entry = item.entry;
      const inline = entry.text.trim();
      if (Object.keys(entry.shipping).length > 0) item.shipping.push(entry.shipping);
      else if (inline) item.shipping.push(...parseShippingText(inline));
      item.entry = null;
    }
    item.depth--;
  }

  #error(error: Error): void {
    // Unknown entities stay as written; other errors spoil the item they happen in.
    if (/undefined entity/.test(error.message)) return;
    if (this.#closed && /unexpected close tag/.test(error.message)) {
      // The item never closed itself: what follows is unknown, so the document is in doubt.
      const { item } = this.#closed;
      this.#closed = null;
      this.#fail(`<${item.name}> number ${item.number} is never closed: ${this.#options.feedUrl} is cut off or malformed`, true);
      return;
    }
    if (this.#item && !this.#item.error) this.#item.error = `it is not well-formed XML: ${error.message}`;
  }

  #recordOf(item: OpenItem): FeedRecord {
    const fields = item.merchant;
    for (const [name, value] of item.plain) if (!fields.has(name)) fields.set(name, value);
    const record: FeedRecord = { number: item.number, fields, shipping: item.shipping };
    if (item.error) record.error = `Feed item ${item.number} of ${this.#options.feedUrl}: ${item.error}`;
    return record;
  }
}
