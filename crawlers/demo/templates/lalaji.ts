// Lalaji Electronics: an old family shop's site. Plain HTML only (no schema.org, no OpenGraph):
// Tulna reads it with the CSS selectors in its store config (see LALAJI_SELECTORS).
import { DEMO_CATEGORIES } from '../catalogue/index.ts';
import { esc, indianNumber } from '../format.ts';
import { relatedListings, type OfferView, type SiteContext } from '../site.ts';
import type { StoreListing } from '../store-profiles.ts';
import { paginationItems, specRows, type StoreTemplates } from './shared.ts';

/** Selectors for the store config: scoped to #product-main, since the "also see" box reuses the classes. */
export const LALAJI_SELECTORS = {
  title: '#product-main h1.prod-name',
  price: '#product-main .our-price',
  listPrice: '#product-main del.mrp',
  availability: '#product-main .stock',
  sku: '#product-main .item-code',
  brand: '#product-main td.brand',
  gtin: '#product-main td.ean',
  mpn: '#product-main td.model',
  image: '#product-main img.main-img',
  category: '.crumbs .cat-name',
  shipping: '#product-main .ship',
  delivery: '#product-main .eta',
} as const;

const css =
  'body{font:13px Verdana,sans-serif;background:#fffbe6;margin:0}#top{background:#8b0000;color:#ffd700;padding:10px}#top a{color:#ffd700}' +
  '#menu{background:#ffd700;padding:5px}#menu a{margin:0 8px;color:#8b0000}.crumbs{padding:6px 10px}table.grid td{border:1px solid #ccc;padding:6px;vertical-align:top}' +
  '.our-price{color:#b00;font-weight:bold;font-size:18px}del.mrp{color:#777}.stock.out{color:#b00}.stock.in{color:green}#foot{background:#8b0000;color:#fff;padding:8px;font-size:11px}';

function rs(minor: number): string {
  return `Rs. ${indianNumber(minor, true)}`;
}

function shell(ctx: SiteContext, title: string, body: string): string {
  const menu = DEMO_CATEGORIES.map(
    (c) => `<a href="${esc(ctx.profile.categoryPath({ category: c, page: 1 }))}">${esc(ctx.profile.categories[c].label)}</a>`,
  ).join(' | ');
  return (
    `<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN"><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">` +
    `<title>${esc(title)}</title><style>${css}</style></head><body>` +
    `<div id="top"><a href="/index.php"><b>LALAJI ELECTRONICS</b></a> - ${esc(ctx.profile.tagline)} - Call 011-2327 0000</div>` +
    `<div id="menu"><a href="/">Home</a> | ${menu} | <a href="/contact.php">Contact Us</a></div>${body}` +
    `<div id="foot">Copyright © 1987-2026 ${esc(ctx.profile.name)}. All prices inclusive of GST. Prices subject to change without notice.</div></body></html>`
  );
}

function cell(ctx: SiteContext, listing: StoreListing): string {
  const { quote } = ctx.offer(listing);
  return (
    `<td class="prod-cell"><a href="${esc(listing.path)}">${esc(listing.title)}</a><br>` +
    (quote.wasMinor ? `<del class="mrp">${rs(quote.wasMinor)}</del> ` : '') +
    `<span class="our-price">${rs(quote.priceMinor)}</span>` +
    (quote.stock === 'out_of_stock' ? '<br><span class="stock out">Out of Stock</span>' : '') +
    `</td>`
  );
}

function rows(ctx: SiteContext, items: StoreListing[], perRow: number): string {
  const out: string[] = [];
  for (let i = 0; i < items.length; i += perRow) {
    out.push(`<tr>${items.slice(i, i + perRow).map((l) => cell(ctx, l)).join('')}</tr>`);
  }
  return out.join('');
}

function stockText(offer: OfferView): string {
  switch (offer.quote.stock) {
    case 'in_stock':
      return '<span class="stock in">In Stock</span>';
    case 'limited':
      return `<span class="stock low">Limited Stock - only ${offer.quote.stockLeft} pcs left</span>`;
    case 'out_of_stock':
      return '<span class="stock out">Out of Stock</span>';
  }
}

export const lalajiTemplates: StoreTemplates = {
  home(ctx) {
    const featured = DEMO_CATEGORIES.flatMap((c) => (ctx.inventory.byCategory.get(c) ?? []).slice(0, 3));
    return shell(ctx, `${ctx.profile.name} - Mobiles, LED TV, Laptops at Best Price in Delhi`,
      `<h2>Hot Deals</h2><table class="grid">${rows(ctx, featured, 3)}</table>`);
  },

  category(ctx, category, items, page, pages) {
    const label = ctx.profile.categories[category].label;
    return shell(ctx, `${label} - Page ${page} - ${ctx.profile.name}`,
      `<div class="crumbs"><a href="/">Home</a> &gt; <a class="cat" href="${esc(ctx.profile.categoryPath({ category, page: 1 }))}">${esc(label)}</a></div>` +
      `<h2>${esc(label)}</h2><table class="grid">${rows(ctx, items, 3)}</table>` +
      `<ul class="pages">Pages: ${paginationItems(ctx, category, page, pages, { prev: '<< Prev', next: 'Next >>' })}</ul>`);
  },

  product(ctx, listing) {
    const p = listing.product;
    const offer = ctx.offer(listing);
    const q = offer.quote;
    const label = ctx.profile.categories[p.category].label;
    const ship = offer.shippingMinor === 0 ? 'Free Shipping' : `Shipping: ${rs(offer.shippingMinor)}`;
    const delivery = offer.delivery
      ? `<p class="dispatch">Dispatched within 24 hours</p><p class="eta">Delivered in ${offer.delivery.minDays}-${offer.delivery.maxDays} business days</p>`
      : '<p class="eta">Currently not available. Call us to book.</p>';
    const related = relatedListings(ctx.inventory, listing, 3);
    return shell(ctx, `${listing.title} - ${ctx.profile.name}`,
      `<div class="crumbs"><a href="/">Home</a> &gt; <a class="cat" href="${esc(ctx.profile.categoryPath({ category: p.category, page: 1 }))}"><span class="cat-name">${esc(label)}</span></a> &gt; ${esc(listing.title)}</div>` +
      `<div id="product-main"><table width="100%"><tr><td width="300"><img class="main-img" src="/img/${esc(listing.code)}.svg" width="280" alt="${esc(listing.title)}"></td><td>` +
      `<h1 class="prod-name">${esc(listing.title)}</h1><p>Item Code: <span class="item-code">${esc(listing.code)}</span></p>` +
      (q.wasMinor ? `<p>MRP: <del class="mrp">${rs(q.wasMinor)}</del> <font color="red">SALE!</font></p>` : '') +
      `<p>Our Price: <span class="our-price">${rs(q.priceMinor)}</span></p>` +
      `<p>${stockText(offer)}</p><p class="ship">${ship}</p>${delivery}` +
      `<table class="grid"><tr><th>Brand</th><td class="brand">${esc(p.brand)}</td></tr><tr><th>Model</th><td class="model">${esc(p.model)}</td></tr>` +
      (listing.showsGtin && p.gtin ? `<tr><th>EAN</th><td class="ean">${esc(p.gtin)}</td></tr>` : '') +
      `${specRows(p.specs)}</table></td></tr></table></div>` +
      `<div class="also"><h3>Customers also see</h3><table class="grid">${rows(ctx, related, 3)}</table></div>`);
  },

  notFound(ctx, path) {
    return shell(ctx, `Not Found - ${ctx.profile.name}`,
      `<h2>Item not found</h2><p>The item you requested (${esc(path)}) is not available. Please go back to the <a href="/">home page</a>.</p>`);
  },
};
