// Platform paths of demo store kinds, answered before the shared page routing: a platform's API
// (Magento's /graphql), a catalogue feed, a script-rendered store's JSON. One entry per kind.
import type { Page, StoreServerOptions } from '../server.ts';
import type { SiteContext } from '../site.ts';
import type { DemoStoreKind } from '../store-profiles.ts';

/** Answers a request, or null to leave it to the shared routing. */
export type PlatformRoute = (ctx: SiteContext, url: URL, options: StoreServerOptions) => Page | null;

export const platformRoutes: Partial<Record<DemoStoreKind, PlatformRoute>> = {};
