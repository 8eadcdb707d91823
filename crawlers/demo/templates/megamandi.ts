// MegaMandi: a marketplace page in the Flipkart/Amazon manner. One product, a buy box for its first
// seller, and "Other sellers" below it: every seller's price, shipping, delivery and condition, both
// in the HTML table and in the JSON-LD Product's AggregateOffer (one Offer per seller).
import { DEMO_CATEGORIES } from '../catalogue/index.ts';
import { decimal, esc, indianNumber, jsonForScript, shortDate } from '../format.ts';
import { sellerOffers, type DemoCondition, type SellerOfferView } from '../marketplace-sellers.ts';
import { discountPercent, relatedListings, type SiteContext } from '../site.ts';
import type { StoreListing } from '../store-profiles.ts';
import { absolute, imageUrl, pageRelLinks, paginationItems, rating, schemaAvailability, specRows, type StoreTemplates } from './shared.ts';

const css =
  'body{font:14px "Segoe UI",Arial,sans-serif;margin:0;background:#fafafa;color:#212121}.top{background:#ffb300;padding:10px 18px;display:flex;gap:18px}' +
  '.top a{color:#212121;font-weight:600}.cats{background:#fff;padding:8px 18px;border-bottom:1px solid #eee}.cats a{margin-right:14px}' +
  '.crumb{padding:8px 18px;font-size:12px;color:#757575}.pdp{display:flex;gap:24px;background:#fff;margin:10px 18px;padding:16px}' +
  '.buy{border:1px solid #ddd;padding:12px;min-width:240px}.now{font-size:26px;font-weight:600}.mrp{text-decoration:line-through;color:#888}' +
  '.sellers{border-collapse:collapse;width:100%}.sellers td,.sellers th{border-bottom:1px solid #eee;padding:6px;text-align:left}' +
  '.grid{display:grid;grid-template-columns:repeat(4,1fr);gap:10px;list-style:none;padding:0}.foot{background:#263238;color:#eceff1;padding:18px}';

const CONDITION_WORDS: Record<DemoCondition, string> = { new: 'New', used: 'Used - Good', refurbished: 'Renewed (Refurbished)' };
const SCHEMA_CONDITIONS: Record<DemoCondition, string> = {
  new: 'https://schema.org/NewCondition',
  used: 'https://schema.org/UsedCondition',
  refurbished: 'https://schema.org/RefurbishedCondition',
};

function shell(ctx: SiteContext, title: string, head: string, body: string): string {
  const nav = DEMO_CATEGORIES.map(
    (c) => `<a href="${esc(ctx.profile.categoryPath({ category: c, page: 1 }))}">${esc(ctx.profile.categories[c].label)}</a>`,
  ).join('');
  return (
    `<!doctype html><html lang="en-IN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${esc(title)}</title><style>${css}</style>${head}</head><body>` +
    `<div class="top"><a href="/">Mega<b>Mandi</b></a><form action="/search"><input name="q" placeholder="Search 10 crore products"></form>` +
    `<a href="/sell">Become a Seller</a><a href="/cart">Cart</a></div><nav class="cats">${nav}</nav>${body}` +
    `<div class="foot">© 2026 ${esc(ctx.profile.name)} · ${esc(ctx.profile.tagline)} · <a href="/help">Help</a></div></body></html>`
  );
}

function tile(ctx: SiteContext, listing: StoreListing): string {
  const [first, ...others] = sellerOffers(ctx, listing);
  return (
    `<li class="tile"><a href="${esc(listing.path)}"><img src="${esc(imageUrl(ctx, listing))}" alt="" width="150" height="150" loading="lazy">` +
    `<span class="name">${esc(listing.title)}</span></a><span class="now">₹${indianNumber(first.priceMinor)}</span>` +
    `<span class="more">+ ${others.length} more offer${others.length === 1 ? '' : 's'}</span></li>`
  );
}

function shippingWords(offer: SellerOfferView): string {
  return offer.shippingMinor === 0 ? 'FREE delivery' : `₹${indianNumber(offer.shippingMinor)} delivery`;
}

function deliveryWords(offer: SellerOfferView): string {
  if (!offer.delivery) return 'Currently unavailable';
  return offer.delivery.maxDays <= 1 ? 'Delivery by Tomorrow' : `Get it by ${shortDate(offer.delivery.latest)}`;
}

function sellerRow(offer: SellerOfferView): string {
  return (
    `<tr class="seller-row"><td class="seller-name">${esc(offer.seller.name)}</td>` +
    `<td class="seller-condition">${esc(CONDITION_WORDS[offer.seller.condition])}</td>` +
    `<td class="seller-price">₹${indianNumber(offer.priceMinor)}</td>` +
    `<td class="seller-shipping">${shippingWords(offer)}</td>` +
    `<td class="seller-delivery">${esc(deliveryWords(offer))}</td>` +
    `<td class="seller-stock">${offer.stock === 'out_of_stock' ? 'Out of stock' : 'In stock'}</td>` +
    `<td><button ${offer.stock === 'out_of_stock' ? 'disabled' : ''}>Add to Cart</button></td></tr>`
  );
}

function schemaOffer(ctx: SiteContext, offer: SellerOfferView): unknown {
  return {
    '@type': 'Offer',
    price: decimal(offer.priceMinor),
    priceCurrency: 'INR',
    availability: schemaAvailability(offer.stock),
    itemCondition: SCHEMA_CONDITIONS[offer.seller.condition],
    seller: { '@type': 'Organization', name: offer.seller.name },
    shippingDetails: {
      '@type': 'OfferShippingDetails',
      shippingRate: { '@type': 'MonetaryAmount', value: decimal(offer.shippingMinor), currency: 'INR' },
      shippingDestination: { '@type': 'DefinedRegion', addressCountry: ctx.profile.country },
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
  };
}

function productJsonLd(ctx: SiteContext, listing: StoreListing, offers: SellerOfferView[]): unknown {
  const p = listing.product;
  const prices = offers.map((o) => o.priceMinor);
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: listing.title,
    image: imageUrl(ctx, listing),
    sku: listing.code,
    mpn: p.model,
    brand: { '@type': 'Brand', name: p.brand },
    ...(listing.showsGtin ? { gtin13: p.gtin } : {}),
    category: ctx.profile.categories[p.category].label,
    aggregateRating: { '@type': 'AggregateRating', ratingValue: rating(listing).stars, reviewCount: rating(listing).count },
    offers: {
      '@type': 'AggregateOffer',
      priceCurrency: 'INR',
      lowPrice: decimal(Math.min(...prices)),
      highPrice: decimal(Math.max(...prices)),
      offerCount: offers.length,
      offers: offers.map((offer) => schemaOffer(ctx, offer)),
    },
  };
}

export const megamandiTemplates: StoreTemplates = {
  home(ctx) {
    const sections = DEMO_CATEGORIES.map((c) => {
      const items = (ctx.inventory.byCategory.get(c) ?? []).slice(0, 4).map((l) => tile(ctx, l)).join('');
      return `<section><h2><a href="${esc(ctx.profile.categoryPath({ category: c, page: 1 }))}">${esc(ctx.profile.categories[c].label)}</a></h2><ul class="grid">${items}</ul></section>`;
    }).join('');
    return shell(ctx, `${ctx.profile.name}: ${ctx.profile.tagline}`, '', `<main>${sections}</main>`);
  },

  category(ctx, category, items, page, pages) {
    const label = ctx.profile.categories[category].label;
    const body =
      `<div class="crumb"><a href="/">Home</a> › ${esc(label)}</div>` +
      `<main><h1>${esc(label)}</h1><p>Showing ${items.length} products, page ${page} of ${pages}</p>` +
      `<ul class="grid">${items.map((l) => tile(ctx, l)).join('')}</ul>` +
      `<ul class="pages">${paginationItems(ctx, category, page, pages, { prev: 'Previous', next: 'Next' })}</ul></main>`;
    return shell(ctx, `${label}${page > 1 ? ` (page ${page})` : ''} | ${ctx.profile.name}`, pageRelLinks(ctx, category, page, pages), body);
  },

  product(ctx, listing) {
    const p = listing.product;
    const offers = sellerOffers(ctx, listing);
    const [buyBox] = offers;
    const q = ctx.offer(listing).quote;
    const struck = q.wasMinor ?? q.mrpMinor;
    const off = discountPercent(buyBox.priceMinor, struck);
    const specs = specRows({ Brand: p.brand, 'Model number': p.model, ...(listing.showsGtin && p.gtin ? { EAN: p.gtin } : {}), ...p.specs });
    const related = relatedListings(ctx.inventory, listing, 4).map((l) => tile(ctx, l)).join('');
    const buy =
      buyBox.stock === 'out_of_stock'
        ? '<div class="buy"><p class="oos">Currently unavailable from this seller.</p><p>See other sellers below.</p></div>'
        : `<div class="buy"><div class="now">₹${indianNumber(buyBox.priceMinor)}</div>` +
          `<div>M.R.P.: <span class="mrp">₹${indianNumber(struck)}</span>${off ? ` <span class="off">(${off}% off)</span>` : ''}</div>` +
          `<div class="ship">${shippingWords(buyBox)} · <b>${esc(deliveryWords(buyBox))}</b></div>` +
          `<div class="by">Sold by <a href="/seller">${esc(buyBox.seller.name)}</a></div><button>Add to Cart</button></div>`;
    const body =
      `<div class="crumb"><a href="/">Home</a> › <a href="${esc(ctx.profile.categoryPath({ category: p.category, page: 1 }))}">${esc(ctx.profile.categories[p.category].label)}</a> › ${esc(p.brand)}</div>` +
      `<main class="pdp"><img src="${esc(imageUrl(ctx, listing))}" alt="${esc(listing.title)}" width="360" height="360">` +
      `<div><h1 class="title">${esc(listing.title)}</h1><div class="rating">${rating(listing).stars} ★ · ${rating(listing).count} ratings</div>${buy}</div></main>` +
      `<section id="other-sellers"><h2>${offers.length} offers from ${new Set(offers.map((o) => o.seller.name)).size} sellers</h2>` +
      `<table class="sellers"><thead><tr><th>Seller</th><th>Condition</th><th>Price</th><th>Delivery charge</th><th>Delivery</th><th>Stock</th><th></th></tr></thead>` +
      `<tbody>${offers.map(sellerRow).join('')}</tbody></table></section>` +
      `<section><h2>Specifications</h2><table>${specs}</table></section>` +
      `<section><h2>Similar products</h2><ul class="grid">${related}</ul></section>`;
    const head =
      `<link rel="canonical" href="${esc(absolute(ctx, listing.path))}">` +
      `<script type="application/ld+json">${jsonForScript(productJsonLd(ctx, listing, offers))}</script>`;
    return shell(ctx, `${listing.title} | ${ctx.profile.name}`, head, body);
  },

  notFound(ctx, path) {
    return shell(ctx, `Not found | ${ctx.profile.name}`, '<meta name="robots" content="noindex">',
      `<main><h1>This page is not on MegaMandi</h1><p>Nothing at <code>${esc(path)}</code>. <a href="/">Back to the home page</a>.</p></main>`);
  },
};

/** Selectors that read MegaMandi's seller table (for stores like it without markup; the demo reads its JSON-LD). */
export const MEGAMANDI_OFFER_SELECTORS = {
  offer: '#other-sellers tr.seller-row',
  offerSeller: '.seller-name',
  offerPrice: '.seller-price',
  offerShipping: '.seller-shipping',
  offerDelivery: '.seller-delivery',
  offerCondition: '.seller-condition',
  offerAvailability: '.seller-stock',
} as const;
