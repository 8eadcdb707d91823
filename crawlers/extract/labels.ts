// Identifiers and brand from labelled page text: "Brand: Tefal", "Item no. 4471", "Art.-Nr.: 123-45",
// "〈商品編號：M14876706〉", a spec table row "Manufacturer | Bosch". The first label whose value looks right
// wins: a label followed by a sentence ("Model: see below") is passed over for the next one.
import { normaliseGtin } from '../normalise/identifiers.ts';
import { cleanText, type Reading } from './reading.ts';

/** A label starts a line (after an opening bracket at most) and ends it, or is followed by a colon. */
const LABEL_START = '(?:^|\\n)[ \\t]*[〈(\\[【（「]?[ \\t]*';
const LABEL_VALUE = '[ \\t]*(?:[:：#][ \\t]*\\n?|\\n)[ \\t]*([^\\n]{1,80})';

function labelPattern(labels: string): RegExp {
  return new RegExp(`${LABEL_START}(?:${labels})${LABEL_VALUE}`, 'giu');
}

const BRAND_LABEL = labelPattern(
  'brand|brand name|marke|marque|marca|merk|značka|znacka|marka|品牌|manufacturer|hersteller|fabricant|fabricante|produttore|' +
    'výrobca|výrobce|producent|gyártó|tillverkare|valmistaja|kaubamärk|zīmols|prekės ženklas|бренд|производитель|ブランド|メーカー',
);
const BRAND_BYLINE = /(?:^|\n)\s*(?:visit the|besuche den|visitez la boutique|brand:)\s+([^\n]{1,60}?)\s+(?:store|shop|boutique)?\s*(?:\n|$)/gi;
const SKU_LABEL = labelPattern(
  'sku|asin|item (?:no\\.?|number|code|#)|product (?:code|number|id|no\\.?)|article (?:no\\.?|number)|artikelnummer|artikel-nr\\.?|art\\.?-?nr\\.?|' +
    'référence|reference|ref\\.|réf\\.|código|codice|kód produktu|katalógové číslo|numer katalogowy|商品編號|商品编号|品號|商品番号|артикул',
);
const MPN_LABEL = labelPattern('model(?: number| no\\.?)?|item model number|mpn|part number|modellnummer|herstellernummer|référence fabricant|型號|型号|型番');
const GTIN_LABEL = labelPattern('ean(?:-13)?|gtin|upc|isbn(?:-1[03])?|barcode|ean code|ean kód');

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
    const value = clean(match[1]);
    if (value && accept(value)) return value;
    // The value line may itself hold the next label: continue from the end of the label, not of the value.
    pattern.lastIndex = match.index + match[0].length - match[1].length;
  }
  return undefined;
}

const CODE = /^[\w./-]{2,40}$/u;
const MODEL = /^[\w./ -]{2,40}$/u;
/** A brand is a name, not a sentence, a number or another label. */
const isBrand = (value: string) => value.length <= 60 && /\p{L}/u.test(value) && value.split(/\s+/).length <= 5 && !/[:：]$/.test(value);
const isCode = (value: string) => CODE.test(value) && /\d/.test(value);

/** Brand, sku, mpn and gtin read from the page's labelled text (visible text, one block per line). */
export function readLabelled(lines: string): Pick<Reading, 'brand' | 'sku' | 'mpn' | 'gtin'> {
  const out: Pick<Reading, 'brand' | 'sku' | 'mpn' | 'gtin'> = {};
  const brand = firstLabelled(lines, BRAND_LABEL, isBrand) ?? firstLabelled(lines, BRAND_BYLINE, isBrand);
  if (brand) out.brand = cleanText(brand, 100);
  const sku = firstLabelled(lines, SKU_LABEL, isCode);
  if (sku) out.sku = sku;
  const mpn = firstLabelled(lines, MPN_LABEL, (value) => MODEL.test(value));
  if (mpn) out.mpn = mpn;
  const gtin = firstLabelled(lines, GTIN_LABEL, (value) => normaliseGtin(value.split(/[\s,;]/)[0]) !== null);
  if (gtin) out.gtin = normaliseGtin(gtin.split(/[\s,;]/)[0]) ?? undefined;
  return out;
}
