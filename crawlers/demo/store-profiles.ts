// The five demo stores: who they are, what they stock, how they price, ship and name things,
// and how their URLs look. Templates (how their pages look) live in templates/.
import type { DemoCategory, DemoProduct } from './catalogue/index.ts';
import { slugify } from './catalogue/index.ts';
import type { MarketProfile } from './market.ts';
import { hash53, intBetween, unit } from './random.ts';
import { bazaarTitle, euroTitle, marketplaceTitle, shopifyOptions, shopTitle } from './titles.ts';

export type DemoStoreKind =
  | 'jsonld'
  | 'microdata'
  | 'html'
  | 'sitemap'
  | 'shopify'
  /** Product pages are script shells: the price appears only after their JavaScript runs. */
  | 'browser'
  /** A Magento 2 shop: its public GraphQL catalogue at /graphql. */
  | 'magento'
  /** An OpenCart shop: index.php?route=product/product&product_id= pages. */
  | 'opencart'
  /** A marketplace: several sellers' offers on one product page. */
  | 'marketplace'
  /** A Facebook/Instagram shop publishing a Meta catalogue feed (TSV). */
  | 'meta-feed';

export interface CategoryPage {
  category: DemoCategory;
  page: number;
}

export interface DemoStoreProfile {
  id: string;
  name: string;
  tagline: string;
  kind: DemoStoreKind;
  currency: 'INR' | 'EUR';
  country: 'IN' | 'IE';
  /** The store's time zone as a fixed offset from UTC (delivery dates are written in it). */
  tzOffsetMinutes: number;
  market: MarketProfile;
  /** Share of the catalogue it carries (of the products it may carry). */
  coverage: number;
  /** Carries whole product lines (every variant of a family) rather than single products. */
  carriesWholeFamilies?: boolean;
  /** Only products sold outside India (the euro store). */
  globalOnly: boolean;
  /** Share of its listings whose page shows the GTIN (when the product has one). */
  gtinShown: number;
  /** robots.txt Crawl-delay in seconds, or null. */
  crawlDelay: number | null;
  perPage: number;
  categories: Record<DemoCategory, { slug: string; label: string }>;
  /** `familySize`: how many variants of the product's family this store carries. */
  title(product: DemoProduct, seed: number, familySize: number): string;
  /** The store's own code for a product (ASIN-like, item id…), unique in the store. */
  code(product: DemoProduct, index: number, seed: number): string;
  productPath(code: string, title: string, variant: { product: DemoProduct; familySize: number }): string;
  /** The code in a product URL, or null when the URL is not a product page. */
  parseProductPath(url: URL): string | null;
  categoryPath(page: CategoryPage): string;
  parseCategoryPath(url: URL): { slug: string; page: number } | null;
  /** Shipping charge in minor units for an item at this price. */
  shippingMinor(priceMinor: number, product: DemoProduct): number;
  /** Delivery window in days from the order day, for one product on one local day. */
  deliveryDays(product: DemoProduct, dayIndex: number, seed: number): { minDays: number; maxDays: number };
}

const bulky = (p: DemoProduct) => p.category === 'tvs' || p.category === 'appliances';

function pageNumber(value: string | null): number {
  if (value === null) return 1;
  return /^[1-9]\d{0,3}$/.test(value) ? Number(value) : NaN;
}

function withPage(path: string, page: number, name = 'page'): string {
  if (page <= 1) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${name}=${page}`;
}

const dukaan: DemoStoreProfile = {
  id: 'demo-dukaan',
  name: 'Dukaan Digital',
  tagline: 'Everything electronic, delivered',
  kind: 'jsonld',
  currency: 'INR',
  country: 'IN',
  tzOffsetMinutes: 330,
  market: { storeId: 'demo-dukaan', currency: 'INR', bias: 1, rounding: 'nines' },
  coverage: 0.75,
  globalOnly: false,
  gtinShown: 0.85,
  crawlDelay: null,
  perPage: 24,
  categories: {
    phones: { slug: 'mobiles', label: 'Mobiles' },
    tvs: { slug: 'televisions', label: 'Televisions' },
    laptops: { slug: 'laptops', label: 'Laptops' },
    appliances: { slug: 'home-kitchen', label: 'Home & Kitchen' },
    accessories: { slug: 'mobile-accessories', label: 'Accessories' },
  },
  title: marketplaceTitle,
  code: (p, _i, seed) => `B0${hash53(`asin/${p.id}`, seed).toString(36).toUpperCase().padStart(8, '0').slice(-8)}`,
  productPath: (code, title) => `/${slugify(title).split('-').slice(0, 8).join('-')}/dp/${code}`,
  parseProductPath: (url) => /^\/[a-z0-9-]+\/dp\/(B0[A-Z0-9]{8})\/?$/.exec(url.pathname)?.[1] ?? null,
  categoryPath: ({ category, page }) => withPage(`/b/${dukaan.categories[category].slug}`, page),
  parseCategoryPath: (url) => {
    const m = /^\/b\/([a-z-]+)\/?$/.exec(url.pathname);
    return m ? { slug: m[1], page: pageNumber(url.searchParams.get('page')) } : null;
  },
  shippingMinor: (price) => (price >= 49_900 ? 0 : 4_000),
  deliveryDays: (p, day, seed) => {
    const fast = intBetween(1, 3, seed, 'dk-days', p.id, day);
    return bulky(p) ? { minDays: fast + 2, maxDays: fast + 4 } : { minDays: fast, maxDays: fast };
  },
};

const bazaar: DemoStoreProfile = {
  id: 'demo-bazaarkart',
  name: 'BazaarKart',
  tagline: 'Big savings, every day',
  kind: 'microdata',
  currency: 'INR',
  country: 'IN',
  tzOffsetMinutes: 330,
  market: { storeId: 'demo-bazaarkart', currency: 'INR', bias: 0.98, rounding: 'nines' },
  coverage: 0.65,
  globalOnly: false,
  gtinShown: 0.5,
  crawlDelay: null,
  perPage: 20,
  categories: {
    phones: { slug: 'mobile-phones', label: 'Mobile Phones' },
    tvs: { slug: 'tv-video', label: 'TVs & Video' },
    laptops: { slug: 'computers-laptops', label: 'Laptops' },
    appliances: { slug: 'large-appliances', label: 'Appliances' },
    accessories: { slug: 'accessories', label: 'Mobile & Laptop Accessories' },
  },
  title: (p) => bazaarTitle(p),
  code: (p, _i, seed) => `itm${hash53(`itm/${p.id}`, seed).toString(16).padStart(14, '0').slice(-13)}`,
  productPath: (code, title) => `/${slugify(title).slice(0, 70).replace(/-+$/, '')}/p/${code}`,
  parseProductPath: (url) => /^\/[a-z0-9-]+\/p\/(itm[0-9a-f]{13})\/?$/.exec(url.pathname)?.[1] ?? null,
  categoryPath: ({ category, page }) => withPage(`/c/${bazaar.categories[category].slug}`, page),
  parseCategoryPath: (url) => {
    const m = /^\/c\/([a-z-]+)\/?$/.exec(url.pathname);
    return m ? { slug: m[1], page: pageNumber(url.searchParams.get('page')) } : null;
  },
  shippingMinor: (price) => (price >= 50_000 ? 0 : 4_000),
  deliveryDays: (p, day, seed) => {
    const d = intBetween(1, 4, seed, 'bk-days', p.id, day);
    return bulky(p) ? { minDays: d + 2, maxDays: d + 2 } : { minDays: d, maxDays: d };
  },
};

const lalaji: DemoStoreProfile = {
  id: 'demo-lalaji',
  name: 'Lalaji Electronics',
  tagline: 'Trusted since 1987, Chandni Chowk',
  kind: 'html',
  currency: 'INR',
  country: 'IN',
  tzOffsetMinutes: 330,
  market: { storeId: 'demo-lalaji', currency: 'INR', bias: 1.02, rounding: 'tens' },
  coverage: 0.45,
  globalOnly: false,
  gtinShown: 0.3,
  crawlDelay: 0.5,
  perPage: 30,
  categories: {
    phones: { slug: 'phones', label: 'Mobiles' },
    tvs: { slug: 'tv', label: 'LED TV' },
    laptops: { slug: 'laptops', label: 'Laptops' },
    appliances: { slug: 'appliances', label: 'Home Appliances' },
    accessories: { slug: 'accessories', label: 'Accessories' },
  },
  title: (p) => shopTitle(p),
  code: (_p, index) => String(1001 + index),
  productPath: (code) => `/item.php?id=${code}`,
  parseProductPath: (url) => (url.pathname === '/item.php' ? (/^\d{4,6}$/.exec(url.searchParams.get('id') ?? '')?.[0] ?? '') : null),
  categoryPath: ({ category, page }) => withPage(`/category.php?cat=${lalaji.categories[category].slug}`, page),
  parseCategoryPath: (url) =>
    url.pathname === '/category.php' ? { slug: url.searchParams.get('cat') ?? '', page: pageNumber(url.searchParams.get('page')) } : null,
  shippingMinor: (price, p) => (price >= 500_000 ? 0 : bulky(p) ? 49_900 : 9_900),
  deliveryDays: (p) => (bulky(p) ? { minDays: 5, maxDays: 7 } : { minDays: 3, maxDays: 5 }),
};

const voltstream: DemoStoreProfile = {
  id: 'demo-voltstream',
  name: 'Voltstream',
  tagline: 'Tech for less, shipped from Dublin',
  kind: 'sitemap',
  currency: 'EUR',
  country: 'IE',
  tzOffsetMinutes: 0,
  market: { storeId: 'demo-voltstream', currency: 'EUR', bias: 1, rounding: 'nines' },
  coverage: 0.85,
  globalOnly: true,
  gtinShown: 0.9,
  crawlDelay: null,
  perPage: 24,
  categories: {
    phones: { slug: 'smartphones', label: 'Smartphones' },
    tvs: { slug: 'televisions', label: 'TVs' },
    laptops: { slug: 'laptops', label: 'Laptops' },
    appliances: { slug: 'home-appliances', label: 'Home appliances' },
    accessories: { slug: 'accessories', label: 'Accessories' },
  },
  title: (p) => euroTitle(p),
  code: (p) => p.id,
  productPath: (code) => `/products/${code}`,
  parseProductPath: (url) => /^\/products\/([a-z0-9-]+)\/?$/.exec(url.pathname)?.[1] ?? null,
  categoryPath: ({ category, page }) => withPage(`/collections/${voltstream.categories[category].slug}`, page),
  parseCategoryPath: (url) => {
    const m = /^\/collections\/([a-z-]+)\/?$/.exec(url.pathname);
    return m ? { slug: m[1], page: pageNumber(url.searchParams.get('page')) } : null;
  },
  shippingMinor: (price) => (price >= 5_000 ? 0 : 495),
  deliveryDays: (p) => (bulky(p) ? { minDays: 4, maxDays: 7 } : { minDays: 2, maxDays: 4 }),
};

/** A Shopify shop (Dawn-like theme): whole product lines, one product per family with its variants. */
const gadgetGali: DemoStoreProfile = {
  id: 'demo-gadgetgali',
  name: 'Gadget Gali',
  tagline: 'A small shop with honest prices',
  kind: 'shopify',
  currency: 'INR',
  country: 'IN',
  tzOffsetMinutes: 330,
  market: { storeId: 'demo-gadgetgali', currency: 'INR', bias: 0.99, rounding: 'nines' },
  coverage: 0.25,
  carriesWholeFamilies: true,
  globalOnly: false,
  gtinShown: 0.9,
  crawlDelay: null,
  perPage: 24,
  categories: {
    phones: { slug: 'phones', label: 'Phones' },
    tvs: { slug: 'tvs', label: 'TVs' },
    laptops: { slug: 'laptops', label: 'Laptops' },
    appliances: { slug: 'home-appliances', label: 'Home Appliances' },
    accessories: { slug: 'accessories', label: 'Accessories' },
  },
  title: (p, _seed, familySize) => (familySize > 1 ? `${p.brand} ${p.family} - ${shopifyOptions(p).join(' / ')}` : `${p.brand} ${p.family}`),
  // Shopify variant ids: 14 digits.
  code: (p, _i, seed) => String(40_000_000_000_000 + (hash53(`variant/${p.id}`, seed) % 9_000_000_000_000)),
  productPath: (code, _title, { product, familySize }) => `/products/${product.familyId}${familySize > 1 ? `?variant=${code}` : ''}`,
  parseProductPath: (url) => /^\/products\/([a-z0-9-]+)\/?$/.exec(url.pathname)?.[1] ?? null,
  categoryPath: ({ category, page }) => withPage(`/collections/${gadgetGali.categories[category].slug}`, page),
  parseCategoryPath: (url) => {
    const m = /^\/collections\/([a-z-]+)\/?$/.exec(url.pathname);
    return m ? { slug: m[1], page: pageNumber(url.searchParams.get('page')) } : null;
  },
  shippingMinor: (price) => (price >= 99_900 ? 0 : 7_900),
  deliveryDays: (p) => (bulky(p) ? { minDays: 4, maxDays: 6 } : { minDays: 2, maxDays: 4 }),
};

/** A marketplace: every product page lists 2–5 sellers' offers (marketplace-sellers.ts), some second-hand. */
const megaMandi: DemoStoreProfile = {
  id: 'demo-megamandi',
  name: 'MegaMandi',
  tagline: 'A thousand sellers, one cart',
  kind: 'marketplace',
  currency: 'INR',
  country: 'IN',
  tzOffsetMinutes: 330,
  market: { storeId: 'demo-megamandi', currency: 'INR', bias: 0.99, rounding: 'nines' },
  coverage: 0.4,
  globalOnly: false,
  gtinShown: 0.7,
  crawlDelay: null,
  perPage: 24,
  categories: {
    phones: { slug: 'smartphones', label: 'Smartphones' },
    tvs: { slug: 'smart-tvs', label: 'Smart TVs' },
    laptops: { slug: 'laptops', label: 'Laptops' },
    appliances: { slug: 'appliances', label: 'Appliances' },
    accessories: { slug: 'accessories', label: 'Accessories' },
  },
  title: marketplaceTitle,
  code: (p, _i, seed) => `MM${hash53(`mm/${p.id}`, seed).toString(36).toUpperCase().padStart(10, '0').slice(-10)}`,
  productPath: (code, title) => `/${slugify(title).split('-').slice(0, 6).join('-')}/item/${code}`,
  parseProductPath: (url) => /^\/[a-z0-9-]+\/item\/(MM[A-Z0-9]{10})\/?$/.exec(url.pathname)?.[1] ?? null,
  categoryPath: ({ category, page }) => withPage(`/s/${megaMandi.categories[category].slug}`, page),
  parseCategoryPath: (url) => {
    const m = /^\/s\/([a-z-]+)\/?$/.exec(url.pathname);
    return m ? { slug: m[1], page: pageNumber(url.searchParams.get('page')) } : null;
  },
  // The buy box's own charge; each seller has its own (marketplace-sellers.ts).
  shippingMinor: (price) => (price >= 49_900 ? 0 : 4_000),
  deliveryDays: (p, day, seed) => {
    const d = intBetween(1, 3, seed, 'mm-days', p.id, day);
    return bulky(p) ? { minDays: d + 2, maxDays: d + 4 } : { minDays: d, maxDays: d + 1 };
  },
};

/** A Magento 2 shop (Luma-like theme) in Ireland: whole product lines as configurable products, read from /graphql. */
const liffey: DemoStoreProfile = {
  id: 'demo-liffey',
  name: 'Liffey Tech',
  tagline: 'Electronics from the quays',
  kind: 'magento',
  currency: 'EUR',
  country: 'IE',
  tzOffsetMinutes: 0,
  market: { storeId: 'demo-liffey', currency: 'EUR', bias: 1.01, rounding: 'nines' },
  coverage: 0.5,
  carriesWholeFamilies: true,
  globalOnly: true,
  gtinShown: 0,
  crawlDelay: null,
  perPage: 12,
  categories: {
    phones: { slug: 'mobile-phones', label: 'Mobile Phones' },
    tvs: { slug: 'televisions', label: 'Televisions' },
    laptops: { slug: 'laptops-notebooks', label: 'Laptops & Notebooks' },
    appliances: { slug: 'home-appliances', label: 'Home Appliances' },
    accessories: { slug: 'accessories', label: 'Accessories' },
  },
  // A variant is named as Magento names a configurable's children ("Parent-Option-Option"); a single product carries its model.
  title: (p, _seed, familySize) =>
    familySize > 1 ? `${p.brand} ${p.family}-${shopifyOptions(p).join('-').replace(/ \/ /g, '-')}` : `${p.brand} ${p.family} (${p.model})`,
  // Magento SKUs: the parent's code with a suffix per variant.
  code: (p, _i, seed) => `LT-${hash53(`sku/${p.id}`, seed).toString(36).toUpperCase().padStart(8, '0').slice(-8)}`,
  // A configurable product's page is its URL key; each variant is named by `?sku=` (as the GraphQL source reads it).
  productPath: (code, _title, { product, familySize }) => `/${product.familyId}.html${familySize > 1 ? `?sku=${code}` : ''}`,
  parseProductPath: (url) => {
    const key = /^\/([a-z0-9-]+)\.html$/.exec(url.pathname)?.[1];
    return key === undefined ? null : (url.searchParams.get('sku') ?? key);
  },
  categoryPath: ({ category, page }) => withPage(`/shop/${liffey.categories[category].slug}.html`, page, 'p'),
  parseCategoryPath: (url) => {
    const m = /^\/shop\/([a-z-]+)\.html$/.exec(url.pathname);
    return m ? { slug: m[1], page: pageNumber(url.searchParams.get('p')) } : null;
  },
  shippingMinor: (price) => (price >= 7_500 ? 0 : 599),
  deliveryDays: (p) => (bulky(p) ? { minDays: 3, maxDays: 6 } : { minDays: 1, maxDays: 3 }),
};

/** An OpenCart shop (default theme): index.php?route=… URLs, numeric product and category ids. */
const mobileMahal: DemoStoreProfile = {
  id: 'demo-mobilemahal',
  name: 'Mobile Mahal',
  tagline: 'Phones and more, Karol Bagh',
  kind: 'opencart',
  currency: 'INR',
  country: 'IN',
  tzOffsetMinutes: 330,
  market: { storeId: 'demo-mobilemahal', currency: 'INR', bias: 1.01, rounding: 'nines' },
  coverage: 0.4,
  globalOnly: false,
  gtinShown: 0.4,
  crawlDelay: null,
  perPage: 15,
  categories: {
    phones: { slug: '24', label: 'Phones & PDAs' },
    tvs: { slug: '29', label: 'Televisions' },
    laptops: { slug: '18', label: 'Laptops & Notebooks' },
    appliances: { slug: '31', label: 'Home Appliances' },
    accessories: { slug: '25', label: 'Components & Accessories' },
  },
  title: (p) => `${p.brand} ${p.family} [${shopifyOptions(p).join(', ')}]`,
  code: (_p, index) => String(40 + index),
  productPath: (code) => `/index.php?route=product/product&product_id=${code}`,
  parseProductPath: (url) =>
    url.pathname === '/index.php' && url.searchParams.get('route') === 'product/product'
      ? (/^\d{1,9}$/.exec(url.searchParams.get('product_id') ?? '')?.[0] ?? '')
      : null,
  categoryPath: ({ category, page }) => withPage(`/index.php?route=product/category&path=${mobileMahal.categories[category].slug}`, page),
  parseCategoryPath: (url) =>
    url.pathname === '/index.php' && url.searchParams.get('route') === 'product/category'
      ? { slug: url.searchParams.get('path') ?? '', page: pageNumber(url.searchParams.get('page')) }
      : null,
  shippingMinor: (price, p) => (price >= 100_000 ? 0 : bulky(p) ? 29_900 : 5_000),
  deliveryDays: (p) => (bulky(p) ? { minDays: 4, maxDays: 6 } : { minDays: 2, maxDays: 3 }),
};

/** A single-page-app shop: product pages are script shells that fetch /api/product/<code>.json and build the page. */
const pixelHaat: DemoStoreProfile = {
  id: 'demo-pixelhaat',
  name: 'Pixel Haat',
  tagline: 'Gadgets, freshly rendered',
  kind: 'browser',
  currency: 'INR',
  country: 'IN',
  tzOffsetMinutes: 330,
  market: { storeId: 'demo-pixelhaat', currency: 'INR', bias: 1.01, rounding: 'nines' },
  coverage: 0.35,
  globalOnly: false,
  gtinShown: 0.8,
  crawlDelay: null,
  perPage: 24,
  categories: {
    phones: { slug: 'phones', label: 'Phones' },
    tvs: { slug: 'tvs', label: 'TVs' },
    laptops: { slug: 'laptops', label: 'Laptops' },
    appliances: { slug: 'appliances', label: 'Appliances' },
    accessories: { slug: 'accessories', label: 'Accessories' },
  },
  // Its own style (every store names a product its own way): "Samsung Galaxy M14 5G · 4GB / 128GB · Silver".
  title: (p) => [`${p.brand} ${p.family}`, ...shopifyOptions(p)].join(' · '),
  code: (p, _i, seed) => `ph${hash53(`ph/${p.id}`, seed).toString(16).padStart(8, '0').slice(-8)}`,
  productPath: (code) => `/product/${code}`,
  parseProductPath: (url) => /^\/product\/(ph[0-9a-f]{8})\/?$/.exec(url.pathname)?.[1] ?? null,
  categoryPath: ({ category, page }) => withPage(`/category/${pixelHaat.categories[category].slug}`, page),
  parseCategoryPath: (url) => {
    const m = /^\/category\/([a-z-]+)\/?$/.exec(url.pathname);
    return m ? { slug: m[1], page: pageNumber(url.searchParams.get('page')) } : null;
  },
  shippingMinor: (price) => (price >= 99_900 ? 0 : 5_900),
  deliveryDays: (p) => (bulky(p) ? { minDays: 3, maxDays: 6 } : { minDays: 1, maxDays: 3 }),
};

/** A Facebook/Instagram shop: its catalogue is a Meta catalogue feed (TSV, gzipped), some items second-hand. */
const rangoli: DemoStoreProfile = {
  id: 'demo-rangoli',
  name: 'Rangoli Gadgets',
  tagline: 'Gadgets we love, new and pre-loved',
  kind: 'meta-feed',
  currency: 'INR',
  country: 'IN',
  tzOffsetMinutes: 330,
  market: { storeId: 'demo-rangoli', currency: 'INR', bias: 0.97, rounding: 'nines' },
  coverage: 0.3,
  carriesWholeFamilies: true,
  globalOnly: false,
  gtinShown: 0.6,
  crawlDelay: null,
  perPage: 18,
  categories: {
    phones: { slug: 'phones', label: 'Phones' },
    tvs: { slug: 'tvs', label: 'TVs' },
    laptops: { slug: 'laptops', label: 'Laptops' },
    appliances: { slug: 'home', label: 'Home' },
    accessories: { slug: 'accessories', label: 'Accessories' },
  },
  title: (p, _seed, familySize) => (familySize > 1 ? `${p.brand} ${p.family} (${shopifyOptions(p).join(', ')})` : `${p.brand} ${p.family}`),
  code: (p, _i, seed) => `rg${hash53(`rg/${p.id}`, seed).toString(36).padStart(10, '0').slice(-10)}`,
  productPath: (code) => `/shop/${code}`,
  parseProductPath: (url) => /^\/shop\/(rg[0-9a-z]{10})\/?$/.exec(url.pathname)?.[1] ?? null,
  categoryPath: ({ category, page }) => withPage(`/c/${rangoli.categories[category].slug}`, page),
  parseCategoryPath: (url) => {
    const m = /^\/c\/([a-z-]+)\/?$/.exec(url.pathname);
    return m ? { slug: m[1], page: pageNumber(url.searchParams.get('page')) } : null;
  },
  shippingMinor: (price) => (price >= 49_900 ? 0 : 4_900),
  deliveryDays: (p) => (bulky(p) ? { minDays: 4, maxDays: 7 } : { minDays: 2, maxDays: 5 }),
};

export const demoStoreProfiles: readonly DemoStoreProfile[] = [dukaan, bazaar, lalaji, voltstream, gadgetGali, megaMandi, liffey, mobileMahal, pixelHaat, rangoli];

/** One product as one store lists it. */
export interface StoreListing {
  product: DemoProduct;
  code: string;
  title: string;
  path: string;
  /** Whether this store prints the product's GTIN on its page (never when the product has none). */
  showsGtin: boolean;
}

/** The products a store carries, in catalogue order, with their store codes, titles and paths. */
export function storeListings(profile: DemoStoreProfile, catalogue: DemoProduct[], seed: number): StoreListing[] {
  const listings: StoreListing[] = [];
  const codes = new Set<string>();
  const carries = (product: DemoProduct) =>
    !(profile.globalOnly && !product.global) &&
    unit(seed, 'carries', profile.id, profile.carriesWholeFamilies ? product.familyId : product.id) < profile.coverage;
  const familySizes = new Map<string, number>();
  for (const product of catalogue) {
    if (carries(product)) familySizes.set(product.familyId, (familySizes.get(product.familyId) ?? 0) + 1);
  }
  catalogue.forEach((product, index) => {
    if (!carries(product)) return;
    const code = profile.code(product, index, seed);
    if (codes.has(code)) throw new Error(`Demo store ${profile.id}: expected unique product codes, found "${code}" twice`);
    codes.add(code);
    const familySize = familySizes.get(product.familyId) ?? 1;
    const title = profile.title(product, seed, familySize);
    listings.push({
      product,
      code,
      title,
      path: profile.productPath(code, title, { product, familySize }),
      showsGtin: product.gtin !== null && unit(seed, 'shows-gtin', profile.id, product.id) < profile.gtinShown,
    });
  });
  return listings;
}
