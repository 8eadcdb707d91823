// The words stores put around a brand ("Brand: Tefal", "by Sony", "Visit the Anker Store") and the
// one rule that takes them off, shared by every extractor that reads a brand. Pure.

/** Labels that name the brand field, in the languages of the stores we read (lower case). */
export const BRAND_LABELS: readonly string[] = [
  'brand', 'brand name', 'marke', 'marque', 'marca', 'merk', 'značka', 'znacka', 'marka', '品牌',
  'manufacturer', 'hersteller', 'fabricant', 'fabricante', 'produttore', 'výrobca', 'výrobce', 'producent',
  'gyártó', 'tillverkare', 'valmistaja', 'kaubamärk', 'zīmols', 'prekės ženklas', 'бренд', 'производитель',
  'ブランド', 'メーカー',
];

/** Words before a brand in a byline: "by Sony"; "Visit the Anker Store" (with a shop word after it). */
export const BRAND_BY: readonly string[] = ['by', 'von', 'par'];
export const BRAND_SHOP_INTRO: readonly string[] = ['visit the', 'besuche den', 'visitez la boutique'];
export const BRAND_SHOP_WORDS: readonly string[] = ['store', 'shop', 'boutique'];

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The labels as a regular-expression alternation, longest first so "brand name" wins over "brand". */
export const BRAND_LABEL_PATTERN = [...BRAND_LABELS].sort((a, b) => b.length - a.length).map(escape).join('|');
export const BRAND_BY_PATTERN = BRAND_BY.map(escape).join('|');
export const BRAND_SHOP_INTRO_PATTERN = BRAND_SHOP_INTRO.map(escape).join('|');
export const BRAND_SHOP_WORDS_PATTERN = BRAND_SHOP_WORDS.map(escape).join('|');

/** "… Brand: X" anywhere (the label ends at a colon), "See more from Brand: Panasonic" included. */
const LABELLED = new RegExp(`(?:^|[^\\p{L}])(?:${BRAND_LABEL_PATTERN})\\s*[:：]\\s*(.+)$`, 'iu');
const BYLINE_START = new RegExp(`^(?:${BRAND_BY_PATTERN}|${BRAND_SHOP_INTRO_PATTERN})\\s+`, 'i');
const BYLINE_END = new RegExp(`\\s+(?:${BRAND_SHOP_WORDS_PATTERN})$`, 'i');
/** A link or a bare type name is not a brand ("https://shop.example/brands/bosch", "Brand", "n/a"). */
const NOT_A_NAME = new RegExp(`^(?:(?:https?:)?\\/\\/.*|organization|thing|null|undefined|none|n\\/?a|-|${BRAND_LABEL_PATTERN})$`, 'iu');

/**
 * The brand without the label or byline around it: "Brand: Tefal" → "Tefal", "by Sony" → "Sony",
 * "Visit the Anker Store" → "Anker". Text with none of them is returned trimmed, as it is.
 */
export function stripBrandLabel(text: string): string {
  const trimmed = text.trim();
  const labelled = LABELLED.exec(trimmed);
  const start = labelled ? undefined : BYLINE_START.exec(trimmed);
  const name = labelled ? labelled[1].trim() : start ? trimmed.slice(start[0].length) : trimmed;
  // "Anker Store": the shop word goes, unless it is all there is.
  return /\s/.test(name.trim()) ? name.replace(BYLINE_END, '').trim() : name.trim();
}

/** A marked-up brand value names something: not a link, a type name or a label alone. */
export function isBrandValue(value: string): boolean {
  return value.trim().length > 0 && !NOT_A_NAME.test(value.trim());
}

/** A brand read from page text is a name, not a sentence, a number or another label. */
export function isBrandInText(value: string): boolean {
  return isBrandValue(value) && value.length <= 60 && /\p{L}/u.test(value) && value.split(/\s+/).length <= 5 && !/[:：]$/.test(value);
}
