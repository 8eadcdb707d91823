import type { Command } from '../command.ts';
import { databaseOptionsFromEnv, openDatabase } from '../../db/client.ts';

export const command: Command = {
  summary: 'Apply pending database migrations (they also run at every start)',
  usage: 'tulna migrate',
  async run() {
    const handle = await openDatabase({ ...databaseOptionsFromEnv(), migrate: true });
    process.stdout.write(`migrated the ${handle.driver} database at ${handle.location}\n`);
    await handle.close();
    return 0;
  },
};
