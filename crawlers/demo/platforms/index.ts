// Platform paths of demo store kinds, answered before the shared page routing: a platform's API
// (Magento's /graphql), a catalogue feed, a script-rendered store's JSON. One entry per kind.
import type { Page, StoreServerOptions } from '../page.ts';
import type { SiteContext } from '../site.ts';
import type { DemoStoreKind } from '../store-profiles.ts';
import { magentoRoute } from './magento-graphql.ts';
import { metaFeedRoute } from './meta-feed.ts';
import { opencartRoute } from './opencart-routes.ts';
import { scriptStoreRoute } from './script-store.ts';

/** Answers a request, or null to leave it to the shared routing. */
export type PlatformRoute = (ctx: SiteContext, url: URL, options: StoreServerOptions) => Page | null;

export const platformRoutes: Partial<Record<DemoStoreKind, PlatformRoute>> = {
  magento: magentoRoute,
  opencart: opencartRoute,
  browser: scriptStoreRoute,
  'meta-feed': metaFeedRoute,
};
