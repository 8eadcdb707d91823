// The page path of a crawl: discover product page URLs, then fetch and extract each page.
import PQueue from 'p-queue';
import { markListingsGone } from '../../db/queries/listings.ts';
import { discoverProductUrls } from '../discovery/index.ts';
import { openPageRendering } from '../browser/page-rendering.ts';
import { PageListings } from './page-listings.ts';
import { readingsOfPage } from './page-readings.ts';
import type { PathContext, PathResult } from './crawl-path.ts';

/** The page path: discover product page URLs, then fetch and extract each page. */
export async function crawlPages(context: PathContext): Promise<PathResult> {
  const { options, now, log, counts, validators, writer, recordError, progress } = context;
  const { db, store, fetcher } = options;
  let urls: string[];
  const discoveryFailures: string[] = [];
  try {
    urls = await discoverProductUrls(store, fetcher, {
      signal: options.signal,
      onProgress: (p) => {
        // A missing robots.txt is normal; a sitemap or listing page that failed leaves discovery incomplete.
        if (p.phase !== 'robots' && (p.outcome === 'error' || p.outcome === 'gone')) discoveryFailures.push(p.errorKind ?? p.outcome);
      },
    });
  } catch (error) {
    // When robots.txt forbids every sitemap or start page, say so: it is a decision, not a fault.
    const kind = discoveryFailures.length > 0 && discoveryFailures.every((k) => k === 'robots') ? 'robots' : 'discovery';
    await recordError(store.baseUrl, kind, `Finding the product pages of ${store.name} failed: ${(error as Error).message}`);
    return { failed: (error as Error).message };
  }
  const allUrls = urls;
  // Marketplace pages hold one listing per seller: validators, 304s and "still listed" go by page.
  const pages = new PageListings(validators);
  let resumedSkipped = 0;
  if (context.resumeFrom) {
    const resumeFrom = context.resumeFrom;
    urls = urls.filter((url) => {
      const checked = pages.lastCheckedAt(url);
      const skip = checked !== undefined && checked >= resumeFrom;
      if (skip) resumedSkipped++;
      return !skip;
    });
    log.info({ resumedSkipped, remaining: urls.length }, 'resuming an interrupted crawl');
  }
  context.setDiscovered(urls.length);
  progress('fetching');

  // Fetched, or rendered in the browser for a script-rendered store (crawlers/browser/page-rendering.ts).
  const rendering = await openPageRendering({ db, store, fetcher, pool: options.browser, log, now });
  const queue = new PQueue({ concurrency: Math.max(4, store.politeness.concurrency * 2) });
  const visit = async (url: string) => {
    const known = pages.validatorsFor(url);
    const outcome = await rendering.fetch({ url, etag: known?.etag, lastModified: known?.lastModified, expect: 'html' });
    counts.pages++;
    if (outcome.kind === 'ok') {
      // A script shell whose HTML has no product is read again as the browser renders it.
      const read = await rendering.read(outcome, (page) =>
        readingsOfPage(page.body, {
          url,
          finalUrl: page.url,
          fetchedAt: page.fetchedAt,
          store,
          validators: { etag: page.etag, lastModified: page.lastModified },
          hasSellerListings: pages.hasSellerListings(url),
        }),
      );
      if (read.ok) {
        pages.read(url, [...read.readings.map((reading) => reading.url), ...read.unread.map((unread) => unread.url)]);
        for (const reading of read.readings) await writer.add(reading);
        // A seller still on the page whose offer could not be read keeps its listing's last good reading.
        for (const unread of read.unread) await recordError(unread.url, unread.kind, unread.message);
      } else {
        await recordError(url, `extract_${read.error.code}`, read.error.message);
      }
    } else if (outcome.kind === 'not_modified') {
      const confirmed = pages.confirmedBy(url, known);
      pages.read(url, confirmed);
      for (const listingUrl of confirmed) await writer.addNotModified(listingUrl);
    } else if (outcome.kind === 'gone') {
      await markListingsGone(db, store.id, pages.listingsOf(url), now());
      await recordError(url, 'gone', `The store answered ${outcome.status}: the product page is gone`, outcome.status);
    } else {
      const { error } = outcome;
      await recordError(url, error.kind, error.message, error.httpStatus, error.retryable);
    }
    context.markDone();
    progress('fetching');
  };
  for (const url of urls) {
    if (options.signal?.aborted || writer.fatal) break;
    void queue.add(async () => {
      if (options.signal?.aborted || writer.fatal) return;
      try {
        await visit(url);
      } catch (error) {
        // Only the database can throw here (fetch and extraction never do): stop the run.
        writer.fail(error as Error);
      }
    });
    // Keep the queue short so a huge sitemap does not hold every task in memory.
    if (queue.size > 1_000) await queue.onSizeLessThan(500);
  }
  await queue.onIdle();
  return { seen: pages.seen(allUrls), complete: discoveryFailures.length === 0, resumedSkipped };
}

