// HTML left in price text ("€&nbsp;12,99", "$19<sup>99</sup>", "<del>$20</del> <ins>$15</ins>") → plain text.
// Scraped fields and feeds often carry markup or escaped entities; the price parser reads the text a shopper
// would see. Every pattern here is bounded, so hostile input costs linear time.

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: '\u00a0',
  thinsp: '\u2009',
  ensp: ' ',
  emsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  rsquo: '\u2019',
  lsquo: '\u2018',
  ndash: '\u2013',
  mdash: '\u2014',
  minus: '\u2212',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  curren: '¤',
  dollar: '$',
  inr: '₹',
};

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));?/g;

function decodeEntity(whole: string, dec?: string, hex?: string, name?: string): string {
  const code = dec !== undefined ? Number(dec) : hex !== undefined ? parseInt(hex, 16) : null;
  if (code !== null) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  return NAMED_ENTITIES[(name ?? '').toLowerCase()] ?? whole;
}

// Superscript cents after the units: "19<sup>99</sup>", "1.299<sup>99</sup>", "19<sup>.99</sup>".
const SUPERSCRIPT_CENTS = /(\d)\s{0,3}<sup\b[^<>]{0,200}>\s{0,3}[.,]?(\d{2})\s{0,3}<\/sup>/gi;
// Struck-out prices are the old ones: "<del>$20.00</del> <ins>$15.00</ins>" (WooCommerce), "<s>", "<strike>".
const STRUCK = /<(del|s|strike)\b[^<>]{0,200}>[^<]{0,200}(?:<(?!\/?\1\b)[^<>]{0,200}>[^<]{0,200}){0,8}<\/\1\s{0,3}>/gi;
// Inline tags join their text ("<span>€</span><span>12,99</span>"); any other tag separates words.
const INLINE_TAG = /<\/?(?:span|b|strong|em|i|small|big|sup|sub|bdi|bdo|ins|font|a|abbr|data|mark|u)\b[^<>]{0,500}>/gi;
const OTHER_TAG = /<\/?[a-zA-Z][^<>]{0,500}>/g;

/**
 * Plain text of a price with markup: entities decoded, superscript cents joined with `decimalMark` (the
 * source's known decimal separator, else "."), struck-out prices dropped when something else is left, tags
 * removed. Text without "<" or "&" is returned unchanged.
 */
export function stripPriceMarkup(text: string, decimalMark: string | null): string {
  if (!text.includes('<') && !text.includes('&')) return text;
  let out = text;
  if (out.includes('<')) {
    const mark = decimalMark === ',' ? ',' : '.';
    out = out.replace(SUPERSCRIPT_CENTS, (_, unit: string, cents: string) => `${unit}${mark}${cents}`);
    const unstruck = out.replace(STRUCK, ' ');
    if (/\d/.test(unstruck.replace(OTHER_TAG, ''))) out = unstruck;
    out = out.replace(INLINE_TAG, '').replace(OTHER_TAG, ' ');
  }
  if (!out.includes('&')) return out;
  // Twice for text escaped twice ("&amp;nbsp;"), a common leftover of feeds and CMS fields.
  const once = out.replace(ENTITY, decodeEntity);
  return once.includes('&') && out.includes('&amp;') ? once.replace(ENTITY, decodeEntity) : once;
}
