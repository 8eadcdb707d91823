// The demo stores: five fake but realistic shops on 127.0.0.1 with a moving market, so Tulna has
// something real to crawl, match, chart and alert on. Also the catalogue's ground truth for tests.
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { StoreConfigInput } from '../config/store-config.ts';
import { buildDemoCatalogue, type DemoProduct } from './catalogue/index.ts';
import { demoStoreConfig } from './configs.ts';
import { quoteAt, tickAt, type MarketQuote } from './market.ts';
import { startStoreServer } from './server.ts';
import { buildInventory, type StoreInventory } from './site.ts';
import { demoStoreProfiles, storeListings, type DemoStoreProfile, type StoreListing } from './store-profiles.ts';

export { buildDemoCatalogue, DEMO_CATEGORIES } from './catalogue/index.ts';
export type { DemoCategory, DemoProduct } from './catalogue/index.ts';
export { demoStoreConfig, demoStoreConfigs } from './configs.ts';
export { quoteAt, tickAt } from './market.ts';
export type { MarketEvent, MarketProfile, MarketQuote, MarketStock } from './market.ts';
export { demoStoreProfiles, storeListings } from './store-profiles.ts';
export type { DemoStoreKind, DemoStoreProfile, StoreListing } from './store-profiles.ts';

export const DEFAULT_DEMO_SEED = 1;
export const DEFAULT_MARKET_TICK_MS = 10 * 60_000;

export interface DemoStoresOptions {
  /** Interface to listen on. Default '127.0.0.1' (never expose the demo stores). */
  host?: string;
  /** First port; store i listens on basePort + i. Default 0: each store gets a random free port. */
  basePort?: number;
  /** Seed for the catalogue's barcodes, the stores' ranges and the market. Default 1. */
  seed?: number;
  /** Current time (ms since epoch or a Date). Default Date.now; tests pass their own to move time. */
  clock?: () => number | Date;
  /** How often the market moves, in ms. Default 10 minutes. */
  marketTickMs?: number;
  /** Overrides every store's robots.txt Crawl-delay (null: none). Default: each store's own (Lalaji asks for 0.5 s). */
  crawlDelay?: number | null;
  /** Logger for requests (debug) and failures (error). Default: silent. */
  logger?: Logger;
}

export interface RunningDemoStore {
  profile: DemoStoreProfile;
  port: number;
  /** "http://127.0.0.1:<port>" (no trailing slash). */
  baseUrl: string;
  config: StoreConfigInput;
  inventory: StoreInventory;
}

export interface DemoStores {
  stores: RunningDemoStore[];
  /** StoreConfig inputs for all stores (validate with storeConfigSchema). */
  configs: StoreConfigInput[];
  seed: number;
  marketTickMs: number;
  /** The market tick the stores are serving now. */
  currentTick(): number;
  close(): Promise<void>;
}

function validateOptions(options: DemoStoresOptions): Required<Omit<DemoStoresOptions, 'logger' | 'crawlDelay'>> {
  const host = options.host ?? '127.0.0.1';
  const basePort = options.basePort ?? 0;
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const marketTickMs = options.marketTickMs ?? DEFAULT_MARKET_TICK_MS;
  if (!Number.isInteger(basePort) || basePort < 0 || basePort + demoStoreProfiles.length - 1 > 65_535) {
    throw new TypeError(`startDemoStores expected basePort to be 0 or a port leaving room for ${demoStoreProfiles.length} stores, found ${basePort}`);
  }
  if (!Number.isInteger(seed)) throw new TypeError(`startDemoStores expected an integer seed, found ${seed}`);
  if (!Number.isInteger(marketTickMs) || marketTickMs < 1) {
    throw new TypeError(`startDemoStores expected marketTickMs to be a positive whole number of ms, found ${marketTickMs}`);
  }
  return { host, basePort, seed, marketTickMs, clock: options.clock ?? Date.now };
}

/** Starts every demo store; resolves when all listen. Call close() to stop them. */
export async function startDemoStores(options: DemoStoresOptions = {}): Promise<DemoStores> {
  const { host, basePort, seed, marketTickMs, clock } = validateOptions(options);
  const now = () => {
    const value = clock();
    return value instanceof Date ? value.getTime() : value;
  };
  const catalogue = buildDemoCatalogue(seed);
  const servers: Server[] = [];
  const stores: RunningDemoStore[] = [];
  try {
    for (const [index, profile] of demoStoreProfiles.entries()) {
      const inventory = buildInventory(profile, catalogue, seed);
      const started = await startStoreServer({
        inventory,
        host,
        port: basePort === 0 ? 0 : basePort + index,
        clock: now,
        tickMs: marketTickMs,
        crawlDelay: options.crawlDelay !== undefined ? options.crawlDelay : profile.crawlDelay,
        log: options.logger?.child({ store: profile.id }),
      });
      servers.push(started.server);
      stores.push({ profile, port: started.port, baseUrl: started.baseUrl, config: demoStoreConfig(profile, started.baseUrl), inventory });
    }
  } catch (error) {
    await closeAll(servers);
    throw error;
  }
  return {
    stores,
    configs: stores.map((s) => s.config),
    seed,
    marketTickMs,
    currentTick: () => tickAt(now(), marketTickMs),
    close: () => closeAll(servers),
  };
}

async function closeAll(servers: Server[]): Promise<void> {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
}

/** Ground truth: one row per listing of every demo store, naming the catalogue product behind it. */
export interface DemoListingTruth {
  storeId: string;
  /** Product page path (append it to the store's base URL). */
  path: string;
  title: string;
  productId: string;
  familyId: string;
  /** GTIN-13 printed on the page, or null. */
  gtinShown: string | null;
}

/** Every listing of every demo store for a seed: which pages show the same product (for matcher tests). */
export function demoGroundTruth(seed = DEFAULT_DEMO_SEED): DemoListingTruth[] {
  const catalogue = buildDemoCatalogue(seed);
  return demoStoreProfiles.flatMap((profile) =>
    storeListings(profile, catalogue, seed).map((listing: StoreListing) => ({
      storeId: profile.id,
      path: listing.path,
      title: listing.title,
      productId: listing.product.id,
      familyId: listing.product.familyId,
      gtinShown: listing.showsGtin ? listing.product.gtin : null,
    })),
  );
}

/** The market's quote for a catalogue product at a store at a tick (null when the store does not carry it). */
export function demoQuote(storeId: string, productId: string, tick: number, seed = DEFAULT_DEMO_SEED): MarketQuote | null {
  const profile = demoStoreProfiles.find((p) => p.id === storeId);
  if (!profile) throw new TypeError(`demoQuote expected one of ${demoStoreProfiles.map((p) => p.id).join(', ')}, found "${storeId}"`);
  const product: DemoProduct | undefined = buildDemoCatalogue(seed).find((p) => p.id === productId);
  if (!product) return null;
  const carried = storeListings(profile, buildDemoCatalogue(seed), seed).some((l) => l.product.id === productId);
  return carried ? quoteAt(seed, profile.market, product, tick) : null;
}
