// Dukaan Digital: a big marketplace look, JSON-LD Product + Offer + OfferShippingDetails in the head.
import type { DemoCategory } from '../catalogue/index.ts';
import { DEMO_CATEGORIES } from '../catalogue/index.ts';
import { decimal, esc, indianNumber, jsonForScript, shortDate } from '../format.ts';
import { discountPercent, relatedListings, type OfferView, type SiteContext } from '../site.ts';
import type { StoreListing } from '../store-profiles.ts';
import {
  absolute,
  imageUrl,
  pageRelLinks,
  paginationItems,
  rating,
  schemaAvailability,
  specRows,
  type StoreTemplates,
} from './shared.ts';

const css =
  'body{font:14px Arial,sans-serif;margin:0;color:#0f1111}header{background:#131921;color:#fff;display:flex;gap:16px;padding:8px 16px}' +
  'header a{color:#fff}.cats{background:#232f3e;padding:6px 16px}.cats a{color:#fff;margin-right:14px}.crumbs{padding:8px 16px;font-size:12px}' +
  'main{display:flex;gap:24px;padding:16px}.a-text-strike{text-decoration:line-through;color:#565959}.deal{background:#cc0c39;color:#fff;padding:2px 6px}' +
  '.a-price{font-size:28px}.carousel ol{display:flex;gap:12px;list-style:none}.card{width:180px}footer{background:#232f3e;color:#ddd;padding:16px}';

function rupees(minor: number): string {
  return `<span class="a-price"><span class="a-price-symbol">₹</span><span class="a-price-whole">${indianNumber(minor)}</span></span>`;
}

function shell(ctx: SiteContext, title: string, head: string, body: string): string {
  const nav = DEMO_CATEGORIES.map(
    (c) => `<a href="${esc(ctx.profile.categoryPath({ category: c, page: 1 }))}">${esc(ctx.profile.categories[c].label)}</a>`,
  ).join('');
  return (
    `<!doctype html><html lang="en-IN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${esc(title)}</title><style>${css}</style>${head}</head><body>` +
    `<header><a class="logo" href="/">dukaan<b>.digital</b></a><form action="/search" method="get"><input name="k" placeholder="Search Dukaan"></form>` +
    `<span>Deliver to Mumbai 400001</span><a href="/account">Hello, sign in</a><a href="/cart">Cart 0</a></header>` +
    `<nav class="cats">${nav}<a href="/deals">Today's Deals</a></nav>${body}` +
    `<footer><p>© 2026 ${esc(ctx.profile.name)}. ${esc(ctx.profile.tagline)}.</p><a href="/help">Help</a> · <a href="/returns">Returns</a></footer></body></html>`
  );
}

function card(ctx: SiteContext, listing: StoreListing): string {
  const { quote } = ctx.offer(listing);
  const off = discountPercent(quote.priceMinor, quote.wasMinor);
  return (
    `<li class="card"><a href="${esc(listing.path)}"><img src="${esc(imageUrl(ctx, listing))}" alt="" width="160" height="160">` +
    `<span class="card-title">${esc(listing.title)}</span></a>` +
    (off ? `<span class="deal">${off}% off</span> ` : '') +
    `${rupees(quote.priceMinor)} <span class="a-text-strike">₹${indianNumber(quote.wasMinor ?? quote.mrpMinor)}</span></li>`
  );
}

function deliveryLine(offer: OfferView): string {
  if (!offer.delivery) return '<div id="availability" class="oos">Currently unavailable.<br>We don\'t know when or if this item will be back in stock.</div>';
  const fee = offer.shippingMinor === 0 ? 'FREE delivery' : `₹${indianNumber(offer.shippingMinor)} delivery`;
  const when = offer.delivery.maxDays <= 1 ? 'Delivery by Tomorrow' : `Get it by ${shortDate(offer.delivery.latest)}`;
  const stock =
    offer.quote.stock === 'limited'
      ? `<div id="availability" class="low">Only ${offer.quote.stockLeft} left in stock.</div>`
      : '<div id="availability">In stock</div>';
  return `<div id="deliveryBlock"><span class="fee">${fee}</span> <b class="delivery-date">${when}</b></div>${stock}`;
}

function productJsonLd(ctx: SiteContext, listing: StoreListing, offer: OfferView): unknown {
  const p = listing.product;
  const q = offer.quote;
  const struck = q.wasMinor ?? q.mrpMinor;
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: listing.title,
    image: imageUrl(ctx, listing),
    description: `${p.name}. ${Object.values(p.specs).join('. ')}.`,
    sku: listing.code,
    mpn: p.model,
    brand: { '@type': 'Brand', name: p.brand },
    ...(listing.showsGtin ? { gtin13: p.gtin } : {}),
    category: ctx.profile.categories[p.category].label,
    aggregateRating: { '@type': 'AggregateRating', ratingValue: rating(listing).stars, reviewCount: rating(listing).count },
    offers: {
      '@type': 'Offer',
      url: absolute(ctx, listing.path),
      priceCurrency: 'INR',
      price: decimal(q.priceMinor),
      priceSpecification: [
        { '@type': 'UnitPriceSpecification', price: decimal(q.priceMinor), priceCurrency: 'INR' },
        { '@type': 'UnitPriceSpecification', priceType: 'https://schema.org/StrikethroughPrice', price: decimal(struck), priceCurrency: 'INR' },
      ],
      availability: schemaAvailability(q.stock),
      itemCondition: 'https://schema.org/NewCondition',
      seller: { '@type': 'Organization', name: 'RetailNet Traders' },
      shippingDetails: {
        '@type': 'OfferShippingDetails',
        shippingRate: { '@type': 'MonetaryAmount', value: decimal(offer.shippingMinor), currency: 'INR' },
        shippingDestination: { '@type': 'DefinedRegion', addressCountry: 'IN' },
        ...(offer.delivery
          ? {
              deliveryTime: {
                '@type': 'ShippingDeliveryTime',
                handlingTime: { '@type': 'QuantitativeValue', minValue: 0, maxValue: 1, unitCode: 'DAY' },
                transitTime: {
                  '@type': 'QuantitativeValue',
                  minValue: Math.max(0, offer.delivery.minDays - 1),
                  maxValue: Math.max(0, offer.delivery.maxDays - 1),
                  unitCode: 'DAY',
                },
              },
            }
          : {}),
      },
    },
  };
}

function breadcrumbJsonLd(ctx: SiteContext, category: DemoCategory, listing?: StoreListing): unknown {
  const items = [
    { name: 'Home', item: absolute(ctx, '/') },
    { name: ctx.profile.categories[category].label, item: absolute(ctx, ctx.profile.categoryPath({ category, page: 1 })) },
    ...(listing ? [{ name: listing.product.brand, item: absolute(ctx, listing.path) }] : []),
  ];
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: items.map((entry, i) => ({ '@type': 'ListItem', position: i + 1, ...entry })),
  };
}

export const dukaanTemplates: StoreTemplates = {
  home(ctx) {
    const sections = DEMO_CATEGORIES.map((c) => {
      const items = (ctx.inventory.byCategory.get(c) ?? []).slice(0, 4).map((l) => card(ctx, l)).join('');
      const href = esc(ctx.profile.categoryPath({ category: c, page: 1 }));
      return `<section class="carousel"><h2><a href="${href}">${esc(ctx.profile.categories[c].label)}</a></h2><ol>${items}</ol></section>`;
    }).join('');
    return shell(ctx, `${ctx.profile.name}: ${ctx.profile.tagline}`, '', `<main class="home"><div>${sections}</div></main>`);
  },

  category(ctx, category, items, page, pages) {
    const label = ctx.profile.categories[category].label;
    const body =
      `<div class="crumbs"><a href="/">Home</a> › <span>${esc(label)}</span></div>` +
      `<main class="results"><div><h1>${esc(label)}</h1><p>${items.length} results on page ${page} of ${pages}</p>` +
      `<ol class="s-results">${items.map((l) => card(ctx, l)).join('')}</ol>` +
      `<ul class="s-pagination">${paginationItems(ctx, category, page, pages, { prev: '‹ Previous', next: 'Next ›' })}</ul></div></main>`;
    const head = pageRelLinks(ctx, category, page, pages) + `<script type="application/ld+json">${jsonForScript(breadcrumbJsonLd(ctx, category))}</script>`;
    return shell(ctx, `${label}${page > 1 ? ` - Page ${page}` : ''} | ${ctx.profile.name}`, head, body);
  },

  product(ctx, listing) {
    const p = listing.product;
    const offer = ctx.offer(listing);
    const q = offer.quote;
    const off = discountPercent(q.priceMinor, q.wasMinor ?? q.mrpMinor);
    const stars = rating(listing);
    const techRows = specRows({
      Brand: p.brand,
      'Item model number': p.model,
      ...(listing.showsGtin && p.gtin ? { EAN: p.gtin } : {}),
      ...p.specs,
      ...(p.colour ? { Colour: p.colour } : {}),
    });
    const related = relatedListings(ctx.inventory, listing, 6).map((l) => card(ctx, l)).join('');
    const price = q.stock === 'out_of_stock'
      ? ''
      : `<div id="corePrice">${q.event === 'sale' || q.event === 'fake-sale' ? '<span class="deal">Limited time deal</span> ' : ''}` +
        `${off ? `<span class="savings">-${off}%</span> ` : ''}${rupees(q.priceMinor)}` +
        `<div class="mrp">M.R.P.: <span class="a-text-strike">₹${indianNumber(q.wasMinor ?? q.mrpMinor)}</span></div>` +
        `<div class="tax">Inclusive of all taxes</div></div>`;
    const body =
      `<div class="crumbs"><a href="/">Home</a> › <a href="${esc(ctx.profile.categoryPath({ category: p.category, page: 1 }))}">${esc(ctx.profile.categories[p.category].label)}</a> › <span>${esc(p.brand)}</span></div>` +
      `<main id="dp"><div id="imgBlock"><img src="${esc(imageUrl(ctx, listing))}" alt="${esc(listing.title)}" width="400" height="400"></div>` +
      `<div id="centerCol"><h1 id="productTitle">${esc(listing.title)}</h1><a id="bylineInfo" href="/">Visit the ${esc(p.brand)} Store</a>` +
      `<div class="rating">${stars.stars} out of 5 stars · ${stars.count.toLocaleString('en-IN')} ratings</div>${price}` +
      `<div id="feature-bullets"><h2>About this item</h2><ul>${Object.entries(p.specs).map(([k, v]) => `<li>${esc(k)}: ${esc(v)}</li>`).join('')}</ul></div></div>` +
      `<div id="buybox">${q.stock === 'out_of_stock' ? '' : rupees(q.priceMinor)}${deliveryLine(offer)}` +
      `<div class="merchant">Ships from ${esc(ctx.profile.name)}. Sold by RetailNet Traders.</div>` +
      `<button ${q.stock === 'out_of_stock' ? 'disabled' : ''}>Add to Cart</button></div></main>` +
      `<section id="tech-specs"><h2>Technical Details</h2><table>${techRows}</table></section>` +
      `<section class="carousel"><h2>Customers who viewed this item also viewed</h2><ol>${related}</ol></section>`;
    const head =
      `<link rel="canonical" href="${esc(absolute(ctx, listing.path))}">` +
      `<script type="application/ld+json">${jsonForScript(breadcrumbJsonLd(ctx, p.category, listing))}</script>` +
      `<script type="application/ld+json">${jsonForScript(productJsonLd(ctx, listing, offer))}</script>`;
    return shell(ctx, `${listing.title} : ${ctx.profile.name}`, head, body);
  },

  notFound(ctx, path) {
    return shell(ctx, `Page Not Found | ${ctx.profile.name}`, '<meta name="robots" content="noindex">',
      `<main class="not-found"><div><h1>Sorry! We couldn't find that page</h1><p>Nothing lives at <code>${esc(path)}</code>. Try searching or go to the <a href="/">home page</a>.</p></div></main>`);
  },
};
