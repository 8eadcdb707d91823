import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { createSearchEngine, postgresSearchOptionsFromEnv, typesenseOptionsFromEnv } from '../../search/index.ts';

const db = {} as Database;

describe('createSearchEngine', () => {
  it('searches in Postgres when Typesense is not configured', () => {
    expect(createSearchEngine(db, {}).name).toBe('postgres');
    expect(createSearchEngine(db, { TYPESENSE_URL: ' ', TYPESENSE_API_KEY: '' }).name).toBe('postgres');
  });

  it('uses Typesense when both URL and key are set', () => {
    const env = { TYPESENSE_URL: 'http://127.0.0.1:8108', TYPESENSE_API_KEY: 'xyz', TYPESENSE_COLLECTION: 'shop' };
    expect(typesenseOptionsFromEnv(env)).toEqual({ url: 'http://127.0.0.1:8108', apiKey: 'xyz', collection: 'shop' });
    expect(createSearchEngine(db, env).name).toBe('typesense');
  });

  it('says which half of the Typesense setup is missing', () => {
    expect(() => createSearchEngine(db, { TYPESENSE_URL: 'http://127.0.0.1:8108' })).toThrow(/TYPESENSE_API_KEY is not set/);
    expect(() => createSearchEngine(db, { TYPESENSE_API_KEY: 'xyz' })).toThrow(/TYPESENSE_URL is not set/);
    expect(() => createSearchEngine(db, { TYPESENSE_URL: 'not a url', TYPESENSE_API_KEY: 'xyz' })).toThrow(/TYPESENSE_URL/);
  });

  it('reads the answer cache lifetime of the Postgres engine, 0 turning it off', () => {
    expect(postgresSearchOptionsFromEnv({})).toEqual({});
    expect(postgresSearchOptionsFromEnv({ TULNA_SEARCH_CACHE_SECONDS: ' ' })).toEqual({});
    expect(postgresSearchOptionsFromEnv({ TULNA_SEARCH_CACHE_SECONDS: '0' })).toEqual({ cache: { ttlMs: 0 } });
    expect(postgresSearchOptionsFromEnv({ TULNA_SEARCH_CACHE_SECONDS: '30' })).toEqual({ cache: { ttlMs: 30_000 } });
    expect(() => createSearchEngine(db, { TULNA_SEARCH_CACHE_SECONDS: 'soon' })).toThrow(/TULNA_SEARCH_CACHE_SECONDS.*whole seconds/);
    expect(() => createSearchEngine(db, { TULNA_SEARCH_CACHE_SECONDS: '-1' })).toThrow(/TULNA_SEARCH_CACHE_SECONDS/);
  });
});
