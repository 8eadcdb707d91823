// The shapes of platform detection: what a page gives to the fingerprints, what they find, and
// what a platform brings to a store configuration.

export const PLATFORM_IDS = ['shopify', 'woocommerce', 'magento', 'prestashop', 'opencart', 'bigcommerce'] as const;
export type PlatformId = (typeof PLATFORM_IDS)[number];

/** Where on a page a signal was seen. Visible text is never read: a page that talks about a platform is not one. */
export type SignalPlace = 'markup' | 'script' | 'header' | 'cookie' | 'generator' | 'endpoint';

/** One thing seen that points to a platform. */
export interface Evidence {
  /** In words, for the operator: "asset from cdn.shopify.com". */
  signal: string;
  where: SignalPlace;
  /** How much it counts (see score.ts for the thresholds). */
  weight: number;
  /** A short piece of what matched. */
  excerpt?: string;
}

/** A page split into the parts fingerprints read (see page-parts.ts). */
export interface PageParts {
  /** Every start tag with its attributes ("<script src=…>"), one a line: never the text between tags. */
  markup: string;
  /** The code of inline scripts (JSON-LD blocks left out: they hold shop text). */
  scripts: string;
  /** Response headers as "name: value" lines, names lower-cased. */
  headers: string;
  /** Names of the cookies the response sets. */
  cookies: string[];
  /** <meta name="generator"> values. */
  generators: string[];
}

/** A pattern to look for in one part of a page. */
export interface Signal {
  where: Exclude<SignalPlace, 'endpoint'>;
  pattern: RegExp;
  weight: number;
  signal: string;
}

/** What a platform's public endpoint told about the shop. */
export interface ProbeFacts {
  /** What answered, in words ("/products.json listed 1 product"). */
  detail: string;
  currency?: string;
  name?: string;
  /** A product page to sample (markup kind, currency). */
  productUrl?: string;
}

/** A public endpoint only the platform answers, proving it. */
export interface PlatformProbe {
  /** Below the shop root, with its query ("products.json?limit=1"). */
  path: string;
  /** The endpoint's JSON: what it tells, or why it is not the platform's answer. */
  read(json: unknown, shopRoot: string): ProbeFacts | { error: string };
}

/** How a platform's product pages are found when no API lists them. */
export interface PlatformPages {
  /** Product page URLs (a regular expression over the absolute URL, case-insensitive), when the platform has a shape. */
  productUrlPattern?: string;
  /** Category (listing) page links on the home page: the start pages. */
  categoryLinkPattern?: string;
  /** Sitemaps the platform publishes by default, below the shop root. */
  sitemapPaths: string[];
  /** The child sitemaps of its index that list product pages, when it splits them by type. */
  productSitemapPattern?: string;
}

export interface PlatformFingerprint {
  platform: PlatformId;
  label: string;
  signals: readonly Signal[];
  /** The platform's public catalogue API, read by a structured source (the discovery kind of the same name). */
  api?: PlatformProbe;
  pages: PlatformPages;
  /** Facts the platform prints into its pages (Shopify.currency…). */
  pageFacts?(parts: PageParts): { currency?: string; country?: string };
}

/** One platform's evidence on a page. */
export interface PlatformScore {
  platform: PlatformId;
  label: string;
  score: number;
  evidence: Evidence[];
}
