// A feed host on 127.0.0.1: a Meta catalogue TSV, a Google CSV and a Google XML feed (plain and
// gzipped, as a payload and as a Content-Encoding), feeds cut off mid-record, an endless feed,
// and a feed with an ETag that the test can change. Counts requests and keeps their headers.
import { createHash } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface FeedServer {
  url: string;
  requests: { path: string; headers: IncomingHttpHeaders }[];
  /** The body of /live.tsv (its ETag follows its content). */
  live: string;
  close(): Promise<void>;
}

const META_HEADER = [
  'id', 'title', 'description', 'availability', 'condition', 'price', 'sale_price', 'sale_price_effective_date',
  'link', 'image_link', 'brand', 'gtin', 'mpn', 'item_group_id', 'shipping', 'shipping_weight',
];

/** A Meta catalogue row from named values (missing ones empty), in header order. */
function metaRow(values: Partial<Record<string, string>>): string {
  return META_HEADER.map((name) => values[name] ?? '').join('\t');
}

export function metaTsv(origin: string): string {
  return [
    META_HEADER.join('\t'),
    metaRow({
      id: 'M-1', title: 'Orbit Phone 128GB', description: 'A phone', availability: 'in stock', condition: 'new',
      price: '19999.00 INR', sale_price: '17999.00 INR', sale_price_effective_date: '2026-11-01T00:00+05:30/2026-12-01T00:00+05:30',
      link: `${origin}/p/m1`, image_link: `${origin}/img/m1.jpg`, brand: 'Orbit', gtin: '4006381333931', mpn: 'OP-128',
      item_group_id: 'ORBIT', shipping: 'IN::Standard:49 INR', shipping_weight: '0.4 kg',
    }),
    metaRow({ id: 'M-2', title: 'Orbit Phone 128GB (used)', availability: 'in stock', condition: 'used', price: '9999 INR', link: `${origin}/p/m2`, item_group_id: 'ORBIT' }),
    metaRow({ id: 'M-3', title: 'Orbit Phone 256GB (refurbished)', availability: 'out of stock', condition: 'refurbished', price: '14999.00 INR', link: `${origin}/p/m3` }),
    'M-4\tBroken row\twith too few fields',
    metaRow({ id: 'M-5', title: 'Free phone', availability: 'in stock', condition: 'new', price: 'free', link: `${origin}/p/m5` }),
    metaRow({ id: 'M-6', title: '"Quoted\ttitle"', availability: 'available for order', condition: 'new', price: '499 INR', link: `${origin}/p/m6` }),
    metaRow({
      id: 'M-7', title: 'Orbit Case', availability: 'in stock', condition: 'used_like_new', price: '299 INR', link: `${origin}/p/m7`,
      shipping: 'US::Standard:5.00 USD,IN::Express:99 INR',
    }),
  ].join('\n') + '\n';
}

export function googleCsv(origin: string): string {
  return [
    'id,title,link,price,availability,condition,gtin,brand,"shipping(country:price:min_handling_time:max_handling_time:min_transit_time:max_transit_time)"',
    `G-1,"Kettle, 1.7 L",${origin}/g/1,1299.00 INR,in_stock,new,,Acme,IN:0 INR:1:2:3:5`,
    `G-2,"Toaster ""Pro""",${origin}/g/2,2499.00 INR,in_stock,refurbished,,Acme,IN:99 INR:0:0:2:2`,
    `G-3,Shifted,"by a stray comma",${origin}/g/3,10 INR,in_stock,new,,Acme,IN:0 INR`,
    `G-4,Mixer,${origin}/g/4,899 INR,in_stock,new,,Acme,`,
  ].join('\r\n');
}

export function googleXml(origin: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0"><channel><title>Shop</title>
<item><g:id>X-1</g:id><g:title>Blender 600 W</g:title><g:link>${origin}/x/1</g:link><g:price>3499.00 INR</g:price>
  <g:availability>in_stock</g:availability><g:condition>refurbished</g:condition><g:item_group_id>BLEND</g:item_group_id>
  <g:min_handling_time>1</g:min_handling_time><g:max_handling_time>1</g:max_handling_time>
  <g:shipping><g:country>US</g:country><g:price>9 USD</g:price></g:shipping>
  <g:shipping><g:country>IN</g:country><g:service>Standard</g:service><g:price>49 INR</g:price><g:min_transit_time>2</g:min_transit_time><g:max_transit_time>4</g:max_transit_time></g:shipping>
</item>
<item><g:id>X-2</g:id><g:title>Juicer&nbsp;Max</g:title><g:link>${origin}/x/2</g:link><g:price>1999 INR</g:price><g:availability>out_of_stock</g:availability><g:shipping>IN::Standard:0 INR</g:shipping></item>
</channel></rss>`;
}

/** `count` good TSV rows (items 1…count). */
export function manyRows(origin: string, count: number): string {
  const rows = Array.from({ length: count }, (_, i) => `R-${i + 1}\tRow ${i + 1}\t${origin}/r/${i + 1}\t${100 + i}.00 INR\tin stock`);
  return ['id\ttitle\tlink\tprice\tavailability', ...rows].join('\n') + '\n';
}

export async function startFeedServer(): Promise<FeedServer> {
  let origin = '';
  const feed: FeedServer = {
    url: '',
    requests: [],
    live: '',
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    feed.requests.push({ path, headers: req.headers });
    const send = (status: number, type: string, body: string | Buffer, headers: http.OutgoingHttpHeaders = {}) => {
      res.writeHead(status, { 'content-type': type, ...headers });
      res.end(body);
    };
    switch (path) {
      case '/robots.txt':
        return send(200, 'text/plain', 'User-agent: *\nAllow: /\n');
      case '/meta.tsv':
        return send(200, 'text/tab-separated-values; charset=utf-8', metaTsv(origin));
      case '/meta.tsv.gz':
        return send(200, 'application/gzip', gzipSync(metaTsv(origin)));
      case '/google.csv':
        return send(200, 'text/csv', googleCsv(origin));
      case '/semicolon.csv':
        return send(200, 'text/csv', `id;title;link;price\nS-1;"Lamp; brass";${origin}/s/1;"12,50 EUR"\n`);
      case '/latin1.csv':
        return send(200, 'text/csv; charset=windows-1252', Buffer.concat([Buffer.from(`id,title,link,price\nL-1,Caf`), Buffer.from([0xe9, 0x20, 0x80]), Buffer.from(`,${origin}/l/1,5 EUR\n`)]));
      case '/google.xml':
        return send(200, 'application/xml', googleXml(origin));
      case '/google.xml.gz':
        return send(200, 'application/xml', gzipSync(googleXml(origin)), { 'content-encoding': 'gzip' });
      case '/feed-download':
        // No extension, no helpful type: told from the content.
        return send(200, 'application/octet-stream', gzipSync(googleXml(origin)));
      case '/cut.tsv': {
        const text = manyRows(origin, 5);
        return send(200, 'text/plain', text.slice(0, text.lastIndexOf('\t')));
      }
      case '/cut.xml': {
        const text = googleXml(origin);
        return send(200, 'application/xml', text.slice(0, text.indexOf('<g:availability>out_of_stock')));
      }
      case '/cut-between.xml': {
        // Cut after a whole item: the root never closes.
        const text = googleXml(origin);
        return send(200, 'application/xml', text.slice(0, text.indexOf('<item><g:id>X-2')));
      }
      case '/many.tsv':
        return send(200, 'text/plain', manyRows(origin, 50));
      case '/endless.tsv': {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('id\ttitle\tlink\tprice\n');
        let n = 0;
        const write = (): void => {
          while (!res.destroyed && res.write(`E-${n}\tEndless ${n}\t${origin}/e/${n}\t${++n}.00 INR\n`));
          if (!res.destroyed) res.once('drain', write);
        };
        return write();
      }
      case '/html':
        return send(200, 'text/html', '<!doctype html><html><body>Log in to see the feed</body></html>');
      case '/live.tsv': {
        const etag = `"${createHash('sha1').update(feed.live).digest('base64url')}"`;
        if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
        return send(200, 'text/tab-separated-values', gzipSync(feed.live), { etag, 'content-encoding': 'gzip' });
      }
      default:
        return send(404, 'text/plain', 'not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  feed.url = origin;
  return feed;
}
