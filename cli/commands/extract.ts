// `tulna extract <file-or-URL>`: prints what Tulna reads from one product page (every field, where each
// came from, and the warnings), readable or as JSON. URLs are fetched once with plain fetch, a time limit
// and a size cap; private and loopback addresses are refused unless --allow-private is given.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createFetcher } from '../../crawlers/core/fetcher.ts';
import { userAgent } from '../../crawlers/core/user-agent.ts';
import { decodeBody } from '../../crawlers/core/charset.ts';
import { extractListing } from '../../crawlers/extract/index.ts';
import { MAX_HTML_LENGTH } from '../../crawlers/extract/guard.ts';
import type { ExtractedListing, ExtractionResult } from '../../crawlers/extract/types.ts';
import type { Command } from '../command.ts';

const TIMEOUT_MS = 15_000;
const MAX_BYTES = MAX_HTML_LENGTH;
const MAX_REDIRECTS = 5;

interface Page {
  html: string;
  url: string;
}

/**
 * Fetches one page through the crawler's own fetcher: the address is checked before the request
 * and again when the socket connects (a name that resolves to a public address for the check and
 * a private one for the connection is refused), redirects are re-checked hop by hop, and the body
 * is capped.
 */
async function fetchPage(address: string, allowPrivate: boolean): Promise<Page> {
  let url: URL;
  try {
    url = new URL(address);
  } catch (error) {
    throw new Error(`expected a file path or an http(s) URL, found "${address}"`, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`expected an http or https URL, found ${url.protocol} in ${url.href}`);
  }
  const fetcher = createFetcher({
    userAgent: userAgent(),
    politeness: { concurrency: 1, requestsPerSecond: 1, timeoutMs: TIMEOUT_MS, maxBodyBytes: MAX_BYTES, maxRetries: 1, ignoreRobots: true },
    allowPrivateAddresses: allowPrivate,
    maxRedirects: MAX_REDIRECTS,
  });
  try {
    const outcome = await fetcher.fetch({ url: url.href, expect: 'html' });
    if (outcome.kind === 'ok') return { html: outcome.body, url: outcome.url };
    if (outcome.kind === 'error') throw new Error(`could not fetch ${outcome.url}: ${outcome.error.kind}: ${outcome.error.message}`);
    throw new Error(`${outcome.url}: expected a page, found ${outcome.kind === 'gone' ? `HTTP ${outcome.status} (gone)` : 'not modified'}`);
  } finally {
    await fetcher.close();
  }
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
