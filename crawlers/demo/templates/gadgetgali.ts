// Gadget Gali: a small Shopify shop (Dawn-like theme). Its catalogue is read from /products.json;
// each variant also has a normal product page with JSON-LD for the selected variant.
import { DEMO_CATEGORIES } from '../catalogue/index.ts';
import { decimal, esc, indianNumber, jsonForScript } from '../format.ts';
import type { OfferView, SiteContext } from '../site.ts';
import type { StoreListing } from '../store-profiles.ts';
import { shopifyOptions } from '../titles.ts';
import { absolute, imageUrl, pageRelLinks, paginationItems, schemaAvailability, specRows, type StoreTemplates } from './shared.ts';

const css =
  'body{font:15px system-ui,sans-serif;margin:0;color:#121212}header{display:flex;justify-content:space-between;padding:16px 24px;border-bottom:1px solid #eee}' +
  '.product{display:grid;grid-template-columns:1fr 1fr;gap:32px;padding:24px}.price-item--sale{color:#b00}.price-item--regular s{color:#777}' +
  '.variant-picker a{display:inline-block;border:1px solid #ccc;border-radius:16px;padding:4px 12px;margin:2px}.variant-picker a[aria-current]{background:#121212;color:#fff}' +
  '.grid{display:grid;grid-template-columns:repeat(4,1fr);gap:16px;list-style:none;padding:24px}footer{background:#f3f3f3;padding:24px;font-size:13px}';

const rupees = (minor: number) => `Rs. ${indianNumber(minor, true)}`;

function shell(ctx: SiteContext, title: string, head: string, body: string): string {
  const nav = DEMO_CATEGORIES.map(
    (c) => `<li><a href="${esc(ctx.profile.categoryPath({ category: c, page: 1 }))}">${esc(ctx.profile.categories[c].label)}</a></li>`,
  ).join('');
  return (
    `<!doctype html><html lang="en-IN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${esc(title)}</title><style>${css}</style>${head}` +
    // The storefront globals every Shopify theme prints (platform detection reads them).
    `<script>var Shopify = Shopify || {};Shopify.shop = "gadget-gali.myshopify.com";Shopify.locale = "en";` +
    `Shopify.currency = {"active":"INR","rate":"1.0"};Shopify.country = "IN";Shopify.theme = {"name":"Dawn","id":1,"role":"main"};</script></head><body>` +
    `<header><a class="header__heading-link" href="/">${esc(ctx.profile.name)}</a><nav><ul>${nav}</ul></nav><a href="/cart">Cart</a></header>` +
    `${body}<footer><p>© ${esc(ctx.profile.name)}, Powered by Shopify</p></footer></body></html>`
  );
}

function priceBlock(offer: OfferView): string {
  const q = offer.quote;
  if (q.wasMinor) {
    return `<div class="price price--on-sale"><span class="price-item price-item--sale">${rupees(q.priceMinor)}</span> <span class="price-item--regular"><s>${rupees(q.wasMinor)}</s></span> <span class="badge">Sale</span></div>`;
  }
  return `<div class="price"><span class="price-item price-item--regular">${rupees(q.priceMinor)}</span></div>`;
}

function card(ctx: SiteContext, listing: StoreListing): string {
  return `<li class="card"><a href="${esc(listing.path)}"><img src="${esc(imageUrl(ctx, listing))}" alt="" loading="lazy"><h3>${esc(listing.title)}</h3></a>${priceBlock(ctx.offer(listing))}</li>`;
}

function productLd(ctx: SiteContext, listing: StoreListing, offer: OfferView): unknown {
  const p = listing.product;
  const url = absolute(ctx, listing.path);
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: listing.title,
    url,
    image: imageUrl(ctx, listing),
    description: p.name,
    sku: `GG-${p.model}`,
    brand: { '@type': 'Brand', name: p.brand },
    ...(listing.showsGtin ? { gtin13: p.gtin } : {}),
    offers: {
      '@type': 'Offer',
      url,
      price: decimal(offer.quote.priceMinor),
      priceCurrency: 'INR',
      availability: schemaAvailability(offer.quote.stock),
      seller: { '@type': 'Organization', name: ctx.profile.name },
    },
  };
}

export const gadgetgaliTemplates: StoreTemplates = {
  home(ctx) {
    const featured = DEMO_CATEGORIES.flatMap((c) => (ctx.inventory.byCategory.get(c) ?? []).slice(0, 2));
    return shell(ctx, ctx.profile.name, '', `<main><h1>${esc(ctx.profile.tagline)}</h1><ul class="grid">${featured.map((l) => card(ctx, l)).join('')}</ul></main>`);
  },

  category(ctx, category, items, page, pages) {
    const label = ctx.profile.categories[category].label;
    return shell(ctx, `${label} – ${ctx.profile.name}`, pageRelLinks(ctx, category, page, pages),
      `<main><h1>${esc(label)}</h1><ul class="grid">${items.map((l) => card(ctx, l)).join('')}</ul>` +
      `<nav class="pagination"><ul>${paginationItems(ctx, category, page, pages, { prev: 'Previous', next: 'Next' })}</ul></nav></main>`);
  },

  product(ctx, listing) {
    const p = listing.product;
    const offer = ctx.offer(listing);
    const q = offer.quote;
    const family = ctx.inventory.listings.filter((l) => l.product.familyId === p.familyId);
    const picker = family.length > 1
      ? `<fieldset class="variant-picker"><legend>Options</legend>${family
          .map((v) => `<a href="${esc(v.path)}"${v === listing ? ' aria-current="true"' : ''}>${esc(shopifyOptions(v.product).join(' / '))}</a>`)
          .join('')}</fieldset>`
      : '';
    const head =
      `<link rel="canonical" href="${esc(absolute(ctx, listing.path))}"><meta property="og:type" content="product"><meta property="og:title" content="${esc(listing.title)}">` +
      `<meta property="og:price:amount" content="${decimal(q.priceMinor)}"><meta property="og:price:currency" content="INR">` +
      `<script type="application/ld+json">${jsonForScript(productLd(ctx, listing, offer))}</script>`;
    const shipping = offer.shippingMinor === 0 ? 'Free shipping' : `Shipping ${rupees(offer.shippingMinor)}`;
    const stock = q.stock === 'out_of_stock' ? '<p class="product__inventory">Sold out</p>' : q.stock === 'limited' ? `<p class="product__inventory">Low stock: ${q.stockLeft} left</p>` : '<p class="product__inventory">In stock</p>';
    const body =
      `<main class="product"><div class="product__media"><img src="${esc(imageUrl(ctx, listing))}" alt="${esc(listing.title)}" width="600" height="600"></div>` +
      `<div class="product__info"><p class="product__text">${esc(p.brand)}</p><h1>${esc(listing.title)}</h1>${priceBlock(offer)}` +
      `<p class="product__tax">Tax included. ${shipping}.</p>${picker}${stock}` +
      `<button type="submit" name="add"${q.stock === 'out_of_stock' ? ' disabled>Sold out' : '>Add to cart'}</button>` +
      `<table>${specRows({ Model: p.model, ...(listing.showsGtin && p.gtin ? { Barcode: p.gtin } : {}), ...p.specs })}</table></div></main>`;
    return shell(ctx, `${listing.title} – ${ctx.profile.name}`, head, body);
  },

  notFound(ctx, path) {
    return shell(ctx, `404 Not Found – ${ctx.profile.name}`, '', `<main><h1>Page not found</h1><p>${esc(path)} does not exist.</p><a href="/collections/phones">Continue shopping</a></main>`);
  },
};
