// The feed benchmark's store: a 127.0.0.1 HTTP server that writes a Google Merchant XML feed or a
// Meta catalogue TSV feed of any number of items on the fly, gzip-compressed as it goes (never
// held whole), with an ETag so a second read can be answered 304. Run as its own process (see
// feed.ts) so that its CPU and memory stay out of the figures; it prints its origin on stdout.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

const BRANDS = ['Samsung', 'Xiaomi', 'Apple', 'OnePlus', 'Realme', 'Vivo', 'Oppo', 'Nokia', 'Sony', 'LG'];
const KINDS = ['Smartphone', 'Smart TV', 'Laptop', 'Refrigerator', 'Headphones', 'Power Bank', 'Smartwatch', 'Tablet'];
const TSV_COLUMNS = ['id', 'title', 'description', 'availability', 'condition', 'price', 'sale_price', 'link', 'image_link', 'brand', 'gtin', 'mpn', 'item_group_id', 'shipping', 'shipping_weight'];

/** A GTIN-13 with its check digit. */
function gtin(n: number): string {
  const body = `890${String(n).padStart(9, '0')}`;
  const sum = [...body].reduce((acc, digit, i) => acc + Number(digit) * (i % 2 === 0 ? 1 : 3), 0);
  return body + ((10 - (sum % 10)) % 10);
}

interface BenchItem {
  id: string;
  title: string;
  description: string;
  availability: string;
  condition: string;
  price: string;
  salePrice: string | null;
  link: string;
  image: string;
  brand: string;
  gtin: string | null;
  mpn: string;
  group: string;
  shippingPrice: string;
  weight: string;
}

function item(i: number): BenchItem {
  const brand = BRANDS[i % BRANDS.length];
  const kind = KINDS[(i >> 3) % KINDS.length];
  const rupees = 499 + ((i * 7919) % 150_000);
  return {
    id: `BF-${i}`,
    title: `${brand} ${kind} ${(i % 997) + 1} ${i % 2 ? '128 GB' : '256 GB'} (${['Black', 'Blue', 'Silver'][i % 3]})`,
    description: `The ${brand} ${kind} model ${i % 997}: a benchmark product with a short description of the kind feeds carry.`,
    availability: i % 11 === 0 ? 'out of stock' : 'in stock',
    condition: i % 20 === 0 ? 'used' : i % 33 === 0 ? 'refurbished' : 'new',
    price: `${rupees}.00 INR`,
    salePrice: i % 5 === 0 ? `${rupees - 100}.00 INR` : null,
    link: `https://bench-feed.example/p/${i}`,
    image: `https://bench-feed.example/img/${i}.jpg`,
    brand,
    gtin: i % 4 === 0 ? null : gtin(i),
    mpn: `M${(i * 31) % 1_000_000}`,
    group: `G-${Math.floor(i / 3)}`,
    shippingPrice: rupees >= 500 ? '0 INR' : '49 INR',
    weight: '0.5 kg',
  };
}

const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function xmlItem(it: BenchItem): string {
  return (
    `<item><g:id>${it.id}</g:id><g:title>${xmlEscape(it.title)}</g:title><g:description>${xmlEscape(it.description)}</g:description>` +
    `<g:link>${it.link}</g:link><g:image_link>${it.image}</g:image_link><g:availability>${it.availability.replace(' ', '_')}</g:availability>` +
    `<g:condition>${it.condition}</g:condition><g:price>${it.price}</g:price>${it.salePrice ? `<g:sale_price>${it.salePrice}</g:sale_price>` : ''}` +
    `<g:brand>${it.brand}</g:brand>${it.gtin ? `<g:gtin>${it.gtin}</g:gtin>` : ''}<g:mpn>${it.mpn}</g:mpn><g:item_group_id>${it.group}</g:item_group_id>` +
    `<g:shipping><g:country>IN</g:country><g:price>${it.shippingPrice}</g:price><g:min_transit_time>2</g:min_transit_time><g:max_transit_time>5</g:max_transit_time></g:shipping>` +
    `<g:shipping_weight>${it.weight}</g:shipping_weight></item>\n`
  );
}

function tsvRow(it: BenchItem): string {
  return [it.id, it.title, it.description, it.availability, it.condition, it.price, it.salePrice ?? '', it.link, it.image, it.brand, it.gtin ?? '', it.mpn, it.group, `IN::Standard:${it.shippingPrice}`, it.weight].join('\t') + '\n';
}

/** The feed's text in chunks of about 64 KB. */
function* feedText(format: 'xml' | 'tsv', items: number): Generator<string> {
  let chunk =
    format === 'xml'
      ? '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0"><channel><title>Bench feed</title><link>https://bench-feed.example/</link>\n'
      : `${TSV_COLUMNS.join('\t')}\n`;
  for (let i = 0; i < items; i++) {
    chunk += format === 'xml' ? xmlItem(item(i)) : tsvRow(item(i));
    if (chunk.length >= 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  yield format === 'xml' ? `${chunk}</channel></rss>\n` : chunk;
}

export function startFeedGenerator(items: number): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
    const format = path === '/feed.xml.gz' ? 'xml' : path === '/feed.tsv.gz' ? 'tsv' : null;
    if (!format) return void res.writeHead(404).end();
    const etag = `"bench-${format}-${items}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    res.writeHead(200, { 'content-type': 'application/gzip', etag });
    pipeline(Readable.from(feedText(format, items)), createGzip({ level: 4 }), res).catch(() => res.destroy());
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

// Run as a process of its own: `node --import tsx cli/bench/feed-generator.ts <items>`.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  const { origin } = await startFeedGenerator(Number(process.argv[2] ?? 1_000_000));
  process.stdout.write(`${JSON.stringify({ origin })}\n`);
}
