// What a retailer alert says: one line per kind, the email (every scraped text escaped) and the
// webhook's JSON body; and the daily digest's email.
import type { EmailPayload, WebhookPayload } from '../../../db/alerts-schema.ts';
import type { RetailerDigest } from '../../../db/queries/retailers/alert-events.ts';
import type { RetailerAlertEvent } from '../../../db/retailers-schema.ts';
import { stripBidiControls } from '../../../domain/text.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const clean = (text: string, max = 120) => stripBidiControls(text).slice(0, max);

const formats = new Map<string, Intl.NumberFormat | null>();

/** An amount in its currency for people ("€19.49"); "no price" when there is none. */
export function money(amount: string | number | null | undefined, currency: string | number | null | undefined): string {
  if (amount === null || amount === undefined) return 'no price';
  const code = String(currency ?? '').trim().toUpperCase();
  let format = formats.get(code);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat('en-GB', { style: 'currency', currency: code });
    } catch {
      format = null;
    }
    formats.set(code, format);
  }
  return format ? format.format(Number(amount)) : `${amount} ${code}`.trim();
}

const text = (value: string | number | null | undefined) => (value === null || value === undefined ? '' : String(value));
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const listingLink = (base: string, listingId: number) => `${base}/retailer/listings/${listingId}`;

/** One line saying what happened, in plain words (scraped text cleaned of direction controls, not escaped). */
export function retailerHeadline(event: Pick<RetailerAlertEvent, 'kind' | 'details'>): string {
  const d = event.details;
  const title = clean(text(d.title));
  const currency = d.currency;
  const competitor = clean(text(d.competitorStoreName ?? d.competitorStoreId) || 'A competitor', 80);
  switch (event.kind) {
    case 'undercut': {
      const percent = d.gapPercent === null || d.gapPercent === undefined ? '' : `, ${d.gapPercent} %`;
      return `${competitor} undercuts you on ${title}: ${money(d.cheapestTotal, currency)} against your ${money(d.ownTotal, currency)} (${money(d.gap, currency)} less${percent})`;
    }
    case 'raise':
      return `Room to raise ${title}: the cheapest competitor is now at ${money(d.cheapestTotal, currency)} (was ${money(d.previousCheapestTotal, currency)}), you are at ${money(d.ownTotal, currency)}`;
    case 'out_of_stock': {
      const out = Number(d.outOfStock ?? 0);
      return `${plural(out, 'competitor')} out of stock on ${title}; ${plural(Number(d.competitors ?? 0), 'competitor')} still selling, you at ${money(d.ownTotal, currency)}`;
    }
    case 'faster':
      return `A competitor now delivers ${title} in ${plural(Number(d.fastestCompetitorDays ?? 0), 'day')}; you take ${plural(Number(d.ownDeliveryDays ?? 0), 'day')}`;
  }
}

export function retailerAlertEmail(event: RetailerAlertEvent, base: string): EmailPayload {
  const headline = retailerHeadline(event);
  const link = listingLink(base, event.listingId);
  const settings = `${base}/retailer/alerts`;
  return {
    subject: headline.slice(0, 180),
    text: `${headline}\n\nSee the listing against its competitors: ${link}\n\nYour alert settings: ${settings}\n`,
    html: `<p>${escapeHtml(headline)}</p><p><a href="${escapeHtml(link)}">See the listing against its competitors</a></p><p><a href="${escapeHtml(settings)}">Your alert settings</a></p>`,
  };
}

export function retailerAlertWebhook(event: RetailerAlertEvent, base: string): WebhookPayload {
  const d = event.details;
  return {
    body: JSON.stringify({
      type: `retailer.${event.kind}`,
      id: `retailer_${event.id}`,
      kind: event.kind,
      at: event.createdAt.toISOString(),
      listing: { id: event.listingId, title: d.title ?? null, url: listingLink(base, event.listingId) },
      store: { id: event.storeId },
      competitor: { store: d.competitorStoreId ?? null, storeName: d.competitorStoreName ?? null, listing: d.competitorListingId ?? null },
      totals: {
        own: d.ownTotal ?? null,
        cheapest: d.cheapestTotal ?? null,
        previousCheapest: d.previousCheapestTotal ?? null,
        median: d.medianTotal ?? null,
        gap: d.gap ?? null,
        gapPercent: d.gapPercent ?? null,
      },
      currency: d.currency ?? null,
      competitors: { buyable: d.competitors ?? null, outOfStock: d.outOfStock ?? null },
      delivery: { ownDays: d.ownDeliveryDays ?? null, fastestCompetitorDays: d.fastestCompetitorDays ?? null },
      message: retailerHeadline(event),
    }),
  };
}

/** The daily digest: the account's stores in figures, and its 10 biggest gaps. */
export function digestEmail(digest: RetailerDigest, base: string): EmailPayload {
  const storeNames = digest.stores.map((store) => clean(store.name, 80)).join(', ');
  const figures = [
    `${plural(digest.listings, 'listing')} watched`,
    `${digest.undercut} undercut by a competitor`,
    `${digest.cheapest} cheapest`,
    `${digest.onlySeller} where you are the only seller`,
    `${plural(digest.eventsYesterday, 'alert')} yesterday`,
  ];
  const gapLine = (gap: RetailerDigest['gaps'][number]) =>
    `${clean(gap.title)}: ${money(gap.gap, gap.currency)} above ${clean(gap.cheapestStoreName ?? gap.cheapestStoreId ?? 'a competitor', 80)}` +
    `${gap.gapPercent === null ? '' : ` (${Math.round(gap.gapPercent * 10) / 10} %)`}`;
  const dashboard = `${base}/retailer`;
  const gapsText = digest.gaps.length === 0 ? 'No competitor is cheaper on any listing.' : `Biggest gaps:\n${digest.gaps.map((gap) => `- ${gapLine(gap)}\n  ${listingLink(base, gap.listingId)}`).join('\n')}`;
  const gapsHtml =
    digest.gaps.length === 0
      ? '<p>No competitor is cheaper on any listing.</p>'
      : `<p>Biggest gaps:</p><ol>${digest.gaps.map((gap) => `<li><a href="${escapeHtml(listingLink(base, gap.listingId))}">${escapeHtml(gapLine(gap))}</a></li>`).join('')}</ol>`;
  return {
    subject: `Tulna daily digest ${digest.day}: ${digest.undercut} of ${plural(digest.listings, 'listing')} undercut`.slice(0, 180),
    text: `${storeNames} on ${digest.day}\n\n${figures.map((line) => `- ${line}`).join('\n')}\n\n${gapsText}\n\nYour dashboard: ${dashboard}\nYour alert settings: ${base}/retailer/alerts\n`,
    html: `<p>${escapeHtml(storeNames)} on ${escapeHtml(digest.day)}</p><ul>${figures.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>${gapsHtml}<p><a href="${escapeHtml(dashboard)}">Your dashboard</a> · <a href="${escapeHtml(`${base}/retailer/alerts`)}">Your alert settings</a></p>`,
  };
}
