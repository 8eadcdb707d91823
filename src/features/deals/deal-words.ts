// The words a deal is told in, on the page and in the feed: always against the market's low of the
// 30 days before the drop, never against a store's "was" price. Pure.
import type { MarketDeal } from '../../../db/queries/deals/market-deals.ts';
import { formatDeliveryDays, formatPrice } from '../../lib/format.ts';

/** "−12% vs the lowest price of the last 30 days". */
export function dropWords(deal: MarketDeal): string {
  return `−${deal.dropPercent}% vs the lowest price of the last 30 days`;
}

/** "in 2–4 days", "Tomorrow", or null when the store did not say. */
export function dealDeliveryWords(deal: MarketDeal): string | null {
  const { deliveryMinDays: min, deliveryMaxDays: max } = deal;
  if (min !== null && max !== null && max > min) return `in ${min}–${max} days`;
  return formatDeliveryDays(max ?? min);
}

/** One line for a feed entry's summary. */
export function dealSummary(deal: MarketDeal): string {
  const delivery = dealDeliveryWords(deal);
  return (
    `${formatPrice(deal.total, deal.currency)} at ${deal.storeName}: ${dropWords(deal)} before the drop ` +
    `(${formatPrice(deal.reference, deal.currency)}, all stores).` +
    (delivery ? ` Delivery: ${delivery}.` : '')
  );
}
