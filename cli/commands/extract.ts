// `tulna extract <file-or-URL>`: prints what Tulna reads from one product page (every field, where each
// came from, and the warnings), readable or as JSON. URLs are fetched once with plain fetch, a time limit
// and a size cap; private and loopback addresses are refused unless --allow-private is given.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { assertPublicHost } from '../../crawlers/core/address-guard.ts';
import { decodeBody } from '../../crawlers/core/charset.ts';
import { extractListing } from '../../crawlers/extract/index.ts';
import { MAX_HTML_LENGTH } from '../../crawlers/extract/guard.ts';
import type { ExtractedListing, ExtractionResult } from '../../crawlers/extract/types.ts';
import type { Command } from '../main.ts';

const TIMEOUT_MS = 15_000;
const MAX_BYTES = MAX_HTML_LENGTH;
const MAX_REDIRECTS = 5;

interface Page {
  html: string;
  url: string;
}

/** Reads the body up to the cap; a larger body is an error, not a silently cut page. */
async function readCapped(response: Response, url: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > MAX_BYTES) {
    throw new Error(`${url}: expected at most ${MAX_BYTES} bytes, the server announces ${declared}`);
  }
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > MAX_BYTES) throw new Error(`${url}: expected at most ${MAX_BYTES} bytes, the body is larger`);
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

async function fetchPage(address: string, allowPrivate: boolean): Promise<Page> {
  let url: URL;
  try {
    url = new URL(address);
  } catch (error) {
    throw new Error(`expected a file path or an http(s) URL, found "${address}"`, { cause: error });
  }
  const signal = AbortSignal.timeout(TIMEOUT_MS);
  // Redirects are followed by hand so that every hop passes the address check.
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`expected an http or https URL, found ${url.protocol} in ${url.href}`);
    }
    if (!allowPrivate) await assertPublicHost(url);
    let response: Response;
    try {
      response = await fetch(url, { redirect: 'manual', signal, headers: { accept: 'text/html,application/xhtml+xml' } });
    } catch (error) {
      const reason = signal.aborted ? `no answer within ${TIMEOUT_MS / 1000}s` : (error as Error).message;
      throw new Error(`could not fetch ${url.href}: ${reason}`, { cause: error });
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url);
      continue;
    }
    if (!response.ok) throw new Error(`${url.href}: expected HTTP 200, found ${response.status} ${response.statusText}`);
    const bytes = await readCapped(response, url.href);
    return { html: decodeBody(bytes, response.headers.get('content-type') ?? ''), url: url.href };
  }
  throw new Error(`${address}: more than ${MAX_REDIRECTS} redirects`);
}

async function readPage(target: string, allowPrivate: boolean): Promise<Page> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return fetchPage(target, allowPrivate);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(target);
  } catch (error) {
    throw new Error(`could not read ${target}: ${(error as Error).message}`, { cause: error });
  }
  if (bytes.byteLength > MAX_BYTES) throw new Error(`${target}: expected at most ${MAX_BYTES} bytes, found ${bytes.byteLength}`);
  return { html: decodeBody(bytes, ''), url: pathToFileURL(resolve(target)).href };
}

const FIELD_ORDER: (keyof ExtractedListing)[] = [
  'title', 'price', 'currency', 'currencyText', 'listPrice', 'availability', 'brand', 'sku', 'gtin', 'mpn',
  'shippingCost', 'delivery', 'seller', 'category', 'image',
];

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function formatResult(result: ExtractionResult, url: string): string {
  const lines = [`url:          ${url}`];
  if (!result.ok) {
    lines.push(`error:        ${result.error.code}: ${result.error.message}`);
    if (!result.partial) return lines.join('\n');
  }
  const listing = (result.ok ? result.listing : result.partial) as Partial<ExtractedListing>;
  const sources = listing.fieldSources ?? {};
  for (const field of FIELD_ORDER) {
    const source = sources[field] ? `  [${sources[field]}]` : '';
    lines.push(`${`${field}:`.padEnd(14)}${formatValue(listing[field])}${source}`);
  }
  if (listing.source) lines.push(`${'read by:'.padEnd(14)}${listing.source}`);
  if (result.ok && result.warnings.length > 0) {
    lines.push('warnings:');
    for (const warning of result.warnings) lines.push(`  - ${warning}`);
  }
  return lines.join('\n');
}

export const command: Command = {
  summary: 'Show what Tulna reads from a product page (file or URL)',
  usage: 'tulna extract <file-or-URL> [--json] [--currency INR] [--url <page-url>] [--allow-private]',
  options: {
    json: { type: 'boolean' },
    currency: { type: 'string' },
    url: { type: 'string' },
    'allow-private': { type: 'boolean' },
  },
  async run({ args, flags }) {
    const [target] = args;
    if (!target || args.length > 1) {
      process.stderr.write(`tulna extract: expected one file or URL, found ${args.length}\nUsage: ${this.usage}\n`);
      return 2;
    }
    const currency = typeof flags.currency === 'string' ? flags.currency.toUpperCase() : undefined;
    if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) {
      process.stderr.write(`tulna extract: --currency expects an ISO 4217 code such as INR, found "${flags.currency}"\n`);
      return 2;
    }
    const page = await readPage(target, flags['allow-private'] === true);
    const url = typeof flags.url === 'string' ? flags.url : page.url;
    const result = extractListing(page.html, { url, fetchedAt: new Date(), currencyHint: currency });
    process.stdout.write(`${flags.json ? JSON.stringify({ url, ...result }, null, 2) : formatResult(result, url)}\n`);
    return result.ok ? 0 : 1;
  },
};
