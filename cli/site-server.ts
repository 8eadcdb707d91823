// Serves the built site (dist/, from `npm run build`) inside the calling process, so the site
// shares the database handle the caller set with setSharedDatabase(). Adds compression
// (brotli/gzip) and the security headers to static files too.
import { existsSync, readdirSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { passRequestDoor } from './request-door.ts';
import { compressResponse } from './site-compression.ts';

export interface SiteServerOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Port (default 4321); 0 picks a free one. */
  port?: number;
  /** The built site (default dist/ next to package.json). */
  distDir?: string;
  /** Proxies in front that append the client's address to X-Forwarded-For (default 0: none). */
  trustedProxies?: number;
}

export interface SiteServer {
  url: string;
  close(): Promise<void>;
}

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

export const DEFAULT_DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url));

/** Headers for files served straight from dist/client (pages get theirs from the site's middleware). */
const STATIC_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Loads every page module now rather than on first request: a rebuild of dist/ while this server
 * runs then cannot pull new, mismatched chunks into it.
 */
async function preloadModules(serverDir: string): Promise<void> {
  const files = readdirSync(join(serverDir, 'pages'), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.mjs'))
    .map((name) => join(serverDir, 'pages', name));
  files.push(join(serverDir, '_astro-internal_middleware.mjs'), join(serverDir, 'renderers.mjs'));
  await Promise.all(files.filter((file) => existsSync(file)).map((file) => import(pathToFileURL(file).href)));
}

async function loadHandler(distDir: string): Promise<NodeHandler> {
  const entry = `${distDir.replace(/\/?$/, '/')}server/entry.mjs`;
  if (!existsSync(entry)) {
    throw new Error(`The site is not built: ${entry} is missing. Run "npm run build" first.`);
  }
  // The standalone entry starts its own server on import unless told not to.
  const previous = process.env.ASTRO_NODE_AUTOSTART;
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  try {
    const module = (await import(pathToFileURL(entry).href)) as { handler?: NodeHandler };
    if (typeof module.handler !== 'function') {
      throw new Error(`${entry} exports no handler: was the site built with the @astrojs/node adapter in standalone mode?`);
    }
    await preloadModules(`${distDir.replace(/\/?$/, '/')}server/`);
    return module.handler;
  } finally {
    if (previous === undefined) delete process.env.ASTRO_NODE_AUTOSTART;
    else process.env.ASTRO_NODE_AUTOSTART = previous;
  }
}

/** Starts serving the built site; the database must already be set with setSharedDatabase(). */
export async function startSiteServer(options: SiteServerOptions = {}): Promise<SiteServer> {
  const { host = '127.0.0.1', port = 4321, distDir = DEFAULT_DIST_DIR, trustedProxies = 0 } = options;
  const handler = await loadHandler(distDir);
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const server = http.createServer((req, res) => {
    // A request is done when its handler ends the response: a client that hangs up early does
    // not stop the handler, which may still be waiting on the database.
    inFlight++;
    let done = false;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      if (!done) {
        done = true;
        if (--inFlight === 0) drained?.();
      }
      return end(...args);
    }) as ServerResponse['end'];
    for (const [name, value] of Object.entries(STATIC_HEADERS)) res.setHeader(name, value);
    compressResponse(req, res);
    passRequestDoor(req, res, () => handler(req, res), { trustedProxies }).catch((error: unknown) => {
      // The client broke off mid-body: nothing to answer.
      if (!res.headersSent) res.writeHead(400).end();
      req.destroy(error as Error);
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(new Error(`The site could not listen on ${host}:${port}: ${error.message}`, { cause: error })),
    );
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    close: async () => {
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      server.closeIdleConnections();
      // Let requests in flight finish: their database calls need the handle the caller closes next
      // (a client that hung up does not stop the handler).
      // (A static file whose client hung up never ends: wait 5 s at most.)
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          drained = resolve;
          setTimeout(resolve, 5_000).unref();
        });
      }
      server.closeAllConnections();
      await closed;
    },
  };
}
