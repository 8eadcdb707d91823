// The source path of a crawl: a product API or feed lists every listing itself.
import { getSourceDocumentListingUrls, getSourceDocumentValidators, saveSourceDocument } from '../../db/queries/crawling/source-documents.ts';
import type { StructuredSource } from '../config/store-config.ts';
import { readStoreSource, type SourceValidators } from '../sources/index.ts';
import type { PathContext, PathResult } from './crawl-path.ts';

/**
 * The stored validators of the store's source documents, as the sources read them: the sources
 * stay free of the database, and the (possibly many) listing URLs load only for a 304.
 */
async function storedValidators(context: PathContext): Promise<SourceValidators> {
  const { db, store } = context.options;
  const stored = await getSourceDocumentValidators(db, store.id);
  return {
    get: async (url) => {
      const validators = stored.get(url);
      return validators && { ...validators, listingUrls: () => getSourceDocumentListingUrls(db, store.id, url) };
    },
  };
}

/**
 * The source path: a product API or feed lists every listing itself (crawlers/sources), read
 * through the same polite fetcher. A document that failed leaves the read incomplete. Documents
 * are asked for conditionally; one that is unchanged (304) confirms the listings it held.
 */
export async function crawlSource(context: PathContext, source: StructuredSource): Promise<PathResult> {
  const { options, now, log, counts, writer, recordError, progress } = context;
  const { db, store, fetcher } = options;
  const seen = new Set<string>();
  /** Documents counted as pages (a feed failing after its first records is not a second page). */
  const counted = new Set<string>();
  let documents = 0;
  let unchanged = 0;
  let failure: string | undefined;
  let skipped = 0;
  let records = 0;
  const validators = await storedValidators(context);
  const countRecord = () => {
    records++;
    context.setDiscovered(records);
    context.markDone();
  };
  for await (const event of readStoreSource(store, source, fetcher, { signal: options.signal, now: now(), validators })) {
    if (writer.fatal) break;
    switch (event.type) {
      case 'document':
        counts.pages++;
        documents++;
        counted.add(event.url);
        progress('fetching');
        continue;
      case 'unchanged':
        counts.pages++;
        documents++;
        unchanged++;
        counted.add(event.url);
        for (const url of event.listingUrls) {
          seen.add(url);
          await writer.addNotModified(url);
          countRecord();
        }
        progress('fetching');
        continue;
      case 'document_complete':
        // Kept only once the document's readings are stored: validators must never vouch for
        // listings a crash left unwritten.
        await writer.flush();
        if (!writer.fatal) await saveSourceDocument(db, store.id, { ...event, fetchedAt: now() });
        continue;
      case 'document_error':
        // A cap names a page it did not fetch, or a feed already counted.
        if (event.kind !== 'source_page_cap' && event.kind !== 'source_record_cap' && !counted.has(event.url)) counts.pages++;
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
    countRecord();
    progress('fetching');
  }
  if (skipped > 0) log.info({ skipped }, 'source records skipped');
  if (unchanged > 0) log.info({ unchanged, documents }, 'source documents unchanged since the last complete read (304)');
  if (documents === 0 && failure !== undefined) return { failed: `Reading the ${source.kind} source of ${store.name} failed: ${failure}` };
  return { seen, complete: failure === undefined, resumedSkipped: 0 };
}
