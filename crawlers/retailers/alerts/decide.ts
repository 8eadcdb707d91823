// What a change of a claimed listing's competitive position announces to its retailer: pure, so the
// rules read (and test) in one place. Positions count competitors' confirmed readings only, so a
// misread never fires. A first computation (no position before) announces nothing: a newly claimed
// store must not get one alert per listing.
//   undercut      a competitor is now cheaper by total, and was not already cheaper at that total;
//   raise         the cheapest competitor's total went up while the listing is the cheapest (also
//                 when the competitor that undercut it is no longer cheaper): room to raise;
//   out_of_stock  more competitors are out of stock than before;
//   faster        the fastest competitor now delivers sooner than before, and sooner than the listing.
// Keys end with the UTC day of the evaluation: a re-run, or a price flip-flopping back within the
// day, repeats a key and adds nothing; the same undercut coming back on a later day announces again.
import type { RetailerAlertDecision, RetailerAlertDetails } from '../../../db/queries/retailers/alert-events.ts';
import type { RetailerPosition } from '../../../db/retailers-schema.ts';
import { canonicalDecimal, compareDecimal, sameDecimal } from '../../../domain/decimal.ts';

/** A listing's position before (null: first computed now) and after a refresh. */
export type PositionChange = { before: RetailerPosition | null; after: RetailerPosition };

const utcDay = (at: Date) => at.toISOString().slice(0, 10);
const amount = (value: string | null) => (value === null ? null : canonicalDecimal(value));

function detailsOf(before: RetailerPosition, after: RetailerPosition): RetailerAlertDetails {
  return {
    title: after.title,
    currency: after.currency?.trim() ?? null,
    ownPrice: amount(after.ownPrice),
    ownShipping: amount(after.ownShipping),
    ownTotal: amount(after.ownTotal),
    rank: after.rank,
    competitors: after.competitors,
    competitorStoreId: after.cheapestStoreId,
    competitorListingId: after.cheapestListingId,
    cheapestTotal: amount(after.cheapestTotal),
    previousCheapestTotal: amount(before.cheapestTotal),
    medianTotal: amount(after.medianTotal),
    gap: amount(after.gap),
    gapPercent: after.gapPercent === null ? null : Math.round(after.gapPercent * 10) / 10,
    outOfStock: after.competitorsOutOfStock,
    previousOutOfStock: before.competitorsOutOfStock,
    ownDeliveryDays: after.ownDeliveryDays,
    fastestCompetitorDays: after.fastestCompetitorDays,
    previousFastestCompetitorDays: before.fastestCompetitorDays,
  };
}

/** Whether the position says a competitor is cheaper by total: rank counts those strictly cheaper. */
const isUndercut = (position: RetailerPosition) => position.rank !== null && position.rank > 1 && position.cheapestTotal !== null;

/** The announcements one position change makes (none, one or several kinds), keyed for `now`'s day. */
export function decideRetailerAlerts(change: PositionChange, now = new Date()): RetailerAlertDecision[] {
  const { before, after } = change;
  // A first computation, or totals in another currency than before: nothing to compare.
  if (!before || (before.currency?.trim() ?? null) !== (after.currency?.trim() ?? null)) return [];
  // Only a listing the retailer sells now has a position worth alerting on.
  if (!after.ownBuyable || after.ownTotal === null) return [];
  const day = utcDay(now);
  const listing = after.listingId;
  const details = detailsOf(before, after);
  const decide = (kind: RetailerAlertDecision['kind'], key: string): RetailerAlertDecision => ({
    listingId: listing,
    storeId: after.storeId,
    kind,
    eventKey: `${kind}:${listing}:${key}:${day}`,
    details,
  });
  const decisions: RetailerAlertDecision[] = [];

  if (isUndercut(after)) {
    const sameAsBefore = isUndercut(before) && before.cheapestListingId === after.cheapestListingId && sameDecimal(before.cheapestTotal, after.cheapestTotal);
    if (!sameAsBefore) decisions.push(decide('undercut', `${after.cheapestListingId}:${canonicalDecimal(after.cheapestTotal!)}`));
  } else if (after.rank === 1 && after.cheapestTotal !== null && before.cheapestTotal !== null && compareDecimal(after.cheapestTotal, before.cheapestTotal) > 0) {
    decisions.push(decide('raise', canonicalDecimal(after.cheapestTotal)));
  }

  if (after.competitorsOutOfStock > before.competitorsOutOfStock) {
    decisions.push(decide('out_of_stock', String(after.competitorsOutOfStock)));
  }

  const fastest = after.fastestCompetitorDays;
  if (
    fastest !== null &&
    after.ownDeliveryDays !== null &&
    fastest < after.ownDeliveryDays &&
    (before.fastestCompetitorDays === null || fastest < before.fastestCompetitorDays)
  ) {
    decisions.push(decide('faster', String(fastest)));
  }
  return decisions;
}
