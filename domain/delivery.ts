// Delivery promises: what a store says (days from the day it said so, and its own words), and the
// estimate for today that the product page, the retailer view and alerts compare. Pure.

/** A store's promise as read from its page or feed. */
export interface DeliveryPromise {
  /** Days from the reading time until the earliest / latest arrival (0 = today). */
  minDays: number | null;
  maxDays: number | null;
  /** The store's own wording, trimmed, e.g. "Get it by Wed, 25 Nov". */
  text: string | null;
  /** True when the store says delivery is free. */
  free: boolean;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const labelFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });

/** Calendar day number (days since epoch) of an instant in a time zone. */
function dayNumber(instant: Date, timeZone: string): number {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return Math.floor(Date.parse(`${format.format(instant)}T00:00:00Z`) / 86_400_000);
}

function dayLabel(day: number, today: number): string {
  if (day === today) return 'Today';
  if (day === today + 1) return 'Tomorrow';
  // "Wed 25 Nov": a UTC date built from the day number is that calendar day.
  return labelFormat.format(new Date(day * 86_400_000)).replace(',', '');
}

export interface DeliveryInput {
  deliveryMinDays: number | null;
  deliveryMaxDays: number | null;
  deliveryText?: string | null;
  /** When the store's page said so: the days count from that day. */
  lastCheckedAt: Date;
}

export interface DeliveryEstimate {
  /** "Today", "Tomorrow", "Wed 25 Nov", "in 3–5 days", or the store's own words. */
  words: string;
  /** Days from today to the earliest arrival, for sorting and the "fastest" badge; null if unknown. */
  soonestDays: number | null;
}

/**
 * Turns the store's delivery days into words for today. The days count from the day the page was
 * checked (a store that said "in 3 days" on Saturday meant Tuesday), but never land before today,
 * nor on today when the store did not promise same-day delivery.
 */
export function estimateDelivery(input: DeliveryInput, now: Date = new Date(), timeZone = 'UTC'): DeliveryEstimate {
  const min = input.deliveryMinDays ?? input.deliveryMaxDays;
  const max = input.deliveryMaxDays ?? input.deliveryMinDays;
  if (min === null || max === null || min < 0) {
    const text = input.deliveryText?.trim();
    return { words: text ? text.slice(0, 80) : 'Delivery time unknown', soonestDays: null };
  }
  const today = dayNumber(now, timeZone);
  const checkedDay = Math.min(dayNumber(input.lastCheckedAt, timeZone), today);
  const earliest = today + (min > 0 ? 1 : 0);
  const first = Math.max(checkedDay + min, earliest);
  const last = Math.max(checkedDay + Math.max(max, min), first);
  if (input.deliveryMinDays === null) {
    // Only an upper bound ("within 5 days"): the bound is all we can promise.
    const days = last - today;
    return { words: days <= 1 ? dayLabel(last, today) : `within ${days} days`, soonestDays: days };
  }
  const soonestDays = first - today;
  if (first === last) return { words: dayLabel(first, today), soonestDays };
  if (last - today <= 1) return { words: `${dayLabel(first, today)} or ${dayLabel(last, today).toLowerCase()}`, soonestDays };
  return { words: `in ${first - today}–${last - today} days`, soonestDays };
}
