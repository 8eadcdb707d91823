// `tulna bench search [--driver pglite|postgres] [--listings 100000] [--limit 400]`: a seeded synthetic
// electronics catalogue in a fresh database, product_search refreshed, then a mix of shopper queries
// timed one at a time. Last line: `search latency: p50 X ms, p95 Y ms (driver, N listings)`.
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { refreshAllProductSearch } from '../../db/queries/product-search.ts';
import { openTempDatabase } from './temp-database.ts';
import { listings, products, stores, type NewListing } from '../../db/schema.ts';
import { createPostgresSearch } from '../../search/postgres-engine.ts';
import type { SearchQuery } from '../../search/types.ts';
import type { Availability } from '../../domain/availability.ts';
import { seededRandom } from './seeded-random.ts';

const INSERT_BATCH = 1000;


interface Family {
  category: string;
  brands: string[];
  series: string[];
  specs: string[][];
  price: [number, number];
}

const COLOURS = ['Black', 'White', 'Silver', 'Blue', 'Graphite', 'Green', 'Midnight', 'Titanium', 'Red', 'Gold'];
const FAMILIES: Family[] = [
  { category: 'Phones', brands: ['Samsung', 'Apple', 'Google', 'Xiaomi', 'OnePlus', 'Motorola', 'Nokia', 'Sony', 'Oppo'], series: ['Galaxy S', 'Galaxy A', 'iPhone', 'Pixel', 'Redmi Note', 'Nord', 'Moto G', 'Xperia', 'Reno'], specs: [['64GB', '128GB', '256GB', '512GB'], ['5G', '4G', 'Dual SIM']], price: [120, 1500] },
  { category: 'Laptops', brands: ['Lenovo', 'HP', 'Dell', 'Asus', 'Acer', 'Apple', 'MSI', 'Microsoft'], series: ['ThinkPad X1', 'IdeaPad', 'Pavilion', 'EliteBook', 'XPS', 'Inspiron', 'ZenBook', 'VivoBook', 'Aspire', 'MacBook Air', 'MacBook Pro', 'Surface Laptop'], specs: [['8GB RAM', '16GB RAM', '32GB RAM'], ['256GB SSD', '512GB SSD', '1TB SSD'], ['13.3"', '14"', '15.6"', '16"']], price: [350, 3200] },
  { category: 'TVs', brands: ['LG', 'Samsung', 'Sony', 'Philips', 'TCL', 'Hisense', 'Panasonic'], series: ['OLED C3', 'QLED Q80', 'Bravia XR', 'Ambilight', 'Crystal UHD', 'NanoCell', 'Mini LED'], specs: [['43"', '50"', '55"', '65"', '75"'], ['4K', '8K', 'Full HD'], ['Smart TV', 'Google TV', 'webOS']], price: [250, 4000] },
  { category: 'Headphones', brands: ['Sony', 'Bose', 'Sennheiser', 'JBL', 'Apple', 'Beats', 'Jabra', 'Anker'], series: ['WH-1000XM5', 'QuietComfort', 'Momentum', 'Tune', 'AirPods Pro', 'Studio Pro', 'Elite', 'Soundcore Life'], specs: [['Wireless', 'Wired', 'True Wireless'], ['Noise Cancelling', 'Over-Ear', 'In-Ear']], price: [25, 500] },
  { category: 'Tablets', brands: ['Apple', 'Samsung', 'Lenovo', 'Xiaomi', 'Amazon'], series: ['iPad', 'iPad Air', 'Galaxy Tab S', 'Tab P', 'Pad', 'Fire HD'], specs: [['64GB', '128GB', '256GB'], ['WiFi', 'WiFi + Cellular'], ['10.9"', '11"', '12.9"']], price: [90, 1600] },
  { category: 'Cameras', brands: ['Canon', 'Nikon', 'Sony', 'Fujifilm', 'Panasonic', 'GoPro'], series: ['EOS R', 'Z', 'Alpha', 'X-T', 'Lumix', 'Hero'], specs: [['Body', 'Kit 18-55mm', 'Kit 24-105mm'], ['24MP', '33MP', '45MP']], price: [300, 4500] },
  { category: 'Smartwatches', brands: ['Apple', 'Samsung', 'Garmin', 'Fitbit', 'Huawei', 'Amazfit'], series: ['Watch Series', 'Galaxy Watch', 'Forerunner', 'Fenix', 'Versa', 'Watch GT', 'GTR'], specs: [['41mm', '45mm', '47mm'], ['GPS', 'GPS + Cellular', 'Bluetooth']], price: [60, 1000] },
  { category: 'Monitors', brands: ['Dell', 'LG', 'Samsung', 'BenQ', 'Asus', 'AOC'], series: ['UltraSharp', 'UltraGear', 'Odyssey', 'Zowie', 'ROG Swift', 'ProArt'], specs: [['24"', '27"', '32"', '34"'], ['QHD', '4K UHD', 'Full HD'], ['144Hz', '165Hz', '60Hz', '240Hz']], price: [100, 1800] },
  { category: 'Speakers', brands: ['JBL', 'Bose', 'Sonos', 'Marshall', 'Ultimate Ears', 'Sony'], series: ['Flip', 'Charge', 'SoundLink', 'Era', 'Emberton', 'Boom', 'SRS-XB'], specs: [['Bluetooth', 'WiFi'], ['Waterproof', 'Portable', 'Smart']], price: [30, 900] },
  { category: 'Consoles', brands: ['Sony', 'Microsoft', 'Nintendo', 'Valve'], series: ['PlayStation 5', 'Xbox Series X', 'Xbox Series S', 'Switch OLED', 'Steam Deck'], specs: [['Digital Edition', 'Disc Edition', 'Standard'], ['512GB', '1TB', '64GB']], price: [250, 700] },
];
const STORES = ['northtech', 'pixelmart', 'voltshop', 'gadgetbay', 'megastore', 'citycomputers', 'soundhouse', 'fotoland', 'byteworld', 'shopright', 'elektroking', 'quickbuy'];
const AVAILABILITY: Availability[] = ['in_stock', 'in_stock', 'in_stock', 'in_stock', 'limited', 'out_of_stock', 'preorder', 'unknown'];

interface GeneratedProduct {
  title: string;
  brand: string;
  model: string;
  category: string;
  gtin: string;
  price: number;
}

function gtin14(body13: string): string {
  const digits = body13.split('').map(Number);
  const sum = digits.reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
  return body13 + String((10 - (sum % 10)) % 10);
}

function generateProducts(count: number, random: () => number): GeneratedProduct[] {
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const out: GeneratedProduct[] = [];
  for (let i = 0; i < count; i += 1) {
    const family = pick(FAMILIES);
    const brand = pick(family.brands);
    const series = pick(family.series);
    const number = String(Math.floor(random() * 90) + 2);
    const specs = family.specs.map((options) => pick(options));
    const model = `${brand.slice(0, 2).toUpperCase()}-${Math.floor(random() * 9000 + 1000)}${pick(['', 'B', 'X', 'N'])}`;
    const title = `${brand} ${series} ${number} ${specs.join(' ')} ${pick(COLOURS)}`;
    const [low, high] = family.price;
    const price = Math.round((low + random() * (high - low)) * 100) / 100;
    out.push({ title, brand, model, category: family.category, gtin: gtin14(`0${400_000_000_000 + i * 7919}`), price });
  }
  return out;
}

/** A store's own wording of the product title. */
function storeTitle(p: GeneratedProduct, random: () => number): string {
  const variant = Math.floor(random() * 4);
  if (variant === 0) return p.title;
  if (variant === 1) return `${p.title.toUpperCase().split(' ').slice(0, 3).join(' ')} ${p.title.split(' ').slice(3).join(' ')} (${p.model})`;
  if (variant === 2) return `${p.title} - ${p.category.slice(0, -1)} ${p.model}`;
  return p.title.replace(p.brand, `${p.brand} ${p.category.slice(0, -1)}`);
}

async function seedCatalogue(db: Database, listingCount: number, random: () => number): Promise<GeneratedProduct[]> {
  await db.insert(stores).values(STORES.map((id) => ({ id, name: id, baseUrl: `https://${id}.example`, currency: 'EUR', sourceKind: 'jsonld' })));
  const generated = generateProducts(Math.ceil(listingCount / 3.3), random);
  const ids: number[] = [];
  for (let i = 0; i < generated.length; i += INSERT_BATCH) {
    const rows = await db
      .insert(products)
      .values(generated.slice(i, i + INSERT_BATCH).map((p) => ({ title: p.title, brand: p.brand, model: p.model, category: p.category, gtins: [p.gtin] })))
      .returning({ id: products.id });
    ids.push(...rows.map((r) => Number(r.id)));
  }
  let pending: NewListing[] = [];
  let made = 0;
  const flush = async () => {
    if (pending.length) await db.insert(listings).values(pending);
    pending = [];
  };
  for (let i = 0; made < listingCount; i = (i + 1) % generated.length) {
    const p = generated[i];
    const storeId = STORES[(i * 7 + made) % STORES.length];
    const price = (p.price * (0.9 + random() * 0.2)).toFixed(2);
    pending.push({
      storeId,
      url: `https://${storeId}.example/p/${made}`,
      title: storeTitle(p, random),
      price,
      currency: 'EUR',
      shippingCost: [null, '0', '4.99', '9.99'][Math.floor(random() * 4)],
      availability: AVAILABILITY[Math.floor(random() * AVAILABILITY.length)],
      deliveryMinDays: Math.floor(random() * 6),
      status: random() < 0.03 ? 'gone' : 'active',
      productId: ids[i],
    });
    made += 1;
    if (pending.length === INSERT_BATCH) await flush();
    if (made % 20_000 === 0) process.stderr.write(`  listings: ${made}/${listingCount}\n`);
  }
  await flush();
  return generated;
}

type QueryKind = 'exact' | 'typo' | 'prefix' | 'filtered' | 'sorted' | 'gtin' | 'browse';

function typo(word: string, random: () => number): string {
  if (word.length < 5) return word;
  const at = 1 + Math.floor(random() * (word.length - 2));
  return random() < 0.5 ? word.slice(0, at) + word.slice(at + 1) : word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
}

function queryMix(catalogue: GeneratedProduct[], count: number, random: () => number): Array<{ kind: QueryKind; query: SearchQuery }> {
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const kinds: QueryKind[] = ['exact', 'exact', 'typo', 'typo', 'prefix', 'prefix', 'filtered', 'sorted', 'gtin', 'browse'];
  return Array.from({ length: count }, () => {
    const p = pick(catalogue);
    const words = p.title.toLowerCase().split(' ');
    const kind = pick(kinds);
    switch (kind) {
      case 'exact':
        return { kind, query: { q: words.slice(0, 2 + Math.floor(random() * 3)).join(' ') } };
      case 'typo':
        return { kind, query: { q: words.slice(0, 3).map((w) => typo(w, random)).join(' ') } };
      case 'prefix': {
        const n = 1 + Math.floor(random() * 2);
        return { kind, query: { q: `${words.slice(0, n).join(' ')} ${words[n].slice(0, 1 + Math.floor(random() * 3))}`.trim() } };
      }
      case 'filtered':
        return { kind, query: { q: words[0], filters: { category: [p.category], inStock: random() < 0.5, priceMax: String(Math.round(p.price * 1.5)) } } };
      case 'sorted':
        return { kind, query: { q: words.slice(0, 2).join(' '), sort: random() < 0.5 ? 'price' : 'delivery', filters: { deliversByTomorrow: random() < 0.3 } } };
      case 'gtin':
        return { kind, query: { q: p.gtin.slice(1) } };
      default:
        return { kind, query: { q: '', filters: { category: [p.category] }, sort: pick(['relevance', 'price', 'delivery'] as const), page: 1 + Math.floor(random() * 5) } };
    }
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}


export async function runBench(args: string[], flags: Record<string, unknown>): Promise<number> {
  const driver = String(flags.driver ?? 'pglite');
  if (driver !== 'pglite' && driver !== 'postgres') throw new TypeError(`--driver must be pglite or postgres, got ${JSON.stringify(driver)}`);
  const listingCount = Number(flags.listings ?? args[0] ?? 100_000);
  const queryCount = Number(flags.limit ?? 400);
  if (!Number.isInteger(listingCount) || listingCount < 100) throw new TypeError(`--listings must be an integer ≥ 100, got ${String(flags.listings ?? args[0])}`);
  if (!Number.isInteger(queryCount) || queryCount < 1) throw new TypeError(`--limit must be a positive integer, got ${String(flags.limit)}`);

  const random = seededRandom(20261123);
  const handle = await openTempDatabase(driver, { inMemory: true, maxConnections: 2 });
  try {
    const t0 = performance.now();
    const catalogue = await seedCatalogue(handle.db, listingCount, random);
    const t1 = performance.now();
    process.stdout.write(`generated ${catalogue.length} products, ${listingCount} listings in ${((t1 - t0) / 1000).toFixed(1)} s\n`);
    let lastReport = 0;
    const refreshed = await refreshAllProductSearch(handle.db, (done, total) => {
      if (done === total || performance.now() - lastReport > 2000) {
        lastReport = performance.now();
        process.stderr.write(`  product_search: ${done}/${total}\n`);
      }
    });
    const t2 = performance.now();
    process.stdout.write(`refreshed ${refreshed.upserted} search documents in ${((t2 - t1) / 1000).toFixed(1)} s\n`);
    if (driver === 'postgres') await handle.db.execute(sql.raw('ANALYZE'));

    // No answer cache: the statements are what is timed, and the warm-up queries recur in the mix.
    const engine = createPostgresSearch(handle.db, { cache: false });
    const mix = queryMix(catalogue, queryCount, random);
    for (const { query } of mix.slice(0, 20)) await engine.search(query); // warm caches
    const timings: Array<{ kind: QueryKind; ms: number; total: number; q: string }> = [];
    const started = performance.now();
    for (const { kind, query } of mix) {
      const before = performance.now();
      const result = await engine.search(query);
      timings.push({ kind, ms: performance.now() - before, total: result.total, q: query.q });
    }
    const elapsed = performance.now() - started;

    const report = (label: string, values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const line = `${label.padEnd(9)} n=${String(sorted.length).padStart(4)}  p50 ${percentile(sorted, 50).toFixed(1)} ms  p95 ${percentile(sorted, 95).toFixed(1)} ms  p99 ${percentile(sorted, 99).toFixed(1)} ms  max ${sorted.at(-1)!.toFixed(1)} ms`;
      process.stdout.write(`${line}\n`);
      return sorted;
    };
    for (const kind of ['exact', 'typo', 'prefix', 'filtered', 'sorted', 'gtin', 'browse'] as QueryKind[]) {
      const values = timings.filter((t) => t.kind === kind).map((t) => t.ms);
      if (values.length) report(kind, values);
    }
    const all = report('all', timings.map((t) => t.ms));
    const emptyOnes = timings.filter((t) => t.total === 0 && t.kind !== 'browse');
    const empty = emptyOnes.length;
    const examples = emptyOnes.slice(0, 6).map((t) => `${t.kind} ${JSON.stringify(t.q)}`);
    if (examples.length) process.stdout.write(`no results, e.g.: ${examples.join(', ')}\n`);
    const qps = (timings.length / elapsed) * 1000;
    process.stdout.write(`${timings.length} queries in ${(elapsed / 1000).toFixed(2)} s: ${qps.toFixed(0)} queries/s, ${empty} without results\n`);
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ driver, listings: listingCount, p50: percentile(all, 50), p95: percentile(all, 95), p99: percentile(all, 99), qps })}\n`);
    }
    process.stdout.write(
      `search latency: p50 ${percentile(all, 50).toFixed(1)} ms, p95 ${percentile(all, 95).toFixed(1)} ms (${driver}, ${listingCount} listings)\n`,
    );
    return 0;
  } finally {
    await handle.close();
  }
}
