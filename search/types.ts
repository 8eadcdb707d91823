// One search interface, two engines: Postgres itself (embedded default) and Typesense.

export type SearchSort = 'relevance' | 'price' | 'delivery';

export interface SearchFilters {
  category?: string[];
  brand?: string[];
  store?: string[];
  /**
   * Inclusive bounds on the lowest buyable total (price + shipping) in the query's currency, exact
   * decimal strings. A product with no buyable offer in that currency matches neither bound.
   */
  priceMin?: string;
  priceMax?: string;
  /** Some offer is buyable now (in stock, limited, preorder, backorder; see BUYABLE_AVAILABILITY). */
  inStock?: boolean;
  /** Some offer arrives within one day. */
  deliversByTomorrow?: boolean;
}

export interface SearchQuery {
  /** Free text as typed: any length, any character; typos tolerated. Empty = browse. */
  q: string;
  filters?: SearchFilters;
  sort?: SearchSort;
  /**
   * The shopper's currency, an ISO 4217 code ("EUR"; lowercase accepted). Prices are never compared
   * across currencies: price filters apply within it; the price sort orders the products buyable in
   * it by their lowest total there, then the others grouped by their main currency (each group by
   * its own totals), then the products nothing of which is buyable. The delivery sort breaks ties
   * the same way. Default: the currency most matching products (price filters aside) have offers in.
   */
  currency?: string;
  /** 1-based. */
  page?: number;
  perPage?: number;
}

export interface SearchHit {
  productId: number;
  title: string;
  brand: string | null;
  category: string | null;
  image: string | null;
  /**
   * Lowest buyable price and total, in `currency`: the result's currency when the product is
   * buyable in it, else the product's main one. Null when nothing is buyable now.
   */
  lowestPrice: string | null;
  lowestTotal: string | null;
  currency: string | null;
  storeCount: number;
  fastestDeliveryDays: number | null;
  inStock: boolean;
}

export interface FacetValue {
  value: string;
  count: number;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  page: number;
  perPage: number;
  /** The currency prices were sorted and filtered in (asked for, or the default); null without prices. */
  currency: string | null;
  facets: {
    category: FacetValue[];
    brand: FacetValue[];
    store: FacetValue[];
    /** Currencies of the matching products' offers, by products: the choices of `currency`. */
    currency: FacetValue[];
  };
  /** Which engine answered: 'postgres' or 'typesense'. */
  engine: string;
}

export type ReindexPhase = 'documents' | 'index';

export interface SearchEngine {
  readonly name: string;
  search(query: SearchQuery): Promise<SearchResult>;
  /** Brings these products' documents up to date from Postgres (upserts, and deletes the vanished). */
  syncProducts(productIds: number[]): Promise<void>;
  /**
   * Rebuilds every document from Postgres. Progress comes per phase: 'documents' (product_search
   * rows recomputed, counted in products) then, for external engines, 'index' (documents sent).
   */
  reindexAll(onProgress?: (done: number, total: number, phase?: ReindexPhase) => void): Promise<{ documents: number }>;
  close(): Promise<void>;
}
