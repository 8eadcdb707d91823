// `node --import tsx bench/account-auth.ts`: what logging in and checking an API token cost, with
// the built site on the Postgres server. autocannon, 50 connections, 10 s each (--connections,
// --duration): successful POST /account/login (scrypt N=2^15, r=8, p=1 per request, and a session
// row), then GET with `Authorization: Bearer tulna_…` on an 'api-token' route (/api/retailer/listings
// when it exists, and /api/account, which does nothing but the token check).
//
// Limits: failed logins are limited, successful ones never counted, so logins need no bypass. The
// per-token limit (120 a minute) would answer 429 after the first 120 requests: the serving process,
// and only it (this file with --serve), lifts it for the run. No environment variable changes it.
//
// The site runs in a child process so the load generator does not share its event loop.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { startServingProcess } from './serving-process.ts';

interface Ready {
  url: string;
  email: string;
  password: string;
  token: string;
  driver: string;
  hashMs: number;
}

const PASSWORD = 'bench account password';

async function serve(): Promise<void> {
  const { setSharedDatabase } = await import('../db/client.ts');
  const { startSiteServer } = await import('../cli/site-server.ts');
  const { openTestDatabase } = await import('../test/helpers/db.ts');
  const { seedSite } = await import('../test/helpers/site-seed.ts');
  const { createAccount } = await import('../db/queries/accounts/accounts.ts');
  const { createApiToken } = await import('../db/queries/accounts/api-tokens.ts');
  const { hashPassword } = await import('../db/queries/accounts/passwords.ts');
  const { accountLimits, createRequestRateLimiter } = await import('../src/features/accounts/limits.ts');
  const handle = await openTestDatabase('postgres');
  await seedSite(handle.db);
  const account = await createAccount(handle.db, { email: 'bench@shop.example', password: PASSWORD });
  const { token } = await createApiToken(handle.db, account.id, 'bench');
  // Bench only, in this process only: the token check is what is measured, not the 429s after 120.
  accountLimits.apiRequests = createRequestRateLimiter({ limit: Number.MAX_SAFE_INTEGER, windowMs: 60_000 });
  const started = performance.now();
  for (let i = 0; i < 5; i++) await hashPassword(PASSWORD);
  const hashMs = (performance.now() - started) / 5;
  setSharedDatabase(handle);
  const site = await startSiteServer({ host: '127.0.0.1', port: 0 });
  process.on('message', (message) => {
    if (message === 'stop') void site.close().then(() => handle.close()).then(() => process.exit(0));
  });
  process.send!({ url: site.url, email: account.email, password: PASSWORD, token, driver: handle.driver, hashMs } satisfies Ready);
}

interface LoadOptions {
  url: string;
  duration: number;
  connections: number;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
}

async function load({ url, duration, connections, method = 'GET', body, headers = {} }: LoadOptions) {
  const { default: autocannon } = await import('autocannon');
  const times: number[] = [];
  const statuses = new Map<number, number>();
  const result = await new Promise<{ requests: { average: number }; errors: number }>((resolve, reject) => {
    // method and body: autocannon takes them; bench/autocannon.d.ts declares only what site-load uses.
    const options = { url, duration, connections, method, body, headers } as unknown as Parameters<typeof autocannon>[0];
    const instance = autocannon(options, (error, res) => (error ? reject(error) : resolve(res)));
    instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
      times.push(responseTime);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    });
  });
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? NaN;
  const ms = (value: number) => Number(value.toFixed(1));
  const codes = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${n}× ${status}`).join(', ');
  return { rps: result.requests.average, p50: ms(pct(50)), p95: ms(pct(95)), p99: ms(pct(99)), requests: times.length, codes, errors: result.errors };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { serve: { type: 'boolean' }, duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' } },
  });
  if (values.serve) return serve();

  const { ensureSiteBuilt } = await import('../test/site/site-build.ts');
  await ensureSiteBuilt();
  const { child, ready } = await startServingProcess<Ready>(import.meta.url, []);
  try {
    const duration = Number(values.duration);
    const connections = Number(values.connections);
    const pool = process.env.UV_THREADPOOL_SIZE ?? '4 (default)';
    console.log(`Site at ${ready.url} (${ready.driver}); ${availableParallelism()} cores; libuv thread pool ${pool}`);
    console.log(`One scrypt hash (N=2^15, r=8, p=1, 32 MiB) alone: ${ready.hashMs.toFixed(0)} ms`);
    console.log(`\nLoad: autocannon, ${connections} connections, ${duration} s each`);
    const bearer = { Authorization: `Bearer ${ready.token}` };
    // Token checks first: logins left in flight when a run ends keep the cores busy for seconds.
    const routes: { name: string; options: Omit<LoadOptions, 'duration' | 'connections'> }[] = [];
    const listings = await fetch(`${ready.url}/api/retailer/listings`, { headers: bearer });
    await listings.arrayBuffer();
    if (listings.status === 200) routes.push({ name: 'GET /api/retailer/listings', options: { url: `${ready.url}/api/retailer/listings`, headers: bearer } });
    else console.log(`(GET /api/retailer/listings answers ${listings.status}: not measured)`);
    routes.push({ name: 'GET /api/account', options: { url: `${ready.url}/api/account`, headers: bearer } });
    routes.push(
      {
        name: 'POST /account/login',
        options: {
          url: `${ready.url}/account/login`,
          method: 'POST',
          body: new URLSearchParams({ email: ready.email, password: ready.password }).toString(),
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ready.url },
        },
      },
    );
    for (const { name, options } of routes) {
      await new Promise((resolve) => setTimeout(resolve, 2000)); // a quiet moment between runs
      const r = await load({ ...options, duration, connections });
      console.log(`  ${name.padEnd(28)} ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${r.p50} ms   p95 ${r.p95} ms   p99 ${r.p99} ms   (${r.requests} requests: ${r.codes}; ${r.errors} errors)`);
    }
  } finally {
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

main().catch((error) => {
  console.error(`bench account-auth failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
