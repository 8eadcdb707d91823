// `tulna match`: incremental matching, a full rebuild, or a human merge / split decision.
import { databaseOptionsFromEnv, openDatabase } from '../../db/client.ts';
import { mergeListings, rebuildMatches, matchListings, splitListing, type MatchSummary } from '../../crawlers/match/index.ts';
import type { Command } from '../command.ts';

const USAGE = [
  'tulna match                                  match new and changed listings',
  '       tulna match --rebuild                        rematch every listing (human decisions kept)',
  '       tulna match --merge <listingId> <listingId|p:productId>…   these are the same product',
  '       tulna match --split <listingId> [<listingId>…]             not that product / never these',
].join('\n');

function parseId(text: string, what: string): number {
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id <= 0) throw new TypeError(`Expected a ${what} id (a positive integer), found "${text}"`);
  return id;
}

function describe(summary: MatchSummary): string {
  return (
    `${summary.mode}: matched ${summary.listingsMatched} listings (${summary.listingsLinked} joined a product with other listings; ` +
    `${summary.listingsConsidered} listings considered), ` +
    `${summary.productsCreated} products created, ${summary.productsRemoved} removed, ` +
    `${summary.affectedProductIds.length} affected, in ${(summary.durationMs / 1000).toFixed(2)} s\n`
  );
}

export const command: Command = {
  summary: 'Match listings to canonical products (incremental, --rebuild, --merge, --split)',
  usage: USAGE,
  options: {
    rebuild: { type: 'boolean' },
    merge: { type: 'boolean' },
    split: { type: 'boolean' },
  },
  async run({ args, flags }) {
    const modes = ['rebuild', 'merge', 'split'].filter((m) => flags[m]);
    if (modes.length > 1) {
      process.stderr.write(`tulna match: expected at most one of --rebuild, --merge, --split, found ${modes.join(', ')}\n`);
      return 2;
    }
    if (flags.merge && args.length < 2) {
      process.stderr.write(`tulna match --merge: expected a listing id and at least one listing or p:product id\nUsage: ${USAGE}\n`);
      return 2;
    }
    if (flags.split && args.length < 1) {
      process.stderr.write(`tulna match --split: expected a listing id\nUsage: ${USAGE}\n`);
      return 2;
    }
    if (!flags.merge && !flags.split && args.length > 0) {
      process.stderr.write(`tulna match: unexpected arguments "${args.join(' ')}"\nUsage: ${USAGE}\n`);
      return 2;
    }
    const handle = await openDatabase(databaseOptionsFromEnv());
    try {
      let summary: MatchSummary;
      if (flags.rebuild) summary = await rebuildMatches(handle.db);
      else if (flags.merge) {
        const [listing, ...targets] = args;
        const listingIds: number[] = [];
        const productIds: number[] = [];
        for (const t of targets) {
          const product = /^(?:p|product):(.+)$/i.exec(t);
          if (product) productIds.push(parseId(product[1], 'product'));
          else listingIds.push(parseId(t, 'listing'));
        }
        summary = await mergeListings(handle.db, parseId(listing, 'listing'), { listingIds, productIds });
      } else if (flags.split) {
        const [listing, ...others] = args.map((a) => parseId(a, 'listing'));
        summary = await splitListing(handle.db, listing, others.length > 0 ? others : undefined);
      } else summary = await matchListings(handle.db);
      process.stdout.write(describe(summary));
      return 0;
    } finally {
      await handle.close();
    }
  },
};
