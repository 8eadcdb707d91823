// Words and numbers for shoppers: prices in their currency, "2 h ago", delivery estimates.
// Pure functions; the clock and the time zone are parameters so tests pin them.

const priceFormats = new Map<string, Intl.NumberFormat>();

/** "€1,234.50" style price; the raw amount (with its currency code) when the code is unknown to Intl. */
export function formatPrice(amount: string | null, currency: string | null, locale = 'en-GB'): string {
  if (amount === null) return 'No price';
  const code = (currency ?? '').trim().toUpperCase();
  const key = `${locale}|${code}`;
  let format = priceFormats.get(key);
  if (!format) {
    try {
      format = code
        ? new Intl.NumberFormat(locale, { style: 'currency', currency: code })
        : new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    } catch {
      return `${amount} ${code}`.trim();
    }
    priceFormats.set(key, format);
  }
  // Intl accepts decimal strings exactly ("1234.5000"), so no float rounding creeps in.
  return format.format(amount as unknown as number);
}

/** "Free", the amount, or "Shipping unknown". */
export function formatShipping(cost: string | null, currency: string | null, locale?: string): string {
  if (cost === null) return 'Shipping unknown';
  if (Number(cost) === 0) return 'Free';
  return formatPrice(cost, currency, locale);
}

/** "just now", "5 min ago", "2 h ago", "3 days ago". */
export function formatAgo(then: Date, now: Date = new Date()): string {
  const minutes = Math.floor((now.getTime() - then.getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
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

/** Search results know only the fastest number of days: "Today", "Tomorrow", "in 3 days". */
export function formatDeliveryDays(days: number | null): string | null {
  if (days === null || days < 0) return null;
  if (days === 0) return 'Today';
  if (days === 1) return 'Tomorrow';
  return `in ${days} days`;
}

export const AVAILABILITY_WORDS: Record<string, string> = {
  in_stock: 'In stock',
  out_of_stock: 'Out of stock',
  preorder: 'Pre-order',
  backorder: 'Back-order',
  limited: 'Few left',
  discontinued: 'Discontinued',
  unknown: 'Availability unknown',
};
