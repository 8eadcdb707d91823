// Text normalisation shared by the matcher: one spelling for the many ways stores write a title.

const INCH = /(\d+(?:\.\d+)?)\s*(?:''|"|”|″|'|-?\s?inch(?:es)?\b|-in\b(?!-)|in\.)/g;

/** A number and its unit written apart ("128 GB") are joined, as most stores write them ("128gb"). */
const UNIT_AFTER_SPACE = /(\d)[\s-](gb|tb|mb|mah|mp|megapixels?|w|watts?|v|volts?|hz|khz|mhz|ghz|mm|cm|in|oz|lbs?|ml|kg|ft|pack|pk|ct|count|mbps|gbps|rpm|db)\b(?!-)/g;

/** Mixed fractions as decimals: "22-1/2" and "22 1/2" → "22.5" (stores write sizes both ways). */
const MIXED_FRACTION = /(?<![\d./])(\d{1,3})[- ](\d{1,2})\/(2|4|8|16|32)(?![\d/])/g;

/** Simple fractions as decimals: "1/4" → "0.25". Read as whole numbers they make false size conflicts. */
const SIMPLE_FRACTION = /(?<![\d./])(\d{1,2})\/(2|4|8|16|32)(?![\d/])/g;

/**
 * An inch fraction whose slash a store dropped: "1 4in" is a quarter inch. Only a reduced fraction
 * (odd numerator below a power-of-two denominator) reads so; "3 6in" stays two numbers.
 */
const SLASHLESS_INCH_FRACTION = /(?<![\d.])(\d{1,2}) (2|4|8|16|32)in\b/g;

const fraction = (num: string, den: string) => String(Number(num) / Number(den));

/** Lowercase ASCII-folded text with inch marks spelt as a unit ("52'" → "52in"). */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(MIXED_FRACTION, (m, whole: string, num: string, den: string) =>
      Number(den) > Number(num) ? String(Math.round((Number(whole) + Number(num) / Number(den)) * 100) / 100) : m,
    )
    .replace(SIMPLE_FRACTION, (m, num: string, den: string) => (Number(num) < Number(den) ? fraction(num, den) : m))
    .replace(INCH, '$1in ')
    .replace(SLASHLESS_INCH_FRACTION, (m, num: string, den: string) =>
      Number(num) % 2 === 1 && Number(num) < Number(den) ? `${fraction(num, den)}in` : m,
    )
    .replace(UNIT_AFTER_SPACE, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words of a normalised text: runs of letters and digits; a number glued to its unit stays one token. */
export function wordTokens(normalised: string): string[] {
  const out: string[] = [];
  // Decimal numbers keep their point ("2.5in"); everything else splits on non-alphanumerics.
  for (const raw of normalised.split(/[^a-z0-9.]+/)) {
    for (const part of raw.split(/\.(?!\d)|(?<!\d)\./)) {
      if (part) out.push(part);
    }
  }
  return out;
}

/** Words too common in product titles to carry meaning on their own. */
export const STOP_WORDS = new Set([
  'a', 'an', 'and', 'the', 'of', 'with', 'for', 'in', 'on', 'to', 'by', 'from', 'or', 'at', 'as',
  'new', 'w', 'x', 'plus', 'inc', 'edition', 'model', 'series', 'version', 'item', 'only', 'free',
]);

const BRAND_NOISE = new Set([
  'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'ltd', 'limited', 'llc', 'gmbh', 'plc',
  'electronics', 'electronic', 'technologies', 'technology', 'tech', 'international', 'intl', 'usa',
  'america', 'americas', 'com', 'the', 'group', 'industries', 'products', 'digital', 'consumer', 'systems',
]);

/** A brand's comparable form: "StarTech.com" → "startech", "LG Electronics" → "lg", "Wacom Tech Corp." → "wacom". */
export function normaliseBrand(brand: string | null | undefined): string | null {
  if (!brand) return null;
  const words = normaliseText(brand)
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !BRAND_NOISE.has(w));
  const joined = words.join('');
  return joined.length > 0 ? joined : null;
}
