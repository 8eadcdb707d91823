// Reads one product page of the shop the way a crawl would, to tell which markup its pages carry
// (JSON-LD, microdata, OpenGraph, or none: plain HTML) and the currency of their prices.
import type { StoreConfig } from '../config/store-config.ts';
import { detectScriptShell } from '../browser/shell-detect.ts';
import type { Fetcher } from '../core/types.ts';
import { extractListing } from '../extract/index.ts';
import { findCurrencies, pickCurrency } from '../normalise/currency.ts';

export interface PageSample {
  url: string;
  /** True when a product with a price was read from it. */
  read: boolean;
  sourceKind: StoreConfig['sourceKind'];
  currency?: string;
  /**
   * When the page writes an ambiguous sign ("Rs.", "kr", "$" without a country): the likeliest code and
   * the others it may stand for. Only a guess, to be said so.
   */
  currencyGuess?: { code: string; text: string; others: string[] };
  /** What happened, in words. */
  note: string;
}

const SOURCE_KINDS: Record<string, StoreConfig['sourceKind']> = {
  jsonld: 'jsonld',
  microdata: 'microdata',
  opengraph: 'opengraph',
  selectors: 'html',
  generic: 'html',
};

/** `country`, when known, settles ambiguous currency signs as a crawl would. */
export async function samplePage(fetcher: Fetcher, url: string, country?: string): Promise<PageSample> {
  const outcome = await fetcher.fetch({ url, expect: 'html' });
  if (outcome.kind !== 'ok') {
    const why = outcome.kind === 'error' ? `${outcome.error.kind}: ${outcome.error.message}` : outcome.kind === 'gone' ? `HTTP ${outcome.status}` : outcome.kind;
    return { url, read: false, sourceKind: 'jsonld', note: `could not fetch it (${why})` };
  }
  const result = extractListing(outcome.body, { url: outcome.url, fetchedAt: outcome.fetchedAt, country });
  if (!result.ok) {
    // A frame whose content its JavaScript builds: the browser path reads it (crawlers/browser).
    const shell = detectScriptShell(outcome.body);
    if (shell.shell) {
      return { url, read: false, sourceKind: 'browser', note: `no product in its HTML, and it looks script-rendered (${shell.signals.slice(0, 3).join('; ')}): read through the browser` };
    }
    return { url, read: false, sourceKind: 'jsonld', note: `no product read from it (${result.error.code}: ${result.error.message})` };
  }
  const { listing } = result;
  const sourceKind = SOURCE_KINDS[listing.source] ?? 'jsonld';
  const match = listing.currency ? null : pickCurrency(findCurrencies(listing.currencyText));
  const guess = match && match.codes.length > 0 ? { code: match.codes[0], text: match.text, others: match.codes.slice(1) } : undefined;
  return {
    url,
    read: true,
    sourceKind,
    ...(listing.currency ? { currency: listing.currency } : {}),
    ...(guess ? { currencyGuess: guess } : {}),
    note: `read "${listing.title.slice(0, 60)}" at ${listing.price ?? 'no price'} ${listing.currency ?? listing.currencyText ?? ''} from its ${listing.source === 'generic' ? 'plain HTML' : listing.source}`.trim(),
  };
}
