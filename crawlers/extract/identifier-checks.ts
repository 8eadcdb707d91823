// Checks of the brand and product codes after the sources are merged: a code the page shows beats a markup
// code it never shows, labels below the scanned window fill what the markup left open, and a barcode used as
// the item code is the GTIN.
import { normaliseGtin } from '../normalise/identifiers.ts';
import { readLabelled } from './labels.ts';
import type { Merged } from './merge.ts';
import type { PageScan } from './page-scan.ts';
import { visibleLines } from './page-text.ts';
import type { PartialListing } from './partial-listing.ts';

/** True when `word` stands on its own in `text`: not inside a longer code or a URL ("…/238368885alt2"). */
function showsWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const before = at > 0 ? text[at - 1] : ' ';
    const after = text[at + word.length] ?? ' ';
    if (!/[\p{L}\p{N}/_-]/u.test(before) && !/[\p{L}\p{N}/_-]/u.test(after)) return true;
  }
  return false;
}

/**
 * A product code the page shows under a label ("Product code: 83810610", "Item no. 4471") is the one shoppers
 * and other sites use; a markup sku the page never shows is often an internal id. The shown code wins then.
 */
export function visibleCodeShown(merged: Merged, generic: PartialListing, scan: PageScan, warnings: string[]): void {
  const marked = merged.reading.sku;
  const shown = generic.sku;
  if (!marked || !shown || merged.sources.sku === 'generic' || merged.sources.sku === 'selectors') return;
  if (marked.toLowerCase() === shown.toLowerCase() || showsWord(scan.lines, marked)) return;
  warnings.push(`markup sku ${marked} is not shown on the page, which labels its code ${shown}: using the shown code`);
  merged.reading.sku = shown;
  merged.sources.sku = 'generic';
}

const LABELLED_FIELDS = ['brand', 'sku', 'mpn', 'gtin'] as const;

/**
 * Brand and codes that neither the markup nor the scanned window gave, read from the labels further down
 * the page: spec tables and "More information" tabs often sit below the part around the title.
 */
export function labelsBelow(merged: Merged, html: string, from: number): void {
  if (from >= html.length || LABELLED_FIELDS.every((field) => merged.reading[field])) return;
  const found = readLabelled(visibleLines(html.slice(from)));
  for (const field of LABELLED_FIELDS) {
    if (merged.reading[field] || !found[field]) continue;
    merged.reading[field] = found[field];
    merged.sources[field] = 'generic';
  }
}

/**
 * A sku (or mpn) that is a valid EAN-13/UPC-12/GTIN-14 is the product's GTIN when nothing else gives one:
 * many shops use the barcode as their item code. Shorter codes are left alone (a 7- or 8-digit internal
 * number passes the GTIN-8 check digit one time in ten).
 */
export function gtinFromCode(merged: Merged): void {
  if (merged.reading.gtin) return;
  for (const field of ['sku', 'mpn'] as const) {
    const code = merged.reading[field]?.trim();
    if (!code || !/^\d{12,14}$/.test(code)) continue;
    const gtin = normaliseGtin(code);
    if (!gtin) continue;
    merged.reading.gtin = gtin;
    merged.sources.gtin = merged.sources[field];
    return;
  }
}
