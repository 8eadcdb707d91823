// A seeded database plus the built site served against it, for the route tests and the e2e suite.
import { setSharedDatabase, type DbHandle, type DriverName } from '../../db/client.ts';
import { startSiteServer, type SiteServer } from '../../cli/site-server.ts';
import { openTestDatabase } from '../helpers/db.ts';
import { seedSite, type SeededSite } from '../helpers/site-seed.ts';
import { ensureSiteBuilt } from './site-build.ts';

export interface RunningSite {
  url: string;
  seed: SeededSite;
  handle: DbHandle;
  close(): Promise<void>;
}

export async function startSeededSite(driver: DriverName, now = new Date()): Promise<RunningSite> {
  await ensureSiteBuilt();
  const handle = await openTestDatabase(driver);
  let server: SiteServer | undefined;
  try {
    const seed = await seedSite(handle.db, now);
    setSharedDatabase(handle);
    server = await startSiteServer({ host: '127.0.0.1', port: 0 });
    const running = server;
    return {
      url: running.url,
      seed,
      handle,
      close: async () => {
        try {
          await running.close();
        } finally {
          await handle.close();
        }
      },
    };
  } catch (error) {
    await server?.close();
    await handle.close();
    throw error;
  }
}
