// `tulna reindex`: rebuilds every search document (product_search) and, when configured, Typesense.
import type { Command } from '../command.ts';
import { databaseOptionsFromEnv, openDatabase } from '../../db/client.ts';
import { createSearchEngine, typesenseOptionsFromEnv } from '../../search/index.ts';
import type { ReindexPhase } from '../../search/types.ts';

const PHASE_LABEL: Record<ReindexPhase, string> = {
  documents: 'search documents (products)',
  index: 'typesense documents',
};

export const command: Command = {
  summary: 'Rebuild the search documents, and the Typesense collection when TYPESENSE_URL is set',
  usage: 'tulna reindex',
  async run() {
    const started = performance.now();
    typesenseOptionsFromEnv(); // a half-configured Typesense fails here, before the database opens
    const handle = await openDatabase({ ...databaseOptionsFromEnv(), migrate: true });
    let lastLine = 0;
    const engine = createSearchEngine(handle.db);
    try {
      const { documents } = await engine.reindexAll((done, total, phase = 'documents') => {
        const now = performance.now();
        if (done !== total && done !== 0 && now - lastLine < 1000) return;
        lastLine = now;
        process.stdout.write(`  ${PHASE_LABEL[phase]}: ${done}/${total}\n`);
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stdout.write(`reindexed ${documents} products into ${engine.name} (${handle.driver} database) in ${seconds} s\n`);
      return 0;
    } finally {
      await engine.close();
      await handle.close();
    }
  },
};
