// The one place Tulna reads its environment variables: every variable, its default and its rule,
// validated with zod. Everything else asks this module (environment(), environmentSection())
// rather than reading process.env itself.
//
// The variables come in sections, one per part of Tulna that uses them. A part validates only its
// own section, when it needs it: a bad PORT fails `tulna start`, not `tulna crawl`, and a bad
// Typesense setup fails where the search engine is made, as it always did. readEnvironment()
// validates them all at once.
//
// This module imports zod and nothing of ours: the CLI, the crawlers, the database code and the
// site (src/, bundled by Astro) may all import it.
import { z } from 'zod';

/** Any environment: process.env, or a plain object in tests. */
export type EnvironmentSource = Record<string, string | undefined>;

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** Trimmed, with a blank value counting as unset. */
const trimmedOrUndefined = z
  .string()
  .optional()
  .transform((value) => value?.trim() || undefined);

/** Set to anything but the empty string. */
const flag = z
  .string()
  .optional()
  .transform((value) => Boolean(value));

// --- database (db/client.ts) ----------------------------------------------------------------

const databaseSchema = z.object({
  DATABASE_URL: trimmedOrUndefined.describe('A Postgres server (15+); unset = embedded PGlite.'),
  TULNA_DATA_DIR: z
    .string()
    .optional()
    .transform((value) => value?.trim() || './data')
    .describe("PGlite's folder (default ./data); one process owns it."),
});

// --- stores (cli/stores.ts) -------------------------------------------------------------------

const storesSchema = z.object({
  // Kept as given: the stores file is `TULNA_STORES.trim() || config/stores.json`, and a missing
  // file is an error whenever the variable is set to anything at all (cli/stores.ts).
  TULNA_STORES: z.string().optional().describe('The store definitions file (default config/stores.json).'),
});

// --- crawl runs (db/queries/crawl-runs.ts) ------------------------------------------------------

const crawlSchema = z.object({
  TULNA_CRAWL_STALE_SECONDS: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const seconds = Number(raw ?? 90);
      if (!Number.isFinite(seconds) || seconds <= 0) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `TULNA_CRAWL_STALE_SECONDS must be a positive number of seconds, found "${raw}"`,
        });
        return z.NEVER;
      }
      return seconds;
    })
    .describe('Seconds without a sign of life after which a running crawl is presumed dead (default 90).'),
});

// --- logging (crawlers/logger.ts, cli/main.ts) -------------------------------------------------

const loggingSchema = z
  .object({
    // Not checked here: pino refuses an unknown level itself, as it always did.
    TULNA_LOG_LEVEL: z.string().optional().describe('pino log level (default info; silent under NODE_ENV=test).'),
    NODE_ENV: z.string().optional(),
    TULNA_DEBUG: flag.describe('When set, a failing command also prints the stack trace.'),
  })
  .transform((env) => ({
    ...env,
    TULNA_LOG_LEVEL: env.TULNA_LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
  }));

// --- the site server of `tulna start` (cli/commands/start.ts) -----------------------------------

const serverSchema = z.object({
  HOST: z
    .string()
    .optional()
    .transform((value) => value?.trim() || '127.0.0.1')
    .describe('Interface the site listens on (default 127.0.0.1).'),
  PORT: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const port = Number.parseInt(raw ?? '4321', 10);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `PORT must be a port number, found "${raw}"` });
        return z.NEVER;
      }
      return port;
    })
    .describe('Port the site listens on (default 4321).'),
  // Not range-checked (it never was): a bad value fails when the demo stores try to listen.
  TULNA_DEMO_PORT: z
    .string()
    .optional()
    .transform((raw) => Number.parseInt(raw ?? '4401', 10))
    .describe('First port of the demo stores under `tulna start` (default 4401).'),
});

/** Its own section: `tulna start` reads it only once the site is about to listen. */
const proxySchema = z.object({
  TULNA_TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const raw = value?.trim() || '0';
      const count = Number(raw);
      if (!Number.isInteger(count) || count < 0 || count > 10) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `TULNA_TRUST_PROXY must be the number of proxies in front of the site (0-10), found "${raw}"`,
        });
        return z.NEVER;
      }
      return count;
    })
    .describe('How many reverse proxies in front append the client address to X-Forwarded-For (default 0).'),
});

// --- the administrator account (cli/commands/start.ts, cli/commands/account.ts) -------------------

/** The admin password rule: unset (or blank) makes no administrator at start; else at least 12 characters. */
const adminSchema = z.object({
  TULNA_ADMIN_PASSWORD: z
    .preprocess(
      blankToUndefined,
      z.string().min(12, 'expected at least 12 characters (or unset it to make no administrator at start)').optional(),
    )
    .describe('Password of the administrator account `tulna start` ensures (TULNA_ADMIN_EMAIL); unset = none is made.'),
  TULNA_ADMIN_EMAIL: z
    .preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .toLowerCase()
        .max(254, 'expected an email address of at most 254 characters')
        .regex(/^[^\s@]+@[^\s@]+$/, 'expected an email address such as admin@example.com')
        .default('admin@localhost'),
    )
    .describe('Login of that administrator account (default admin@localhost).'),
  // Read by `tulna account create` only, so a password need not appear in the command line.
  TULNA_NEW_PASSWORD: z
    .string()
    .optional()
    .describe('The password `tulna account create` gives the new account (else it reads one line of stdin).'),
});

// --- search (search/index.ts) ----------------------------------------------------------------

/** Typesense needs both its URL and its key; with neither, search stays in Postgres. */
function typesensePair(env: { TYPESENSE_URL?: string; TYPESENSE_API_KEY?: string }, ctx: z.RefinementCtx): void {
  if (Boolean(env.TYPESENSE_URL) !== Boolean(env.TYPESENSE_API_KEY)) {
    const missing = env.TYPESENSE_URL ? 'TYPESENSE_API_KEY' : 'TYPESENSE_URL';
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: [missing],
      message: `${missing} is not set: set both TYPESENSE_URL and TYPESENSE_API_KEY to use Typesense, or neither to search in Postgres`,
    });
  }
}

const searchSchema = z
  .object({
    TYPESENSE_URL: z.preprocess(blankToUndefined, z.string().trim().url('expected a URL such as http://127.0.0.1:8108').optional()),
    TYPESENSE_API_KEY: z.preprocess(blankToUndefined, z.string().trim().min(1).optional()),
    // Its default ("products") is the Typesense engine's.
    TYPESENSE_COLLECTION: z.preprocess(blankToUndefined, z.string().trim().optional()),
    // Unset = the Postgres engine's own default (15 s); 0 = no cache.
    TULNA_SEARCH_CACHE_SECONDS: z.preprocess(
      blankToUndefined,
      z.coerce.number({ invalid_type_error: 'expected whole seconds such as 15' }).int('expected whole seconds such as 15').min(0).max(3600).optional(),
    ),
  })
  .superRefine(typesensePair);

// --- the site (src/lib/context.server.ts) --------------------------------------------------------

const siteSchema = z.object({
  // An unknown zone is not an error: the site warns and counts in the server's zone (siteTimeZone()).
  TULNA_TIME_ZONE: trimmedOrUndefined.describe("Time zone delivery days are counted in (default the server's)."),
});

// --- alerts: mail, links, tokens, webhooks (crawlers/alerts, src/features/alerts) -----------------

const alertsSchema = z.object({
  SMTP_URL: z
    .preprocess(blankToUndefined, z.string().trim().regex(/^smtps?:\/\//, 'expected smtp://user:pass@host:587 or smtps://…').optional())
    .describe('Where alert and confirmation mail is sent; unset = the local outbox (/outbox in embedded mode).'),
  TULNA_MAIL_FROM: z
    .preprocess(blankToUndefined, z.string().trim().default('Tulna alerts <alerts@tulna.invalid>'))
    .describe('From address of the mail Tulna sends.'),
  TULNA_PUBLIC_URL: z
    .preprocess(blankToUndefined, z.string().trim().url('expected the site address such as https://tulna.example').optional())
    .describe('The site address links in mail and feeds use (default http://HOST:PORT).'),
  TULNA_SECRET: z
    .preprocess(blankToUndefined, z.string().min(32, 'expected at least 32 characters').optional())
    .describe('Key of follow tokens and webhook signatures; unset = one made and kept in the database.'),
  TULNA_WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((raw) => (raw ?? '').split(',').map((host) => host.trim().toLowerCase()).filter(Boolean))
    .describe('host:port pairs on private addresses webhooks may call anyway (tests, an intranet receiver).'),
});

// --- benchmarks (cli/bench/temp-database.ts) -----------------------------------------------------

const DEFAULT_BENCH_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

const benchSchema = z
  .object({
    TULNA_BENCH_DATABASE_URL: z.string().optional(),
    // Read as given (not trimmed) as the fallback server of the benchmarks.
    DATABASE_URL: z.string().optional(),
    TULNA_BENCH_KEEP_DB: flag.describe('Keep the temporary server database of a benchmark for a look.'),
  })
  .transform((env) => ({
    /** The server benchmarks make temporary databases on: TULNA_BENCH_DATABASE_URL, else DATABASE_URL, else a local one. */
    TULNA_BENCH_DATABASE_URL: env.TULNA_BENCH_DATABASE_URL ?? env.DATABASE_URL ?? DEFAULT_BENCH_SERVER_URL,
    TULNA_BENCH_KEEP_DB: env.TULNA_BENCH_KEEP_DB,
  }));

// --- all together ---------------------------------------------------------------------------------

interface Section<Schema extends z.ZodTypeAny> {
  schema: Schema;
  /** The variables it reads. */
  variables: readonly string[];
  /** Errors read "Invalid <label> configuration (<VARIABLE>): <what was expected>"; without, the message names the variable itself. */
  label?: string;
}

const section = <Schema extends z.ZodTypeAny>(schema: Schema, shape: z.ZodRawShape, label?: string): Section<Schema> => ({
  schema,
  variables: Object.keys(shape),
  label,
});

/** Every section: its schema, its variables and how its errors read. */
export const environmentSections = {
  database: section(databaseSchema, databaseSchema.shape),
  stores: section(storesSchema, storesSchema.shape),
  crawl: section(crawlSchema, crawlSchema.shape),
  logging: section(loggingSchema, loggingSchema._def.schema.shape),
  server: section(serverSchema, serverSchema.shape),
  proxy: section(proxySchema, proxySchema.shape),
  admin: section(adminSchema, adminSchema.shape, 'admin'),
  search: section(searchSchema, searchSchema._def.schema.shape, 'search'),
  site: section(siteSchema, siteSchema.shape),
  alerts: section(alertsSchema, alertsSchema.shape, 'alerts'),
  bench: section(benchSchema, benchSchema._def.schema.shape),
};

type Sections = typeof environmentSections;
export type EnvironmentSectionName = keyof Sections;
export type EnvironmentSection<Name extends EnvironmentSectionName> = Readonly<z.output<Sections[Name]['schema']>>;

/** The whole environment, typed: every variable with its default applied. */
export type Environment = EnvironmentSection<'database'> &
  EnvironmentSection<'stores'> &
  EnvironmentSection<'crawl'> &
  EnvironmentSection<'logging'> &
  EnvironmentSection<'server'> &
  EnvironmentSection<'proxy'> &
  EnvironmentSection<'admin'> &
  EnvironmentSection<'search'> &
  EnvironmentSection<'site'> &
  EnvironmentSection<'alerts'> &
  EnvironmentSection<'bench'>;

const SECTION_NAMES = Object.keys(environmentSections) as EnvironmentSectionName[];

/** Every variable Tulna reads. */
export const ENVIRONMENT_VARIABLES: readonly string[] = [...new Set(SECTION_NAMES.flatMap((name) => environmentSections[name].variables))];

/** The schema of the whole environment: every section's rules, one object out. */
export const environmentSchema: z.ZodType<Environment, z.ZodTypeDef, unknown> = z.unknown().transform((env, ctx) => {
  const out: Record<string, unknown> = {};
  for (const name of SECTION_NAMES) {
    const parsed = environmentSections[name].schema.safeParse(env);
    if (parsed.success) Object.assign(out, parsed.data);
    else for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, code: z.ZodIssueCode.custom, params: { section: name } });
  }
  return out as Environment;
});

function describeIssue(issue: z.ZodIssue, label: string | undefined): string {
  const variable = issue.path.join('.');
  if (label) return `Invalid ${label} configuration (${variable}): ${issue.message}`;
  return issue.message.includes(variable) ? issue.message : `${variable}: ${issue.message}`;
}

function fail(error: z.ZodError, label: (issue: z.ZodIssue) => string | undefined): never {
  const issue = error.issues[0];
  throw new Error(describeIssue(issue, label(issue)), { cause: error });
}

/** The whole environment, parsed; throws an Error naming the first bad variable and what was expected. */
export function readEnvironment(env: EnvironmentSource = process.env): Environment {
  const parsed = environmentSchema.safeParse(env);
  if (parsed.success) return Object.freeze(parsed.data);
  return fail(parsed.error, (issue) => {
    const name = (issue as { params?: { section?: EnvironmentSectionName } }).params?.section;
    return name ? environmentSections[name].label : undefined;
  });
}

/** One section of the environment, parsed; throws like readEnvironment, for that section's variables only. */
export function readEnvironmentSection<Name extends EnvironmentSectionName>(
  name: Name,
  env: EnvironmentSource = process.env,
): EnvironmentSection<Name> {
  const { schema, label } = environmentSections[name];
  const parsed = schema.safeParse(env);
  if (parsed.success) return Object.freeze(parsed.data) as EnvironmentSection<Name>;
  return fail(parsed.error, () => label);
}

// Cached per the values of the variables read, not per object: tests (and cli/main.ts) change
// process.env in place, and the next read must see it. Parsing again only when a value changed.
const cache = new Map<string, { key: string; value: unknown }>();

function cached<T>(slot: string, variables: readonly string[], read: () => T): T {
  const key = JSON.stringify(variables.map((variable) => process.env[variable] ?? null));
  const hit = cache.get(slot);
  if (hit?.key === key) return hit.value as T;
  const value = read();
  cache.set(slot, { key, value });
  return value;
}

/** The process's whole environment (process.env), validated; re-read whenever a variable changes. */
export function environment(): Environment {
  return cached('*', ENVIRONMENT_VARIABLES, () => readEnvironment(process.env));
}

/**
 * One section of the process's environment (cached like environment()), or of `env` when given
 * (a plain object in tests; parsed every time).
 */
export function environmentSection<Name extends EnvironmentSectionName>(name: Name, env?: EnvironmentSource): EnvironmentSection<Name> {
  if (env !== undefined && env !== process.env) return readEnvironmentSection(name, env);
  return cached(name, environmentSections[name].variables, () => readEnvironmentSection(name, process.env));
}
