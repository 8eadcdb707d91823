// What a demo store's server answers with, and how it is set up: shared by the server and the
// platform routes (an API, a feed) it asks first.
import type { Logger } from 'pino';
import type { StoreInventory } from './site.ts';

export interface StoreServerOptions {
  inventory: StoreInventory;
  host: string;
  port: number;
  clock: () => number;
  tickMs: number;
  crawlDelay: number | null;
  log?: Logger;
}

export interface Page {
  status: number;
  contentType: string;
  body: Buffer;
  /** When the content last changed (ms); defaults to the start of the tick. */
  lastModified?: number;
}

