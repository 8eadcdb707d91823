// Identifiers and brand from labelled page text: "Brand: Tefal", "Item no. 4471", "Art.-Nr.: 123-45",
// "〈商品編號：M14876706〉", a spec table row "Manufacturer | Bosch", a spec list "Product Code - 39139301", a
// line "SKU MKI6IKW1N4". The first label whose value looks right wins: a label followed by a sentence
// ("Model: see below") is passed over for the next one.
import { BRAND_BY_PATTERN, BRAND_LABEL_PATTERN, BRAND_SHOP_INTRO_PATTERN, BRAND_SHOP_WORDS_PATTERN, isBrandInText } from '../../domain/brand-label.ts';
import { normaliseGtin } from '../normalise/identifiers.ts';
import { cleanText, type PartialListing } from './partial-listing.ts';

/** A label starts a line (after an opening bracket at most) and ends it, or is followed by a colon. */
const LABEL_START = '(?:^|\\n)[ \\t]*[〈(\\[【（「]?[ \\t]*';
/** After the label: a colon, a hash, a dash between spaces ("Product Code - 123"), or a line break. */
const LABEL_VALUE = '[ \\t]*(?:[:：#][ \\t]*\\n?|[ \\t][-–—|][ \\t]+|\\n)[ \\t]*([^\\n]{1,80})';
/**
 * Or only spaces, when one code-like word (with a digit) is all the rest of the line ("SKU MKI6IKW1N4"). The
 * digit is checked by a lookahead: "[\w./-]*\d[\w./-]*" backtracks quadratically on a long run of digits.
 */
const LABEL_CODE = '[ \\t]+((?=[\\w./-]*\\d)[\\w./-]+)[ \\t]*(?=\\n|$)';

function labelPattern(labels: string): RegExp {
  return new RegExp(`${LABEL_START}(?:${labels})(?:${LABEL_VALUE}|${LABEL_CODE})`, 'giu');
}

const BRAND_LABEL = labelPattern(BRAND_LABEL_PATTERN);
const BRAND_BYLINE = new RegExp(
  `(?:^|\\n)\\s*(?:${BRAND_SHOP_INTRO_PATTERN}|brand:)\\s+([^\\n]{1,60}?)\\s+(?:${BRAND_SHOP_WORDS_PATTERN})?\\s*(?:\\n|$)`,
  'gi',
);
/** A line that is only "by Brand" (under the title of many shops); the name's words are capitalised. */
const BY_LINE = new RegExp(
  `(?:^|\\n)[ \\t]*(?:${BRAND_BY_PATTERN})[ \\t]+([\\p{Lu}\\d][\\p{L}\\d&'’.-]*(?:[ \\t][\\p{Lu}\\d][\\p{L}\\d&'’.-]*){0,3})[ \\t]*(?=\\n|$)`,
  'gu',
);
// "eBay item number", "Walmart item #": one word may stand before "item" (the store's name).
const SKU_LABEL = labelPattern(
  'sku|asin|(?:[\\p{L}]{2,15} )?item (?:no\\.?|number|code|#|id)|item#|product (?:code|number|id|no\\.?|#)|article (?:no\\.?|number)|' +
    'style (?:no\\.?|number|#)|catalog(?:ue)? (?:no\\.?|number)|cat\\.? no\\.?|artikelnummer|artikel-nr\\.?|art\\.?-?nr\\.?|bestellnummer|' +
    'référence|reference|ref\\.|réf\\.|code produit|código(?: del? produto| del producto)?|id (?:do )?produto|codice(?: prodotto| articolo)?|' +
    'cod\\. produs|kód produktu|katalógové číslo|numer katalogowy|kod produktu|varenummer|artikelnr\\.?|tuotenumero|ürün kodu|' +
    '商品編號|商品编号|品號|商品番号|артикул|код товара',
);
const MPN_LABEL = labelPattern(
  'model(?: number| no\\.?| #)?|item model number|mpn|(?:manufacturer |mfr\\.? |mfg\\.? )?part (?:number|no\\.?|#)|p/n|' +
    'manufacturer (?:code|number|sku)|modellnummer|herstellernummer|herstellerartikelnummer|référence fabricant|型號|型号|型番',
);
const GTIN_LABEL = labelPattern(
  'ean(?:-?13|-?8)?|gtin(?:-?1[234]|-?8)?|upc|ean/upc|isbn(?:-?1[03])?|barcode|bar code|ean code|ean-code|ean kód|ean-nummer|' +
    'código de barras|code-barres|code barre|codice a barre|strichcode|kod kreskowy|штрихкод|條碼|条码|jan(?:コード)?',
);

/**
 * Where the next label starts on the same line: inline labels run together when their elements are not
 * blocks (WooCommerce's "SKU: WOO-1 Category: Mugs", "Brand: Bosch Model: GSR 12V"). Each gets a line.
 */
const INLINE_LABEL = /(?<=[^\s:：]) +(?=[\p{L}][\p{L}.]*(?: [\p{L}.]+){0,2} ?[:：] ?\S)/gu;
/** A line with two colons or more: the only lines that can hold a second label. */
const TWO_LABEL_LINE = /^[^\n:：]*[:：][^\n:：]*[:：][^\n]*$/gm;

/** Breaks the line before each label that follows the first label's value. */
function splitInlineLabels(line: string): string {
  const first = line.search(/[:：]/) + 1;
  return line.slice(0, first) + line.slice(first).replace(INLINE_LABEL, '\n');
}

/** Label values look like this: brackets and marks around them are not part of the value. */
function clean(raw: string): string {
  return raw.replace(/^[\s:：#|]+/, '').replace(/[\s\u200e\u200f〉)\]】）」]+$/, '').trim();
}

/** The first value of `pattern` in `lines` that `accept` takes. */
function firstLabelled(lines: string, pattern: RegExp, accept: (value: string) => boolean): string | undefined {
  pattern.lastIndex = 0;
  let match: RegExpExecArray | null;
  let tries = 0;
  while ((match = pattern.exec(lines)) !== null && tries < 20) {
    tries += 1;
    const raw = match[1] ?? match[2] ?? '';
    const value = clean(raw);
    if (value && accept(value)) return value;
    // The value line may itself hold the next label: continue from the end of the label, not of the value.
    pattern.lastIndex = Math.max(match.index + 1, match.index + match[0].length - raw.length);
  }
  return undefined;
}

const CODE = /^[\w./-]{2,40}$/u;
const MODEL = /^[\w./ -]{2,40}$/u;
const isCode = (value: string) => CODE.test(value) && /\d/.test(value);

/** A GTIN written with spaces ("4 006381 333931") or followed by more codes ("4006381333931, 4006381333948"). */
const labelledGtin = (value: string) => normaliseGtin(value) ?? normaliseGtin(value.split(/[\s,;/]/)[0]);

/** Brand, sku, mpn and gtin read from the page's labelled text (visible text, one block per line). */
export function readLabelled(lines: string): Pick<PartialListing, 'brand' | 'sku' | 'mpn' | 'gtin'> {
  const out: Pick<PartialListing, 'brand' | 'sku' | 'mpn' | 'gtin'> = {};
  lines = lines.replace(TWO_LABEL_LINE, splitInlineLabels);
  const brand = firstLabelled(lines, BRAND_LABEL, isBrandInText) ?? firstLabelled(lines, BRAND_BYLINE, isBrandInText) ?? firstLabelled(lines, BY_LINE, isBrandInText);
  if (brand) out.brand = cleanText(brand, 100);
  const sku = firstLabelled(lines, SKU_LABEL, isCode);
  if (sku) out.sku = sku;
  const mpn = firstLabelled(lines, MPN_LABEL, (value) => MODEL.test(value));
  if (mpn) out.mpn = mpn;
  const gtin = firstLabelled(lines, GTIN_LABEL, (value) => labelledGtin(value) !== null);
  if (gtin) out.gtin = labelledGtin(gtin) ?? undefined;
  return out;
}
