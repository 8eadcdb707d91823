// `tulna bench <what> <path>`: each benchmark in cli/bench/<what>.ts prints figures, last line a summary.
import type { Command } from '../command.ts';

const benches: Record<string, () => Promise<{ runBench(args: string[], flags: Record<string, unknown>): Promise<number> }>> = {
  prices: () => import('../bench/prices.ts'),
  extract: () => import('../bench/extract.ts'),
  match: () => import('../bench/match.ts'),
  crawl: () => import('../bench/crawl.ts'),
  workers: () => import('../bench/workers.ts'),
  ingest: () => import('../bench/ingest.ts'),
  search: () => import('../bench/search.ts'),
  alerts: () => import('../bench/alerts.ts'),
  retailers: () => import('../bench/retailers.ts'),
  detect: () => import('../bench/detect.ts'),
  freshness: () => import('../bench/freshness.ts'),
  browser: () => import('../bench/browser.ts'),
  feed: () => import('../bench/feed.ts'),
};

export const command: Command = {
  summary: `Run a benchmark: ${Object.keys(benches).join(', ')}`,
  usage: `tulna bench <${Object.keys(benches).join('|')}> [path] [--json]`,
  options: { json: { type: 'boolean' }, limit: { type: 'string' }, driver: { type: 'string' }, listings: { type: 'string' } },
  async run({ args, flags }) {
    const [what, ...rest] = args;
    const load = what ? benches[what] : undefined;
    if (!load) {
      process.stderr.write(`tulna bench: unknown benchmark "${what ?? ''}". Usage: ${this.usage}\n`);
      return 2;
    }
    const bench = await load();
    return bench.runBench(rest, flags);
  },
};
