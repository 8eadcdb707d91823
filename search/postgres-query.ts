// The SQL of the embedded engine: candidate rows through the trigram, full-text and GTIN indexes,
// relevance on those rows only, then one statement returning the page, the total and the facets.
// Every user value is a bound parameter.
import { sql, type SQL } from 'drizzle-orm';
import { FACET_LIMIT, type NormalisedQuery } from './search-query.ts';
import { adjacentSwaps, type ParsedQueryText } from './query-text.ts';
import type { SearchFilters } from './types.ts';

/**
 * Lowest word_similarity at which a query word counts as a (mistyped) document word. pg_trgm's 0.6
 * misses "galxy" → "galaxy" (0.5); 0.45 keeps one-letter typos in five-letter words.
 */
export const WORD_SIMILARITY_THRESHOLD = 0.45;

/**
 * How the words match. 'exact': every word is a document word and the last one, while typed, a
 * word prefix (full text, GIN index, no per-row work). 'fuzzy': every word is trigram-close to a
 * document word (typos; `<%` through the trigram index, rechecked per candidate, so only tried
 * when the exact pass finds nothing, like Typesense's typo_tokens_threshold). 'swapped': as exact,
 * each word also matching its adjacent-letter swaps ("alhpa" → "alpha"), which trigrams miss.
 */
export type MatchMode = 'exact' | 'swapped' | 'fuzzy';

const TSVECTOR = sql`to_tsvector('simple', ps.search_text)`;

function textArray(values: readonly string[]): SQL {
  return sql`ARRAY[${sql.join(
    values.map((v) => sql`${v}::text`),
    sql`, `,
  )}]::text[]`;
}

/**
 * The words as a tsquery source: `'w1' & 'w2':*`, or with swaps `('w1' | 'v1' | …) & …`. Words
 * hold only letters and digits, so quoting them is safe.
 */
export function exactTsQuery(text: ParsedQueryText, withSwaps = false): string {
  const last = text.words.length - 1;
  return text.words
    .map((w, i) => {
      const suffix = i === last && text.lastWordIsPrefix ? ':*' : '';
      const forms = [w, ...(withSwaps ? adjacentSwaps(w) : [])].map((f) => `'${f}'${suffix}`);
      return forms.length === 1 ? forms[0] : `(${forms.join(' | ')})`;
    })
    .join(' & ');
}

/** True when the 'swapped' pass would differ from the exact one. */
export function hasSwaps(text: ParsedQueryText): boolean {
  return text.words.some((w) => adjacentSwaps(w).length > 0);
}

/** Trigram closeness also covers a word still being typed ("galx" is 0.6 of "galaxy"). */
function fuzzyWord(word: string): SQL {
  return sql`${word}::text <% ps.search_text`;
}

/** The text part of WHERE, or undefined when the query is blank (browse). */
export function textCondition(text: ParsedQueryText, mode: MatchMode): SQL | undefined {
  if (text.unmatchable) return sql`false`;
  if (text.words.length === 0) return undefined;
  const words =
    mode !== 'fuzzy'
      ? sql`${TSVECTOR} @@ to_tsquery('simple', ${exactTsQuery(text, mode === 'swapped')}::text)`
      : sql.join(text.words.map(fuzzyWord), sql` AND `);
  if (text.gtins.length === 0) return sql`(${words})`;
  return sql`((${words}) OR ps.gtins && ${textArray(text.gtins)})`;
}

export function filterConditions(filters: SearchFilters): SQL[] {
  const conditions: SQL[] = [];
  const list = (values: string[] | undefined, column: SQL) => {
    if (values?.length) conditions.push(sql`${column} IN (${sql.join(values.map((v) => sql`${v}::text`), sql`, `)})`);
  };
  list(filters.category, sql`ps.category`);
  list(filters.brand, sql`ps.brand`);
  if (filters.store?.length) conditions.push(sql`ps.store_ids && ${textArray(filters.store)}`);
  if (filters.priceMin !== undefined) conditions.push(sql`ps.lowest_total >= ${filters.priceMin}::numeric`);
  if (filters.priceMax !== undefined) conditions.push(sql`ps.lowest_total <= ${filters.priceMax}::numeric`);
  if (filters.inStock) conditions.push(sql`ps.in_stock`);
  if (filters.deliversByTomorrow) conditions.push(sql`ps.fastest_delivery_days <= 1`);
  return conditions;
}

/** Punctuation that separates words in titles ("(256gb)", "s24/s23"), mapped to spaces for word tests. */
const TITLE_PUNCTUATION = `()[]{},;:/\\-"'+&.!?*|`;

/**
 * Most matches scored for relevance. A one-letter query matches most of the catalogue; scoring
 * every match would cost more than the shopper's patience, so the best-selling POOL_SIZE matches
 * are scored and ranked, and the rest follow them by popularity. Narrow queries score every match.
 */
export const POOL_SIZE = 500;

/**
 * Relevance: query words that are words of the title (1.5) or start one (1), a small preference
 * for concise titles, accessories below devices unless asked for, an exact GTIN hit above everything, a nudge for products many stores sell
 * and that are in stock; fuzzy matches add their trigram closeness to the title.
 */
/**
 * Words that mark a title as an accessory ("Case for Galaxy S24"). Unless the shopper asks for one,
 * accessories rank below the device they fit: "galaxy s24" wants the phone first.
 */
const ACCESSORY_WORDS = ['for', 'case', 'cover', 'protector', 'charger', 'cable', 'adapter', 'mount', 'strap', 'skin', 'stand', 'holder'];
const ACCESSORY_PATTERN = ` (${ACCESSORY_WORDS.join('|')}) `;

function accessoryPenalty(text: ParsedQueryText): SQL {
  const asksForAccessory = text.words.some((w) => ACCESSORY_WORDS.includes(w));
  return asksForAccessory ? sql`` : sql` - CASE WHEN t.title ~ ${ACCESSORY_PATTERN}::text THEN 0.75 ELSE 0 END`;
}

function scoreExpression(text: ParsedQueryText, mode: MatchMode): SQL {
  const titleWords = sql.join(
    text.words.map(
      (w) => sql`CASE WHEN strpos(t.title, ${` ${w} `}::text) > 0 THEN 1.5 WHEN strpos(t.title, ${` ${w}`}::text) > 0 THEN 1 ELSE 0 END`,
    ),
    sql` + `,
  );
  const closeness = mode === 'fuzzy' ? sql` + 2 * word_similarity(${text.text}::text, t.title)` : sql``;
  const spaces = ' '.repeat(TITLE_PUNCTUATION.length);
  return sql`(SELECT ${titleWords} - 0.002 * length(t.title) + 0.1 * ln(1 + m.store_count)
      + CASE WHEN m.in_stock THEN 0.05 ELSE 0 END + CASE WHEN m.gtin_hit THEN 10 ELSE 0 END${closeness}${accessoryPenalty(text)}
    FROM (SELECT ' ' || translate(lower(m.title), ${TITLE_PUNCTUATION}::text, ${spaces}::text) || ' ' AS title) t)`;
}

function orderBy(query: NormalisedQuery, scored: boolean): SQL {
  switch (query.sort) {
    case 'price':
      return sql`m.lowest_total ASC NULLS LAST, m.store_count DESC, m.product_id`;
    case 'delivery':
      return sql`m.fastest_delivery_days ASC NULLS LAST, m.lowest_total ASC NULLS LAST, m.store_count DESC, m.product_id`;
    default:
      return scored
        ? sql`m.score DESC NULLS LAST, m.store_count DESC, m.in_stock DESC, m.product_id`
        : sql`m.store_count DESC, m.in_stock DESC, m.product_id`;
  }
}

function facet(column: SQL, from: SQL): SQL {
  return sql`(SELECT coalesce(json_agg(json_build_object('value', f.value, 'count', f.count) ORDER BY f.count DESC, f.value), '[]'::json)
    FROM (SELECT ${column} AS value, count(*)::int AS count FROM ${from} WHERE ${column} IS NOT NULL
          GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${FACET_LIMIT}) f)`;
}

/**
 * One statement, one row: total, hits (JSON, page order) and the three facets. The matches carry
 * only what counting, facets, sorting and scoring need; only the pool is scored, and the page is a
 * top-N sort.
 */
export function buildSearchStatement(query: NormalisedQuery, mode: MatchMode = 'exact'): SQL {
  const conditions = [textCondition(query.text, mode), ...filterConditions(query.filters)].filter((c): c is SQL => !!c);
  const where = conditions.length ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``;
  const offset = (query.page - 1) * query.perPage;
  const scored = query.sort === 'relevance' && query.text.words.length > 0;
  const gtinHit = query.text.gtins.length ? sql`ps.gtins && ${textArray(query.text.gtins)}` : sql`false`;
  // Only the pool is scored: the CASE keeps the scoring subquery from running on the other rows.
  const source = scored
    ? sql`(SELECT m.*, CASE WHEN m.pool_rank <= ${POOL_SIZE} THEN ${scoreExpression(query.text, mode)} END AS score
        FROM (SELECT m.*, row_number() OVER (ORDER BY m.gtin_hit DESC, m.store_count DESC, m.product_id) AS pool_rank
              FROM matched m) m) m`
    : sql`matched m`;
  return sql`
    WITH matched AS MATERIALIZED (
      SELECT ps.product_id, ps.category, ps.brand, ps.store_ids, ps.lowest_total, ps.fastest_delivery_days,
        ps.store_count, ps.in_stock, ${gtinHit} AS gtin_hit${scored ? sql`, ps.title` : sql``}
      FROM product_search ps
      ${where}
    ),
    page AS (
      SELECT m.product_id, m.store_count, m.in_stock, m.lowest_total, m.fastest_delivery_days${scored ? sql`, m.score` : sql``}
      FROM ${source}
      ORDER BY ${orderBy(query, scored)}
      LIMIT ${query.perPage} OFFSET ${offset}
    )
    SELECT
      (SELECT count(*)::int FROM matched) AS total,
      (SELECT coalesce(json_agg(json_build_object(
          'productId', ps.product_id, 'title', ps.title, 'brand', ps.brand, 'category', ps.category,
          'image', ps.image, 'lowestPrice', ps.lowest_price::text, 'lowestTotal', ps.lowest_total::text,
          'currency', ps.currency, 'storeCount', ps.store_count,
          'fastestDeliveryDays', ps.fastest_delivery_days, 'inStock', ps.in_stock) ORDER BY ${orderBy(query, scored)}), '[]'::json)
        FROM page m JOIN product_search ps ON ps.product_id = m.product_id) AS hits,
      ${facet(sql`category`, sql`matched`)} AS category,
      ${facet(sql`brand`, sql`matched`)} AS brand,
      ${facet(sql`store`, sql`(SELECT unnest(store_ids) AS store FROM matched) s`)} AS store`;
}
