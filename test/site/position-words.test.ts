// The dashboard's words for a position: rank, gap, delivery, stock, and offers still unconfirmed.
import { describe, expect, it } from 'vitest';
import { deliveryWords, gapWords, indexWords, rankWords, stockWords, type PositionFacts } from '../../src/features/retailers/position-words.ts';

const base: PositionFacts = {
  rank: 2, competitors: 3, competitorsOutOfStock: 0, competitorsPending: 0, ownTotal: '105.0000', ownBuyable: true,
  cheapestTotal: '99.0000', cheapestStoreName: 'Beta', gap: '6.0000', gapPercent: 6.06, currency: 'EUR',
  ownDeliveryDays: 3, fastestCompetitorDays: 1, competitorsFaster: 1, competitorsSlower: 2,
};

describe('position words', () => {
  it('ranks among all sellers and names the cheapest with the gap in money and percent', () => {
    expect(rankWords(base)).toBe('2nd of 4');
    expect(rankWords({ ...base, rank: 1 })).toBe('cheapest of 4');
    expect(rankWords({ ...base, rank: 13, competitors: 20 })).toBe('13th of 21');
    expect(gapWords(base)).toBe('€6.00 (6.1 %) above Beta');
    expect(gapWords({ ...base, gap: '-1.5000', gapPercent: -1.5 })).toBe('€1.50 (1.5 %) below Beta');
    expect(gapWords({ ...base, gap: '0.0000', gapPercent: 0 })).toBe('same total as Beta');
  });

  it('says an offer seen once exists without ranking against it', () => {
    expect(rankWords({ ...base, competitors: 0, rank: 1, competitorsPending: 2 })).toBe('only seller so far (2 more offers wait for a second reading)');
    expect(rankWords({ ...base, competitorsPending: 1 })).toBe('2nd of 4 (1 more offer waits for a second reading)');
    expect(rankWords({ ...base, competitors: 0, rank: 1 })).toBe('only seller');
    expect(rankWords({ ...base, ownBuyable: false })).toBe('not buyable');
  });

  it('compares delivery promises and competitor stock', () => {
    expect(deliveryWords(base)).toBe('3 days: delivers later than 1, sooner than 2 competitors; fastest competitor 1 day');
    expect(deliveryWords({ ...base, ownDeliveryDays: null })).toBe('your delivery promise is unknown');
    expect(stockWords({ ...base, competitorsOutOfStock: 2 })).toBe('2 out of stock');
    expect(indexWords(103.24, 'market lowest')).toBe('3.2 % above the market lowest');
    expect(indexWords(null, 'market median')).toBe('no market median to compare with yet');
  });
});
