import { describe, expect, it } from 'vitest';
import { decideRetailerAlerts, type PositionChange } from '../../../../crawlers/retailers/alerts/decide.ts';
import type { RetailerPosition } from '../../../../db/retailers-schema.ts';

const position = (overrides: Partial<RetailerPosition> = {}): RetailerPosition => ({
  listingId: 10,
  storeId: 'mine',
  productId: 1,
  title: 'Kettle 1.7 l',
  category: null,
  currency: 'EUR',
  ownPrice: '20.0000',
  ownShipping: '0.0000',
  ownTotal: '20.0000',
  ownBuyable: true,
  ownDeliveryDays: 3,
  competitors: 2,
  competitorsOutOfStock: 0,
  competitorsPending: 0,
  cheapestListingId: 20,
  cheapestStoreId: 'rival',
  cheapestTotal: '21.0000',
  medianTotal: '22.0000',
  rank: 1,
  gap: '-1.0000',
  gapPercent: -4.8,
  fastestCompetitorDays: 4,
  competitorsFaster: 0,
  competitorsSlower: 2,
  updatedAt: new Date('2025-03-14T09:00:00Z'),
  ...overrides,
});

const now = new Date('2025-03-14T09:05:00Z');
const decide = (before: Partial<RetailerPosition> | null, after: Partial<RetailerPosition>, at = now) =>
  decideRetailerAlerts({ before: before === null ? null : position(before), after: position(after) } satisfies PositionChange, at);
const undercutBy = (listing: number, total: string, store = 'rival'): Partial<RetailerPosition> => ({
  rank: 2,
  cheapestListingId: listing,
  cheapestStoreId: store,
  cheapestTotal: total,
  gap: '1.0000',
  gapPercent: 5.3,
});

describe('what a position change announces', () => {
  it('announces nothing on a first computation, however undercut the listing is', () => {
    expect(decide(null, { ...undercutBy(20, '15.0000'), competitorsOutOfStock: 3, fastestCompetitorDays: 1 })).toEqual([]);
  });

  it('announces nothing when nothing changed', () => {
    expect(decide({}, {})).toEqual([]);
    expect(decide(undercutBy(20, '19.0000'), undercutBy(20, '19.0000'))).toEqual([]);
  });

  it('announces an undercut, keyed by the listing, the cheaper listing, its total and the day', () => {
    const [event, ...rest] = decide({}, undercutBy(20, '19.0000'));
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      listingId: 10,
      storeId: 'mine',
      kind: 'undercut',
      eventKey: 'undercut:10:20:19:2025-03-14',
      details: { title: 'Kettle 1.7 l', currency: 'EUR', ownTotal: '20', cheapestTotal: '19', previousCheapestTotal: '21', competitorStoreId: 'rival', gap: '1', gapPercent: 5.3 },
    });
  });

  it('announces a deeper undercut by the same listing, and an undercut by another listing', () => {
    expect(decide(undercutBy(20, '19.0000'), undercutBy(20, '18.5000')).map((e) => e.eventKey)).toEqual(['undercut:10:20:18.5:2025-03-14']);
    expect(decide(undercutBy(20, '19.0000'), undercutBy(30, '19.0000', 'other')).map((e) => e.eventKey)).toEqual(['undercut:10:30:19:2025-03-14']);
  });

  it('keys a flip-flop within the day the same, and the same undercut on a later day anew', () => {
    const first = decide({}, undercutBy(20, '19.0000'));
    const back = decide({ ...undercutBy(20, '19.0000'), cheapestTotal: '20.5000', rank: 1 }, undercutBy(20, '19.0000'), new Date('2025-03-14T09:20:00Z'));
    expect(back.map((e) => e.eventKey)).toEqual(first.map((e) => e.eventKey));
    expect(decide({}, undercutBy(20, '19.0000'), new Date('2025-03-15T08:00:00Z'))[0].eventKey).toBe('undercut:10:20:19:2025-03-15');
  });

  it('announces an undercut once the retailer is buyable again', () => {
    expect(decide({ rank: null, ownBuyable: false }, undercutBy(20, '19.0000')).map((e) => e.kind)).toEqual(['undercut']);
  });

  it('announces nothing for a listing the retailer does not sell now', () => {
    expect(decide({}, { ...undercutBy(20, '19.0000'), ownBuyable: false, rank: null })).toEqual([]);
    expect(decide({}, { ...undercutBy(20, '19.0000'), ownTotal: null, ownPrice: null, rank: null })).toEqual([]);
  });

  it('compares nothing across a change of currency', () => {
    expect(decide({ currency: 'INR' }, undercutBy(20, '19.0000'))).toEqual([]);
  });

  it('announces room to raise when the cheapest competitor went up while the listing is the cheapest', () => {
    const [event] = decide({ cheapestTotal: '21.0000' }, { cheapestTotal: '23.0000' });
    expect(event).toMatchObject({ kind: 'raise', eventKey: 'raise:10:23:2025-03-14', details: { cheapestTotal: '23', previousCheapestTotal: '21' } });
  });

  it('announces room to raise when the competitor that undercut the listing is no longer cheaper', () => {
    expect(decide(undercutBy(20, '19.0000'), { cheapestListingId: 20, cheapestTotal: '20.5000' }).map((e) => e.eventKey)).toEqual(['raise:10:20.5:2025-03-14']);
  });

  it('does not call it room to raise when the listing got cheaper itself, the competitor went down, or still undercuts', () => {
    expect(decide(undercutBy(20, '19.0000'), { ownTotal: '18.0000', ownPrice: '18.0000', cheapestTotal: '19.0000' })).toEqual([]);
    expect(decide({ cheapestTotal: '23.0000' }, { cheapestTotal: '21.0000' })).toEqual([]);
    expect(decide(undercutBy(20, '18.0000'), undercutBy(20, '19.0000')).map((e) => e.kind)).toEqual(['undercut']);
  });

  it('announces a competitor running out of stock, keyed by how many are out', () => {
    const [event] = decide({ competitorsOutOfStock: 0, competitors: 2 }, { competitorsOutOfStock: 1, competitors: 1 });
    expect(event).toMatchObject({ kind: 'out_of_stock', eventKey: 'out_of_stock:10:1:2025-03-14', details: { outOfStock: 1, previousOutOfStock: 0, competitors: 1 } });
    expect(decide({ competitorsOutOfStock: 2 }, { competitorsOutOfStock: 1 })).toEqual([]);
  });

  it('announces a competitor that now delivers faster than before and than the listing', () => {
    const [event] = decide({ fastestCompetitorDays: 4 }, { fastestCompetitorDays: 1 });
    expect(event).toMatchObject({ kind: 'faster', eventKey: 'faster:10:1:2025-03-14', details: { fastestCompetitorDays: 1, previousFastestCompetitorDays: 4, ownDeliveryDays: 3 } });
    expect(decide({ fastestCompetitorDays: null }, { fastestCompetitorDays: 2 }).map((e) => e.kind)).toEqual(['faster']);
    // Faster than before but not than the listing; as fast as the listing; or no faster than before.
    expect(decide({ fastestCompetitorDays: 6 }, { fastestCompetitorDays: 4 })).toEqual([]);
    expect(decide({ fastestCompetitorDays: 4 }, { fastestCompetitorDays: 3 })).toEqual([]);
    expect(decide({ fastestCompetitorDays: 1 }, { fastestCompetitorDays: 2 })).toEqual([]);
    expect(decide({ fastestCompetitorDays: 4 }, { fastestCompetitorDays: 1, ownDeliveryDays: null })).toEqual([]);
  });

  it('announces several kinds from one change', () => {
    const kinds = decide({}, { ...undercutBy(20, '19.0000'), competitorsOutOfStock: 1, fastestCompetitorDays: 2 }).map((e) => e.kind);
    expect(kinds).toEqual(['undercut', 'out_of_stock', 'faster']);
  });
});
