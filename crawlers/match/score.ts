// Pair scoring: the cascade GTIN → brand + model code → title similarity, with vetoes for variants
// and accessories. Scores are comparable across methods: higher is surer, ≥ 1 means an identifier match.
import { accessoryMismatch, devicesConflict, quantitiesConflict } from './attributes.ts';
import { codeAgreement, compactCode } from './model-codes.ts';
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
};

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

/** Reasons two listings are necessarily different products, whatever their titles share. */
export function vetoReason(a: ListingProfile, b: ListingProfile): string | null {
  const unit = quantitiesConflict(a.quantities, b.quantities);
  if (unit) return `different ${unit}`;
  if (disjoint(a.dimensions, b.dimensions)) return 'different size';
  if (disjoint(a.years, b.years)) return 'different year';
  if (a.condition !== b.condition) return 'different condition';
  if (accessoryMismatch(a.accessory, b.accessory, a.tokens, b.tokens)) return 'accessory vs device';
  if (devicesConflict(a.tokens, b.tokens)) return 'fits another device';
  return null;
}

function brandsConflict(a: ListingProfile, b: ListingProfile): boolean {
  if (!a.brand || !b.brand || a.brand === b.brand) return false;
  if (a.brand.startsWith(b.brand) || b.brand.startsWith(a.brand)) return false;
  // A store's brand field can be wrong or a parent company: the other title naming it settles it.
  return !(a.compactTitle.includes(b.brand) || b.compactTitle.includes(a.brand));
}

/** Both stores give a model number and neither is found, even as a variant, among the other's codes. */
function modelFieldsConflict(a: ListingProfile, b: ListingProfile): boolean {
  if (a.modelCodes.length === 0 || b.modelCodes.length === 0) return false;
  const own = (p: ListingProfile) => ({ full: p.modelCodes, pieces: [] });
  return codeAgreement(own(a), b.codes) === 'none' && codeAgreement(own(b), a.codes) === 'none';
}

/**
 * Both stores fill in a model field, the two differ, and neither is found in the other listing at
 * all (not in its model, not in its title): "VLTTRAVEL" / "VLTSOLAR", "QC-ONE" / "QC-ALL". Unlike
 * `modelFieldsConflict` this also weighs fields without digits, so it is evidence, not a veto.
 */
export function modelFieldsDiffer(a: ListingProfile, b: ListingProfile): boolean {
  const ma = a.listing.model ? compactCode(a.listing.model) : '';
  const mb = b.listing.model ? compactCode(b.listing.model) : '';
  if (ma.length < 4 || mb.length < 4 || ma === mb || ma.includes(mb) || mb.includes(ma)) return false;
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

function priceFar(a: ListingProfile, b: ListingProfile): boolean {
  const pa = a.listing.price;
  const pb = b.listing.price;
  if (!pa || !pb || pa <= 0 || pb <= 0) return false;
  if ((a.listing.currency ?? null) !== (b.listing.currency ?? null)) return false;
  return Math.max(pa, pb) / Math.min(pa, pb) > 3;
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

function evidence(a: ListingProfile, b: ListingProfile) {
  const agreement = codeAgreement(a.distinctCodes, b.distinctCodes);
  const modelConflict = modelFieldsConflict(a, b);
  let veto = vetoReason(a, b);
  // The same rare model number on both sides outweighs the accessory heuristic ("Smart Feather
  // for iPad 2" / "Smart Feather Case for iPad 2"): codes after "for" were left out of the profile.
  if (veto === 'accessory vs device' && agreement === 'exact' && !modelConflict) veto = null;
  const colourConflict = disjoint(a.colours, b.colours);
  // Both titles name a colour and none is shared: two colour variants, not one product, even under
  // one model number (stores often give the family's number to every colour: "Go Drive Red" / "Go Drive White").
  const variantVeto = colourConflict ? 'different colour' : null;
  return { agreement, modelConflict, colourConflict, veto: veto ?? variantVeto };
}

export function scorePair(a: ListingProfile, b: ListingProfile): PairVerdict {
  if (a.gtin && a.gtin === b.gtin) return { score: 2, method: 'gtin', veto: null };
  let score = cosine(a, b);
  const { agreement, modelConflict, colourConflict, veto } = evidence(a, b);
  const brandConflict = brandsConflict(a, b);
  if (agreement === 'exact') score += WEIGHTS.exactCode;
  else if (agreement === 'variant') score += WEIGHTS.variantCode;
  else if (agreement === 'family') score += WEIGHTS.familyCode;
  if (agreement !== 'exact' && codesConflict(a, b)) score -= WEIGHTS.codeConflict;
  if (agreement !== 'exact' && agreement !== 'variant' && siblingCodes(a, b)) score -= WEIGHTS.siblingCode;
  if (modelConflict) score -= WEIGHTS.modelConflict;
  else if (agreement !== 'exact' && modelFieldsDiffer(a, b)) score -= WEIGHTS.modelFieldMismatch;
  if (brandConflict) score -= WEIGHTS.brandConflict;
  if (colourConflict) score -= WEIGHTS.colourConflict;
  if (a.bundle !== b.bundle) score -= WEIGHTS.bundleMismatch;
  if (priceFar(a, b)) score -= WEIGHTS.priceFar;
  if (a.gtin && b.gtin) score -= WEIGHTS.gtinConflict;
  const method = (agreement === 'exact' || agreement === 'variant') && !brandConflict ? 'model' : 'similarity';
  return { score, method, veto };
}
