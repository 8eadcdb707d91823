// The canonical product's fields, chosen from its listings: the commonest brand and model, a title
// that names brand and model in full, every valid GTIN, an image from a listing that has one.
import { normaliseGtin } from '../normalise/identifiers.ts';
import { compactCode } from './model-codes.ts';
import { normaliseBrand, normaliseText, STOP_WORDS, wordTokens } from './text.ts';

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

/** Distinct meaningful words of a title (lowercased, units joined: "128 GB" → "128gb"). */
function titleTokens(title: string): Set<string> {
  return new Set(wordTokens(normaliseText(title)).filter((t) => !STOP_WORDS.has(t)));
}

/** Whether a title names the brand: one word, or up to three in a row, spell its comparable form. */
export function namesBrand(title: string, brandKey: string): boolean {
  const words = normaliseText(title).split(/[^a-z0-9]+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    let joined = '';
    for (let j = i; j < Math.min(words.length, i + 3); j++) {
      joined += words[j];
      if (joined === brandKey) return true;
      if (joined.length >= brandKey.length) break;
    }
  }
  return false;
}

/** What the listings of a cluster agree on, against which each candidate title is scored. */
interface TitleEvidence {
  /** The cluster's brand, comparable form; null when no listing says. */
  brandKey: string | null;
  /** Words in most titles (the model name and its main attributes: "xiaomi", "14", "512gb"). */
  sharedWords: Set<string>;
  /** The listings' model codes, compacted ("wh1000xm5"). */
  codes: Set<string>;
}

function titleEvidence(sources: readonly CanonicalSource[], brand: string | null): TitleEvidence {
  const counts = new Map<string, number>();
  for (const s of sources) for (const t of titleTokens(s.title)) counts.set(t, (counts.get(t) ?? 0) + 1);
  // "Most": more than half, or every title when there are only one or two.
  const needed = sources.length <= 2 ? sources.length : Math.floor(sources.length / 2) + 1;
  const sharedWords = new Set([...counts].filter(([, n]) => n >= needed).map(([t]) => t));
  const codes = new Set(sources.map((s) => (s.mpn ? compactCode(s.mpn) : '')).filter((c) => c.length >= 3));
  return { brandKey: normaliseBrand(brand), sharedWords, codes };
}

/**
 * How well a title names the product: the brand (3), the words most listings share (up to 4, by
 * the share covered), a model code of the listings (1), on top of titleQuality. A fragment ("14
 * 12/512GB Green") lacks the brand and part of the shared words, so a full title outranks it.
 */
function titleScore(title: string, evidence: TitleEvidence): number {
  let score = titleQuality(title);
  if (evidence.brandKey && namesBrand(title, evidence.brandKey)) score += 3;
  if (evidence.sharedWords.size > 0) {
    const words = titleTokens(title);
    let covered = 0;
    for (const w of evidence.sharedWords) if (words.has(w)) covered += 1;
    score += (4 * covered) / evidence.sharedWords.size;
  }
  if (evidence.codes.size > 0) {
    const compact = compactCode(title);
    if ([...evidence.codes].some((c) => compact.includes(c))) score += 1;
  }
  return score;
}

/** Number of identifying fields a listing carries. */
function completeness(l: CanonicalSource): number {
  return [l.brand, l.mpn, l.gtin, l.image, l.category].filter((v) => v && v.trim()).length;
}

/** Chooses a product's canonical fields from its listings. Throws when given none. */
export function chooseCanonicalFields(sources: readonly CanonicalSource[]): CanonicalFields {
  if (sources.length === 0) throw new TypeError('Expected at least one listing to choose canonical product fields from, got none');
  const brand = commonest(
    sources.map((s) => s.brand),
    (v) => normaliseBrand(v),
  );
  const evidence = titleEvidence(sources, brand);
  const scores = new Map(sources.map((s) => [s, titleScore(s.title, evidence)]));
  const ranked = [...sources].sort(
    (a, b) => scores.get(b)! - scores.get(a)! || completeness(b) - completeness(a) || a.title.length - b.title.length,
  );
  let title = ranked[0].title.trim();
  // No store's title names the brand: the shown title must, so it goes in front.
  if (brand && evidence.brandKey && !namesBrand(title, evidence.brandKey)) title = `${brand.trim()} ${title}`;
  const gtins = new Set<string>();
  for (const s of sources) {
    const g = normaliseGtin(s.gtin);
    if (g) gtins.add(g);
  }
  const byCompleteness = [...sources].sort((a, b) => completeness(b) - completeness(a));
  return {
    title,
    brand,
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
