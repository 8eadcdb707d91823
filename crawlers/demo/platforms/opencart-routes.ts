// The OpenCart demo store's own routing: every page is /index.php?route=…, so the home page
// (route=common/home) and product pages (route=product/product&product_id=N) are answered here;
// category pages (route=product/category&path=N) go through the shared routing.
import { startOfLocalDay } from '../format.ts';
import type { SiteContext } from '../site.ts';
import { mobilemahalTemplates } from '../templates/mobilemahal.ts';

/** A page as the demo server sends it (server.ts `Page`). */
interface DemoPage {
  status: number;
  contentType: string;
  body: Buffer;
  lastModified?: number;
}

const html = (status: number, text: string, lastModified?: number): DemoPage => ({
  status,
  contentType: 'text/html; charset=utf-8',
  body: Buffer.from(text),
  lastModified,
});

export function opencartRoute(ctx: SiteContext, url: URL, options: { tickMs: number }): DemoPage | null {
  if (url.pathname !== '/index.php') return null;
  const route = url.searchParams.get('route');
  if (route === null || route === 'common/home') return html(200, mobilemahalTemplates.home(ctx));
  const code = ctx.profile.parseProductPath(url);
  if (code === null) return null;
  const listing = ctx.inventory.byCode.get(code);
  if (!listing) return html(404, mobilemahalTemplates.notFound(ctx, `${url.pathname}${url.search}`));
  const since = ctx.offer(listing).quote.sinceTick * options.tickMs;
  return html(200, mobilemahalTemplates.product(ctx, listing), Math.max(since, startOfLocalDay(ctx.nowMs, ctx.profile.tzOffsetMinutes)));
}
