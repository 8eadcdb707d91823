// A real HTTP server on 127.0.0.1 whose pages misbehave the way a browser page can: never finish
// loading, spin their script forever, eat memory until the renderer dies, redirect themselves in a
// loop, open dialogs, stream 20 MB, pull in trackers from another host. Its good pages are script
// shells that build their product (and its JSON-LD) from /api/<n>.json, as a single-page shop does.
// A second server on another port plays "a tracker elsewhere": it counts every request it gets.
import http, { type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BrowserPagesServer {
  url: string;
  /** The other host ("http://127.0.0.1:<other port>"): no rendered page may reach it. */
  trackerUrl: string;
  /** Requests by path (with query), this server's. */
  hits: Map<string, number>;
  /** Every request's path and headers, in order. */
  requests: { path: string; headers: IncomingHttpHeaders }[];
  /** Requests the tracker host got. */
  readonly trackerHits: number;
  close(): Promise<void>;
}

/** A shell product page: an empty root and a script that fetches its data, then renders it. */
export function shellPage(n: number, extraHead = '', extraBody = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title>${extraHead}
<script type="module">
const response = await fetch('/api/${n}.json');
const product = await response.json();
const root = document.getElementById('root');
const h1 = document.createElement('h1'); h1.textContent = product.name; root.append(h1);
const price = document.createElement('p'); price.className = 'price'; price.textContent = '₹' + product.price; root.append(price);
const data = document.createElement('script'); data.type = 'application/ld+json';
data.textContent = JSON.stringify({ '@context': 'https://schema.org', '@type': 'Product', name: product.name, sku: product.sku,
  brand: { '@type': 'Brand', name: 'Testware' },
  offers: { '@type': 'Offer', price: product.price, priceCurrency: 'INR', availability: 'https://schema.org/InStock' } });
document.head.append(data);
</script></head><body><noscript>Please enable JavaScript to use this shop.</noscript><div id="root"></div>${extraBody}</body></html>`;
}

export function productData(n: number): { name: string; sku: string; price: string } {
  return { name: `Rendered Kettle ${n}`, sku: `RK-${n}`, price: `${1000 + n * 10}.00` };
}

const page = (body: string, head = '') => `<!doctype html><html><head><meta charset="utf-8"><title>Hostile</title>${head}</head><body>${body}</body></html>`;

export async function startBrowserPagesServer(options: { productCount?: number } = {}): Promise<BrowserPagesServer> {
  const productCount = options.productCount ?? 4;
  const hits = new Map<string, number>();
  const requests: BrowserPagesServer['requests'] = [];
  let trackerHits = 0;
  const open = new Set<ServerResponse>();

  const tracker = http.createServer((_req, res) => {
    trackerHits++;
    res.writeHead(200, { 'content-type': 'text/javascript' }).end('window.tracked = true;');
  });
  await new Promise<void>((resolve) => tracker.listen(0, '127.0.0.1', resolve));
  const trackerUrl = `http://127.0.0.1:${(tracker.address() as AddressInfo).port}`;
  let origin = '';

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname;
    hits.set(req.url ?? path, (hits.get(req.url ?? path) ?? 0) + 1);
    requests.push({ path: req.url ?? path, headers: req.headers });
    open.add(res);
    res.on('close', () => open.delete(res));
    const html = (body: string, status = 200, headers: http.OutgoingHttpHeaders = {}) =>
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(body);

    const product = /^\/p\/(\d+)$/.exec(path);
    const api = /^\/api\/(\d+)\.json$/.exec(path);
    if (path === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n');
    if (path === '/catalog') {
      const links = Array.from({ length: productCount }, (_, i) => `<li><a href="/p/${i + 1}">Kettle ${i + 1}</a></li>`).join('');
      return html(page(`<h1>Kettles</h1><ul>${links}</ul>`));
    }
    if (product && Number(product[1]) <= productCount) return html(shellPage(Number(product[1])));
    if (api) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(productData(Number(api[1]))));
    switch (path) {
      case '/never-ends': // headers and a head, then a trickle that never ends
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.write('<!doctype html><html><head><title>Loading</title></head><body>');
        {
          const trickle = setInterval(() => (res.destroyed ? clearInterval(trickle) : res.write('<p>…</p>')), 100);
          res.on('close', () => clearInterval(trickle));
        }
        return;
      case '/busy-loop':
        return html(page('<div id="root"></div><script>for (;;) {}</script>'));
      case '/eat-memory': // script heap: V8 hits its cap and the renderer dies
        return html(page('<script>const hog = []; for (;;) hog.push(new Array(1e5).fill(Math.random()));</script>'));
      case '/eat-buffers': // outside the script heap: only the pool's memory watch stops it
        return html(
          page('<script>const keep = []; setInterval(() => { for (let i = 0; i < 8; i++) { const b = new Uint8Array(32 << 20); b.fill(7); keep.push(b); } }, 20);</script>'),
        );
      case '/js-redirect': {
        const n = Number(url.searchParams.get('n') ?? 0);
        return html(page(`<p>moving on</p><script>location.replace('/js-redirect?n=${n + 1}')</script>`));
      }
      case '/dialogs': // every kind of dialog, then the product
        return html(shellPage(1, '<script>alert("Welcome!"); confirm("Accept cookies?"); prompt("Your pin code?");</script>'));
      case '/dialog-storm':
        return html(page('<script>for (;;) alert("again");</script>'));
      case '/huge': {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        const chunk = Buffer.alloc(64 * 1024, 'a');
        let sent = 0;
        const pump = (): void => {
          while (sent < 20 * 1024 * 1024 && !res.destroyed) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          if (!res.destroyed) res.end();
        };
        return pump();
      }
      case '/trackers': // a good product page that also calls another host and loads images, fonts and styles
        return html(
          shellPage(
            2,
            `<link rel="stylesheet" href="/style.css"><link rel="preload" as="font" href="/font.woff2" crossorigin><script src="${trackerUrl}/t.js"></script>`,
            `<img src="/img.png"><img src="${trackerUrl}/pixel.gif"><script>fetch('${trackerUrl}/beacon').catch(() => {})</script>`,
          ),
        );
      case '/redirect-away': // an HTTP redirect off the store: Playwright's routing never sees this hop
        return html('', 302, { location: `${trackerUrl}/landing` });
      case '/not-found':
        return html(page('<h1>No such kettle</h1>'), 404);
      case '/style.css':
      case '/font.woff2':
      case '/img.png':
        return void res.writeHead(200, { 'content-type': 'application/octet-stream' }).end('x');
      default:
        return html(page('<h1>Not found</h1>'), 404);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    trackerUrl,
    hits,
    requests,
    get trackerHits() {
      return trackerHits;
    },
    close: async () => {
      for (const res of open) res.destroy();
      await Promise.all(
        [server, tracker].map(
          (s) =>
            new Promise<void>((resolve) => {
              s.closeAllConnections();
              s.close(() => resolve());
            }),
        ),
      );
    },
  };
}
