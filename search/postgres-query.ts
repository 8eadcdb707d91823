// The SQL of the embedded engine: candidate rows through the trigram, full-text and GTIN indexes,
// relevance on the most popular candidates only, then one statement returning the page, the total
// and the facets. Every user value is a bound parameter.
import { sql, type SQL } from 'drizzle-orm';
import { FACET_LIMIT, hasPriceFilter, type NormalisedQuery } from './search-query.ts';
import { adjacentSwaps, type ParsedQueryText } from './query-text.ts';
import { POOL_SIZE, SCORED_COLUMNS, scoreExpression } from './postgres-score.ts';
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

/**
 * Shortest query (letters and digits, spaces between words included) worth a trigram pass. A word
 * of one or two letters has three padded trigrams, and reaching the 0.45 threshold takes the ones
 * that start a document word with those letters: what the exact pass's prefix already looked for.
 * Skipping the pass spares a statement (1–2 ms of planning and a trigram index probe) on every
 * short query the exact pass found nothing for ("qx").
 */
export const MIN_FUZZY_CHARS = 3;

/** The passes a query runs, cheapest first; each runs only when the ones before it found nothing. */
export function matchModes(text: ParsedQueryText): MatchMode[] {
  if (text.words.length === 0) return ['exact'];
  const modes: MatchMode[] = ['exact'];
  if (hasSwaps(text)) modes.push('swapped');
  if (text.text.length >= MIN_FUZZY_CHARS) modes.push('fuzzy');
  return modes;
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

/** Every filter but the price bounds, which need the currency (priceConditions). */
export function filterConditions(filters: SearchFilters): SQL[] {
  const conditions: SQL[] = [];
  const list = (values: string[] | undefined, column: SQL) => {
    if (values?.length) conditions.push(sql`${column} IN (${sql.join(values.map((v) => sql`${v}::text`), sql`, `)})`);
  };
  list(filters.category, sql`ps.category`);
  list(filters.brand, sql`ps.brand`);
  if (filters.store?.length) conditions.push(sql`ps.store_ids && ${textArray(filters.store)}`);
  if (filters.inStock) conditions.push(sql`ps.in_stock`);
  if (filters.deliversByTomorrow) conditions.push(sql`ps.fastest_delivery_days <= 1`);
  return conditions;
}

/** A document's lowest buyable total in `currency` (null when nothing is buyable in it). */
function totalIn(prices: SQL, currency: SQL): SQL {
  return sql`(${prices} -> ${currency} ->> 'total')::numeric`;
}

/** The price bounds, on the lowest buyable total in the currency: never across currencies. */
export function priceConditions(filters: SearchFilters, total: SQL): SQL[] {
  const conditions: SQL[] = [];
  if (filters.priceMin !== undefined) conditions.push(sql`${total} >= ${filters.priceMin}::numeric`);
  if (filters.priceMax !== undefined) conditions.push(sql`${total} <= ${filters.priceMax}::numeric`);
  return conditions;
}

/**
 * After the products buyable in the currency (by their total there), the rest grouped by main
 * currency, each by its own totals, then what is not buyable: Typesense's price_group order.
 */
const CURRENCY_GROUPS = sql`(m.c_total IS NULL), NOT m.in_stock, m.currency COLLATE "C", m.lowest_total ASC NULLS LAST, m.product_id`;

function orderBy(query: NormalisedQuery, scored: boolean): SQL {
  switch (query.sort) {
    case 'price':
      return sql`m.c_total ASC NULLS LAST, ${CURRENCY_GROUPS}`;
    case 'delivery':
      return sql`m.fastest_delivery_days ASC NULLS LAST, ${CURRENCY_GROUPS}`;
    default:
      return scored
        ? sql`m.score DESC NULLS LAST, m.store_count DESC, m.in_stock DESC, m.product_id`
        : sql`m.store_count DESC, m.in_stock DESC, m.product_id`;
  }
}

/** A facet as JSON from `value, count` rows: the FACET_LIMIT most frequent values. */
function facetJson(counts: SQL): SQL {
  return sql`(SELECT coalesce(json_agg(json_build_object('value', f.value, 'count', f.count) ORDER BY f.count DESC, f.value), '[]'::json)
    FROM (${counts} ORDER BY 2 DESC, 1 LIMIT ${FACET_LIMIT}) f)`;
}

function columnFacet(column: SQL): SQL {
  return facetJson(sql`SELECT ${column} AS value, count(*)::int AS count FROM matched WHERE ${column} IS NOT NULL GROUP BY 1`);
}

/**
 * Stores per product are an array. Products share few distinct store sets, so counting the sets
 * first and unnesting each set once reads a few hundred arrays where unnesting every match read
 * three elements per product (a third of a broad query's time).
 */
function storeFacet(): SQL {
  return facetJson(sql`SELECT s.store AS value, sum(g.n)::int AS count
    FROM (SELECT store_ids, count(*) AS n FROM matched GROUP BY store_ids) g, unnest(g.store_ids) AS s(store)
    WHERE s.store IS NOT NULL GROUP BY 1`);
}

/** Currencies per product are an array, like stores: the choices of the query's currency. */
function currencyFacet(): SQL {
  return facetJson(sql`SELECT c.value, count(*)::int AS count FROM matched m, unnest(m.currencies) AS c(value) GROUP BY 1`);
}

const MATCHED_COLUMNS = sql`ps.product_id, ps.category, ps.brand, ps.store_ids, ps.currencies, ps.buyable_prices,
        ps.currency, ps.lowest_total, ps.fastest_delivery_days, ps.store_count, ps.in_stock`;

/** The commonest currency of these rows' offers, ties alphabetical (the facet's first value). */
function commonestCurrency(rows: SQL): SQL {
  return sql`(SELECT c.value FROM ${rows} r, unnest(r.currencies) AS c(value) GROUP BY 1 ORDER BY count(*) DESC, c.value COLLATE "C" LIMIT 1)`;
}

/**
 * The matches of one pass (only what counting, facets, sorting and scoring need), and `chosen`:
 * the currency asked for, or the commonest among the matches. Price filters need the currency,
 * so without one asked for they apply in a second step after the other conditions.
 */
function matchedCte(query: NormalisedQuery, mode: MatchMode, scored: boolean): SQL {
  const gtinHit = query.text.gtins.length ? sql`ps.gtins && ${textArray(query.text.gtins)}` : sql`false`;
  const conditions = [textCondition(query.text, mode), ...filterConditions(query.filters)].filter((c): c is SQL => !!c);
  const where = (all: SQL[]) => (all.length ? sql`WHERE ${sql.join(all, sql` AND `)}` : sql``);
  const columns = sql`${MATCHED_COLUMNS}, ${gtinHit} AS gtin_hit${scored ? sql`, ${SCORED_COLUMNS}` : sql``}`;
  if (query.currency === undefined && hasPriceFilter(query)) {
    return sql`base AS MATERIALIZED (
      SELECT ${columns} FROM product_search ps ${where(conditions)}
    ),
    chosen AS (SELECT ${commonestCurrency(sql`base`)}::text AS c),
    matched AS MATERIALIZED (
      SELECT ps.* FROM base ps, chosen ${where(priceConditions(query.filters, totalIn(sql`ps.buyable_prices`, sql`chosen.c`)))}
    )`;
  }
  const currency = query.currency === undefined ? undefined : sql`${query.currency}::text`;
  const prices = currency ? priceConditions(query.filters, totalIn(sql`ps.buyable_prices`, currency)) : [];
  return sql`matched AS MATERIALIZED (
      SELECT ${columns} FROM product_search ps ${where([...conditions, ...prices])}
    ),
    chosen AS (SELECT ${currency ?? commonestCurrency(sql`matched`)}::text AS c)`;
}

/**
 * The page, relevance order. Only the pool (the POOL_SIZE most popular matches: a top-N sort, not
 * a sort of every match) is scored, and every pool row has a score, so the pool comes first and
 * the other matches follow by popularity. Those are only read when the page reaches past the pool.
 */
function relevancePage(query: NormalisedQuery, mode: MatchMode, offset: number): SQL {
  const pastPool = offset + query.perPage > POOL_SIZE;
  const columns = sql`m.product_id, m.store_count, m.in_stock, m.currency, m.lowest_total, m.fastest_delivery_days`;
  const rest = pastPool
    ? sql` UNION ALL
        SELECT ${columns}, NULL::float8 AS score FROM matched m WHERE m.product_id NOT IN (SELECT product_id FROM pool)`
    : sql``;
  return sql`pool AS (
      SELECT m.*, ${scoreExpression(query.text, mode === 'fuzzy')}::float8 AS score
      FROM (SELECT * FROM matched m ORDER BY m.gtin_hit DESC, m.store_count DESC, m.product_id LIMIT ${POOL_SIZE}) m
    ),
    page AS (
      SELECT m.* FROM (SELECT ${columns}, m.score FROM pool m${rest}) m
      ORDER BY ${orderBy(query, true)}
      LIMIT ${query.perPage} OFFSET ${offset}
    )`;
}

/**
 * One statement, one row: total, the currency, hits (JSON, page order) and the four facets of one pass. Passes
 * stay separate statements (see matchModes): one statement gating the later passes on the earlier
 * ones finding nothing ran the same scans, but planning the trigram pass (pg_trgm estimates `<%`
 * by running it on the column statistics) cost 3–4 ms on every query, most of which the exact pass
 * answers in about as much.
 */
export function buildSearchStatement(query: NormalisedQuery, mode: MatchMode = 'exact'): SQL {
  const offset = (query.page - 1) * query.perPage;
  const scored = query.sort === 'relevance' && query.text.words.length > 0;
  const page = scored
    ? relevancePage(query, mode, offset)
    : sql`page AS (
      SELECT m.* FROM (
        SELECT m.product_id, m.store_count, m.in_stock, m.currency, m.lowest_total, m.fastest_delivery_days,
          ${totalIn(sql`m.buyable_prices`, sql`chosen.c`)} AS c_total
        FROM matched m, chosen
      ) m
      ORDER BY ${orderBy(query, false)}
      LIMIT ${query.perPage} OFFSET ${offset}
    )`;
  return sql`
    WITH ${matchedCte(query, mode, scored)},
    ${page}
    SELECT
      (SELECT count(*)::int FROM matched) AS total,
      (SELECT c FROM chosen) AS currency,
      (SELECT coalesce(json_agg(json_build_object(
          'productId', ps.product_id, 'title', ps.title, 'brand', ps.brand, 'category', ps.category, 'image', ps.image,
          'lowestPrice', coalesce(ps.buyable_prices -> chosen.c ->> 'price', ps.lowest_price::text),
          'lowestTotal', coalesce(ps.buyable_prices -> chosen.c ->> 'total', ps.lowest_total::text),
          'currency', CASE WHEN ps.buyable_prices -> chosen.c IS NOT NULL THEN chosen.c ELSE ps.currency END,
          'storeCount', ps.store_count,
          'fastestDeliveryDays', ps.fastest_delivery_days, 'inStock', ps.in_stock) ORDER BY ${orderBy(query, scored)}), '[]'::json)
        FROM page m JOIN product_search ps ON ps.product_id = m.product_id CROSS JOIN chosen) AS hits,
      ${columnFacet(sql`category`)} AS category,
      ${columnFacet(sql`brand`)} AS brand,
      ${storeFacet()} AS store,
      ${currencyFacet()} AS currency_facet`;
}
