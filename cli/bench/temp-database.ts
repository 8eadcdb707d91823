// Fresh, throw-away databases for benchmarks: a temporary database on the Postgres server, or
// PGlite in a temporary folder (on disk, as in production use).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type DbHandle, type DriverName } from '../../db/client.ts';

export const BENCH_SERVER_URL =
  process.env.TULNA_BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function openTempDatabase(driver: DriverName): Promise<DbHandle> {
  if (driver === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'tulna-bench-'));
    const handle = await openDatabase({ dataDir: dir });
    return { ...handle, close: async () => { await handle.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const name = `tulna_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(BENCH_SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(BENCH_SERVER_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString() });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const dropper = postgres(BENCH_SERVER_URL, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

export function parseDrivers(flag: unknown): DriverName[] {
  if (flag === undefined) return ['postgres', 'pglite'];
  if (flag === 'postgres' || flag === 'pglite') return [flag];
  throw new Error(`--driver must be "postgres" or "pglite", found "${String(flag)}"`);
}
