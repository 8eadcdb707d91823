// Model numbers / MPNs: found in titles and model fields, compared despite dashes, spaces and suffixes.
// "SM-M146B/DS" ~ "SMM146B", "SRSA212BK" ~ "SRSA212/BLK", "KX-TS3282B" ~ "KXTS3282B".
import { normaliseText } from './text.ts';

/**
 * Quantities, not model numbers: "128gb", "750va", "1080p", "24port", "2pack". A long number or one
 * with a leading zero is a part number whatever letter follows ("30370000g", "0617b").
 */
const UNIT_QUANTITY =
  /^(?:[1-9]\d{0,4}|0)(?:\.\d+)?(?:gb|tb|mb|kb|gbps|mbps|mah|wh|w|v|va|kva|mm|cm|m|in|inch|ft|hz|khz|mhz|ghz|mp|x|k|lb|lbs|oz|g|kg|ml|l|db|rpm|pack|pk|pc|pcs|port|ports|ch|bit|th|st|nd|rd|awg|ppm|dpi|ms|yr|yrs|year|years|hr|hrs|min|sec|qt|gal|cu|amp|a|ohm|pin|way|cell|core|speed|watt|watts|volt|lumens|lm|gen|count|ct|sheet|sheets|page|pages|foot|feet|ply)$/;

/** Video resolutions ("1080p", "480i"): other numbers before p or i are model names ("260P", "490i"). */
const RESOLUTION = /^(?:240|360|480|540|576|720|900|1080|1440|2160|4320)[pi]$/;

/** A comparable model code: lowercase letters and digits only. */
export function compactCode(text: string): string {
  return normaliseText(text).replace(/[^a-z0-9]/g, '');
}

/** True for strings that look like a model number rather than a word, a year or a quantity. */
export function isCodeLike(code: string): boolean {
  if (code.length < 4 || code.length > 24) return false;
  if (!/\d/.test(code)) return false;
  if (UNIT_QUANTITY.test(code) || RESOLUTION.test(code)) return false;
  if (/^\d+$/.test(code)) return code.length >= 5;
  // A small count of a word ("2-Pocket", "3-Subject", "3-Ring") describes the product; it is no code.
  if (/^\d{1,3}[a-z]{3,}$/.test(code) && /[aeiouy]/.test(code)) return false;
  // One letter around a short number is a size or a generation ("a4", "x100"), not a model code.
  const letters = code.replace(/\d/g, '').length;
  return letters >= 1 && code.length >= 4;
}

/**
 * A store's own model field, compacted: a code by `isCodeLike`, and also a four-digit number that is
 * not a year ("7532") or a code that reads like a quantity but for its size ("7693m"): the store put
 * it in the model field, so it names the product. "128gb" or "2011" still do not.
 */
export function isModelFieldCode(code: string): boolean {
  if (isCodeLike(code)) return true;
  if (/^\d{4}$/.test(code)) return !/^(?:19|20)\d\d$/.test(code);
  return /^\d{4,}[a-z]{1,3}$/.test(code);
}

/**
 * A store's model field written in capital letters, alone or in groups joined by dashes or slashes
 * ("STPFSA", "HX-USBXT", "QR-PADBAG-WT/EN"): a part number without digits, which `isCodeLike` would take for words. Only
 * trusted in model fields: in titles such groups are as often shouted words ("ALL-IN-ONE").
 */
export function isLetterPartNumber(model: string): boolean {
  const code = model.trim();
  // One capitalised run ("HDMIACFM", "STPFSA") too: a shouted word is weeded out by its frequency.
  return /^[A-Z]{2,}(?:[-/][A-Z]{2,})*$/.test(code) && compactCode(code).length >= 6;
}

/** Model codes of a text: whole codes ("gs724tp100nas") and the pieces between their dashes ("gs724tp"). */
export interface CodeSet {
  full: string[];
  pieces: string[];
}

/**
 * Model-code candidates in a text. Each whitespace chunk gives its compact form and the part before
 * a "/" suffix ("SM-M146B/DS" → "smm146bds", "smm146b"). Two adjacent chunks are joined when the
 * first is a short prefix ("KX TS3282B" → "kxts3282b"). Those and dash pieces ("GS724TP-100NAS" → "gs724tp")
 * are kept apart: they name a product family more often than a product.
 */
export function extractCodes(text: string | null | undefined): CodeSet {
  const full = new Set<string>();
  const pieces = new Set<string>();
  if (!text) return { full: [], pieces: [] };
  const chunks = normaliseText(text)
    .split(/[\s,;:()[\]{}|+*!?]+/)
    .map((c) => c.replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, ''))
    .filter(Boolean);
  const add = (into: Set<string>, candidate: string, allowDigitsOnly = true) => {
    if (!allowDigitsOnly && /^\d+$/.test(candidate)) return;
    if (isCodeLike(candidate)) into.add(candidate);
  };
  for (let i = 0; i < chunks.length; i += 1) {
    const chunk = chunks[i];
    const hasSlash = chunk.includes('/');
    add(full, chunk.replace(/[^a-z0-9]/g, ''), !hasSlash);
    if (hasSlash) add(full, chunk.split('/')[0].replace(/[^a-z0-9]/g, ''));
    if (/[-/.#]/.test(chunk)) {
      for (const piece of chunk.split(/[-/.#]/)) add(pieces, piece, !hasSlash);
    }
    const next = chunks[i + 1];
    if (next && /^[a-z]{1,3}$/.test(chunk) && /\d/.test(next) && /^[a-z0-9-]+$/.test(next)) {
      add(pieces, chunk + next.replace(/-/g, ''));
    }
    // A name and its number ("Rezo 15", "Echo 50") is the model another store writes as one code ("REZO15BK").
    if (next && /^[a-z]{4,8}$/.test(chunk) && /^\d{1,4}[a-z]{0,2}$/.test(next) && !UNIT_QUANTITY.test(next)) {
      add(pieces, chunk + next);
    }
  }
  for (const c of full) pieces.delete(c);
  return { full: [...full], pieces: [...pieces] };
}

export type CodeAgreement = 'exact' | 'variant' | 'family' | 'none';

/** Three-letter code suffixes that name a colour or a region rather than another model. */
const VARIANT_SUFFIXES = new Set(['blk', 'wht', 'slv', 'sil', 'gry', 'red', 'blu', 'grn', 'pnk', 'brn', 'gld', 'org', 'pur', 'clr', 'ylw', 'yel', 'nvy', 'usa', 'eur', 'int']);

const COLOUR_WORD_SUFFIX = /^(.*\d[a-z]{0,3})(?:black|white|silver|grey|gray|red|blue|green|pink|purple|gold|brown|orange|yellow)$/;

/** Endings that name a higher or lower model of a line ("iphone15pro", "s23ultra"), never a seller's suffix. */
const TIER_WORDS = /^(?:pro|max|plus|mini|ultra|lite|air|xl|se|fe|note|neo|prime|edge|slim|duo|hd|4k|5g)/;

/** A code without its colour / region suffix: "srsa212blk" → "srsa212", "nnh965bk" → "nnh965"; "iphone15pro" stays. */
function stem(code: string): string {
  const colour = COLOUR_WORD_SUFFIX.exec(code);
  if (colour && colour[1].length >= 4) return stem(colour[1]);
  const m = /^(.*\d)([a-z]{1,3})$/.exec(code);
  if (!m || m[1].length < 4) return code;
  return m[2].length <= 2 || VARIANT_SUFFIXES.has(m[2]) ? m[1] : code;
}

/**
 * A long part number and the same with a number inside padded by zeros: "rp0100050106r1m1" /
 * "rp01050106r1m1", "ocz…1rvd0110" / "ocz…1rvd110". Stores pad internal numbers to a fixed width.
 */
function zeroPadded(long: string, short: string): boolean {
  const extra = long.length - short.length;
  if (extra < 1 || extra > 3 || short.length < 8 || !/[a-z]/.test(short) || !/\d/.test(short)) return false;
  let j = 0;
  for (let i = 0; i < long.length; i += 1) {
    if (j < short.length && long[i] === short[j]) j += 1;
    // Only a leading zero of a number is padding: "1" / "1000" are other numbers.
    else if (long[i] !== '0' || !/\d/.test(long[i + 1] ?? '')) return false;
  }
  return j === short.length;
}

/**
 * How two codes relate. "exact": the same code. "variant": the same code but for a short letter
 * suffix or prefix ("srsa212bk" / "srsa212blk", "av23292" / "23292") — usually the same product
 * in another colour or regional packaging.
 */
export function compareCodes(a: string, b: string): 'exact' | 'variant' | 'none' {
  if (a === b) return 'exact';
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 5) return 'none';
  const sa = stem(a);
  const sb = stem(b);
  if (sa === sb && sa.length >= 5) return 'variant';
  if (long.endsWith(short) && /^[a-z]{1,3}$/.test(long.slice(0, long.length - short.length))) return 'variant';
  // A long part number behind a short numeric prefix of one seller's system ("gh012000003" / "70gh012000003").
  if (long.endsWith(short) && short.length >= 8 && /^\d{1,2}$/.test(long.slice(0, long.length - short.length))) return 'variant';
  if (long.startsWith(short) && /^[a-z]{1,2}$/.test(long.slice(short.length))) return 'variant';
  if (zeroPadded(long, short)) return 'variant';
  // A maker's code and a seller's longer SKU built on it ("gs108e" / "gs108e100nas", "gub211" / "gub211w6").
  // Not when the number runs on ("icusb232" / "icusb2328", "dsctx10" / "dsctx100v"): that is another model.
  const rest = long.slice(short.length);
  const runsOn = /\d$/.test(short) && /^\d/.test(rest);
  if (long.startsWith(short) && short.length >= 6 && /[a-z]/.test(short) && /\d/.test(short) && rest.length <= 6 && !runsOn && !TIER_WORDS.test(rest)) {
    return 'variant';
  }
  return 'none';
}

/** Keys under which a code is indexed so that `compareCodes` candidates share at least one. */
export function codeBlockingKeys(code: string): string[] {
  const keys = new Set([code, stem(code)]);
  // Zero padding aside ("rp0100050106r1m1" / "rp01050106r1m1"): see `zeroPadded`.
  if (code.length >= 8 && /[a-z]/.test(code) && code.includes('0')) keys.add(`0:${code.replace(/0/g, '')}`);
  const m = /^[a-z]{1,3}(\d.*)$/.exec(code);
  if (m && m[1].length >= 5) keys.add(m[1]);
  return [...keys];
}

/**
 * The strongest agreement between two listings' codes. "exact": a whole code of one is a whole
 * code or a dash piece of the other ("GS724TP" / "GS724TP-100NAS"). "variant": whole codes differ
 * by a short suffix or prefix. "family": only dash pieces agree ("V7N2C6-10F" / "V7N2C6-01F").
 */
export function codeAgreement(a: CodeSet, b: CodeSet): CodeAgreement {
  const bFull = new Set(b.full);
  const bPieces = new Set(b.pieces);
  for (const x of a.full) if (bFull.has(x) || bPieces.has(x)) return 'exact';
  for (const x of a.pieces) if (bFull.has(x)) return 'exact';
  // A whole code against the other's whole codes or pieces: "pe222604" / "edgdm-222604-pe".
  const variantOf = (xs: readonly string[], ys: readonly string[]) =>
    xs.some((x) => ys.some((y) => compareCodes(x, y) !== 'none'));
  if (variantOf(a.full, b.full) || variantOf(a.full, b.pieces) || variantOf(b.full, a.pieces)) return 'variant';
  for (const x of a.pieces) if (bPieces.has(x)) return 'family';
  return 'none';
}
