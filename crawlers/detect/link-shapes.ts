// The shapes of a shop's links: which look like product pages and which like category pages, so a
// shop on no known platform still gets start pages and a product link pattern. Pure.
import { canonicaliseUrl } from '../discovery/canonical-url.ts';
import { extractLinks } from '../discovery/link-extract.ts';

/** Product URL shapes common across shops, tried when the platform names none. */
export const PRODUCT_URL_SHAPES: readonly { name: string; pattern: string }[] = [
  { name: '/products/…', pattern: '/products?/[^/?#]+' },
  { name: '/dp/…', pattern: '/dp/[A-Z0-9]{10}(?:[/?#]|$)' },
  { name: '/p/…', pattern: '/p/[^/?#]+' },
  { name: 'item pages', pattern: '/items?(?:\\.php\\?id=|/)[^/?#&]+' },
  { name: 'a product id parameter', pattern: '[?&](?:product_id|id_product|productid|pid)=\\d+' },
  { name: '/pd/…', pattern: '/pd/[^/?#]+' },
];

/** Category (listing) page shapes: the start pages of a shop without a sitemap. */
export const CATEGORY_URL_SHAPES: readonly string[] = [
  '/(?:collections?|categor(?:y|ies)|c|b|s|shop|department|dept|catalog)/[^/?#]+',
  '/category\\.php\\?',
  '[?&](?:cat|category|category_id|cid|id_category)=[^&#]+',
  '[?&]route=product/category',
  '/product-category/',
];

/** Fewer matching links than this say nothing about a shape. */
export const MIN_SHAPE_LINKS = 3;
export const MAX_START_PAGES = 20;

export function toRegExp(pattern: string): RegExp {
  return new RegExp(pattern, 'i');
}

/** Canonical links of the page on the shop's host (and its www twin), each once. */
export function sameShopLinks(html: string, pageUrl: string): string[] {
  const host = new URL(pageUrl).host.replace(/^www\./, '');
  const links = new Set<string>();
  for (const link of extractLinks(html, pageUrl)) {
    const canonical = canonicaliseUrl(link.url);
    if (!canonical) continue;
    if (new URL(canonical).host.replace(/^www\./, '') === host) links.add(canonical);
  }
  return [...links];
}

/** The product URL shape most of the URLs have (at least MIN_SHAPE_LINKS of them), or undefined. */
export function productShapeOf(urls: readonly string[]): { name: string; pattern: string } | undefined {
  let best: { name: string; pattern: string; count: number } | undefined;
  for (const shape of PRODUCT_URL_SHAPES) {
    const re = toRegExp(shape.pattern);
    const count = urls.filter((url) => re.test(url)).length;
    if (count >= MIN_SHAPE_LINKS && (!best || count > best.count)) best = { ...shape, count };
  }
  return best && { name: best.name, pattern: best.pattern };
}

/**
 * Category pages to start from: links matching the platform's category pattern, else any common
 * category shape; never product links. Up to MAX_START_PAGES, in page order.
 */
export function categoryLinks(links: readonly string[], categoryPattern: string | undefined, productPattern: RegExp | undefined): string[] {
  const shapes = (categoryPattern ? [categoryPattern] : CATEGORY_URL_SHAPES).map(toRegExp);
  return links
    .filter((url) => shapes.some((re) => re.test(url)) && !(productPattern?.test(url) ?? false))
    .filter((url) => !/[?&](?:page|p)=\d+/.test(url))
    .slice(0, MAX_START_PAGES);
}
