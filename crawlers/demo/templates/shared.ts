// Pieces every demo store's templates share: the page contract, schema.org words, pagination.
import type { DemoCategory } from '../catalogue/index.ts';
import { esc } from '../format.ts';
import type { MarketStock } from '../market.ts';
import type { SiteContext } from '../site.ts';
import type { StoreListing } from '../store-profiles.ts';

export interface StoreTemplates {
  home(ctx: SiteContext): string;
  category(ctx: SiteContext, category: DemoCategory, items: StoreListing[], page: number, pages: number): string;
  product(ctx: SiteContext, listing: StoreListing): string;
  notFound(ctx: SiteContext, path: string): string;
}

export function schemaAvailability(stock: MarketStock): string {
  switch (stock) {
    case 'in_stock':
      return 'https://schema.org/InStock';
    case 'limited':
      return 'https://schema.org/LimitedAvailability';
    case 'out_of_stock':
      return 'https://schema.org/OutOfStock';
  }
}

/** A product image URL (the stores serve a small placeholder SVG for every /img/ path). */
export function imageUrl(ctx: SiteContext, listing: StoreListing): string {
  return `${ctx.baseUrl}/img/${encodeURIComponent(listing.code)}.svg`;
}

export function absolute(ctx: SiteContext, path: string): string {
  return `${ctx.baseUrl}${path}`;
}

/** <link rel=prev/next> tags for a paginated listing. */
export function pageRelLinks(ctx: SiteContext, category: DemoCategory, page: number, pages: number): string {
  const links: string[] = [];
  if (page > 1) links.push(`<link rel="prev" href="${esc(absolute(ctx, ctx.profile.categoryPath({ category, page: page - 1 })))}">`);
  if (page < pages) links.push(`<link rel="next" href="${esc(absolute(ctx, ctx.profile.categoryPath({ category, page: page + 1 })))}">`);
  return links.join('');
}

/** Numbered pagination links with previous/next, as list items. */
export function paginationItems(
  ctx: SiteContext,
  category: DemoCategory,
  page: number,
  pages: number,
  labels: { prev: string; next: string },
): string {
  const href = (n: number) => esc(ctx.profile.categoryPath({ category, page: n }));
  const items: string[] = [];
  if (page > 1) items.push(`<li><a rel="prev" href="${href(page - 1)}">${esc(labels.prev)}</a></li>`);
  for (let n = 1; n <= pages; n++) {
    items.push(n === page ? `<li class="current"><span>${n}</span></li>` : `<li><a href="${href(n)}">${n}</a></li>`);
  }
  if (page < pages) items.push(`<li><a rel="next" href="${href(page + 1)}">${esc(labels.next)}</a></li>`);
  return items.join('');
}

/** Specs as table rows. */
export function specRows(specs: Record<string, string>): string {
  return Object.entries(specs)
    .map(([name, value]) => `<tr><th>${esc(name)}</th><td>${esc(value)}</td></tr>`)
    .join('');
}

/** A made-up but stable star rating and review count for a listing. */
export function rating(listing: StoreListing): { stars: string; count: number } {
  let h = 0;
  for (const ch of listing.code) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return { stars: (3.6 + (h % 13) / 10).toFixed(1), count: 40 + (h % 9000) };
}
