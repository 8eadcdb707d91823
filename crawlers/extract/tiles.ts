// Grids of product tiles: the prices of a category, search or home page (and of a product page's
// carousels) sit in repeated containers, one per product, each with its own link. Such prices share one
// ancestor path (tag and first class names from the root) and follow different links; the main product's
// price on a product page has a path of its own.
import type { PageScan, PriceCandidate, ScoredPrice } from './page-scan.ts';

/** Distinct links a path must lead to before its prices count as a grid of tiles. */
export const MIN_TILES = 3;

export interface TileGrids {
  /** Paths of price candidates that repeat across at least MIN_TILES tiles with different links. */
  paths: Set<string>;
  /** How many tiles the largest grid has (0 when the page has none). */
  largest: number;
}

/** Finds the grids of tiles among the page's price candidates. */
export function findTileGrids(scan: PageScan): TileGrids {
  const links = new Map<string, Set<string>>();
  for (const c of scan.candidates) {
    if (!c.link || !/\d/.test(c.text)) continue;
    let set = links.get(c.path);
    if (!set) {
      set = new Set();
      links.set(c.path, set);
    }
    set.add(c.link);
  }
  const paths = new Set<string>();
  let largest = 0;
  for (const [path, set] of links) {
    if (set.size < MIN_TILES) continue;
    paths.add(path);
    largest = Math.max(largest, set.size);
  }
  return { paths, largest };
}

/** True when the candidate is one tile's price in a grid of tiles. */
export function inTileGrid(c: PriceCandidate, grids: TileGrids): boolean {
  return grids.paths.has(c.path);
}

/**
 * True when the candidate is a product tile's price: one of a grid, or (for a grid of one or two, as on the
 * last page of a category) in a list item or article below the heading where a link to another page comes first.
 */
export function isTilePrice(c: PriceCandidate, grids: TileGrids, scan: PageScan): boolean {
  return inTileGrid(c, grids) || (c.itemFrom >= 0 && c.itemFrom > (scan.h1?.index ?? -1));
}

/** How far after the title a product's main price may be (characters). */
const MAIN_PRICE_REACH = 15_000;
/** How far from its price the add-to-cart control of a single product may be (characters). */
const CART_REACH = 6_000;
/** More add-to-cart controls than this: a grid with a button per tile, not one product's buy box. */
const MAX_SINGLE_CARTS = 4;

export interface PageVerdict {
  /** 'listing': a category, search or home page (a grid of tiles and no single dominant product). */
  kind: 'product' | 'listing';
  /** The main product's price on a product page (undefined when the page shows none). */
  price?: ScoredPrice;
  reason: string;
}

/**
 * Decides whether a page without markup is about one product, and which price is its own. The page's most
 * prominent price (best ranked) decides, unless it is a product tile's: then the page is a listing, except
 * when a price outside every grid is anchored to the title (shortly after the h1) and either to an add-to-cart
 * control for a single item or to an OpenGraph product type — a product page whose carousel outranked its price.
 */
export function judgePage(scan: PageScan, ranked: ScoredPrice[], grids: TileGrids, ogType?: string): PageVerdict {
  const [best] = ranked;
  if (!best) return { kind: 'product', reason: 'no price' };
  if (!isTilePrice(best.candidate, grids, scan)) return { kind: 'product', price: best, reason: 'the main price stands alone' };
  const h1 = scan.h1;
  const product = ogType !== undefined && /product/i.test(ogType);
  const carts = scan.cartButtons.length <= MAX_SINGLE_CARTS ? scan.cartButtons : [];
  const main = h1
    ? ranked.find((r) => {
        const c = r.candidate;
        if (isTilePrice(c, grids, scan)) return false;
        const after = c.index - h1.index;
        if (after < 0 || after > MAIN_PRICE_REACH) return false;
        return product || carts.some((b) => Math.abs(b - c.index) < CART_REACH);
      })
    : undefined;
  if (main) return { kind: 'product', price: main, reason: 'a price anchored to the title outside the grids of tiles' };
  const tiles = grids.largest > 0 ? `one of a grid of ${grids.largest} product tiles` : 'in a product tile (a list item led by a link)';
  return { kind: 'listing', reason: `the most prominent price is ${tiles}, and no price is anchored to the title` };
}
