// A feed body (a byte stream) → its records, one at a time and in constant memory: decoded to
// text, its format told from its first characters (or the configured one), then read by the XML
// or the TSV/CSV reader. Anything that stops the document (the body failing: a timeout, the byte
// cap; a cut-off feed; not a feed at all) comes last, as a failure item.
import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import { FetchFailure } from '../../core/errors.ts';
import { csvRows, DelimitedRecords } from './delimited-records.ts';
import type { FeedItem } from './feed-record.ts';
import { detectFeedFormat, type FeedFormatSetting } from './feed-format.ts';
import { FeedTextDecoder } from './feed-text.ts';
import { XmlRecordReader } from './xml-records.ts';

export interface FeedStreamOptions {
  feedUrl: string;
  /** The response's Content-Type (its charset is used). */
  contentType: string;
  format: FeedFormatSetting;
}

/** The XML reader as a stream stage: text in, feed items out. */
class XmlRecords extends Transform {
  readonly #reader: XmlRecordReader;

  constructor(feedUrl: string) {
    super({ objectMode: true });
    this.#reader = new XmlRecordReader({ feedUrl });
  }

  override _transform(text: string, _encoding: BufferEncoding, callback: TransformCallback): void {
    for (const item of this.#reader.write(text)) this.push(item);
    callback();
  }

  override _flush(callback: TransformCallback): void {
    for (const item of this.#reader.end()) this.push(item);
    callback();
  }
}

/** The first chunk of an object-mode stream, put back; null when it ends with none. */
function firstChunk(stream: Readable): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      stream.off('readable', pull);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    const onEnd = () => (cleanup(), resolve(null));
    const onError = (error: Error) => (cleanup(), reject(error));
    function pull(): void {
      const chunk = stream.read() as string | null;
      if (chunk === null) return;
      cleanup();
      stream.unshift(chunk);
      resolve(chunk);
    }
    stream.on('readable', pull);
    stream.on('end', onEnd);
    stream.on('error', onError);
    pull();
  });
}

/** A failure item for whatever broke the stream. */
function failureOf(error: unknown, feedUrl: string): FeedItem {
  if (error instanceof FetchFailure) return { kind: 'failure', message: error.message, retryable: error.retryable, errorKind: error.kind };
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && code.startsWith('CSV_')) {
    return { kind: 'failure', message: `${feedUrl} cannot be read on: ${(error as Error).message}`, retryable: code === 'CSV_QUOTE_NOT_CLOSED' };
  }
  return { kind: 'failure', message: `Reading ${feedUrl} failed: ${(error as Error)?.message ?? String(error)}`, retryable: true };
}

export async function* readFeedItems(body: Readable, options: FeedStreamOptions): AsyncGenerator<FeedItem> {
  const text = new FeedTextDecoder(options.contentType);
  pipeline(body, text, () => {});
  let records: Readable | undefined;
  try {
    const head = await firstChunk(text);
    const detected = detectFeedFormat(head ?? '', options.format, options.feedUrl);
    if ('error' in detected) {
      yield { kind: 'failure', message: detected.error, retryable: false };
      return;
    }
    records =
      detected.format === 'xml'
        ? pipeline(text, new XmlRecords(options.feedUrl), () => {})
        : pipeline(
            text,
            csvRows(detected.delimiter),
            new DelimitedRecords({ feedUrl: options.feedUrl, endedWithLineBreak: () => text.endsWithLineBreak }),
            () => {},
          );
    for await (const item of records) yield item as FeedItem;
  } catch (error) {
    yield failureOf(error, options.feedUrl);
  } finally {
    // Also when the reader stops early (a record cap, an abort): the connection goes with it.
    records?.destroy();
    text.destroy();
    body.destroy();
  }
}
