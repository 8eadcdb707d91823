import { describe, expect, it } from 'vitest';
import { decideFollow } from '../../../crawlers/alerts/decide.ts';
import type { FollowState } from '../../../db/queries/alerts/evaluation.ts';

const offer = (total: string, observationId = 7) => ({ listingId: 1, storeId: 's', storeName: 'S', total, observationId, deliveryMaxDays: 3 });
const follow = (overrides: Partial<FollowState>): FollowState => ({
  followId: 1,
  followerId: 1,
  email: 'a@example.com',
  tokenSalt: 'salt',
  kind: 'target',
  productId: 1,
  productTitle: 'Kettle',
  currency: 'INR',
  targetPrice: '1000',
  minDropPercent: null,
  webhookUrl: null,
  armed: true,
  armGeneration: 0,
  best: offer('999'),
  referenceTotal: null,
  ...overrides,
});

describe('what a follow announces', () => {
  it('fires a target once per arming, at or below the target, and re-arms only above target + 2 %', () => {
    expect(decideFollow(follow({}))).toEqual({ fire: expect.objectContaining({ eventKey: 'target:0', disarm: true }) });
    expect(decideFollow(follow({ best: offer('1000'), armGeneration: 3 }))).toEqual({ fire: expect.objectContaining({ eventKey: 'target:3' }) });
    expect(decideFollow(follow({ best: offer('1000.01') }))).toBeNull();
    expect(decideFollow(follow({ armed: false }))).toBeNull();
    expect(decideFollow(follow({ armed: false, best: offer('1020') }))).toBeNull();
    expect(decideFollow(follow({ armed: false, best: offer('1020.01'), armGeneration: 2 }))).toEqual({ rearm: 2 });
    expect(decideFollow(follow({ best: null }))).toBeNull();
  });

  it('announces a restock only after the product was gone', () => {
    expect(decideFollow(follow({ kind: 'restock', armed: false }))).toBeNull();
    expect(decideFollow(follow({ kind: 'restock', armed: false, best: null, armGeneration: 4 }))).toEqual({ rearm: 4 });
    expect(decideFollow(follow({ kind: 'restock', armed: true, armGeneration: 5 }))).toEqual({ fire: expect.objectContaining({ eventKey: 'restock:5' }) });
  });

  it('counts a drop against the 30-day market low, keyed by the reading, at the smallest drop asked (default 5 %)', () => {
    const drop = (total: string, reference: string | null, minDropPercent: number | null = null) =>
      decideFollow(follow({ kind: 'drop', best: offer(total, 42), referenceTotal: reference, minDropPercent }));
    expect(drop('950', '1000')).toEqual({ fire: expect.objectContaining({ eventKey: 'drop:42', dropPercent: 5, disarm: false }) });
    expect(drop('951', '1000')).toBeNull();
    expect(drop('900', '1000', 15)).toBeNull();
    expect(drop('850', '1000', 15)).toEqual({ fire: expect.objectContaining({ dropPercent: 15 }) });
    expect(drop('800', null)).toBeNull();
    expect(drop('1100', '1000')).toBeNull();
  });
});
