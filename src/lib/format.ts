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
