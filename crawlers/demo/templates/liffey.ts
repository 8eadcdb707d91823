// Liffey Tech: a Magento 2 shop with a Luma-like theme. Its catalogue is read from /graphql
// (platforms/magento-graphql.ts); its pages carry Magento's own markers (RequireJS with Magento_*
// modules, static assets below /static/version…/frontend/, text/x-magento-init) and Luma's microdata.
import { DEMO_CATEGORIES } from '../catalogue/index.ts';
import { decimal, esc, westernNumber } from '../format.ts';
import type { OfferView, SiteContext } from '../site.ts';
import type { StoreListing } from '../store-profiles.ts';
import { shopifyOptions } from '../titles.ts';
import { absolute, imageUrl, pageRelLinks, paginationItems, schemaAvailability, specRows, type StoreTemplates } from './shared.ts';

const STATIC = '/static/version1717000000/frontend/Magento/luma/en_IE';

const css =
  'body{font:14px "Open Sans",Arial,sans-serif;margin:0;color:#333}.page-header{background:#f4f4f4;padding:12px 24px;display:flex;justify-content:space-between}' +
  '.navigation a{margin-right:18px;color:#575757}.product-info-main{padding:24px}.price{font-size:24px;font-weight:600}.old-price .price{font-size:14px;color:#999;text-decoration:line-through}' +
  '.products-grid ol{display:grid;grid-template-columns:repeat(4,1fr);gap:16px;list-style:none;padding:24px}.swatch-option{display:inline-block;border:1px solid #ccc;padding:4px 8px;margin:2px}' +
  '.page-footer{background:#f4f4f4;padding:24px;font-size:12px}';

const euros = (minor: number) => `€${westernNumber(minor)}`;

function shell(ctx: SiteContext, title: string, bodyClass: string, head: string, body: string): string {
  const nav = DEMO_CATEGORIES.map(
    (c) => `<li class="level0"><a href="${esc(ctx.profile.categoryPath({ category: c, page: 1 }))}" class="level-top"><span>${esc(ctx.profile.categories[c].label)}</span></a></li>`,
  ).join('');
  return (
    `<!doctype html><html lang="en-IE"><head><meta charset="utf-8"/><title>${esc(title)}</title>` +
    `<script type="text/javascript">var BASE_URL = '${esc(ctx.baseUrl)}/';var require = {'baseUrl': '${esc(ctx.baseUrl)}${STATIC}'};</script>` +
    `<script type="text/javascript" src="${STATIC}/requirejs/require.js"></script>` +
    `<script type="text/javascript" src="${STATIC}/mage/requirejs/mixins.js"></script>` +
    `<script type="text/javascript" src="${STATIC}/requirejs-config.js"></script>` +
    `<link rel="stylesheet" type="text/css" media="all" href="${STATIC}/mage/calendar.css"/>` +
    `<link rel="stylesheet" type="text/css" media="all" href="${STATIC}/css/styles-m.css"/><style>${css}</style>${head}</head>` +
    `<body data-container="body" data-mage-init='{"loaderAjax": {}, "loader": {"icon": "${STATIC}/images/loader-2.gif"}}' class="${bodyClass} page-layout-1column" id="html-body">` +
    `<script type="text/x-magento-init">{"*": {"Magento_PageCache/js/form-key-provider": {"isPaginationCacheEnabled": 0}}}</script>` +
    `<header class="page-header"><a class="logo" href="/" title="${esc(ctx.profile.name)}">${esc(ctx.profile.name)}</a>` +
    `<div data-block="minicart" class="minicart-wrapper"><a class="action showcart" href="/checkout/cart/">My Cart</a></div></header>` +
    `<nav class="navigation" data-action="navigation"><ul data-mage-init='{"menu":{"responsive":true}}'>${nav}</ul></nav>` +
    `<main id="maincontent" class="page-main">${body}</main>` +
    `<footer class="page-footer"><small class="copyright"><span>Copyright © 2013-present ${esc(ctx.profile.name)}. All rights reserved.</span></small></footer>` +
    `<script type="text/x-magento-init">{"*": {"Magento_Ui/js/core/app": {"components": {"customer": {"component": "Magento_Customer/js/view/customer"}}}}}</script>` +
    `</body></html>`
  );
}

function priceBox(offer: OfferView, productId: string): string {
  const q = offer.quote;
  const old = q.wasMinor
    ? `<span class="old-price"><span class="price-container price-final_price"><span data-price-amount="${decimal(q.wasMinor)}" data-price-type="oldPrice" class="price-wrapper"><span class="price">${euros(q.wasMinor)}</span></span></span></span>`
    : '';
  return (
    `<div class="price-box price-final_price" data-role="priceBox" data-product-id="${esc(productId)}">` +
    `<span class="special-price"><span class="price-container price-final_price tax weee">` +
    `<span id="product-price-${esc(productId)}" data-price-amount="${decimal(q.priceMinor)}" data-price-type="finalPrice" class="price-wrapper"><span class="price">${euros(q.priceMinor)}</span></span>` +
    `</span></span>${old}</div>`
  );
}

function item(ctx: SiteContext, listing: StoreListing): string {
  return (
    `<li class="item product product-item"><div class="product-item-info"><a href="${esc(listing.path)}" class="product photo product-item-photo">` +
    `<img class="product-image-photo" src="${esc(imageUrl(ctx, listing))}" alt="" loading="lazy"></a>` +
    `<strong class="product name product-item-name"><a class="product-item-link" href="${esc(listing.path)}">${esc(listing.title)}</a></strong>` +
    `${priceBox(ctx.offer(listing), listing.code)}</div></li>`
  );
}

function stockText(offer: OfferView): string {
  if (offer.quote.stock === 'out_of_stock') return '<div class="stock unavailable" title="Availability"><span>Out of stock</span></div>';
  if (offer.quote.stock === 'limited') return `<div class="stock available" title="Availability"><span>In stock</span></div><div class="availability only">Only ${offer.quote.stockLeft} left</div>`;
  return '<div class="stock available" title="Availability"><span>In stock</span></div>';
}

export const liffeyTemplates: StoreTemplates = {
  home(ctx) {
    const featured = DEMO_CATEGORIES.flatMap((c) => (ctx.inventory.byCategory.get(c) ?? []).slice(0, 2));
    return shell(ctx, 'Home Page', 'cms-home cms-index-index', '',
      `<div class="block widget block-products-list grid"><h2>${esc(ctx.profile.tagline)}</h2><div class="products-grid"><ol class="product-items">${featured.map((l) => item(ctx, l)).join('')}</ol></div></div>`);
  },

  category(ctx, category, items, page, pages) {
    const label = ctx.profile.categories[category].label;
    return shell(ctx, label, `page-products catalog-category-view categorypath-${ctx.profile.categories[category].slug}`, pageRelLinks(ctx, category, page, pages),
      `<h1 class="page-title"><span class="base">${esc(label)}</span></h1><div class="products wrapper grid products-grid"><ol class="products list items product-items">${items.map((l) => item(ctx, l)).join('')}</ol></div>` +
      `<div class="pages"><ul class="items pages-items">${paginationItems(ctx, category, page, pages, { prev: 'Previous', next: 'Next' })}</ul></div>`);
  },

  product(ctx, listing) {
    const p = listing.product;
    const offer = ctx.offer(listing);
    const q = offer.quote;
    const family = ctx.inventory.listings.filter((l) => l.product.familyId === p.familyId);
    const swatches = family.length > 1
      ? `<div class="swatch-opt">${family.map((v) => `<a class="swatch-option text" href="${esc(v.path)}"${v === listing ? ' aria-checked="true"' : ''}>${esc(shopifyOptions(v.product).join(' / '))}</a>`).join('')}</div>`
      : '';
    const head =
      `<meta property="og:type" content="product"/><meta property="og:title" content="${esc(listing.title)}"/><meta property="og:image" content="${esc(imageUrl(ctx, listing))}"/>` +
      `<meta property="product:price:amount" content="${decimal(q.priceMinor)}"/><meta property="product:price:currency" content="EUR"/>` +
      `<link rel="canonical" href="${esc(absolute(ctx, `/${p.familyId}.html`))}"/>`;
    const body =
      `<div class="columns"><div class="column main" itemscope itemtype="http://schema.org/Product">` +
      `<div class="product-info-main"><div class="page-title-wrapper product"><h1 class="page-title"><span class="base" data-ui-id="page-title-wrapper" itemprop="name">${esc(listing.title)}</span></h1></div>` +
      `<meta itemprop="brand" content="${esc(p.brand)}"/>` +
      `<div class="product-info-price"><div itemprop="offers" itemscope itemtype="http://schema.org/Offer">${priceBox(offer, listing.code)}` +
      `<meta itemprop="price" content="${decimal(q.priceMinor)}"/><meta itemprop="priceCurrency" content="EUR"/>` +
      `<link itemprop="availability" href="${schemaAvailability(q.stock)}"/></div>` +
      `<div class="product-info-stock-sku">${stockText(offer)}<div class="product attribute sku"><strong class="type">SKU</strong> <div class="value" itemprop="sku">${esc(listing.code)}</div></div></div></div>` +
      `${swatches}<div class="box-tocart"><button type="submit" title="Add to Cart" class="action primary tocart" id="product-addtocart-button"${q.stock === 'out_of_stock' ? ' disabled' : ''}><span>Add to Cart</span></button></div>` +
      `<p class="shipping">${offer.shippingMinor === 0 ? 'Free delivery' : `Delivery ${euros(offer.shippingMinor)}`}</p></div>` +
      `<div class="product media"><img itemprop="image" src="${esc(imageUrl(ctx, listing))}" alt="${esc(listing.title)}"/></div>` +
      `<div class="product info detailed"><div class="additional-attributes-wrapper"><table class="data table additional-attributes">${specRows({ Model: p.model, ...p.specs })}</table></div>` +
      `<div class="product attribute description" itemprop="description">${esc(p.name)}</div></div></div></div>` +
      `<script type="text/x-magento-init">{"[data-role=priceBox][data-price-box=product-id-${esc(listing.code)}]": {"priceBox": {"priceConfig": {"productId": "${esc(listing.code)}", "priceFormat": {"pattern": "€%s"}}}}}</script>`;
    return shell(ctx, listing.title, `catalog-product-view product-${esc(p.familyId)}`, head, body);
  },

  notFound(ctx, path) {
    return shell(ctx, '404 Not Found', 'cms-no-route cms-noroute-index', '',
      `<h1 class="page-title"><span class="base">Whoops, our bad...</span></h1><p>The page you requested (${esc(path)}) was not found.</p><a href="/">Go back to the home page</a>`);
  },
};
