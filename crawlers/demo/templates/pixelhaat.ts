// Pixel Haat: a single-page-app shop. Home and category pages are plain HTML links (so discovery
// needs no browser), but a product page is a script shell: an empty <div id="root"> and a module
// script (PIXELHAAT_APP_JS, served at /assets/app.js) that fetches /api/product/<code>.json, builds
// the visible product and injects a JSON-LD Product. Fetched as HTML, it holds no price at all.
import { DEMO_CATEGORIES } from '../catalogue/index.ts';
import { esc } from '../format.ts';
import type { SiteContext } from '../site.ts';
import type { StoreListing } from '../store-profiles.ts';
import { paginationItems, pageRelLinks, type StoreTemplates } from './shared.ts';

export const PIXELHAAT_APP_PATH = '/assets/app.js';
export const PIXELHAAT_API_PREFIX = '/api/product/';

const css =
  'body{font:15px system-ui,sans-serif;margin:0;color:#1d1d1f}header{background:#5b2be0;color:#fff;padding:12px 20px;display:flex;gap:18px}' +
  'header a{color:#fff;text-decoration:none}main{padding:20px}.grid{display:grid;grid-template-columns:repeat(4,1fr);gap:16px;list-style:none;padding:0}' +
  '.price{font-size:26px;font-weight:600}.mrp{text-decoration:line-through;color:#888}.stock.out{color:#c00}footer{padding:20px;color:#666}';

function page(ctx: SiteContext, title: string, head: string, body: string): string {
  const nav = DEMO_CATEGORIES.map(
    (c) => `<a href="${esc(ctx.profile.categoryPath({ category: c, page: 1 }))}">${esc(ctx.profile.categories[c].label)}</a>`,
  ).join('');
  return (
    `<!doctype html><html lang="en-IN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${esc(title)}</title><style>${css}</style>${head}</head><body>` +
    `<header><a href="/"><b>pixel</b>haat</a>${nav}</header>${body}` +
    `<footer>© 2026 ${esc(ctx.profile.name)}. ${esc(ctx.profile.tagline)}.</footer></body></html>`
  );
}

function card(listing: StoreListing): string {
  // Prices live in the app: the list shows names only, as many single-page shops do.
  return `<li class="card"><a href="${esc(listing.path)}">${esc(listing.title)}</a></li>`;
}

export const pixelhaatTemplates: StoreTemplates = {
  home(ctx) {
    const sections = DEMO_CATEGORIES.map((c) => {
      const items = (ctx.inventory.byCategory.get(c) ?? []).slice(0, 4).map(card).join('');
      return `<section><h2><a href="${esc(ctx.profile.categoryPath({ category: c, page: 1 }))}">${esc(ctx.profile.categories[c].label)}</a></h2><ul class="grid">${items}</ul></section>`;
    }).join('');
    return page(ctx, `${ctx.profile.name}: ${ctx.profile.tagline}`, '', `<main>${sections}</main>`);
  },

  category(ctx, category, items, pageNumber, pages) {
    const label = ctx.profile.categories[category].label;
    const body =
      `<main><h1>${esc(label)}</h1><ul class="grid">${items.map(card).join('')}</ul>` +
      `<ul class="pages">${paginationItems(ctx, category, pageNumber, pages, { prev: 'Previous', next: 'Next' })}</ul></main>`;
    return page(ctx, `${label} | ${ctx.profile.name}`, pageRelLinks(ctx, category, pageNumber, pages), body);
  },

  /** The shell: the same frame for every product; the app reads the code from the address. */
  product(ctx) {
    return (
      `<!doctype html><html lang="en-IN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
      `<title>${esc(ctx.profile.name)}</title><link rel="stylesheet" href="/assets/app.css">` +
      `<script type="module" src="${PIXELHAAT_APP_PATH}"></script></head>` +
      `<body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div></body></html>`
    );
  },

  notFound(ctx, path) {
    return page(ctx, `Not found | ${ctx.profile.name}`, '<meta name="robots" content="noindex">', `<main><h1>Page not found</h1><p>Nothing at <code>${esc(path)}</code>.</p></main>`);
  },
};

/**
 * The shop's app. Plain browser JavaScript: it builds the product with DOM calls (no markup from
 * data) and writes the JSON-LD with "<" escaped, so no product text can close its script element.
 */
export const PIXELHAAT_APP_JS = `
const root = document.getElementById('root');
const code = location.pathname.split('/').filter(Boolean).pop();
const grouped = (whole) => {
  const text = String(whole);
  const last3 = text.slice(-3);
  const rest = text.slice(0, -3).replace(/\\B(?=(\\d{2})+(?!\\d))/g, ',');
  return rest ? rest + ',' + last3 : last3;
};
const rupees = (decimal) => '\\u20b9' + grouped(Math.round(Number(decimal)));
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}
const schemaStock = { in_stock: 'InStock', limited: 'LimitedAvailability', out_of_stock: 'OutOfStock' };
function render(p) {
  document.title = p.title + ' | Pixel Haat';
  const stock = p.stock === 'out_of_stock' ? 'Out of stock' : p.stock === 'limited' ? 'Only ' + p.stockLeft + ' left' : 'In stock';
  const delivery = p.delivery ? 'Delivery in ' + p.delivery.minDays + '-' + p.delivery.maxDays + ' days' : null;
  const specs = el('table', { class: 'specs' }, ...Object.entries(p.specs).map(([k, v]) => el('tr', {}, el('th', {}, k), el('td', {}, v))));
  root.append(
    el('header', {}, el('a', { href: '/' }, 'pixelhaat')),
    el('main', { id: 'product' },
      el('h1', { class: 'title' }, p.title),
      el('div', { class: 'brand' }, p.brand),
      p.stock === 'out_of_stock' ? null : el('div', { class: 'price' }, rupees(p.price)),
      p.mrp ? el('div', { class: 'mrp' }, 'MRP ' + rupees(p.mrp)) : null,
      el('div', { class: 'stock' + (p.stock === 'out_of_stock' ? ' out' : '') }, stock),
      delivery ? el('div', { class: 'delivery' }, delivery + (Number(p.shipping) === 0 ? ', free' : ', ' + rupees(p.shipping))) : null,
      specs,
    ),
  );
  const product = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: p.title,
    sku: p.code,
    mpn: p.model,
    brand: { '@type': 'Brand', name: p.brand },
    category: p.category,
    image: p.image,
    offers: {
      '@type': 'Offer',
      url: location.href,
      price: p.price,
      priceCurrency: p.currency,
      availability: 'https://schema.org/' + schemaStock[p.stock],
      itemCondition: 'https://schema.org/NewCondition',
      shippingDetails: {
        '@type': 'OfferShippingDetails',
        shippingRate: { '@type': 'MonetaryAmount', value: p.shipping, currency: p.currency },
        ...(p.delivery ? { deliveryTime: { '@type': 'ShippingDeliveryTime',
          handlingTime: { '@type': 'QuantitativeValue', minValue: 0, maxValue: 0, unitCode: 'DAY' },
          transitTime: { '@type': 'QuantitativeValue', minValue: p.delivery.minDays, maxValue: p.delivery.maxDays, unitCode: 'DAY' } } } : {}),
      },
    },
  };
  if (p.gtin) product.gtin13 = p.gtin;
  const data = document.createElement('script');
  data.type = 'application/ld+json';
  data.textContent = JSON.stringify(product).replace(/</g, '\\\\u003c');
  document.head.append(data);
}
fetch('${PIXELHAAT_API_PREFIX}' + encodeURIComponent(code) + '.json', { headers: { accept: 'application/json' } })
  .then((response) => {
    if (!response.ok) throw new Error('HTTP ' + response.status);
    return response.json();
  })
  .then(render)
  .catch(() => root.append(el('p', { class: 'error' }, 'This product could not be loaded.')));
`;
