import { afterEach, describe, expect, it } from 'vitest';
import { ENVIRONMENT_VARIABLES, environment, environmentSection, readEnvironment, readEnvironmentSection } from '../../config/environment.ts';

describe('readEnvironment', () => {
  it('applies the documented defaults', () => {
    // toEqual: a variable left unset reads as undefined.
    expect(readEnvironment({})).toEqual({
      DATABASE_URL: undefined,
      TULNA_STORES: undefined,
      NODE_ENV: undefined,
      TYPESENSE_API_KEY: undefined,
      TYPESENSE_COLLECTION: undefined,
      TULNA_TIME_ZONE: undefined,
      TULNA_DATA_DIR: './data',
      TULNA_CRAWL_STALE_SECONDS: 90,
      TULNA_LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: 4321,
      TULNA_DEMO_PORT: 4401,
      TULNA_TRUST_PROXY: 0,
      TULNA_ADMIN_PASSWORD: undefined,
      TULNA_ADMIN_EMAIL: 'admin@localhost',
      TULNA_NEW_PASSWORD: undefined,
      TYPESENSE_URL: undefined,
      TULNA_SEARCH_CACHE_SECONDS: undefined,
      TULNA_BENCH_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
      TULNA_BENCH_KEEP_DB: false,
      TULNA_DEBUG: false,
      SMTP_URL: undefined,
      TULNA_MAIL_FROM: 'Tulna alerts <alerts@tulna.invalid>',
      TULNA_PUBLIC_URL: undefined,
      TULNA_SECRET: undefined,
      TULNA_WEBHOOK_ALLOWED_HOSTS: [],
    });
    expect(() => readEnvironment({ SMTP_URL: 'mail.example:25' })).toThrow(/Invalid alerts configuration \(SMTP_URL\)/);
    expect(() => readEnvironment({ TULNA_SECRET: 'short' })).toThrow(/TULNA_SECRET.*32/);
    expect(readEnvironment({ TULNA_WEBHOOK_ALLOWED_HOSTS: ' 127.0.0.1:9000, Hooks.Local:80 ' }).TULNA_WEBHOOK_ALLOWED_HOSTS).toEqual(['127.0.0.1:9000', 'hooks.local:80']);
    expect(readEnvironment({ NODE_ENV: 'test' }).TULNA_LOG_LEVEL).toBe('silent');
    expect(readEnvironment({ DATABASE_URL: ' postgres://db/x ', TULNA_DATA_DIR: ' ' })).toMatchObject({
      DATABASE_URL: 'postgres://db/x',
      TULNA_DATA_DIR: './data',
      TULNA_BENCH_DATABASE_URL: ' postgres://db/x ',
    });
  });

  it('names the variable and what was expected', () => {
    expect(() => readEnvironment({ PORT: 'x' })).toThrow('PORT must be a port number, found "x"');
    expect(() => readEnvironment({ TULNA_TRUST_PROXY: '11' })).toThrow(/TULNA_TRUST_PROXY must be .*\(0-10\), found "11"/);
    expect(() => readEnvironment({ TULNA_CRAWL_STALE_SECONDS: '0' })).toThrow(/TULNA_CRAWL_STALE_SECONDS must be a positive number/);
    expect(() => readEnvironment({ TULNA_ADMIN_PASSWORD: 'short' })).toThrow(
      /^Invalid admin configuration \(TULNA_ADMIN_PASSWORD\): expected at least 12 characters/,
    );
    expect(() => readEnvironment({ TYPESENSE_URL: 'http://127.0.0.1:8108' })).toThrow(
      /^Invalid search configuration \(TYPESENSE_API_KEY\): TYPESENSE_API_KEY is not set/,
    );
  });

  it('validates a section alone: a bad PORT does not stop the search settings', () => {
    expect(readEnvironmentSection('search', { PORT: 'x' }).TYPESENSE_URL).toBeUndefined();
    expect(() => readEnvironmentSection('server', { PORT: 'x' })).toThrow(/PORT/);
  });

  it('lists every variable it reads', () => {
    expect(ENVIRONMENT_VARIABLES).toEqual(expect.arrayContaining(['DATABASE_URL', 'TULNA_ADMIN_PASSWORD', 'TYPESENSE_URL', 'PORT', 'HOST']));
  });
});

describe('environment()', () => {
  const previous = process.env.TULNA_ADMIN_PASSWORD;
  afterEach(() => {
    if (previous === undefined) delete process.env.TULNA_ADMIN_PASSWORD;
    else process.env.TULNA_ADMIN_PASSWORD = previous;
  });

  it('sees process.env changed after a first read', () => {
    delete process.env.TULNA_ADMIN_PASSWORD;
    expect(environment().TULNA_ADMIN_PASSWORD).toBeUndefined();
    expect(environmentSection('admin').TULNA_ADMIN_PASSWORD).toBeUndefined();
    process.env.TULNA_ADMIN_PASSWORD = 'twelve chars!';
    expect(environment().TULNA_ADMIN_PASSWORD).toBe('twelve chars!');
    expect(environmentSection('admin').TULNA_ADMIN_PASSWORD).toBe('twelve chars!');
    expect(environment()).toBe(environment());
  });

  it('reads a given object instead of process.env', () => {
    expect(environmentSection('server', { PORT: '8080' }).PORT).toBe(8080);
  });
});
