// The matcher's contract: listings in (any store, any source), clusters of the same product out.

/** One store's listing as the matcher sees it: text and identifiers only, no database rows. */
export interface MatchListing {
  /** Unique across the run (database ids are passed as strings). */
  id: string;
  /** The store selling it: the matcher keeps at most one listing per store in a product. */
  store: string;
  title: string;
  brand?: string | null;
  /** Manufacturer part number / model as the store gives it. */
  model?: string | null;
  /** GTIN (EAN/UPC/ISBN); validated by the matcher, invalid codes are ignored. */
  gtin?: string | null;
  /** Price in the store's currency; only used when both sides share a currency. */
  price?: number | null;
  currency?: string | null;
  category?: string | null;
}

/** How a listing came to be in its product, strongest first. */
export type MatchMethod = 'manual' | 'gtin' | 'model' | 'similarity' | 'existing' | 'singleton';

export interface MatchedListing {
  listingId: string;
  method: MatchMethod;
  /** 0..1: how sure the matcher is that this listing belongs to the product. */
  confidence: number;
}

/** A canonical product: the listings found to be the same product. */
export interface MatchCluster {
  /** The `fixedCluster` key the cluster carried in (an existing product), or null for a new one. */
  key: string | null;
  listings: MatchedListing[];
}

export interface MatchOptions {
  /**
   * Listings already attached to a product: listing id → product key. They stay together and
   * are not re-scored; pending listings may join them. Two keys never merge unless a must-link says so.
   */
  fixedCluster?: ReadonlyMap<string, string>;
  /** Human "same product" decisions: pairs of listing ids that always end up together. */
  mustLink?: ReadonlyArray<readonly [string, string]>;
  /** Human "not the same product" decisions: pairs of listing ids never put together. */
  cannotLink?: ReadonlyArray<readonly [string, string]>;
  /** Minimum margin-weighted pair score for a match without a shared GTIN (default DEFAULT_THRESHOLD, 0.95). */
  threshold?: number;
  /** Candidates kept per listing by the blocking index (default 12). */
  candidatesPerListing?: number;
  /**
   * Estimate from these listings how often two stores sell the same products, and let clear mutual
   * best partners count for more where they often do (default true). A batch matched against its
   * candidates is no fair sample, so incremental runs turn it off.
   */
  estimatePrevalence?: boolean;
  /**
   * How often two stores share products (0..1, by `storeOverlapKey(a, b)`), e.g. as the last full
   * run estimated it: used instead of estimating from these listings. Missing pairs count as 0.
   */
  storeOverlap?: Readonly<Record<string, number>>;
  /** Term frequencies of the whole catalogue when the listings are only part of it (see `DocumentFrequency`). */
  frequencies?: DocumentFrequency;
  /** Called between phases, for progress output on large runs. */
  onProgress?: (phase: string, done: number, total: number) => void;
}

/** A scored candidate pair, for diagnostics and for the benchmark's error listing. */
export interface ScoredPair {
  a: number;
  b: number;
  score: number;
  method: Exclude<MatchMethod, 'manual' | 'existing' | 'singleton'>;
}

/**
 * Term statistics of a larger catalogue than the listings at hand: an incremental run profiles a
 * batch and its candidates with the whole catalogue's frequencies, so scores match a full run's.
 */
export interface DocumentFrequency {
  /** Listings in the catalogue. */
  total: number;
  /** Listings of the catalogue holding this profile term ("word", "#code", "@brand"). */
  of(term: string): number;
}
