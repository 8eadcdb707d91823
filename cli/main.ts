// `tulna <command>`: a thin dispatcher. Each command lives in its own module, loaded on demand.
import { parseArgs } from 'node:util';
import { environmentSection } from '../config/environment.ts';
import type { Command, CommandContext } from './command.ts';

export type { Command, CommandContext } from './command.ts';

const commands: Record<string, () => Promise<{ command: Command }>> = {
  start: () => import('./commands/start.ts'),
  extract: () => import('./commands/extract.ts'),
  crawl: () => import('./commands/crawl.ts'),
  'demo-stores': () => import('./commands/demo-stores.ts'),
  match: () => import('./commands/match.ts'),
  reindex: () => import('./commands/reindex.ts'),
  migrate: () => import('./commands/migrate.ts'),
  worker: () => import('./commands/worker.ts'),
  bench: () => import('./commands/bench.ts'),
  account: () => import('./commands/account.ts'),
  stores: () => import('./commands/stores.ts'),
  status: () => import('./commands/status.ts'),
};

const SERVICES = new Set(['start', 'worker', 'demo-stores']);

async function printHelp(): Promise<void> {
  const lines = ['Usage: tulna <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(commands)) {
    try {
      const { command } = await load();
      lines.push(`  ${name.padEnd(12)} ${command.summary}`);
    } catch {
      // A command whose module is not there yet is simply not listed.
    }
  }
  process.stdout.write(lines.join('\n') + '\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await printHelp();
    return name ? 0 : 1;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`tulna: unknown command "${name}". Run "tulna --help" for the list.\n`);
    return 2;
  }
  // One-shot commands show progress and a summary; their routine logs would only bury them.
  // Services (start, worker, demo-stores) log at info. TULNA_LOG_LEVEL overrides both.
  // (Set in process.env, not read: the logger, loaded with the command, reads it from there.)
  if (!SERVICES.has(name)) process.env.TULNA_LOG_LEVEL ??= 'warn';
  const { command } = await load();
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: true, strict: true });
  } catch (error) {
    process.stderr.write(`tulna ${name}: ${(error as Error).message}\nUsage: ${command.usage}\n`);
    return 2;
  }
  try {
    return await command.run({ args: parsed.positionals, flags: parsed.values as CommandContext['flags'] });
  } catch (error) {
    process.stderr.write(`tulna ${name}: ${(error as Error).message}\n`);
    if (environmentSection('logging').TULNA_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    return 1;
  }
}
