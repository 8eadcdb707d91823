// Seller offers of an HTML-only marketplace: the store config's `offer` selector finds each seller's row,
// and `offerSeller`, `offerPrice`, `offerShipping`, `offerDelivery`, `offerCondition` and
// `offerAvailability` are read inside that row, the way the single-offer selectors read the page.
import { load } from 'cheerio/slim';
import { normaliseAvailability } from '../normalise/availability.ts';
import { parseDeliveryText } from '../normalise/delivery.ts';
import { displayAmount, structuredAmount } from './amount.ts';
import { normaliseCondition } from './condition.ts';
import type { DraftOffer, PartialListing } from './partial-listing.ts';
import { elementValue } from './selectors.ts';
import type { StoreSelectors } from './types.ts';

/** Rows looked at (a hostile page may repeat the row markup thousands of times). */
const MAX_ROWS = 500;
/** "Sold by Appario Retail" in the element that should hold the name alone. */
const SOLD_BY = /^(?:sold by|seller|sold and shipped by|ships from and sold by|verkauf durch|verkäufer|vendu par|vendido por|venduto da)\s*:?\s*/iu;

type RowKey = 'offerSeller' | 'offerPrice' | 'offerShipping' | 'offerDelivery' | 'offerCondition' | 'offerAvailability';

/** Drafts of the seller rows the store's `offer` selector finds; notes an invalid selector in `warnings`. */
export function selectorOfferDrafts(
  html: string,
  selectors: StoreSelectors,
  context: { currencyHint?: string; fetchedAt?: Date },
  warnings: string[],
): DraftOffer[] {
  if (!selectors.offer) return [];
  const $ = load(html);
  let rows;
  try {
    rows = $(selectors.offer).slice(0, MAX_ROWS).toArray();
  } catch (error) {
    warnings.push(`selectors: offer selector "${selectors.offer}" is not valid CSS: ${(error as Error).message}`);
    return [];
  }
  const broken = new Set<RowKey>();
  return rows.map((element) => {
    const row = $(element);
    const get = (key: RowKey): string | undefined => {
      const selector = selectors[key];
      if (!selector || broken.has(key)) return undefined;
      try {
        const found = row.find(selector).first();
        return found.length > 0 ? elementValue(found) : row.is(selector) ? elementValue(row) : undefined;
      } catch (error) {
        broken.add(key);
        warnings.push(`selectors: ${key} selector "${selector}" is not valid CSS: ${(error as Error).message}`);
        return undefined;
      }
    };
    const hint = context.currencyHint;
    const reading: PartialListing = {};
    const priceText = get('offerPrice');
    if (priceText) {
      const parsed = displayAmount(priceText, hint);
      if (parsed) {
        reading.price = /^\s*-/.test(priceText) ? `-${parsed.amount}` : parsed.amount;
        if (parsed.currency) reading.currency = parsed.currency;
        if (parsed.currencyText) reading.currencyText = parsed.currencyText;
      } else reading.refusedPrice = { value: priceText.slice(0, 200), reason: 'no price in the text' };
    }
    const shipping = get('offerShipping');
    if (shipping) reading.shippingCost = structuredAmount(shipping, hint) ?? (/free|gratis|kostenlos/i.test(shipping) ? '0' : undefined);
    const delivery = get('offerDelivery');
    if (delivery) reading.delivery = parseDeliveryText(delivery, { fetchedAt: context.fetchedAt }) ?? undefined;
    const availability = get('offerAvailability');
    if (availability) reading.availability = normaliseAvailability(availability) ?? undefined;
    for (const key of Object.keys(reading) as (keyof PartialListing)[]) if (reading[key] === undefined) delete reading[key];
    const seller = get('offerSeller')?.replace(SOLD_BY, '').slice(0, 200).trim() || undefined;
    return { seller, condition: normaliseCondition(get('offerCondition')), reading };
  });
}
