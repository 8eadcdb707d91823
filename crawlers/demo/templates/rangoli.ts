// Rangoli Gadgets: an Instagram/Facebook shop. Its catalogue lives in the Meta feed
// (platforms/meta-feed.ts), which gives Tulna everything; its own pages are plain: a grid of
// products and, per product, its name, condition, price and a link to buy it on Instagram.
import { DEMO_CATEGORIES } from '../catalogue/index.ts';
import { esc, indianNumber } from '../format.ts';
import { feedOffer, META_FEED_PATH } from '../platforms/meta-feed.ts';
import type { SiteContext } from '../site.ts';
import type { StoreListing } from '../store-profiles.ts';
import { imageUrl, paginationItems, type StoreTemplates } from './shared.ts';

const css =
  'body{font:15px system-ui,sans-serif;margin:0;color:#262626;background:#fafafa}header{background:linear-gradient(90deg,#f58529,#dd2a7b,#8134af);color:#fff;padding:14px 20px}' +
  'header a{color:#fff;margin-right:14px}main{padding:20px;max-width:960px;margin:auto}.grid{display:grid;grid-template-columns:repeat(3,1fr);gap:12px;list-style:none;padding:0}' +
  '.badge{background:#ffe8a3;border-radius:4px;padding:2px 6px;font-size:12px}.buy{display:inline-block;background:#0095f6;color:#fff;padding:8px 16px;border-radius:8px}';

function page(ctx: SiteContext, title: string, body: string): string {
  const nav = DEMO_CATEGORIES.map(
    (c) => `<a href="${esc(ctx.profile.categoryPath({ category: c, page: 1 }))}">${esc(ctx.profile.categories[c].label)}</a>`,
  ).join('');
  return (
    `<!doctype html><html lang="en-IN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${esc(title)}</title><style>${css}</style></head><body><header><a href="/"><b>${esc(ctx.profile.name)}</b></a>${nav}</header>` +
    `${body}<footer><main>Shop on Instagram. Catalogue feed: <a href="${META_FEED_PATH}">${META_FEED_PATH}</a></main></footer></body></html>`
  );
}

function card(ctx: SiteContext, listing: StoreListing): string {
  const offer = feedOffer(ctx, listing);
  const badge = offer.condition === 'new' ? '' : ` <span class="badge">${esc(offer.condition)}</span>`;
  return `<li><a href="${esc(listing.path)}">${esc(listing.title)}</a>${badge}<br>₹${indianNumber(offer.priceMinor)}</li>`;
}

export const rangoliTemplates: StoreTemplates = {
  home(ctx) {
    const items = DEMO_CATEGORIES.flatMap((c) => (ctx.inventory.byCategory.get(c) ?? []).slice(0, 3));
    return page(ctx, ctx.profile.name, `<main><h1>${esc(ctx.profile.tagline)}</h1><ul class="grid">${items.map((l) => card(ctx, l)).join('')}</ul></main>`);
  },

  category(ctx, category, items, pageNumber, pages) {
    const label = ctx.profile.categories[category].label;
    return page(
      ctx,
      `${label} · ${ctx.profile.name}`,
      `<main><h1>${esc(label)}</h1><ul class="grid">${items.map((l) => card(ctx, l)).join('')}</ul>` +
        `<ul>${paginationItems(ctx, category, pageNumber, pages, { prev: 'Back', next: 'More' })}</ul></main>`,
    );
  },

  product(ctx, listing) {
    const offer = feedOffer(ctx, listing);
    const condition = offer.condition === 'new' ? 'New' : offer.condition === 'used' ? 'Used' : 'Refurbished';
    const instagram = `https://www.instagram.com/rangoli.gadgets/p/${encodeURIComponent(listing.code)}/`;
    return page(
      ctx,
      `${listing.title} · ${ctx.profile.name}`,
      `<main><img src="${esc(imageUrl(ctx, listing))}" alt="" width="300" height="300"><h1>${esc(listing.title)}</h1>` +
        `<p>${esc(condition)} · ₹${indianNumber(offer.priceMinor)} · ${offer.inStock ? 'In stock' : 'Sold out'}</p>` +
        `<p><a class="buy" href="${esc(instagram)}">Buy on Instagram</a></p></main>`,
    );
  },

  notFound(ctx, path) {
    return page(ctx, `Not found · ${ctx.profile.name}`, `<main><h1>Not found</h1><p>${esc(path)} is not in this shop.</p></main>`);
  },
};
