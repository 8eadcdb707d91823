// Per-listing features, computed once per run: tokens with TF-IDF weights, model codes, attributes.
import { accessoryNouns, cameraPackage, type CameraPackage, extractBatterySizes, extractColours, extractCondition, extractDeviceVersions, extractDimensions, extractEditions, extractLineNumbers, extractPaperSizes, extractPlatforms, extractQuantities, extractTiers, extractYears, isBundle, replacementPart, splitAtFits } from './attributes.ts';
import { normaliseGtin } from '../normalise/identifiers.ts';
import { compactCode, extractCodes, isCodeLike, isLetterPartNumber, isModelFieldCode, type CodeSet } from './model-codes.ts';
import { normaliseBrand, normaliseText, STOP_WORDS, wordTokens } from './text.ts';
import type { DocumentFrequency, MatchListing } from './types.ts';

export interface ListingProfile {
  index: number;
  listing: MatchListing;
  brand: string | null;
  gtin: string | null;
  /** The model field in letters and digits only; empty when absent or when it holds a GTIN. */
  compactModel: string;
  /** Whole model codes from the model field (the store's own MPN). */
  modelCodes: string[];
  /** Model codes found in the title and the model field. */
  codes: CodeSet;
  /** The codes rare enough in this run to identify a product ("ddr5" or "usb3" are not). */
  distinctCodes: CodeSet;
  tokens: Set<string>;
  /**
   * Everything that may name the exact product: model field, title codes and bare numbers of four
   * digits or more ("TOPS 7533 …"), for telling sibling products ("7532" / "7533") apart.
   */
  identifiers: Set<string>;
  /** Words of the title's own part, before "for …" (the device an accessory fits). */
  ownWords: string[];
  /** Title letters and digits only, for "does the title mention this brand" checks. */
  compactTitle: string;
  quantities: Map<string, Set<number>>;
  colours: Set<string>;
  dimensions: Set<string>;
  years: Set<string>;
  /** Line names and the numbers after them ("flip" → {"6"}). */
  lineNumbers: Map<string, Set<string>>;
  /** Short model numbers and the tier words after them ("15" → {"pro"}). */
  tiers: Map<string, Set<string>>;
  /** Battery sizes: "aa", "aaa"… */
  batterySizes: Set<string>;
  /** Platforms: "windows", "mac"… */
  platforms: Set<string>;
  /** Paper formats: "letter", "legal", "a4"… */
  paperSizes: Set<string>;
  /** Tier words: "standard", "deluxe", "upgrade"… */
  editions: Set<string>;
  /** Generations of the devices the title names ("iphone:4", "ipodtouch:4"). */
  deviceVersions: Set<string>;
  condition: 'refurbished' | 'used' | 'compatible' | null;
  accessory: Set<string> | null;
  bundle: boolean;
  /** Sold as a camera body alone or with a lens. */
  cameraPackage: CameraPackage;
  /** The part a "replacement …" title sells ("pads"), or null. */
  replacementPart: string | null;
  /** Sparse unit-length TF-IDF vector: term ids and weights, sorted by term id. */
  terms: Int32Array;
  weights: Float64Array;
}

/** Term ids shared by all profiles of one run, with document frequencies. */
export class Vocabulary {
  readonly ids = new Map<string, number>();
  readonly df: number[] = [];
  readonly terms: string[] = [];

  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.df.length;
      this.ids.set(term, id);
      this.df.push(0);
      this.terms.push(term);
    }
    return id;
  }
}

function inferBrand(words: string[], known: ReadonlySet<string>): string | null {
  for (const n of [2, 1, 3]) {
    if (words.length < n) continue;
    const candidate = normaliseBrand(words.slice(0, n).join(' '));
    if (candidate && known.has(candidate)) return candidate;
  }
  return null;
}

interface RawProfile extends Omit<ListingProfile, 'terms' | 'weights' | 'distinctCodes'> {
  termCounts: Map<number, number>;
}


/**
 * Builds the profiles of a run: a first pass collects terms and brands, a second weighs terms by
 * IDF, over these listings or over `frequencies` when given.
 */
export function buildProfiles(
  listings: readonly MatchListing[],
  frequencies?: DocumentFrequency,
): { profiles: ListingProfile[]; vocabulary: Vocabulary } {
  const knownBrands = new Set<string>();
  for (const l of listings) {
    const b = normaliseBrand(l.brand);
    if (b && b.length >= 2) knownBrands.add(b);
  }
  const vocabulary = new Vocabulary();
  const raw: RawProfile[] = listings.map((listing, index) => {
    const norm = normaliseText(listing.title);
    const words = wordTokens(norm);
    const brand = normaliseBrand(listing.brand) ?? inferBrand(words, knownBrands);
    // Some stores put the UPC or EAN in the model field: it identifies as a GTIN, not as a part number.
    const modelGtin = listing.model && /^[\d\s-]+$/.test(listing.model) && /^\d{12,14}$/.test(listing.model.replace(/[\s-]/g, '')) ? normaliseGtin(listing.model) : null;
    const model = modelGtin ? null : listing.model;
    const fromModel = extractCodes(model);
    const compactModel = model ? compactCode(model) : '';
    const modelCodes = [
      ...new Set([...(isModelFieldCode(compactModel) || (model && isLetterPartNumber(model)) ? [compactModel] : []), ...fromModel.full]),
    ];
    // A model field glued to the brand ("36023samsill", "hpcd994fn") also stands without it.
    if (brand && compactModel.length > brand.length + 3) {
      const bare = compactModel.startsWith(brand) ? compactModel.slice(brand.length) : compactModel.endsWith(brand) ? compactModel.slice(0, -brand.length) : '';
      if (isCodeLike(bare)) modelCodes.push(bare);
    }
    // Codes after "for" / "compatible with" name the device an accessory fits, not the listing's product.
    const [head, tail] = splitAtFits(norm);
    // A code set off by " - " at the very end is the listing's own again ("Ink for PIXMA iP1600 - 0617B002").
    const ownEnd = tail.includes(' - ') ? tail.slice(tail.lastIndexOf(' - ')) : '';
    const fromTitle = extractCodes(`${head} ${ownEnd}`);
    const full = new Set([...fromTitle.full, ...modelCodes]);
    const codes = {
      full: [...full],
      pieces: [...new Set([...fromTitle.pieces, ...fromModel.pieces])].filter((c) => !full.has(c)),
    };
    const tokens = new Set(words.filter((w) => !STOP_WORDS.has(w)));
    const identifiers = new Set([...full, ...words.filter((w) => /^\d{4,}$/.test(w) && !/^(?:19|20)\d\d$/.test(w))]);
    if (/\d/.test(compactModel) && compactModel.length >= 4) identifiers.add(compactModel);
    // Catalogue numbers are padded by some stores only ("06622" / "6622").
    for (const id of [...identifiers]) if (/^0+\d{4,}$/.test(id)) identifiers.add(id.replace(/^0+/, ''));
    const termCounts = new Map<number, number>();
    const bump = (term: string, by = 1) => {
      const id = vocabulary.id(term);
      termCounts.set(id, (termCounts.get(id) ?? 0) + by);
    };
    for (const w of words) if (!STOP_WORDS.has(w)) bump(w);
    for (const c of codes.full) bump(`#${c}`);
    for (const c of codes.pieces) bump(`#${c}`, 0.5);
    if (brand) bump(`@${brand}`);
    for (const id of termCounts.keys()) vocabulary.df[id] += 1;
    return {
      index,
      listing,
      brand,
      gtin: normaliseGtin(listing.gtin) ?? modelGtin,
      compactModel,
      modelCodes,
      codes,
      tokens,
      identifiers,
      ownWords: wordTokens(head),
      compactTitle: norm.replace(/[^a-z0-9]/g, ''),
      quantities: extractQuantities(norm),
      colours: extractColours(words),
      dimensions: extractDimensions(norm),
      years: extractYears(words),
      deviceVersions: extractDeviceVersions(norm),
      editions: extractEditions(norm),
      paperSizes: extractPaperSizes(words),
      platforms: extractPlatforms(words),
      batterySizes: extractBatterySizes(words),
      tiers: extractTiers(norm),
      lineNumbers: extractLineNumbers(norm),
      condition: extractCondition(norm),
      accessory: accessoryNouns(norm),
      bundle: isBundle(norm),
      replacementPart: replacementPart(norm),
      cameraPackage: cameraPackage(norm),
      termCounts,
    };
  });
  if (frequencies) {
    vocabulary.terms.forEach((term, id) => (vocabulary.df[id] = Math.max(vocabulary.df[id], frequencies.of(term))));
  }
  const n = Math.max(frequencies?.total ?? 0, listings.length, 1);
  const stores = new Set(listings.map((l) => l.store)).size;
  const maxCodeDf = Math.max(8, 3 * stores);
  const profiles = raw.map(({ termCounts, ...rest }) => {
    const rare = (c: string) => vocabulary.df[vocabulary.ids.get(`#${c}`)!] <= maxCodeDf;
    const distinctCodes = { full: rest.codes.full.filter(rare), pieces: rest.codes.pieces.filter(rare) };
    const ids = [...termCounts.keys()].sort((x, y) => x - y);
    const weights = new Float64Array(ids.length);
    let norm = 0;
    ids.forEach((id, i) => {
      const count = termCounts.get(id)!;
      // Sub-linear term frequency; dash pieces of codes count half (see the bump above).
      const tf = count >= 1 ? 1 + Math.log(count) : count;
      const w = tf * Math.log(1 + n / vocabulary.df[id]);
      weights[i] = w;
      norm += w * w;
    });
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < weights.length; i += 1) weights[i] /= norm;
    return { ...rest, distinctCodes, terms: Int32Array.from(ids), weights };
  });
  return { profiles, vocabulary };
}

/** Cosine similarity of two profiles' TF-IDF vectors (both unit length). */
export function cosine(a: ListingProfile, b: ListingProfile): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.terms.length && j < b.terms.length) {
    const x = a.terms[i];
    const y = b.terms[j];
    if (x === y) {
      sum += a.weights[i] * b.weights[j];
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return sum;
}
