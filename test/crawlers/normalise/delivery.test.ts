import { describe, expect, it } from 'vitest';
import { businessDaysToCalendarDays, deliveryFromShippingDetails, parseDeliveryText } from '../../../crawlers/normalise/delivery.ts';

// Monday 23 November 2026.
const fetchedAt = new Date('2026-11-23T10:00:00Z');
const read = (text: string) => parseDeliveryText(text, { fetchedAt });

describe('parseDeliveryText', () => {
  it('reads today, tomorrow and named dates', () => {
    expect(read('Delivery by Tomorrow')).toMatchObject({ minDays: 1, maxDays: 1, free: false, text: 'Delivery by Tomorrow' });
    expect(read('Get it by Wed, 25 Nov')).toMatchObject({ minDays: 2, maxDays: 2 });
    expect(read('Arrives Nov 27 - Dec 2')).toMatchObject({ minDays: 4, maxDays: 9 });
    expect(read('Lieferung am Freitag, 27. November')).toMatchObject({ minDays: 4, maxDays: 4 });
  });

  it('counts business days properly across the weekend', () => {
    // 3 business days from Monday: Thursday (3); 5: next Monday (7).
    expect(read('Delivered in 3-5 business days')).toMatchObject({ minDays: 3, maxDays: 7 });
    expect(read('Lieferzeit: 1-3 Werktage')).toMatchObject({ minDays: 1, maxDays: 3 });
    expect(businessDaysToCalendarDays(new Date('2026-11-27T10:00:00Z'), 1)).toBe(3); // Friday → Monday
  });

  it('reads free delivery with or without a time', () => {
    expect(read('FREE delivery')).toMatchObject({ free: true, minDays: null, maxDays: null });
    expect(read('FREE delivery Thursday, 26 November')).toMatchObject({ free: true, minDays: 3, maxDays: 3 });
  });

  it('reads dispatch wording as the earliest arrival only', () => {
    expect(read('Dispatched within 24 hours')).toMatchObject({ minDays: 1, maxDays: null });
  });

  it('keeps unavailable delivery without days, and ignores order cut-offs', () => {
    expect(read('Currently unavailable')).toMatchObject({ minDays: null, maxDays: null, text: 'Currently unavailable' });
    expect(read('Get it Tuesday, 1 Dec. Order within 5 hrs 3 mins')).toMatchObject({ minDays: 8, maxDays: 8 });
  });

  it('rolls a date that has passed into next year', () => {
    expect(parseDeliveryText('Get it by 2 Jan', { fetchedAt: new Date('2026-12-28T10:00:00Z') })).toMatchObject({ minDays: 5 });
  });

  it('returns null for text without delivery information', () => {
    expect(read('Great product')).toBeNull();
    expect(read('')).toBeNull();
    expect(parseDeliveryText(null)).toBeNull();
  });
});

describe('deliveryFromShippingDetails', () => {
  it('adds handling and transit time in business days', () => {
    const delivery = deliveryFromShippingDetails(
      {
        shippingRate: { value: 4.95, currency: 'EUR' },
        deliveryTime: {
          handlingTime: { minValue: 0, maxValue: 1, unitCode: 'DAY' },
          transitTime: { minValue: 2, maxValue: 4, unitCode: 'd' },
        },
      },
      { fetchedAt },
    );
    // 2 business days from Monday = Wednesday (2); 5 = next Monday (7).
    expect(delivery).toMatchObject({ minDays: 2, maxDays: 7, free: false });
  });

  it('tells free shipping without times, and null for junk', () => {
    expect(deliveryFromShippingDetails({ shippingRate: { value: '0' } }, { fetchedAt })).toMatchObject({ free: true });
    expect(deliveryFromShippingDetails('nonsense', { fetchedAt })).toBeNull();
  });
});

describe('delivery wording seen on real stores', () => {
  it('reads a day range within one month', () => {
    expect(read('Arrives: Dec 10 - 17')).toMatchObject({ minDays: 17, maxDays: 24 });
  });

  it('does not take a conditional free delivery as free', () => {
    expect(read('UK delivery within 7-10 days. Free on orders over £50, otherwise £3.50.')).toMatchObject({ free: false, minDays: 7, maxDays: 10 });
    expect(read('Livraison sous 5 à 6 jours ouvrés. Gratuit dès 50,00€')).toMatchObject({ free: false });
  });

  it('reads "Shipping: 4-6 business days" as delivery, not dispatch', () => {
    expect(read('Shipping: FREE 4-6 Business Days')).toMatchObject({ free: true, minDays: 4, maxDays: 8 });
  });
});
