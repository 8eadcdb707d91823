// Ingest throughput: batch writes of listings (new, unchanged, price-changed) on each driver.
import { upsertListings } from '../../db/queries/listings.ts';
import { upsertStores } from '../../db/queries/stores.ts';
import { openTempDatabase, parseDrivers } from './temp-database.ts';
import type { ListingReading } from '../../domain/listing.ts';

const BATCH = 500;

function reading(i: number, round: number): ListingReading {
  // Every third listing changes price between rounds 1 and 2; the rest stay as they were.
  const base = 1_000 + (i % 5_000) * 7;
  const price = round === 2 && i % 3 === 0 ? base - 50 : base;
  return {
    url: `https://bench.example/p/${i}`,
    title: `Bench Phone ${i % 97} Pro ${i % 4 === 0 ? '256' : '128'} GB`,
    brand: ['Samsung', 'Xiaomi', 'Apple', 'OnePlus'][i % 4],
    sku: `SKU-${i}`,
    price: `${price}.00`,
    currency: 'INR',
    shippingCost: i % 2 ? '0' : '49',
    deliveryMinDays: 1 + (i % 3),
    deliveryMaxDays: 3 + (i % 3),
    deliveryText: 'Delivered in 3-5 business days',
    availability: i % 10 === 0 ? 'out_of_stock' : 'in_stock',
  };
}

async function timeRound(label: string, total: number, write: (from: number) => Promise<void>): Promise<number> {
  const started = performance.now();
  for (let from = 0; from < total; from += BATCH) {
    await write(from);
    process.stderr.write(`\r  ${label}: ${Math.min(from + BATCH, total)}/${total}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const rate = total / seconds;
  process.stderr.write('\r\x1b[K');
  process.stdout.write(`  ${label.padEnd(28)} ${total} listings in ${seconds.toFixed(2)} s = ${rate.toFixed(0)} listings/s\n`);
  return rate;
}

export async function runBench(args: string[], flags: Record<string, unknown>): Promise<number> {
  const total = Number.parseInt(String(flags.limit ?? args[0] ?? '20000'), 10);
  const lines: string[] = [];
  for (const driver of parseDrivers(flags.driver)) {
    const handle = await openTempDatabase(driver);
    try {
      process.stdout.write(`ingest into ${driver} (${handle.location}), batches of ${BATCH}:\n`);
      await upsertStores(handle.db, [{ id: 'bench', name: 'Bench', baseUrl: 'https://bench.example', currency: 'INR', sourceKind: 'jsonld' }]);
      const batch = (from: number, round: number) =>
        Array.from({ length: Math.min(BATCH, total - from) }, (_, k) => reading(from + k, round));
      const fresh = await timeRound('new listings', total, async (from) => void (await upsertListings(handle.db, 'bench', batch(from, 1))));
      await timeRound('re-read, unchanged', total, async (from) => void (await upsertListings(handle.db, 'bench', batch(from, 1))));
      const changed = await timeRound('re-read, 1/3 prices changed', total, async (from) => void (await upsertListings(handle.db, 'bench', batch(from, 2))));
      lines.push(`${driver}: ${fresh.toFixed(0)} new listings/s, ${changed.toFixed(0)} listings/s with changes`);
    } finally {
      await handle.close();
    }
  }
  process.stdout.write(`ingest throughput: ${lines.join('; ')}\n`);
  return 0;
}
