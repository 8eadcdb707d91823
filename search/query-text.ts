// Turns whatever the shopper typed into a small, safe set of search words. Shared by both engines.

/** Longest query text considered; the rest of a pasted novel is ignored. */
export const MAX_QUERY_CHARS = 200;
/** Most words considered: a phone query is a few words, and every word costs an index probe. */
export const MAX_QUERY_WORDS = 8;
/** Longest single word kept (a trigram probe on a 10,000-letter "word" is wasted work). */
export const MAX_WORD_CHARS = 40;

export interface ParsedQueryText {
  /** Lowercased words in typed order, letters and digits only, deduplicated. */
  words: string[];
  /** The words joined with single spaces: what relevance is measured against. */
  text: string;
  /** True when the last word may still be being typed (no trailing space): match it as a prefix. */
  lastWordIsPrefix: boolean;
  /** True when something was typed but no letter or digit survived (only emoji or symbols): match nothing. */
  unmatchable: boolean;
  /** GTIN-like digit runs of the query (8, 12, 13 or 14 digits), zero-padded to 14 as stored. */
  gtins: string[];
}

const GTIN_LENGTHS = new Set([8, 12, 13, 14]);
const WORD_SPLIT = /[^\p{L}\p{N}]+/u;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replaces lone surrogates (invalid UTF-16, unencodable for the database) with U+FFFD. */
export function toWellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd');
}

/** Removes NUL and control characters and repairs lone surrogates; never throws. */
export function cleanQueryText(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  const capped = raw.length > MAX_QUERY_CHARS * 4 ? raw.slice(0, MAX_QUERY_CHARS * 4) : raw;
  // eslint-disable-next-line no-control-regex
  return toWellFormed(capped).replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, ' ').slice(0, MAX_QUERY_CHARS);
}

/** Pads a GTIN-8/12/13/14 to the 14 digits products store. */
export function toGtin14(digits: string): string {
  return digits.padStart(14, '0');
}

export function parseQueryText(raw: unknown): ParsedQueryText {
  const cleaned = cleanQueryText(raw);
  const lowered = cleaned.toLowerCase();
  const seen = new Set<string>();
  const words: string[] = [];
  for (const part of lowered.split(WORD_SPLIT)) {
    if (!part) continue;
    const word = part.slice(0, MAX_WORD_CHARS);
    if (seen.has(word)) continue;
    seen.add(word);
    words.push(word);
    if (words.length === MAX_QUERY_WORDS) break;
  }
  const gtins = [...new Set(words.filter((w) => /^\d+$/.test(w) && GTIN_LENGTHS.has(w.length)).map(toGtin14))];
  const lastChar = cleaned.at(-1) ?? ' ';
  const lastWordIsPrefix = words.length > 0 && !/\s/u.test(lastChar);
  const unmatchable = words.length === 0 && cleaned.trim().length > 0;
  return { words, text: words.join(' '), lastWordIsPrefix, unmatchable, gtins };
}

/**
 * Words one adjacent swap away ("alhpa" → "alpha", "lahpa", …): the typo trigrams miss most, since
 * a swap breaks three trigrams of a short word. Only for words of 4+ letters that are not numbers.
 */
export function adjacentSwaps(word: string): string[] {
  const chars = [...word];
  if (chars.length < 4 || /^\d+$/.test(word)) return [];
  const variants = new Set<string>();
  for (let i = 0; i < chars.length - 1; i += 1) {
    if (chars[i] === chars[i + 1]) continue;
    const swapped = [...chars];
    [swapped[i], swapped[i + 1]] = [swapped[i + 1], swapped[i]];
    variants.add(swapped.join(''));
  }
  variants.delete(word);
  return [...variants];
}
