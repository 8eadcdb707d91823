// Runs the shared behaviour suite against a real Typesense server when TYPESENSE_URL and
// TYPESENSE_API_KEY are set; otherwise the suite is skipped and says why.
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { Client } from 'typesense';
import { createTypesenseSearch } from '../../search/typesense-engine.ts';
import { openTestDatabase } from '../helpers/db.ts';
import { currencyBehaviour, searchBehaviour } from './search-behaviour.ts';

const url = process.env.TYPESENSE_URL?.trim();
const apiKey = process.env.TYPESENSE_API_KEY?.trim();
const configured = Boolean(url && apiKey);

describe.skipIf(configured)('typesense engine integration', () => {
  it.skip('skipped: TYPESENSE_URL and TYPESENSE_API_KEY not set (point them at a Typesense server to run it)', () => {});
});

describe.skipIf(!configured)('typesense engine integration', () => {
  it('reaches the configured Typesense server', async () => {
    const client = new Client({ nodes: [{ url: url! }], apiKey: apiKey!, logLevel: 'warn' });
    expect((await client.health.retrieve()).ok).toBe(true);
  });

  const openTypesense = async () => {
    const handle = await openTestDatabase('pglite');
    const collection = `tulna_test_${randomBytes(4).toString('hex')}`;
    const engine = createTypesenseSearch(handle.db, { url: url!, apiKey: apiKey!, collection });
    const dropCollection = async () => {
      const client = new Client({ nodes: [{ url: url! }], apiKey: apiKey!, logLevel: 'warn' });
      const alias = await client.aliases(collection).retrieve().catch(() => undefined);
      if (alias) {
        await client.aliases(collection).delete();
        await client.collections(alias.collection_name).delete();
      }
    };
    return {
      db: handle.db,
      engine,
      close: async () => {
        try {
          await dropCollection();
        } finally {
          await handle.close();
        }
      },
    };
  };
  searchBehaviour('typesense', openTypesense);
  currencyBehaviour('typesense', openTypesense);
});
