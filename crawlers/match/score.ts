// Pair scoring: the cascade GTIN → brand + model code → title similarity, with vetoes for variants
// and accessories. Scores are comparable across methods: higher is surer, ≥ 1 means an identifier match.
import { accessoryMismatch, bodyAndKitConflict, deviceVersionsConflict, devicesConflict, editionsConflict, lineNumbersConflict, quantitiesConflict, tiersConflict } from './attributes.ts';
import { codeAgreement, compareCodes, type CodeSet } from './model-codes.ts';
import { cosine, type ListingProfile } from './profile.ts';

export interface PairVerdict {
  score: number;
  method: 'gtin' | 'model' | 'similarity';
  /** Why the pair can never match (variant or accessory), or null. */
  veto: string | null;
}

/** Weights of the evidence; exported for the tests and the benchmark's diagnostics. */
export const WEIGHTS = {
  exactCode: 0.5,
  variantCode: 0.45,
  familyCode: 0.05,
  codeConflict: 0.25,
  modelConflict: 0.3,
  brandConflict: 0.3,
  colourConflict: 0.15,
  bundleMismatch: 0.1,
  priceFar: 0.15,
  gtinConflict: 0.4,
  modelFieldMismatch: 0.5,
  siblingCode: 0.6,
  sameModelField: 0.3,
  samePrice: 0.2,
};

const DASHED_CAPITALS = /^[A-Z0-9]{2,}(?:-[A-Z0-9]{2,})+$/;

/** Both stores fill in the model field with the same code-like value: their own MPNs agree. */
export function sameModelField(a: ListingProfile, b: ListingProfile): boolean {
  const ma = a.compactModel;
  if (ma.length < 4 || ma !== b.compactModel) return false;
  // A short code of capitals joined by a dash ("CD-BL") is a part number too when both stores give it.
  return a.modelCodes.includes(ma) || DASHED_CAPITALS.test((a.listing.model ?? '').trim());
}

/** Same length, a few same-kind characters apart: "21118" / "21218", "hd685xzndc" / "hd685xznfc". */
function siblings(x: string, y: string): boolean {
  if (x.length !== y.length || x.length < 4 || x === y) return false;
  let apart = 0;
  for (let i = 0; i < x.length; i += 1) {
    if (x[i] === y[i]) continue;
    if (/\d/.test(x[i]) !== /\d/.test(y[i])) return false;
    apart += 1;
  }
  return apart <= Math.max(1, Math.floor(x.length / 4));
}

/**
 * Neighbouring numbers of one product line and nothing identifying in common: office supplies,
 * ink and cards come in series whose titles are alike and whose numbers differ by a digit.
 */
export function siblingCodes(a: ListingProfile, b: ListingProfile): boolean {
  for (const x of a.identifiers) if (b.identifiers.has(x)) return false;
  for (const x of a.identifiers) for (const y of b.identifiers) if (siblings(x, y)) return true;
  return false;
}

/**
 * A model field of letters only ("EPFLCC") and, among the other title's words, a sibling of it
 * ("EPDLCC") the first listing never names: flat and dome lids of one line.
 */
function letterSiblingNamed(a: ListingProfile, b: ListingProfile): boolean {
  for (const x of a.modelCodes) {
    if (x.length < 5 || /\d/.test(x) || b.tokens.has(x)) continue;
    for (const w of b.tokens) if (w.length === x.length && w[0] === x[0] && !a.tokens.has(w) && siblings(x, w)) return true;
  }
  return false;
}

/**
 * Each listing names a code the other lacks and the two are siblings ("hd685xzndc" / "hd685xznfc",
 * "c5055a" / "c5058a"), even when a family number ("HP 90", "HD 6850") is shared: two products of one line.
 */
export function siblingConflict(a: ListingProfile, b: ListingProfile): boolean {
  if (letterSiblingNamed(a, b) || letterSiblingNamed(b, a)) return true;
  for (const x of a.codes.full) {
    if (x.length < 5 || b.identifiers.has(x)) continue;
    for (const y of b.codes.full) {
      // A differing first letter is more often a seller's prefix ("T4850L" / "E4850L"), a stem a colour suffix.
      if (a.identifiers.has(y) || x[0] !== y[0] || compareCodes(x, y) !== 'none') continue;
      if (siblings(x, y)) return true;
    }
  }
  return false;
}

/** The two stores' own part numbers are siblings: "KHX1800C9D3/2G" / "KHX1800C9D3/1G", "11433BU" / "11433FU". */
function siblingModelFields(a: ListingProfile, b: ListingProfile): boolean {
  const ma = a.compactModel;
  const mb = b.compactModel;
  return ma.length >= 6 && /\d/.test(ma) && siblings(ma, mb);
}

/**
 * Reasons two listings are necessarily different products, whatever their titles share.
 * `samePartNumber`: both stores give the same part number, and a stray figure in one title ("4GB"
 * where the part number says 8GB, RMS against peak watts) or an accessory-like word does not outweigh it.
 */
export function vetoReason(a: ListingProfile, b: ListingProfile, samePartNumber = false): string | null {
  const unit = samePartNumber ? null : quantitiesConflict(a.quantities, b.quantities);
  if (unit) return `different ${unit}`;
  if (disjoint(a.dimensions, b.dimensions)) return 'different size';
  if (disjoint(a.paperSizes, b.paperSizes)) return 'different paper size';
  if (disjoint(a.platforms, b.platforms)) return 'different platform';
  if (disjoint(a.batterySizes, b.batterySizes)) return 'different battery size';
  if (disjoint(a.years, b.years)) return 'different year';
  if (a.condition !== b.condition) return 'different condition';
  if (editionsConflict(a.editions, b.editions)) return 'different edition';
  if (tiersConflict(a.tiers, b.tiers)) return 'different tier';
  if (bodyAndKitConflict(a.cameraPackage, b.cameraPackage)) return 'body vs kit';
  if (lineNumbersConflict(a.lineNumbers, b.lineNumbers)) return 'different line number';
  if (!samePartNumber && accessoryMismatch(a.accessory, b.accessory, a.tokens, b.tokens)) return 'accessory vs device';
  if (devicesConflict(a.tokens, b.tokens)) return 'fits another device';
  if (deviceVersionsConflict(a.deviceVersions, b.deviceVersions)) return 'different device generation';
  return null;
}

function brandsConflict(a: ListingProfile, b: ListingProfile): boolean {
  if (!a.brand || !b.brand || a.brand === b.brand) return false;
  if (a.brand.startsWith(b.brand) || b.brand.startsWith(a.brand)) return false;
  // A store's brand field can be wrong or a parent company: the other title naming it settles it.
  return !(a.compactTitle.includes(b.brand) || b.compactTitle.includes(a.brand));
}

/**
 * One model field holds a long bare number and the other a lettered part number, under one brand:
 * a store's own catalogue number beside the maker's ("87974" / "BNB-208"), not two products.
 */
function catalogueNumberBeside(a: ListingProfile, b: ListingProfile): boolean {
  if (!a.brand || a.brand !== b.brand) return false;
  const ma = a.compactModel;
  const mb = b.compactModel;
  const catalogue = (x: string, y: string) => /^\d{5,}$/.test(x) && /[a-z]/.test(y) && /\d/.test(y);
  return catalogue(ma, mb) || catalogue(mb, ma);
}

/** Both stores give a model number and neither is found, even as a variant, among the other's codes. */
function modelFieldsConflict(a: ListingProfile, b: ListingProfile): boolean {
  if (catalogueNumberBeside(a, b)) return false;
  // Codes without digits ("LYCOSA", "CARTUNESMAX") are as often a product name as a part number.
  const own = (p: ListingProfile) => ({ full: p.modelCodes.filter((c) => /\d/.test(c)), pieces: [] });
  if (own(a).full.length === 0 || own(b).full.length === 0) return false;
  return codeAgreement(own(a), b.codes) === 'none' && codeAgreement(own(b), a.codes) === 'none';
}

/**
 * Both stores fill in a model field, the two differ, and neither is found in the other listing at
 * all (not in its model, not in its title): "VLTTRAVEL" / "VLTSOLAR", "QC-ONE" / "QC-ALL". Unlike
 * `modelFieldsConflict` this also weighs fields without digits, so it is evidence, not a veto.
 */
export function modelFieldsDiffer(a: ListingProfile, b: ListingProfile): boolean {
  const ma = a.compactModel;
  const mb = b.compactModel;
  if (ma.length < 4 || mb.length < 4 || ma === mb || ma.includes(mb) || mb.includes(ma)) return false;
  if (catalogueNumberBeside(a, b)) return false;
  return !(b.compactTitle.includes(ma) || a.compactTitle.includes(mb));
}

/** Both listings name a distinctive model code and none of them appears, even as a variant, on the other side. */
function codesConflict(a: ListingProfile, b: ListingProfile): boolean {
  if (a.distinctCodes.full.length === 0 || b.distinctCodes.full.length === 0) return false;
  return codeAgreement(a.codes, b.codes) === 'none';
}

function disjoint(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  for (const x of a) if (b.has(x)) return false;
  return true;
}

/** How many times dearer the dearer of two listings is, or null when they cannot be compared. */
function priceRatio(a: ListingProfile, b: ListingProfile): number | null {
  const pa = a.listing.price;
  const pb = b.listing.price;
  if (!pa || !pb || pa <= 0 || pb <= 0) return null;
  if ((a.listing.currency ?? null) !== (b.listing.currency ?? null)) return null;
  return Math.max(pa, pb) / Math.min(pa, pb);
}

/**
 * Why two listings can never be one product, all rules together: the attribute vetoes (an exact
 * shared model code overrides the accessory heuristic) and colour variants.
 * The clusters apply it between every pair of members, so it must agree with `scorePair`.
 */
export function pairVeto(a: ListingProfile, b: ListingProfile): string | null {
  if (a.gtin && a.gtin === b.gtin) return null;
  return evidence(a, b).veto;
}

/**
 * One store's model field is named by the other's title in words that title extraction does not take
 * for a code: a bare number ("[7532]" / "TOPS 7532 - Paper Pads"), a name ("[LYCOSA]" / "Razer Lycosa
 * Mirror"), a code that reads like a quantity ("[7693M]") or a name and number ("[Fishfinder 140]").
 */
function modelFieldNamed(a: ListingProfile, b: ListingProfile): boolean {
  return a.modelCodes.some((c) => b.identifiers.has(c) || (!/^\d+$/.test(c) && spelledInWords(c, b)));
}

/**
 * True when whole consecutive words of the title's own part (before "for …") spell the code
 * ("cartunes max" → "cartunesmax"), not part of a word nor the device an accessory fits.
 */
function spelledInWords(code: string, p: ListingProfile): boolean {
  if (!p.compactTitle.includes(code)) return false;
  const words = p.ownWords;
  for (let i = 0; i < words.length; i += 1) {
    let joined = '';
    for (let j = i; j < words.length && joined.length < code.length; j += 1) joined += words[j];
    if (joined === code) return true;
  }
  return false;
}

/** One listing is a replacement part the other never names: ear pads against the headphones they fit. */
function replacementPartAlone(a: ListingProfile, b: ListingProfile): boolean {
  return a.replacementPart !== null && b.replacementPart === null && !b.tokens.has(a.replacementPart);
}

/** A code set without its bare numbers. */
function lettered(codes: CodeSet): CodeSet {
  const has = (c: string) => /[a-z]/.test(c);
  return { full: codes.full.filter(has), pieces: codes.pieces.filter(has) };
}

function evidence(a: ListingProfile, b: ListingProfile) {
  const brandConflict = brandsConflict(a, b);
  // A bare number shared across two brands is a coincidence of catalogue numbering ("GE 22621" /
  // "Wausau 22621"), not one product: under conflicting brands only codes with letters count.
  const codes = brandConflict
    ? codeAgreement(lettered(a.distinctCodes), lettered(b.distinctCodes))
    : codeAgreement(a.distinctCodes, b.distinctCodes);
  const named = codes !== 'exact' && !brandConflict && (modelFieldNamed(a, b) || modelFieldNamed(b, a));
  const modelConflict = modelFieldsConflict(a, b);
  // Both stores' own part numbers disagree: a shared title code ("NexStar 3", "Massive23", "CS40")
  // names the product line both belong to, not one product.
  const agreement = named ? 'exact' : modelConflict && codes === 'exact' ? 'family' : codes;
  const samePartNumber = !brandConflict && sameModelField(a, b);
  let veto = vetoReason(a, b, samePartNumber);
  const part = replacementPartAlone(a, b) || replacementPartAlone(b, a);
  // The same rare model number on both sides outweighs the accessory heuristic ("Smart Feather
  // for iPad 2" / "Smart Feather Case for iPad 2"): codes after "for" were left out of the profile.
  // A model field merely named in the other title does not: a case's field often names its device.
  if ((veto === 'accessory vs device' || veto === 'different device generation') && codes === 'exact' && !modelConflict) veto = null;
  const colourConflict = disjoint(a.colours, b.colours);
  // Both titles name a colour and none is shared: two colour variants, not one product, even under
  // one model number (stores often give the family's number to every colour: "Go Drive Red" / "Go Drive White").
  const variantVeto = colourConflict ? 'different colour' : part ? 'replacement part vs product' : null;
  return { agreement, brandConflict, modelConflict, colourConflict, samePartNumber, veto: veto ?? variantVeto };
}

export function scorePair(a: ListingProfile, b: ListingProfile): PairVerdict {
  if (a.gtin && a.gtin === b.gtin) return { score: 2, method: 'gtin', veto: null };
  let score = cosine(a, b);
  const { agreement, brandConflict, modelConflict, colourConflict, samePartNumber, veto } = evidence(a, b);
  if (agreement === 'exact') score += WEIGHTS.exactCode;
  if (samePartNumber) score += WEIGHTS.sameModelField;
  else if (agreement === 'variant') score += WEIGHTS.variantCode;
  else if (agreement === 'family') score += WEIGHTS.familyCode;
  if (agreement !== 'exact' && codesConflict(a, b)) score -= WEIGHTS.codeConflict;
  if (agreement !== 'exact' && agreement !== 'variant' && siblingCodes(a, b)) score -= WEIGHTS.siblingCode;
  else if (siblingConflict(a, b)) score -= WEIGHTS.siblingCode;
  // The stores' own part numbers being siblings is evidence of its own, beside the titles' codes.
  if (siblingModelFields(a, b)) score -= WEIGHTS.siblingCode;
  if (modelConflict) score -= WEIGHTS.modelConflict;
  else if (agreement !== 'exact' && modelFieldsDiffer(a, b)) score -= WEIGHTS.modelFieldMismatch;
  if (brandConflict) score -= WEIGHTS.brandConflict;
  if (colourConflict) score -= WEIGHTS.colourConflict;
  if (a.bundle !== b.bundle) score -= WEIGHTS.bundleMismatch;
  const ratio = priceRatio(a, b);
  if ((ratio ?? 0) > 3) score -= WEIGHTS.priceFar;
  else if (ratio === 1) score += WEIGHTS.samePrice;
  if (a.gtin && b.gtin) score -= WEIGHTS.gtinConflict;
  const method = (agreement === 'exact' || agreement === 'variant') && !brandConflict ? 'model' : 'similarity';
  return { score, method, veto };
}
