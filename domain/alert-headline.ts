// What an announced change says in one line, the same in mail, webhooks and feeds. Pure.
import { stripBidiControls } from './text.ts';

export interface AnnouncedChange {
  kind: 'target' | 'drop' | 'restock';
  title: string;
  total: string | null;
  currency: string | null;
  storeName: string | null;
  dropPercent: number | null;
  referenceTotal: string | null;
}

// Making a NumberFormat costs far more than using one: one per currency, kept.
const formats = new Map<string, Intl.NumberFormat | null>();

function money(amount: string | null, currency: string | null): string {
  if (amount === null) return 'no price';
  const code = (currency ?? '').trim().toUpperCase();
  let format = formats.get(code);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat('en-GB', { style: 'currency', currency: code });
    } catch {
      format = null; // not a currency code Intl knows
    }
    formats.set(code, format);
  }
  return format ? format.format(Number(amount)) : `${amount} ${code}`.trim();
}

/** One line saying what happened, in plain words. */
export function eventHeadline(event: AnnouncedChange): string {
  const title = stripBidiControls(event.title).slice(0, 120);
  const price = money(event.total, event.currency);
  const at = event.storeName ? ` at ${stripBidiControls(event.storeName)}` : '';
  if (event.kind === 'restock') return `${title} is back in stock${at}: ${price}`;
  if (event.kind === 'drop') {
    return `${title} dropped ${event.dropPercent}% to ${price}${at} (lowest of the last 30 days was ${money(event.referenceTotal, event.currency)})`;
  }
  return `${title} reached your price: ${price}${at}`;
}

