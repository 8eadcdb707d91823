// Mobile Mahal: an OpenCart 3 shop on the default theme. Every page is index.php?route=…; assets
// live below catalog/view/; product pages carry JSON-LD from an SEO extension, as many OpenCart
// shops add (the default theme prints no schema.org markup).
import { DEMO_CATEGORIES } from '../catalogue/index.ts';
import { decimal, esc, indianNumber, jsonForScript } from '../format.ts';
import { relatedListings, type OfferView, type SiteContext } from '../site.ts';
import type { StoreListing } from '../store-profiles.ts';
import { absolute, imageUrl, paginationItems, schemaAvailability, specRows, type StoreTemplates } from './shared.ts';

const rupees = (minor: number) => `₹${indianNumber(minor, true)}`;

function shell(ctx: SiteContext, title: string, head: string, body: string): string {
  const menu = DEMO_CATEGORIES.map(
    (c) => `<li class="dropdown"><a href="${esc(ctx.profile.categoryPath({ category: c, page: 1 }))}" class="dropdown-toggle">${esc(ctx.profile.categories[c].label)}</a></li>`,
  ).join('');
  return (
    `<!DOCTYPE html><!--[if IE]><![endif]--><html dir="ltr" lang="en"><head><meta charset="UTF-8" /><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${esc(title)}</title><base href="${esc(ctx.baseUrl)}/" />` +
    `<script src="catalog/view/javascript/jquery/jquery-2.1.1.min.js" type="text/javascript"></script>` +
    `<link href="catalog/view/javascript/bootstrap/css/bootstrap.min.css" rel="stylesheet" media="screen" />` +
    `<script src="catalog/view/javascript/bootstrap/js/bootstrap.min.js" type="text/javascript"></script>` +
    `<link href="catalog/view/theme/default/stylesheet/stylesheet.css" rel="stylesheet">` +
    `<script src="catalog/view/javascript/common.js" type="text/javascript"></script>${head}</head><body>` +
    `<nav id="top"><div class="container"><div id="top-links" class="nav pull-right"><ul class="list-inline">` +
    `<li><a href="${esc(ctx.baseUrl)}/index.php?route=account/account" title="My Account">My Account</a></li>` +
    `<li><a href="${esc(ctx.baseUrl)}/index.php?route=checkout/cart" title="Shopping Cart">Shopping Cart</a></li></ul></div></div></nav>` +
    `<header><div class="container"><div id="logo"><a href="${esc(ctx.baseUrl)}/index.php?route=common/home"><h1>${esc(ctx.profile.name)}</h1></a></div>` +
    `<div id="search" class="input-group"><input type="text" name="search" value="" placeholder="Search" class="form-control input-lg" /></div></div></header>` +
    `<div class="container"><nav id="menu" class="navbar"><ul class="nav navbar-nav">${menu}</ul></nav></div>${body}` +
    `<footer><div class="container"><p>Powered By <a href="http://www.opencart.com">OpenCart</a><br /> ${esc(ctx.profile.name)} &copy; 2026</p></div></footer></body></html>`
  );
}

function thumb(ctx: SiteContext, listing: StoreListing): string {
  const q = ctx.offer(listing).quote;
  const price = q.wasMinor
    ? `<span class="price-new">${rupees(q.priceMinor)}</span> <span class="price-old">${rupees(q.wasMinor)}</span>`
    : rupees(q.priceMinor);
  return (
    `<div class="product-layout product-grid col-lg-4"><div class="product-thumb"><div class="image"><a href="${esc(absolute(ctx, listing.path))}">` +
    `<img src="${esc(imageUrl(ctx, listing))}" alt="${esc(listing.title)}" title="${esc(listing.title)}" class="img-responsive" /></a></div>` +
    `<div class="caption"><h4><a href="${esc(absolute(ctx, listing.path))}">${esc(listing.title)}</a></h4><p class="price">${price}<span class="price-tax">Ex Tax: ${rupees(Math.round(q.priceMinor / 1.18))}</span></p></div>` +
    `<div class="button-group"><button type="button" onclick="cart.add('${esc(listing.code)}');"><span>Add to Cart</span></button></div></div></div>`
  );
}

function productLd(ctx: SiteContext, listing: StoreListing, offer: OfferView): unknown {
  const p = listing.product;
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: listing.title,
    image: imageUrl(ctx, listing),
    sku: p.model,
    mpn: p.model,
    brand: { '@type': 'Brand', name: p.brand },
    ...(listing.showsGtin ? { gtin13: p.gtin } : {}),
    offers: {
      '@type': 'Offer',
      url: absolute(ctx, listing.path),
      price: decimal(offer.quote.priceMinor),
      priceCurrency: 'INR',
      availability: schemaAvailability(offer.quote.stock),
    },
  };
}

function stockWords(offer: OfferView): string {
  if (offer.quote.stock === 'out_of_stock') return 'Out Of Stock';
  if (offer.quote.stock === 'limited') return `${offer.quote.stockLeft}`;
  return 'In Stock';
}

export const mobilemahalTemplates: StoreTemplates = {
  home(ctx) {
    const featured = DEMO_CATEGORIES.flatMap((c) => (ctx.inventory.byCategory.get(c) ?? []).slice(0, 2));
    return shell(ctx, ctx.profile.name, '',
      `<div id="common-home" class="container"><div class="row"><div id="content" class="col-sm-12"><h3>Featured</h3><div class="row">${featured.map((l) => thumb(ctx, l)).join('')}</div></div></div></div>`);
  },

  category(ctx, category, items, page, pages) {
    const label = ctx.profile.categories[category].label;
    const href = (n: number) => esc(absolute(ctx, ctx.profile.categoryPath({ category, page: n })));
    const rel = `<link href="${href(page)}" rel="canonical" />${page > 1 ? `<link href="${href(page - 1)}" rel="prev" />` : ''}${page < pages ? `<link href="${href(page + 1)}" rel="next" />` : ''}`;
    return shell(ctx, label, rel,
      `<div id="product-category" class="container"><ul class="breadcrumb"><li><a href="${esc(ctx.baseUrl)}/index.php?route=common/home"><i class="fa fa-home"></i></a></li><li><a href="${href(1)}">${esc(label)}</a></li></ul>` +
      `<div class="row"><div id="content" class="col-sm-9"><h2>${esc(label)}</h2><div class="row">${items.map((l) => thumb(ctx, l)).join('')}</div>` +
      `<div class="row"><div class="col-sm-6 text-left"><ul class="pagination">${paginationItems(ctx, category, page, pages, { prev: '<', next: '>' })}</ul></div>` +
      `<div class="col-sm-6 text-right">Showing page ${page} of ${pages}</div></div></div></div></div>`);
  },

  product(ctx, listing) {
    const p = listing.product;
    const offer = ctx.offer(listing);
    const q = offer.quote;
    const label = ctx.profile.categories[p.category].label;
    const related = relatedListings(ctx.inventory, listing, 3).map((l) => thumb(ctx, l)).join('');
    const prices = q.wasMinor
      ? `<li><span style="text-decoration: line-through;">${rupees(q.wasMinor)}</span></li><li><h2>${rupees(q.priceMinor)}</h2></li>`
      : `<li><h2>${rupees(q.priceMinor)}</h2></li>`;
    const head = `<link href="${esc(absolute(ctx, listing.path))}" rel="canonical" /><script type="application/ld+json">${jsonForScript(productLd(ctx, listing, offer))}</script>`;
    const body =
      `<div id="product-product" class="container"><ul class="breadcrumb"><li><a href="${esc(ctx.baseUrl)}/index.php?route=common/home"><i class="fa fa-home"></i></a></li>` +
      `<li><a href="${esc(absolute(ctx, ctx.profile.categoryPath({ category: p.category, page: 1 })))}">${esc(label)}</a></li><li><a href="${esc(absolute(ctx, listing.path))}">${esc(listing.title)}</a></li></ul>` +
      `<div class="row"><div id="content" class="col-sm-12"><div class="row"><div class="col-sm-8"><ul class="thumbnails"><li><a class="thumbnail" href="${esc(imageUrl(ctx, listing))}"><img src="${esc(imageUrl(ctx, listing))}" alt="${esc(listing.title)}" /></a></li></ul>` +
      `<div class="tab-content"><div class="tab-pane active" id="tab-description"><p>${esc(p.name)}</p></div><div class="tab-pane" id="tab-specification"><table class="table table-bordered">${specRows(p.specs)}</table></div></div></div>` +
      `<div class="col-sm-4"><h1>${esc(listing.title)}</h1><ul class="list-unstyled"><li>Brand: <a href="${esc(ctx.baseUrl)}/index.php?route=product/manufacturer/info&amp;manufacturer_id=8">${esc(p.brand)}</a></li>` +
      `<li>Product Code: ${esc(p.model)}</li><li>Availability: ${stockWords(offer)}</li></ul>` +
      `<ul class="list-unstyled">${prices}<li>Ex Tax: ${rupees(Math.round(q.priceMinor / 1.18))}</li></ul>` +
      `<div id="product"><input type="hidden" name="product_id" value="${esc(listing.code)}" /><button type="button" id="button-cart" class="btn btn-primary btn-lg btn-block">Add to Cart</button></div>` +
      `<p class="shipping">${offer.shippingMinor === 0 ? 'Free delivery' : `Delivery: ${rupees(offer.shippingMinor)}`}</p></div></div>` +
      `<h3>Related Products</h3><div class="row">${related}</div></div></div></div>`;
    return shell(ctx, listing.title, head, body);
  },

  notFound(ctx, path) {
    return shell(ctx, 'Product not found!', '',
      `<div id="error-not-found" class="container"><div class="row"><div id="content" class="col-sm-12"><h1>Product not found!</h1><p>The page you requested cannot be found (${esc(path)}).</p>` +
      `<div class="buttons"><div class="pull-right"><a href="${esc(ctx.baseUrl)}/index.php?route=common/home" class="btn btn-primary">Continue</a></div></div></div></div></div>`);
  },
};
