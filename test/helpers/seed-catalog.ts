// A small catalogue writer for search tests: stores, products and their listings inserted directly.
import type { Database } from '../../db/client.ts';
import { listings, products, stores } from '../../db/schema.ts';
import type { Availability, ListingStatus } from '../../domain/availability.ts';

export interface SeedListing {
  store: string;
  title?: string;
  price: string | null;
  shippingCost?: string | null;
  currency?: string;
  availability?: Availability;
  deliveryMinDays?: number | null;
  status?: ListingStatus;
  brand?: string | null;
  gtin?: string | null;
  category?: string | null;
  image?: string | null;
}

export interface SeedProduct {
  /** Name the test uses to find the product's id again. */
  key: string;
  title: string;
  brand?: string | null;
  model?: string | null;
  category?: string | null;
  gtins?: string[];
  image?: string | null;
  listings: SeedListing[];
}

export interface SeededCatalog {
  productIds: Record<string, number>;
  listingIds: Record<string, number[]>;
}

let urlCounter = 0;

/** Inserts the stores (id = name, lowercased) that the listings mention, then products and listings. */
export async function seedCatalog(db: Database, catalog: SeedProduct[]): Promise<SeededCatalog> {
  const storeIds = [...new Set(catalog.flatMap((p) => p.listings.map((l) => l.store)))];
  if (storeIds.length > 0) {
    await db
      .insert(stores)
      .values(storeIds.map((id) => ({ id, name: id.toUpperCase(), baseUrl: `https://${id}.example`, currency: 'EUR', sourceKind: 'jsonld' })))
      .onConflictDoNothing();
  }
  const seeded: SeededCatalog = { productIds: {}, listingIds: {} };
  for (const product of catalog) {
    const [row] = await db
      .insert(products)
      .values({
        title: product.title,
        brand: product.brand ?? null,
        model: product.model ?? null,
        category: product.category ?? null,
        gtins: product.gtins ?? [],
        image: product.image ?? null,
      })
      .returning({ id: products.id });
    seeded.productIds[product.key] = Number(row.id);
    seeded.listingIds[product.key] = [];
    for (const listing of product.listings) {
      urlCounter += 1;
      const [inserted] = await db
        .insert(listings)
        .values({
          storeId: listing.store,
          url: `https://${listing.store}.example/p/${urlCounter}`,
          title: listing.title ?? product.title,
          brand: listing.brand ?? null,
          gtin: listing.gtin ?? null,
          category: listing.category ?? null,
          image: listing.image ?? null,
          price: listing.price,
          shippingCost: listing.shippingCost ?? null,
          currency: listing.currency ?? 'EUR',
          availability: listing.availability ?? 'in_stock',
          deliveryMinDays: listing.deliveryMinDays ?? null,
          status: listing.status ?? 'active',
          productId: Number(row.id),
        })
        .returning({ id: listings.id });
      seeded.listingIds[product.key].push(Number(inserted.id));
    }
  }
  return seeded;
}

/** The catalogue the shared search behaviour suite runs on. */
export const behaviourCatalog: SeedProduct[] = [
  {
    key: 'galaxyS24',
    title: 'Samsung Galaxy S24 Ultra 256GB Titanium Black',
    brand: 'Samsung',
    model: 'SM-S928B',
    category: 'Phones',
    gtins: ['08806095299734'],
    listings: [
      { store: 'alpha', price: '1199.00', shippingCost: '0', deliveryMinDays: 1 },
      { store: 'beta', title: 'SAMSUNG Galaxy S24 Ultra (256 GB) schwarz', price: '1149.00', shippingCost: '9.99', deliveryMinDays: 3 },
    ],
  },
  {
    key: 'galaxyA55',
    title: 'Samsung Galaxy A55 5G 128GB Navy',
    brand: 'Samsung',
    model: 'SM-A556B',
    category: 'Phones',
    listings: [{ store: 'beta', price: '379.00', shippingCost: '4.99', deliveryMinDays: 2 }],
  },
  {
    key: 'iphone15',
    title: 'Apple iPhone 15 128GB Blue',
    brand: 'Apple',
    model: 'A3090',
    category: 'Phones',
    gtins: ['00195949036415'],
    listings: [
      { store: 'alpha', price: '799.00', deliveryMinDays: 1 },
      { store: 'gamma', price: '749.00', availability: 'out_of_stock', deliveryMinDays: 0 },
    ],
  },
  {
    key: 'pixel8',
    title: 'Google Pixel 8 Pro 128GB Obsidian',
    brand: 'Google',
    category: 'Phones',
    listings: [{ store: 'gamma', price: '899.00', availability: 'out_of_stock', deliveryMinDays: 1 }],
  },
  {
    key: 'galaxyTab',
    title: 'Samsung Galaxy Tab S9 11" WiFi 128GB',
    brand: 'Samsung',
    category: 'Tablets',
    listings: [{ store: 'gamma', price: '649.00', shippingCost: '5.00', deliveryMinDays: 4 }],
  },
  {
    key: 'sonyHeadphones',
    title: 'Sony WH-1000XM5 Wireless Noise Cancelling Headphones',
    brand: 'Sony',
    category: 'Headphones',
    listings: [
      { store: 'alpha', price: '299.00', deliveryMinDays: 2 },
      { store: 'beta', price: '279.00', deliveryMinDays: 5 },
    ],
  },
  {
    key: 'macbook',
    title: 'Apple MacBook Air 13" M3 8GB 256GB Midnight',
    brand: 'Apple',
    category: 'Laptops',
    listings: [{ store: 'beta', price: '1099.00', deliveryMinDays: 2 }],
  },
  {
    key: 'lonely',
    title: 'Logitech MX Master 3S Mouse',
    brand: 'Logitech',
    category: 'Accessories',
    listings: [{ store: 'alpha', price: '99.00', deliveryMinDays: 1 }],
  },
];

/**
 * Offers in two currencies, for sorting and filtering within one currency: prices that must never
 * be ordered as one number, and "from" figures that only buyable offers may set.
 */
export const currencyCatalog: SeedProduct[] = [
  { key: 'eurCheap', title: 'Anker Nano Charger 20W', brand: 'Anker', listings: [{ store: 'eu1', price: '10.94' }] },
  { key: 'inrOnly', title: 'boAt Airdopes 141', brand: 'boAt', listings: [{ store: 'in1', price: '279', currency: 'INR' }] },
  { key: 'eurDear', title: 'Bose QuietComfort Earbuds', brand: 'Bose', listings: [{ store: 'eu1', price: '298.99' }] },
  {
    // The cheap EUR offer is out of stock: the only buyable one is in INR.
    key: 'mixed',
    title: 'Xiaomi Redmi Buds 5',
    brand: 'Xiaomi',
    listings: [
      { store: 'eu2', price: '42.94', availability: 'out_of_stock' },
      { store: 'in1', price: '2699', currency: 'INR' },
    ],
  },
  {
    key: 'both',
    title: 'JBL Tune 520BT Headphones',
    brand: 'JBL',
    listings: [
      { store: 'eu1', price: '50' },
      { store: 'eu2', price: '55', availability: 'discontinued' },
      { store: 'in1', price: '4000', currency: 'INR' },
    ],
  },
  { key: 'preorder', title: 'Nothing Ear 3', brand: 'Nothing', listings: [{ store: 'eu2', price: '100', availability: 'preorder' }] },
  { key: 'soldOut', title: 'Sony WF-C500 Earbuds', brand: 'Sony', listings: [{ store: 'eu1', price: '5.00', availability: 'out_of_stock' }] },
  { key: 'unknown', title: 'Jabra Elite 4 Earbuds', brand: 'Jabra', listings: [{ store: 'eu2', price: '1.00', availability: 'unknown' }] },
];
