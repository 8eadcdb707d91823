// One search interface, two engines: Postgres itself (embedded default) and Typesense.

export type SearchSort = 'relevance' | 'price' | 'delivery';

export interface SearchFilters {
  category?: string[];
  brand?: string[];
  store?: string[];
  /** Inclusive bounds on the lowest total price (price + shipping), exact decimal strings. */
  priceMin?: string;
  priceMax?: string;
  inStock?: boolean;
  /** Some offer arrives within one day. */
  deliversByTomorrow?: boolean;
}

export interface SearchQuery {
  /** Free text as typed: any length, any character; typos tolerated. Empty = browse. */
  q: string;
  filters?: SearchFilters;
  sort?: SearchSort;
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
  facets: {
    category: FacetValue[];
    brand: FacetValue[];
    store: FacetValue[];
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
