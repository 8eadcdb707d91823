// The canonical product's fields, chosen from its listings: the commonest brand and model, a clean
// title from the most complete listing, every valid GTIN, an image from a listing that has one.
import { normaliseGtin } from '../normalise/identifiers.ts';
import { compactCode } from './model-codes.ts';
import { normaliseBrand } from './text.ts';

/** What the chooser needs to know of a listing. */
export interface CanonicalSource {
  title: string;
  brand?: string | null;
  mpn?: string | null;
  gtin?: string | null;
  image?: string | null;
  category?: string | null;
}

export interface CanonicalFields {
  title: string;
  brand: string | null;
  model: string | null;
  gtins: string[];
  category: string | null;
  image: string | null;
}

/** The most common value by a comparison key, written as its most common spelling. Ties: first seen. */
function commonest(values: ReadonlyArray<string | null | undefined>, keyOf: (v: string) => string | null): string | null {
  const byKey = new Map<string, { count: number; spellings: Map<string, number>; first: number }>();
  values.forEach((value, index) => {
    const v = value?.trim();
    if (!v) return;
    const key = keyOf(v);
    if (!key) return;
    let entry = byKey.get(key);
    if (!entry) byKey.set(key, (entry = { count: 0, spellings: new Map(), first: index }));
    entry.count += 1;
    entry.spellings.set(v, (entry.spellings.get(v) ?? 0) + 1);
  });
  let best: { count: number; spellings: Map<string, number>; first: number } | undefined;
  for (const entry of byKey.values()) {
    if (!best || entry.count > best.count || (entry.count === best.count && entry.first < best.first)) best = entry;
  }
  if (!best) return null;
  let spelling = '';
  let n = -1;
  for (const [s, c] of best.spellings) if (c > n) [spelling, n] = [s, c];
  return spelling;
}

/** How presentable a title is: not shouting, no store noise, a readable length. Higher is better. */
function titleQuality(title: string): number {
  const letters = title.replace(/[^A-Za-z]/g, '');
  const upper = letters.replace(/[^A-Z]/g, '').length;
  let score = 0;
  if (letters.length > 0 && upper / letters.length > 0.6) score -= 2;
  if (/^new[-\s]/i.test(title) || /\b(?:refurbished|used)\b/i.test(title)) score -= 1;
  if (title.length < 12) score -= 2;
  if (title.length > 120) score -= 1;
  if (title.length > 200) score -= 1;
  return score;
}

/** Number of identifying fields a listing carries. */
function completeness(l: CanonicalSource): number {
  return [l.brand, l.mpn, l.gtin, l.image, l.category].filter((v) => v && v.trim()).length;
}

/** Chooses a product's canonical fields from its listings. Throws when given none. */
export function chooseCanonicalFields(sources: readonly CanonicalSource[]): CanonicalFields {
  if (sources.length === 0) throw new TypeError('Expected at least one listing to choose canonical product fields from, got none');
  const ranked = [...sources].sort(
    (a, b) =>
      titleQuality(b.title) - titleQuality(a.title) ||
      completeness(b) - completeness(a) ||
      a.title.length - b.title.length,
  );
  const gtins = new Set<string>();
  for (const s of sources) {
    const g = normaliseGtin(s.gtin);
    if (g) gtins.add(g);
  }
  const byCompleteness = [...sources].sort((a, b) => completeness(b) - completeness(a));
  return {
    title: ranked[0].title.trim(),
    brand: commonest(
      sources.map((s) => s.brand),
      (v) => normaliseBrand(v),
    ),
    model: commonest(
      sources.map((s) => s.mpn),
      (v) => compactCode(v) || null,
    ),
    gtins: [...gtins].sort(),
    category: commonest(
      sources.map((s) => s.category),
      (v) => v.toLowerCase(),
    ),
    image: byCompleteness.find((s) => s.image && s.image.trim())?.image?.trim() ?? null,
  };
}
