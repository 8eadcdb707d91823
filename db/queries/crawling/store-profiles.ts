// How each store is best read (static HTML or a real browser), as crawls learned it, so later
// crawls, in any process, go straight to the right path.
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../client.ts';
import { storeCrawlProfiles, type RenderMode } from '../../crawling-schema.ts';

export interface StoreCrawlProfile {
  storeId: string;
  renderMode: RenderMode;
  reason: string | null;
  decidedAt: Date;
}

export async function getStoreCrawlProfile(db: Database, storeId: string): Promise<StoreCrawlProfile | undefined> {
  const [row] = await db.select().from(storeCrawlProfiles).where(eq(storeCrawlProfiles.storeId, storeId));
  return row;
}

/** Records the store's render mode and why (the store row must exist); a second call replaces the first. */
export async function setStoreRenderMode(db: Database, storeId: string, renderMode: RenderMode, reason: string, at = new Date()): Promise<void> {
  await db
    .insert(storeCrawlProfiles)
    .values({ storeId, renderMode, reason, decidedAt: at })
    .onConflictDoUpdate({
      target: storeCrawlProfiles.storeId,
      set: { renderMode: sql`excluded.render_mode`, reason: sql`excluded.reason`, decidedAt: sql`excluded.decided_at` },
    });
}
