import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../../db/client.ts';
import { DataDirLockedError } from '../../db/data-dir-lock.ts';
import { openTestDatabase, testDrivers } from '../helpers/db.ts';

describe.each(testDrivers)('database on %s', (driver) => {
  it('applies the migrations, including pg_trgm', async () => {
    const handle = await openTestDatabase(driver);
    try {
      const tables = await queryRows<{ table_name: string }>(
        handle.db,
        sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
      );
      expect(tables.map((t) => t.table_name)).toEqual(
        expect.arrayContaining(['stores', 'listings', 'price_observations', 'crawl_runs', 'crawl_errors', 'products']),
      );
      const [trgm] = await queryRows<{ s: number }>(handle.db, sql`SELECT similarity('samsung', 'samsng') AS s`);
      expect(Number(trgm.s)).toBeGreaterThan(0.3);
    } finally {
      await handle.close();
    }
  });
});

describe('embedded data folder ownership', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tulna-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lets a second process fail with a clear message while the first owns the folder', async () => {
    const owner = await openDatabase({ dataDir: dir });
    try {
      const script = `
        import { openDatabase } from './db/client.ts';
        try { await openDatabase({ dataDir: ${JSON.stringify(dir)} }); console.log('OPENED'); }
        catch (e) { console.log(e.name + ': ' + e.message); }`;
      const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: process.cwd(),
        encoding: 'utf8',
      });
      expect(child.stdout).toContain('DataDirLockedError');
      expect(child.stdout).toContain(`in use by process ${process.pid}`);
      await expect(openDatabase({ dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
    } finally {
      await owner.close();
    }
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  });
});
