// The source path of a crawl: a product API or feed lists every listing itself.
import type { StructuredSource } from '../config/store-config.ts';
import { readStoreSource } from '../sources/index.ts';
import type { PathContext, PathResult } from './crawl-path.ts';

/**
 * The source path: a product API or feed lists every listing itself (crawlers/sources), read
 * through the same polite fetcher. A document that failed leaves the read incomplete.
 */
export async function crawlSource(context: PathContext, source: StructuredSource): Promise<PathResult> {
  const { options, now, log, counts, writer, recordError, progress } = context;
  const { store, fetcher } = options;
  const seen = new Set<string>();
  let documents = 0;
  let failure: string | undefined;
  let skipped = 0;
  let records = 0;
  for await (const event of readStoreSource(store, source, fetcher, { signal: options.signal, now: now() })) {
    if (writer.fatal) break;
    switch (event.type) {
      case 'document':
        counts.pages++;
        documents++;
        progress('fetching');
        continue;
      case 'document_error':
        // The page-cap event names the page it did not fetch.
        if (event.kind !== 'source_page_cap') counts.pages++;
        failure ??= event.message;
        await recordError(event.url, event.kind, event.message, event.httpStatus, event.retryable);
        continue;
      case 'reading':
        seen.add(event.reading.url);
        await writer.add(event.reading);
        break;
      case 'record_error':
        // The record is still listed by the store: its listing keeps its last good reading.
        if (event.listingUrl) seen.add(event.url);
        await recordError(event.url, event.kind, event.message);
        break;
      case 'skipped':
        skipped++;
        log.debug({ url: event.url, reason: event.reason }, 'source record skipped');
        continue;
    }
    records++;
    context.setDiscovered(records);
    context.markDone();
    progress('fetching');
  }
  if (skipped > 0) log.info({ skipped }, 'source records skipped (not new goods)');
  if (documents === 0 && failure !== undefined) return { failed: `Reading the ${source.kind} source of ${store.name} failed: ${failure}` };
  return { seen, complete: failure === undefined, resumedSkipped: 0 };
}
