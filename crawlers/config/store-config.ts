// Store definitions: one validated file lists every store Tulna crawls.
// A bad file fails at start with the exact field and the reason.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Cron } from 'croner';
import type { NewStore } from '../../db/schema.ts';

const selectorsSchema = z
  .object({
    title: z.string(),
    price: z.string(),
    listPrice: z.string(),
    currency: z.string(),
    availability: z.string(),
    sku: z.string(),
    brand: z.string(),
    gtin: z.string(),
    mpn: z.string(),
    image: z.string(),
    category: z.string(),
    shipping: z.string(),
    delivery: z.string(),
    seller: z.string(),
    // Marketplaces: each seller's offer row, and the fields read inside it.
    offer: z.string(),
    offerSeller: z.string(),
    offerPrice: z.string(),
    offerShipping: z.string(),
    offerDelivery: z.string(),
    offerCondition: z.string(),
    offerAvailability: z.string(),
  })
  .partial()
  .strict();

const cronSchema = z.string().refine(
  (expression) => {
    try {
      new Cron(expression, { paused: true }).stop();
      return true;
    } catch {
      return false;
    }
  },
  { message: 'is not a valid cron expression (e.g. "0 */6 * * *")' },
);

export const politenessSchema = z
  .object({
    /** Parallel requests to one host. */
    concurrency: z.number().int().min(1).max(32).default(2),
    /** Requests per second to one host (before robots.txt crawl-delay, which wins when slower). */
    requestsPerSecond: z.number().positive().max(100).default(2),
    /** Per-request time limit. */
    timeoutMs: z.number().int().min(100).max(120_000).default(15_000),
    /** Largest body read; larger responses are cut off and recorded as errors. */
    maxBodyBytes: z.number().int().min(1024).max(50_000_000).default(5_000_000),
    /** Retries for 5xx, 429 and network errors, with exponential backoff and jitter. */
    maxRetries: z.number().int().min(0).max(10).default(3),
    /** Skip robots.txt only for stores we run ourselves (never for third parties). */
    ignoreRobots: z.boolean().default(false),
  })
  .strict();

/** A regular expression's source, checked at the door (a bad one would otherwise fail a crawl). */
const regexSource = z
  .string()
  .max(1_000)
  .refine(
    (source) => {
      try {
        new RegExp(source, 'i');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'is not a valid regular expression' },
  );

/** Page kinds: find product page URLs, then fetch and extract each page. */
const pageDiscoverySchemas = [
  z
    .object({
      kind: z.literal('sitemap'),
      url: z.string().url().optional(),
      /** Only sitemap URLs matching this regular expression are product pages (default: all). */
      productUrlPattern: regexSource.optional(),
      /**
       * Only child sitemaps of an index matching this regular expression are read (default: all):
       * the product sitemaps of a platform that splits them by type (BigCommerce's ?type=products).
       */
      sitemapUrlPattern: regexSource.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('start-pages'),
      urls: z.array(z.string().url()).min(1),
      /** Links to follow from the start pages (product pages and pagination). */
      productLinkPattern: regexSource.optional(),
      maxPages: z.number().int().positive().default(5_000),
    })
    .strict(),
  z.object({ kind: z.literal('urls'), urls: z.array(z.string().url()).min(1) }).strict(),
] as const;

/**
 * Structured kinds: the store publishes its catalogue as data (a platform's product API or a
 * product feed), so a few requests read every listing and no product page is fetched.
 *
 * They live in the discovery union rather than in a separate `source` field: both answer the one
 * question "where does a crawl learn this store's products", a store has exactly one answer, and
 * the discriminated union says so without cross-field rules ("discovery or source, never both").
 */
const structuredSourceSchemas = [
  z
    .object({
      kind: z.literal('shopify'),
      /** `/products.json` pages read at most (250 products each). */
      maxPages: z.number().int().positive().max(1_000).default(200),
    })
    .strict(),
  z
    .object({
      kind: z.literal('woocommerce'),
      /** Store API pages read at most (100 products each). */
      maxPages: z.number().int().positive().max(2_000).default(500),
    })
    .strict(),
  z
    .object({
      kind: z.literal('magento'),
      /** Magento 2 GraphQL `products` pages read at most (100 products each). */
      maxPages: z.number().int().positive().max(2_000).default(500),
    })
    .strict(),
  z
    .object({
      kind: z.literal('merchant-feed'),
      /** The product feed: Google Merchant Center or Meta catalogue; RSS 2.0/Atom XML, TSV or CSV; gzip or not. */
      url: z.string().url(),
      /** Records read at most (default 2,000,000; the feed is streamed, with no byte cap below 2 GB); past it the read is incomplete. */
      maxRecords: z.number().int().positive().max(50_000_000).optional(),
      /** Default 'auto': XML, TSV and CSV told apart by the feed's first characters. */
      format: z.enum(['auto', 'xml', 'tsv', 'csv']).optional(),
    })
    .strict(),
] as const;

export const discoverySchema = z.discriminatedUnion('kind', [...pageDiscoverySchemas, ...structuredSourceSchemas]);

export const STRUCTURED_SOURCE_KINDS = ['shopify', 'woocommerce', 'magento', 'merchant-feed'] as const;

export type Discovery = z.infer<typeof discoverySchema>;
export type StructuredSource = Extract<Discovery, { kind: (typeof STRUCTURED_SOURCE_KINDS)[number] }>;
export type PageDiscovery = Exclude<Discovery, StructuredSource>;

/** True when the store's catalogue is read from an API or feed instead of its product pages. */
export function isStructuredSource(discovery: Discovery): discovery is StructuredSource {
  return (STRUCTURED_SOURCE_KINDS as readonly string[]).includes(discovery.kind);
}

const iso4217 = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code in capitals, such as "INR" or "EUR"');

export const storeConfigSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes'),
    name: z.string().min(1),
    baseUrl: z.string().url(),
    /** Hosts this store's pages live on; `*.` matches any subdomain (one config, every country). */
    hostPatterns: z.array(z.string().min(1)).min(1),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code such as "IN"')
      .optional(),
    currency: iso4217,
    /** How the store's pages are read best; extraction still tries every source in order. */
    sourceKind: z.enum(['jsonld', 'microdata', 'opengraph', 'html', 'browser']).default('jsonld'),
    discovery: discoverySchema,
    schedule: cronSchema.default('0 */6 * * *'),
    politeness: politenessSchema.default({}),
    selectors: selectorsSchema.optional(),
    /** Stores Tulna serves itself (the demo stores). */
    demo: z.boolean().default(false),
  })
  .strict();

export const storesFileSchema = z
  .object({ stores: z.array(storeConfigSchema) })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.stores.forEach((store, index) => {
      if (seen.has(store.id)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['stores', index, 'id'], message: `duplicate store id "${store.id}"` });
      }
      seen.add(store.id);
    });
  });

export type StoreConfig = z.infer<typeof storeConfigSchema>;
export type StoreConfigInput = z.input<typeof storeConfigSchema>;
export type Politeness = z.infer<typeof politenessSchema>;

export class StoreConfigError extends Error {
  constructor(
    readonly source: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(
      `Invalid store configuration in ${source}:\n` +
        issues.map((issue) => `  - ${issue.path || '(root)'}: ${issue.message}`).join('\n'),
    );
    this.name = 'StoreConfigError';
  }
}

function formatPath(path: (string | number)[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}

/** Validates parsed JSON; `source` names the file in error messages. */
export function parseStoresConfig(input: unknown, source = 'store configuration'): StoreConfig[] {
  const result = storesFileSchema.safeParse(input);
  if (!result.success) {
    throw new StoreConfigError(
      source,
      result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
    );
  }
  return result.data.stores;
}

export function loadStoresConfig(path: string): StoreConfig[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the store configuration ${path}: ${(error as Error).message}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StoreConfigError(path, [{ path: '', message: `not valid JSON: ${(error as Error).message}` }]);
  }
  return parseStoresConfig(json, path);
}

/** True when `host` matches a pattern: exact, or `*.example.com` for any subdomain (and the apex). */
export function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p.startsWith('*.')) {
    const apex = p.slice(2);
    return h === apex || h.endsWith(`.${apex}`);
  }
  return p === h;
}

/** The store whose host patterns match the URL's host (and port, when the pattern names one). */
export function findStoreForUrl(stores: StoreConfig[], url: string): StoreConfig | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return stores.find((store) =>
    store.hostPatterns.some((pattern) => hostMatches(pattern, pattern.includes(':') ? parsed.host : parsed.hostname)),
  );
}

/** The stores table's row of a configured store (what a crawl, or the demo retailer's claim, writes first). */
export function storeRowOf(store: StoreConfig): NewStore {
  return {
    id: store.id,
    name: store.name,
    baseUrl: store.baseUrl,
    country: store.country ?? null,
    currency: store.currency,
    sourceKind: store.sourceKind,
    schedule: store.schedule,
    politeness: store.politeness,
  };
}
