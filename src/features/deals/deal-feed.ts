// The deals feed: the deals page as Atom entries, one per product and drop (its reading). Pure.
import type { MarketDeal } from '../../../db/queries/deals/market-deals.ts';
import { stripBidiControls } from '../../../domain/text.ts';
import { renderAtomFeed } from '../../lib/atom.ts';
import { dealSummary, dropWords } from './deal-words.ts';

export interface DealFeedInput {
  deals: MarketDeal[];
  /** The site's origin, e.g. https://tulna.example. */
  origin: string;
  /** The feed's own address (path and query), e.g. /deals/feed?store=alpha. */
  selfPath: string;
  /** The page it mirrors, e.g. /deals?store=alpha. */
  pagePath: string;
  now: Date;
}

/** Tag URIs (RFC 4151) under the site's host: stable whatever the order or the page of the feed. */
export const tagBase = (origin: string) => `tag:${new URL(origin).hostname},2026:`;

export function dealEntryId(origin: string, deal: Pick<MarketDeal, 'productId' | 'readingId'>): string {
  return `${tagBase(origin)}deal/${deal.productId}/${deal.readingId}`;
}

export function renderDealFeed({ deals, origin, selfPath, pagePath, now }: DealFeedInput): string {
  const filters = new URL(pagePath, origin).search;
  return renderAtomFeed({
    id: `${tagBase(origin)}deals${filters}`,
    title: 'Tulna: price drops',
    subtitle: 'Real drops against the lowest price of the last 30 days across all stores',
    author: 'Tulna',
    fallbackUpdated: now,
    links: [
      { rel: 'self', type: 'application/atom+xml', href: new URL(selfPath, origin).toString() },
      { rel: 'alternate', type: 'text/html', href: new URL(pagePath, origin).toString() },
    ],
    entries: deals.map((deal) => ({
      id: dealEntryId(origin, deal),
      title: `${stripBidiControls(deal.title)}: ${dropWords(deal)}`,
      link: new URL(`/p/${deal.productId}`, origin).toString(),
      updated: deal.since,
      summary: dealSummary(deal),
    })),
  });
}
