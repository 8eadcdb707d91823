// The records of a TSV or CSV product feed (Google Merchant and Meta catalogue spreadsheets), read
// row by row with csv-parse: the first row names the attributes ("id", "title", "price",
// "g:sale_price", "shipping(country:price)"), each later row is one record. A broken row (wrong
// number of fields, a stray quote) is one bad record and the rest carry on; a row that never
// ends (an unclosed quote), or a feed that stops in the middle of its last row, ends the document.
import { parse, type CsvError, type Parser } from 'csv-parse';
import { Transform, type TransformCallback } from 'node:stream';
import { fieldName, MAX_RECORD_CHARS, parseShippingText, type FeedItem, type FeedRecord } from './feed-record.ts';

export interface DelimitedOptions {
  feedUrl: string;
  /** Whether the text ended with a line break (known once it has ended): a short last row without one was cut off. */
  endedWithLineBreak(): boolean;
}

/** A row csv-parse gave, or one it skipped as broken. */
type Row = { info: { lines: number }; record: string[] } | { skipped: CsvError };

/** Errors after which nothing more can be read: a runaway quoted field swallows the rest. */
const FATAL_CODES = new Set(['CSV_MAX_RECORD_SIZE', 'CSV_QUOTE_NOT_CLOSED']);

/** The csv-parse stage: rows as arrays of fields, a broken row as a `skipped` marker in its place. */
export function csvRows(delimiter: string): Parser {
  let parser: Parser | undefined;
  parser = parse({
    delimiter,
    quote: '"',
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    bom: true,
    info: true,
    max_record_size: MAX_RECORD_CHARS,
    on_skip: (error) => {
      if (!error || FATAL_CODES.has(error.code)) throw error ?? new Error('csv-parse skipped a row without saying why');
      parser?.push({ skipped: error });
      return undefined;
    },
  });
  return parser;
}

interface Header {
  names: string[];
  /** Shipping columns and the sub-attributes they list ("shipping(country:price)" → country, price). */
  shipping: Map<number, string[] | undefined>;
}

function headerOf(fields: string[]): Header {
  const shipping = new Map<number, string[] | undefined>();
  const names = fields.map((raw, index) => {
    const name = fieldName(raw);
    const parts = /^shipping\s*\(([^)]*)\)$/.exec(name);
    if (parts) shipping.set(index, parts[1].split(':').map(fieldName));
    else if (name === 'shipping') shipping.set(index, undefined);
    return parts ? 'shipping' : name;
  });
  return { names, shipping };
}

/** The rows stage: the header, then one record per row (a failure when the document cannot go on). */
export class DelimitedRecords extends Transform {
  readonly #options: DelimitedOptions;
  #header: Header | null = null;
  #count = 0;
  #failed = false;
  /** The latest row, held back until the next one: whether it is the cut-off last row is known only at the end. */
  #held: { item: FeedItem; short: string | null } | null = null;

  constructor(options: DelimitedOptions) {
    super({ objectMode: true });
    this.#options = options;
  }

  override _transform(row: Row, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.#failed) return callback();
    if ('skipped' in row) {
      const number = ++this.#count;
      const line = typeof row.skipped.lines === 'number' ? ` (line ${row.skipped.lines})` : '';
      this.#hold({ item: this.#broken(number, `row ${number}${line} is malformed: ${row.skipped.message}`), short: null });
      return callback();
    }
    if (!this.#header) {
      this.#header = headerOf(row.record);
      if (!['id', 'title', 'link'].some((name) => this.#header!.names.includes(name))) {
        this.#failed = true;
        this.push({
          kind: 'failure',
          message: `${this.#options.feedUrl} is not a product feed: its first row names no id, title or link column (${JSON.stringify(row.record.slice(0, 5))})`,
          retryable: false,
        } satisfies FeedItem);
      }
      return callback();
    }
    this.#hold(this.#row(row.record, row.info.lines));
    callback();
  }

  override _flush(callback: TransformCallback): void {
    const held = this.#held;
    this.#held = null;
    if (held && held.short !== null && !this.#options.endedWithLineBreak()) {
      this.push({
        kind: 'failure',
        message: `${this.#options.feedUrl} ends in the middle of row ${this.#count} (${held.short}, and no line break): the feed is cut off`,
        retryable: true,
      } satisfies FeedItem);
    } else if (held) {
      this.push(held.item);
    }
    callback();
  }

  #hold(next: { item: FeedItem; short: string | null }): void {
    if (this.#held) this.push(this.#held.item);
    this.#held = next;
  }

  #broken(number: number, why: string): FeedItem {
    return { kind: 'record', record: { number, fields: new Map(), shipping: [], error: `Feed ${this.#options.feedUrl}: ${why}` } };
  }

  #row(values: string[], line: number): { item: FeedItem; short: string | null } {
    const header = this.#header!;
    const number = ++this.#count;
    const expected = header.names.length;
    const extra = values.slice(expected);
    if (values.length < expected || extra.some((value) => value.trim() !== '')) {
      const counted = `${values.length} fields where the header has ${expected}`;
      return { item: this.#broken(number, `row ${number} (line ${line}) has ${counted}`), short: values.length < expected ? counted : null };
    }
    const record: FeedRecord = { number, fields: new Map(), shipping: [] };
    header.names.forEach((name, index) => {
      const value = values[index]?.trim();
      if (!value) return;
      if (header.shipping.has(index)) record.shipping.push(...parseShippingText(value, header.shipping.get(index)));
      else if (!record.fields.has(name)) record.fields.set(name, value);
    });
    return { item: { kind: 'record', record }, short: null };
  }
}
