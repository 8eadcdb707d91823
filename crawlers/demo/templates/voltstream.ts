// Voltstream: a Shopify-style euro store found through its sitemap index. JSON-LD (@graph) + OpenGraph.
import { DEMO_CATEGORIES } from '../catalogue/index.ts';
import { decimal, esc, jsonForScript, westernNumber } from '../format.ts';
import { relatedListings, type OfferView, type SiteContext } from '../site.ts';
import type { StoreListing } from '../store-profiles.ts';
import { absolute, imageUrl, pageRelLinks, paginationItems, schemaAvailability, specRows, type StoreTemplates } from './shared.ts';

const css =
  'body{font:15px system-ui,sans-serif;margin:0;color:#1a1a1a}.announcement{background:#111;color:#fff;text-align:center;padding:6px}' +
  '.site-header{display:flex;justify-content:space-between;padding:14px 24px;border-bottom:1px solid #eee}.breadcrumbs{padding:10px 24px;font-size:13px}' +
  '.product{display:grid;grid-template-columns:1fr 1fr;gap:32px;padding:24px}.price--sale{color:#c00}.price--compare{color:#777}' +
  '.badge{background:#c00;color:#fff;padding:2px 8px;border-radius:4px}.grid{display:grid;grid-template-columns:repeat(4,1fr);gap:16px;list-style:none;padding:24px}' +
  '.site-footer{background:#f5f5f5;padding:24px;font-size:13px}';

function euros(minor: number): string {
  return `€${westernNumber(minor)}`;
}

function shell(ctx: SiteContext, title: string, head: string, body: string): string {
  const nav = DEMO_CATEGORIES.map(
    (c) => `<li><a href="${esc(ctx.profile.categoryPath({ category: c, page: 1 }))}">${esc(ctx.profile.categories[c].label)}</a></li>`,
  ).join('');
  return (
    `<!doctype html><html lang="en-IE"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${esc(title)}</title><meta property="og:site_name" content="${esc(ctx.profile.name)}"><style>${css}</style>${head}</head><body>` +
    `<div class="announcement">Free delivery on orders over €50 · 30-day returns</div>` +
    `<header class="site-header"><a class="logo" href="/">VOLTSTREAM</a><nav><ul class="menu">${nav}</ul></nav><a href="/cart">Bag (0)</a></header>` +
    `${body}<footer class="site-footer"><p>${esc(ctx.profile.name)} Ltd, Dublin 2, Ireland. Prices include VAT.</p><a href="/policies/shipping-policy">Shipping</a></footer></body></html>`
  );
}

function priceBlock(offer: OfferView): string {
  const q = offer.quote;
  if (q.wasMinor) {
    return `<div class="price price--on-sale"><span class="badge">Sale</span> <s class="price--compare">${euros(q.wasMinor)}</s> <span class="price--sale">${euros(q.priceMinor)}</span></div>`;
  }
  return `<div class="price"><span class="price--regular">${euros(q.priceMinor)}</span></div>`;
}

function card(ctx: SiteContext, listing: StoreListing): string {
  return `<li class="card"><a href="${esc(listing.path)}"><img src="${esc(imageUrl(ctx, listing))}" alt="" loading="lazy"><h3>${esc(listing.title)}</h3></a>${priceBlock(ctx.offer(listing))}</li>`;
}

function graph(ctx: SiteContext, listing: StoreListing, offer: OfferView): unknown {
  const p = listing.product;
  const q = offer.quote;
  const url = absolute(ctx, listing.path);
  return {
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'Organization', '@id': `${ctx.baseUrl}/#org`, name: ctx.profile.name, url: `${ctx.baseUrl}/` },
      {
        '@type': 'BreadcrumbList',
        itemListElement: [
          { '@type': 'ListItem', position: 1, name: 'Home', item: `${ctx.baseUrl}/` },
          { '@type': 'ListItem', position: 2, name: ctx.profile.categories[p.category].label, item: absolute(ctx, ctx.profile.categoryPath({ category: p.category, page: 1 })) },
          { '@type': 'ListItem', position: 3, name: listing.title, item: url },
        ],
      },
      {
        '@type': 'Product',
        '@id': `${url}#product`,
        name: listing.title,
        url,
        image: [imageUrl(ctx, listing)],
        description: `${p.name}.`,
        sku: `VS-${p.model}`,
        mpn: p.model,
        brand: { '@type': 'Brand', name: p.brand },
        category: ctx.profile.categories[p.category].label,
        ...(listing.showsGtin ? { gtin: p.gtin } : {}),
        offers: [
          {
            '@type': 'Offer',
            url,
            price: decimal(q.priceMinor),
            priceCurrency: 'EUR',
            availability: schemaAvailability(q.stock),
            seller: { '@id': `${ctx.baseUrl}/#org` },
            shippingDetails: {
              '@type': 'OfferShippingDetails',
              shippingRate: { '@type': 'MonetaryAmount', value: decimal(offer.shippingMinor), currency: 'EUR' },
              shippingDestination: { '@type': 'DefinedRegion', addressCountry: 'IE' },
              ...(offer.delivery
                ? {
                    deliveryTime: {
                      '@type': 'ShippingDeliveryTime',
                      handlingTime: { '@type': 'QuantitativeValue', minValue: 0, maxValue: 1, unitCode: 'DAY' },
                      transitTime: { '@type': 'QuantitativeValue', minValue: offer.delivery.minDays - 1, maxValue: offer.delivery.maxDays - 1, unitCode: 'DAY' },
                    },
                  }
                : {}),
            },
          },
        ],
      },
    ],
  };
}

export const voltstreamTemplates: StoreTemplates = {
  home(ctx) {
    const featured = DEMO_CATEGORIES.flatMap((c) => (ctx.inventory.byCategory.get(c) ?? []).slice(0, 2));
    const head = `<meta property="og:type" content="website"><meta property="og:title" content="${esc(ctx.profile.name)}"><meta property="og:url" content="${esc(ctx.baseUrl)}/">`;
    return shell(ctx, `${ctx.profile.name} – ${ctx.profile.tagline}`, head,
      `<main><h1>${esc(ctx.profile.tagline)}</h1><ul class="grid">${featured.map((l) => card(ctx, l)).join('')}</ul></main>`);
  },

  category(ctx, category, items, page, pages) {
    const label = ctx.profile.categories[category].label;
    return shell(ctx, `${label}${page > 1 ? ` – Page ${page}` : ''} – ${ctx.profile.name}`, pageRelLinks(ctx, category, page, pages),
      `<nav class="breadcrumbs"><a href="/">Home</a> / <span>${esc(label)}</span></nav><main class="collection"><h1>${esc(label)}</h1>` +
      `<ul class="grid">${items.map((l) => card(ctx, l)).join('')}</ul><nav class="pagination"><ul>${paginationItems(ctx, category, page, pages, { prev: '← Previous', next: 'Next →' })}</ul></nav></main>`);
  },

  product(ctx, listing) {
    const p = listing.product;
    const offer = ctx.offer(listing);
    const q = offer.quote;
    const url = absolute(ctx, listing.path);
    const head =
      `<link rel="canonical" href="${esc(url)}"><meta property="og:type" content="product"><meta property="og:title" content="${esc(listing.title)}">` +
      `<meta property="og:url" content="${esc(url)}"><meta property="og:image" content="${esc(imageUrl(ctx, listing))}">` +
      `<meta property="og:price:amount" content="${decimal(q.priceMinor)}"><meta property="og:price:currency" content="EUR">` +
      `<meta property="product:availability" content="${q.stock === 'out_of_stock' ? 'out of stock' : 'in stock'}">` +
      `<script type="application/ld+json">${jsonForScript(graph(ctx, listing, offer))}</script>`;
    const shipping = offer.shippingMinor === 0 ? 'FREE delivery' : `Delivery ${euros(offer.shippingMinor)} (free over €50)`;
    const delivery = offer.delivery
      ? `<p class="delivery"><span class="shipping-fee">${shipping}</span> · <span class="delivery-estimate">Delivered in ${offer.delivery.minDays}-${offer.delivery.maxDays} business days</span></p>`
      : '<p class="delivery sold-out">Sold out – sign up to be told when it is back.</p>';
    const stock = q.stock === 'limited' ? `<p class="inventory low">Low stock: ${q.stockLeft} left</p>` : q.stock === 'in_stock' ? '<p class="inventory">In stock, ready to ship</p>' : '';
    const related = relatedListings(ctx.inventory, listing, 4).map((l) => card(ctx, l)).join('');
    const body =
      `<nav class="breadcrumbs"><a href="/">Home</a> / <a href="${esc(ctx.profile.categoryPath({ category: p.category, page: 1 }))}">${esc(ctx.profile.categories[p.category].label)}</a> / <span>${esc(listing.title)}</span></nav>` +
      `<main class="product"><div class="media"><img src="${esc(imageUrl(ctx, listing))}" alt="${esc(listing.title)}" width="600" height="600"></div>` +
      `<div class="product__info"><p class="vendor">${esc(p.brand)}</p><h1 class="product__title">${esc(listing.title)}</h1>${priceBlock(offer)}` +
      `<p class="tax-note">Tax included.</p>${stock}${delivery}<button class="product-form__submit" ${q.stock === 'out_of_stock' ? 'disabled>Sold out' : '>Add to bag'}</button>` +
      `<details open><summary>Specifications</summary><table>${specRows({ Brand: p.brand, Model: p.model, ...(listing.showsGtin && p.gtin ? { EAN: p.gtin } : {}), ...p.specs })}</table></details></div></main>` +
      `<section class="related"><h2>You may also like</h2><ul class="grid">${related}</ul></section>`;
    return shell(ctx, `${listing.title} – ${ctx.profile.name}`, head, body);
  },

  notFound(ctx, path) {
    return shell(ctx, `404 Page Not Found – ${ctx.profile.name}`, '',
      `<main class="not-found"><h1>Page not found</h1><p>The page you were looking for (${esc(path)}) does not exist.</p><a href="/collections/smartphones">Continue shopping</a></main>`);
  },
};
