// What a shop's page says about the shop itself: its name, the currency of its prices and its
// country, from machine-readable places only (meta tags, JSON-LD, <html lang>). Pure.
import { readJsonLdBlocks } from '../extract/jsonld.ts';
import { readMetaTags } from '../extract/opengraph.ts';
import { decodeEntities, squash } from '../extract/html-scan.ts';
import { isIsoCurrency } from '../normalise/currency.ts';

export interface PageFacts {
  name?: string;
  currency?: string;
  country?: string;
}

const MAX_NAME = 80;

/** Region of a language tag ("en-IN", "en_IN" → "IN"); none for a bare language ("en"). */
export function regionOf(tag: string | undefined): string | undefined {
  const region = /^[a-z]{2,3}[-_]([a-z]{2})\b/i.exec(tag?.trim() ?? '')?.[1];
  // "UK" is no ISO 3166 code; shops mean GB.
  return region ? (region.toUpperCase() === 'UK' ? 'GB' : region.toUpperCase()) : undefined;
}

function currencyCode(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const code = value.trim().toUpperCase();
  return isIsoCurrency(code) ? code : undefined;
}

/** The first priceCurrency anywhere in the page's JSON-LD (Offer, AggregateOffer, PriceSpecification…). */
function jsonLdCurrency(html: string): string | undefined {
  const stack: unknown[] = [...readJsonLdBlocks(html).roots];
  let visited = 0;
  while (stack.length > 0 && visited < 5_000) {
    const node = stack.pop();
    visited += 1;
    if (Array.isArray(node)) stack.push(...node);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      const code = currencyCode(record.priceCurrency);
      if (code) return code;
      stack.push(...Object.values(record).filter((v) => v && typeof v === 'object'));
    }
  }
  return undefined;
}

function microdataCurrency(html: string): string | undefined {
  const match = /<meta\b[^>]*\bitemprop=["']?priceCurrency["']?[^>]*\bcontent=["']?([A-Za-z]{3})\b/i.exec(html) ??
    /<meta\b[^>]*\bcontent=["']?([A-Za-z]{3})["']?[^>]*\bitemprop=["']?priceCurrency\b/i.exec(html);
  return currencyCode(match?.[1]);
}

/** Letters and digits only, lower-cased: "Bazaar-Kart.in" → "bazaarkartin". */
const squashed = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * The shop's name from the home page title: of its parts ("BazaarKart | Big savings", "Acme: tools for
 * less"), the one the host names, else the shortest (a name is shorter than a tagline). A bare
 * "Home" or "Home Page" names nothing.
 */
function nameFromTitle(html: string, host: string): string | undefined {
  const raw = /<title\b[^>]*>([\s\S]{0,500}?)<\/title>/i.exec(html)?.[1];
  if (!raw) return undefined;
  const title = squash(decodeEntities(raw));
  const parts = title.split(/\s+[|–—-]\s+|:\s+/).map((p) => p.trim()).filter((p) => p && !/^home(?: ?page)?$/i.test(p));
  if (parts.length === 0) return undefined;
  const label = squashed(host.replace(/^www\./, '').split('.')[0] ?? '');
  const named = label.length >= 3 ? parts.find((p) => squashed(p).length >= 3 && (squashed(p).includes(label) || label.includes(squashed(p)))) : undefined;
  return named ?? parts.reduce((a, b) => (b.length < a.length ? b : a));
}

/** `pageUrl` is the page's address (its host may name the shop). */
export function pageFacts(html: string, pageUrl: string): PageFacts {
  const metas = readMetaTags(html);
  const lang = /<html\b[^>]*\blang=["']?([A-Za-z_-]{2,12})/i.exec(html)?.[1];
  const name = squash(metas.get('og:site_name') ?? '') || nameFromTitle(html, new URL(pageUrl).hostname);
  const currency =
    jsonLdCurrency(html) ??
    microdataCurrency(html) ??
    currencyCode(metas.get('product:price:currency') ?? metas.get('og:price:currency'));
  const country = regionOf(lang) ?? regionOf(metas.get('og:locale'));
  return {
    ...(name ? { name: name.slice(0, MAX_NAME) } : {}),
    ...(currency ? { currency } : {}),
    ...(country ? { country } : {}),
  };
}
