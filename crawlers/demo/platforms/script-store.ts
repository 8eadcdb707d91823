// The script-rendered demo store's own paths: its app bundle (/assets/app.js), a stylesheet, and
// the product JSON the app fetches (/api/product/<code>.json). Product pages themselves are the
// shell from templates/pixelhaat.ts, through the shared routing.
import { decimal, startOfLocalDay } from '../format.ts';
import type { SiteContext } from '../site.ts';
import { imageUrl } from '../templates/shared.ts';
import { PIXELHAAT_API_PREFIX, PIXELHAAT_APP_JS, PIXELHAAT_APP_PATH } from '../templates/pixelhaat.ts';

/** A page as the demo server sends it (server.ts `Page`). */
interface DemoPage {
  status: number;
  contentType: string;
  body: Buffer;
  lastModified?: number;
}

const appBundle = Buffer.from(PIXELHAAT_APP_JS);
const stylesheet = Buffer.from('#product{max-width:960px;margin:auto}.specs th{text-align:left;padding-right:12px}');

const json = (status: number, value: unknown, lastModified?: number): DemoPage => ({
  status,
  contentType: 'application/json; charset=utf-8',
  body: Buffer.from(JSON.stringify(value)),
  lastModified,
});

export function scriptStoreRoute(ctx: SiteContext, url: URL, options: { tickMs: number }): DemoPage | null {
  const path = url.pathname;
  if (path === PIXELHAAT_APP_PATH) return { status: 200, contentType: 'text/javascript; charset=utf-8', body: appBundle, lastModified: 0 };
  if (path === '/assets/app.css') return { status: 200, contentType: 'text/css; charset=utf-8', body: stylesheet, lastModified: 0 };
  if (!path.startsWith(PIXELHAAT_API_PREFIX)) return null;
  const code = /^([a-z0-9]{1,40})\.json$/.exec(path.slice(PIXELHAAT_API_PREFIX.length))?.[1];
  const listing = code ? ctx.inventory.byCode.get(code) : undefined;
  if (!listing) return json(404, { error: `no product ${JSON.stringify(path.slice(PIXELHAAT_API_PREFIX.length))}` });
  const offer = ctx.offer(listing);
  const { quote } = offer;
  const product = listing.product;
  const since = quote.sinceTick * options.tickMs;
  return json(
    200,
    {
      code: listing.code,
      title: listing.title,
      brand: product.brand,
      model: product.model,
      gtin: listing.showsGtin ? product.gtin : null,
      category: ctx.profile.categories[product.category].label,
      image: imageUrl(ctx, listing),
      price: decimal(quote.priceMinor),
      mrp: decimal(quote.wasMinor ?? quote.mrpMinor),
      currency: ctx.profile.currency,
      stock: quote.stock,
      stockLeft: quote.stockLeft,
      shipping: decimal(offer.shippingMinor),
      delivery: offer.delivery ? { minDays: offer.delivery.minDays, maxDays: offer.delivery.maxDays } : null,
      specs: product.specs,
    },
    Math.max(since, startOfLocalDay(ctx.nowMs, ctx.profile.tzOffsetMinutes)),
  );
}
