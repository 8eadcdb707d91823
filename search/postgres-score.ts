// Relevance of one matched row, as SQL. Only the pool (the POOL_SIZE most popular matches) is
// scored: this expression runs per row, so what it costs is paid up to POOL_SIZE times a query.
// The title's word form and accessory flag are generated columns (db/title-words.ts), not
// computed here: that was 95% of the scoring time.
import { sql, type SQL } from 'drizzle-orm';
import { ACCESSORY_WORDS } from '../db/title-words.ts';
import type { ParsedQueryText } from './query-text.ts';

/**
 * Most matches scored for relevance. A one-letter query matches most of the catalogue; scoring
 * every match would cost more than the shopper's patience, so the best-selling POOL_SIZE matches
 * are scored and ranked, and the rest follow them by popularity. Narrow queries score every match.
 */
export const POOL_SIZE = 500;

/** The columns of product_search (as `ps`) that scoreExpression reads from `m`. */
export const SCORED_COLUMNS = sql`ps.title_words, ps.accessory`;

function accessoryPenalty(text: ParsedQueryText): SQL {
  const asksForAccessory = text.words.some((w) => ACCESSORY_WORDS.includes(w));
  return asksForAccessory ? sql`` : sql` - CASE WHEN m.accessory THEN 0.75 ELSE 0 END`;
}

/**
 * Relevance of the row `m` (SCORED_COLUMNS, store_count, in_stock, gtin_hit): query words that are
 * words of the title (1.5) or start one (1), a small preference for concise titles, accessories
 * below devices unless asked for, an exact GTIN hit above everything, a nudge for products many
 * stores sell and that are in stock; matches of the trigram pass (`fuzzy`) add their trigram
 * closeness to the title.
 */
export function scoreExpression(text: ParsedQueryText, fuzzy: boolean): SQL {
  const titleWords = sql.join(
    text.words.map(
      (w) =>
        sql`CASE WHEN strpos(m.title_words, ${` ${w} `}::text) > 0 THEN 1.5 WHEN strpos(m.title_words, ${` ${w}`}::text) > 0 THEN 1 ELSE 0 END`,
    ),
    sql` + `,
  );
  const closeness = fuzzy ? sql` + 2 * word_similarity(${text.text}::text, m.title_words)` : sql``;
  return sql`(${titleWords} - 0.002 * length(m.title_words) + 0.1 * ln(1 + m.store_count)
      + CASE WHEN m.in_stock THEN 0.05 ELSE 0 END + CASE WHEN m.gtin_hit THEN 10 ELSE 0 END${closeness}${accessoryPenalty(text)})`;
}
