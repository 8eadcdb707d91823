// Which stores a command works on: the configured ones (TULNA_STORES), and/or the demo stores.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { environmentSection, type EnvironmentSource } from '../config/environment.ts';
import { loadStoresConfig, parseStoresConfig, type StoreConfig } from '../crawlers/config/store-config.ts';
import { startDemoStores, type DemoStores } from '../crawlers/demo/index.ts';
import type { DbHandle } from '../db/client.ts';
import { crawlStaleAfterMs, interruptAbandonedRuns } from '../db/queries/crawl-runs.ts';

export const DEFAULT_STORES_FILE = 'config/stores.json';

/** The stores file: TULNA_STORES (process.env unless given), else config/stores.json. */
export function storesFilePath(env?: EnvironmentSource): string {
  return resolve(environmentSection('stores', env).TULNA_STORES?.trim() || DEFAULT_STORES_FILE);
}

/** The configured stores, or none when no file exists (a missing TULNA_STORES file is an error). */
export function loadConfiguredStores(env?: EnvironmentSource): StoreConfig[] {
  const path = storesFilePath(env);
  if (!existsSync(path)) {
    if (environmentSection('stores', env).TULNA_STORES) throw new Error(`TULNA_STORES names ${path}, which does not exist`);
    return [];
  }
  return loadStoresConfig(path);
}

export interface DemoStoreSet {
  demo: DemoStores;
  stores: StoreConfig[];
}

/** Starts the demo stores in this process and returns their validated configs. */
export async function startDemoStoreSet(options: { basePort?: number; seed?: number } = {}): Promise<DemoStoreSet> {
  const demo = await startDemoStores({ basePort: options.basePort ?? 0, seed: options.seed });
  try {
    return { demo, stores: parseStoresConfig({ stores: demo.configs }, 'demo store configs') };
  } catch (error) {
    await demo.close();
    throw error;
  }
}

/**
 * Runs a dead process left 'running' become 'interrupted', so the next crawl of that store starts
 * and resumes. The embedded database has one owner process, so every running run is abandoned;
 * on a shared server only runs whose process stopped giving signs of life are.
 */
export async function recoverAbandonedRuns(handle: DbHandle): Promise<number> {
  const before = handle.driver === 'pglite' ? new Date() : new Date(Date.now() - crawlStaleAfterMs());
  return (await interruptAbandonedRuns(handle.db, before)).length;
}
