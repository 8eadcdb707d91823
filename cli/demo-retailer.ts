// The demo retailer `tulna start` makes for a newcomer: an account that owns one demo store, so the
// dashboard fills as the crawl lands. Its password is made once and kept in site_secrets, so the
// credentials printed stay the same from one start to the next.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { siteSecrets } from '../db/alerts-schema.ts';
import { ensureAccount } from '../db/queries/accounts/accounts.ts';
import { grantClaim } from '../db/queries/retailers/claims.ts';
import { refreshStorePositions } from '../db/queries/retailers/positions.ts';
import { upsertStores } from '../db/queries/stores.ts';
import { storeRowOf, type StoreConfig } from '../crawlers/config/store-config.ts';

export const DEMO_RETAILER_EMAIL = 'demo-retailer@example.com';
const PASSWORD_SECRET = 'demo_retailer_password';

async function demoPassword(db: Database): Promise<string> {
  await db.insert(siteSecrets).values({ name: PASSWORD_SECRET, value: randomBytes(12).toString('base64url') }).onConflictDoNothing();
  const [row] = await db.select({ value: siteSecrets.value }).from(siteSecrets).where(eq(siteSecrets.name, PASSWORD_SECRET));
  return row.value;
}

/** Makes (or keeps) the demo retailer and its claim on `store`; returns what to print. */
export async function ensureDemoRetailer(db: Database, store: StoreConfig): Promise<{ email: string; password: string }> {
  const password = await demoPassword(db);
  const { account } = await ensureAccount(db, { email: DEMO_RETAILER_EMAIL, password, role: 'retailer' });
  // The store's row exists once it was crawled; before the first crawl, make it now.
  await upsertStores(db, [storeRowOf(store)]);
  await grantClaim(db, { accountId: account.id, storeId: store.id });
  await refreshStorePositions(db, store.id);
  return { email: DEMO_RETAILER_EMAIL, password };
}
