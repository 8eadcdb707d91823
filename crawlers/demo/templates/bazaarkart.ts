// BazaarKart: a blue-bar marketplace with schema.org microdata only (no JSON-LD, no OpenGraph prices).
import { DEMO_CATEGORIES } from '../catalogue/index.ts';
import { dayFirstDate, decimal, esc, indianNumber } from '../format.ts';
import { discountPercent, relatedListings, type OfferView, type SiteContext } from '../site.ts';
import type { StoreListing } from '../store-profiles.ts';
import { absolute, imageUrl, pageRelLinks, paginationItems, rating, schemaAvailability, type StoreTemplates } from './shared.ts';

const css =
  'body{font:14px Roboto,Arial,sans-serif;margin:0;background:#f1f3f6}._hdr{background:#2874f0;color:#fff;padding:10px 20px;display:flex;gap:20px}' +
  '._hdr a{color:#fff}._nav{background:#fff;padding:8px 20px}._nav a{margin-right:16px}._bc{padding:8px 20px;font-size:12px;color:#878787}' +
  '._pp{display:flex;background:#fff;margin:8px 20px;padding:16px;gap:24px}._price{font-size:28px;font-weight:500}._mrp{text-decoration:line-through;color:#878787}' +
  '._off{color:#388e3c}._grid{display:grid;grid-template-columns:repeat(4,1fr);gap:8px;list-style:none}._ft{background:#172337;color:#fff;padding:20px}';

function shell(ctx: SiteContext, title: string, head: string, body: string): string {
  const nav = DEMO_CATEGORIES.map(
    (c) => `<a href="${esc(ctx.profile.categoryPath({ category: c, page: 1 }))}">${esc(ctx.profile.categories[c].label)}</a>`,
  ).join('');
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${css}</style>${head}</head><body>` +
    `<div class="_hdr"><a href="/" class="_logo"><i>Bazaar</i>Kart <small>Explore Plus</small></a>` +
    `<form action="/search"><input name="q" placeholder="Search for products, brands and more"></form><a href="/account/login">Login</a><a href="/viewcart">Cart</a></div>` +
    `<div class="_nav">${nav}</div>${body}` +
    `<div class="_ft"><p>${esc(ctx.profile.name)} Internet Private Limited · ${esc(ctx.profile.tagline)}</p><a href="/helpcentre">Help Centre</a></div></body></html>`
  );
}

function tile(ctx: SiteContext, listing: StoreListing): string {
  const { quote } = ctx.offer(listing);
  const struck = quote.wasMinor ?? quote.mrpMinor;
  const off = discountPercent(quote.priceMinor, struck);
  return (
    `<li class="_tile"><a href="${esc(listing.path)}"><img src="${esc(imageUrl(ctx, listing))}" alt="" loading="lazy">` +
    `<div class="_tt">${esc(listing.title)}</div></a><div><span class="_price">₹${indianNumber(quote.priceMinor)}</span> ` +
    `<span class="_mrp">₹${indianNumber(struck)}</span>${off ? ` <span class="_off">${off}% off</span>` : ''}</div>` +
    (quote.stock === 'out_of_stock' ? '<div class="_oos">Sold Out</div>' : '') +
    `</li>`
  );
}

function breadcrumbs(ctx: SiteContext, trail: { name: string; href: string }[]): string {
  const items = trail.map(
    (entry, i) =>
      `<span itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><a itemprop="item" href="${esc(absolute(ctx, entry.href))}"><span itemprop="name">${esc(entry.name)}</span></a><meta itemprop="position" content="${i + 1}"></span>`,
  );
  return `<div class="_bc" itemscope itemtype="https://schema.org/BreadcrumbList">${items.join(' › ')}</div>`;
}

function deliveryInfo(offer: OfferView): string {
  if (!offer.delivery) return '<div class="_sold">Sold Out<br>This item is currently out of stock</div>';
  const when = offer.delivery.maxDays <= 1 ? 'Delivery by Tomorrow' : `Delivery by ${dayFirstDate(offer.delivery.latest)}`;
  const fee = offer.shippingMinor === 0 ? 'Free' : `₹${indianNumber(offer.shippingMinor)}`;
  const hurry = offer.quote.stock === 'limited' ? `<div class="_hurry">Hurry, Only ${offer.quote.stockLeft} left!</div>` : '';
  return `<div class="_dlv"><span class="_when">${when}</span> | <span class="_fee">${fee}</span></div>${hurry}`;
}

function offerMicrodata(offer: OfferView): string {
  const q = offer.quote;
  const time = offer.delivery
    ? `<div itemprop="deliveryTime" itemscope itemtype="https://schema.org/ShippingDeliveryTime">` +
      `<div itemprop="transitTime" itemscope itemtype="https://schema.org/QuantitativeValue"><meta itemprop="minValue" content="${offer.delivery.minDays}"><meta itemprop="maxValue" content="${offer.delivery.maxDays}"><meta itemprop="unitCode" content="DAY"></div></div>`
    : '';
  return (
    `<div itemprop="offers" itemscope itemtype="https://schema.org/Offer"><meta itemprop="priceCurrency" content="INR">` +
    `<link itemprop="availability" href="${schemaAvailability(q.stock)}"><link itemprop="itemCondition" href="https://schema.org/NewCondition">` +
    `<div class="_price" itemprop="price" content="${decimal(q.priceMinor)}">₹${indianNumber(q.priceMinor)}</div>` +
    `<div itemprop="seller" itemscope itemtype="https://schema.org/Organization"><span class="_sl">Seller: <span itemprop="name">SuperComNet</span></span></div>` +
    `<div itemprop="shippingDetails" itemscope itemtype="https://schema.org/OfferShippingDetails">` +
    `<div itemprop="shippingRate" itemscope itemtype="https://schema.org/MonetaryAmount"><meta itemprop="value" content="${decimal(offer.shippingMinor)}"><meta itemprop="currency" content="INR"></div>` +
    `${time}</div></div>`
  );
}

export const bazaarkartTemplates: StoreTemplates = {
  home(ctx) {
    const rows = DEMO_CATEGORIES.map((c) => {
      const items = (ctx.inventory.byCategory.get(c) ?? []).slice(0, 4).map((l) => tile(ctx, l)).join('');
      return `<section class="_row"><h2>Best of ${esc(ctx.profile.categories[c].label)}</h2><a href="${esc(ctx.profile.categoryPath({ category: c, page: 1 }))}">VIEW ALL</a><ul class="_grid">${items}</ul></section>`;
    }).join('');
    return shell(ctx, `Online Shopping Site for Mobiles, Electronics & More | ${ctx.profile.name}`, '', `<div class="_home">${rows}</div>`);
  },

  category(ctx, category, items, page, pages) {
    const label = ctx.profile.categories[category].label;
    const path = ctx.profile.categoryPath({ category, page: 1 });
    const body =
      breadcrumbs(ctx, [{ name: 'Home', href: '/' }, { name: label, href: path }]) +
      `<div class="_list"><h1>${esc(label)}</h1><span class="_count">Showing page ${page} of ${pages}</span>` +
      `<ul class="_grid">${items.map((l) => tile(ctx, l)).join('')}</ul>` +
      `<nav class="_pg"><ul>${paginationItems(ctx, category, page, pages, { prev: 'PREVIOUS', next: 'NEXT' })}</ul></nav></div>`;
    return shell(ctx, `${label} - Buy ${label} Online at Best Prices | ${ctx.profile.name}`, pageRelLinks(ctx, category, page, pages), body);
  },

  product(ctx, listing) {
    const p = listing.product;
    const offer = ctx.offer(listing);
    const q = offer.quote;
    const struck = q.wasMinor ?? q.mrpMinor;
    const off = discountPercent(q.priceMinor, struck);
    const stars = rating(listing);
    const label = ctx.profile.categories[p.category].label;
    const specs = Object.entries({ 'Model Number': p.model, ...p.specs, ...(p.colour ? { Color: p.colour } : {}) })
      .map(([k, v]) => `<li><span class="_k">${esc(k)}</span> <span class="_v">${esc(v)}</span></li>`)
      .join('');
    const related = relatedListings(ctx.inventory, listing, 6).map((l) => tile(ctx, l)).join('');
    const body =
      breadcrumbs(ctx, [
        { name: 'Home', href: '/' },
        { name: label, href: ctx.profile.categoryPath({ category: p.category, page: 1 }) },
        { name: p.brand, href: listing.path },
      ]) +
      `<div class="_pp" itemscope itemtype="https://schema.org/Product">` +
      `<div class="_img"><img itemprop="image" src="${esc(imageUrl(ctx, listing))}" alt="${esc(listing.title)}"></div>` +
      `<div class="_info"><h1 class="_ttl"><span itemprop="name">${esc(listing.title)}</span></h1>` +
      `<div itemprop="brand" itemscope itemtype="https://schema.org/Brand"><meta itemprop="name" content="${esc(p.brand)}"></div>` +
      `<meta itemprop="sku" content="${esc(listing.code)}"><meta itemprop="mpn" content="${esc(p.model)}">` +
      (listing.showsGtin && p.gtin ? `<meta itemprop="gtin13" content="${esc(p.gtin)}">` : '') +
      `<meta itemprop="category" content="${esc(label)}">` +
      `<div class="_rt" itemprop="aggregateRating" itemscope itemtype="https://schema.org/AggregateRating"><span itemprop="ratingValue">${stars.stars}</span>★ <span itemprop="ratingCount">${stars.count}</span> Ratings</div>` +
      (q.event === 'sale' || q.event === 'fake-sale' ? '<div class="_deal">Special price</div>' : '') +
      offerMicrodata(offer) +
      `<span class="_mrp">₹${indianNumber(struck)}</span>${off ? ` <span class="_off">${off}% off</span>` : ''}` +
      deliveryInfo(offer) +
      `<div class="_specs"><h2>Specifications</h2><ul>${specs}</ul></div>` +
      `<p itemprop="description" class="_desc">${esc(p.name)}</p></div></div>` +
      `<section class="_similar"><h2>Similar Products</h2><ul class="_grid">${related}</ul></section>`;
    return shell(ctx, `${listing.title} Price in India - Buy Online | ${ctx.profile.name}`, '', body);
  },

  notFound(ctx, path) {
    return shell(ctx, `Page not found | ${ctx.profile.name}`, '',
      `<div class="_404"><h1>Unfortunately the page you are looking for has been moved or deleted</h1><p>${esc(path)}</p><a href="/">GO TO HOMEPAGE</a></div>`);
  },
};
