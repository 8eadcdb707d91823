// `tulna stores add <url>`: detects the shop's platform from its base URL alone, shows the evidence and
// the store configuration that reads it best, and with --write appends that configuration to the
// stores file. Detection goes through the crawler's polite fetcher; private and loopback addresses
// are refused unless --allow-private is given (a shop on this machine or network).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseStoresConfig, type StoreConfigInput } from '../../crawlers/config/store-config.ts';
import { createDetectionFetcher, detectStore, DetectionError, type DetectionReport } from '../../crawlers/detect/index.ts';
import type { Command } from '../command.ts';
import { storesFilePath } from '../stores.ts';

const USAGE = 'tulna stores add <url> [--write] [--allow-private] [--json] [--currency EUR] [--country IE]';

/** Raised when --write finds the id taken: the file is left as it was. */
class DuplicateStoreError extends Error {}

/** Appends the store to the stores file (created when missing), refusing an id already there. */
export function appendStore(path: string, store: StoreConfigInput): void {
  let file: { stores: unknown[] } & Record<string, unknown> = { stores: [] };
  if (existsSync(path)) {
    const text = readFileSync(path, 'utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`${path} is not valid JSON (${(error as Error).message}); fix it before adding a store`, { cause: error });
    }
    // The whole file must be valid before it is touched, so a bad file is never made worse.
    const stores = parseStoresConfig(json, path);
    if (stores.some((s) => s.id === store.id)) {
      throw new DuplicateStoreError(`a store with id "${store.id}" is already in ${path}; edit it there, or remove it first`);
    }
    file = json as typeof file;
  }
  const next = { ...file, stores: [...file.stores, store] };
  parseStoresConfig(next, path);
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`);
  renameSync(temporary, path);
}

function formatReport(report: DetectionReport): string {
  const lines: string[] = [];
  const platform = report.platformLabel
    ? `${report.platformLabel}${report.confirmedBy ? ` (confirmed by ${report.confirmedBy})` : ' (from its page markers; no public endpoint confirmed it)'}`
    : 'none of the known platforms (Shopify, WooCommerce, Magento 2, PrestaShop, OpenCart, BigCommerce)';
  lines.push(`Platform:  ${platform}`);
  lines.push('Evidence:');
  if (report.candidates.length === 0) lines.push('  (no platform markers on the home page)');
  for (const candidate of report.candidates) {
    lines.push(`  ${candidate.label}: score ${candidate.score}`);
    for (const e of candidate.evidence) {
      lines.push(`    + ${e.where.padEnd(9)} ${e.signal} (${e.weight})${e.excerpt ? `: ${e.excerpt}` : ''}`);
    }
  }
  lines.push(`Products:  ${report.discoveryReason}`);
  if (report.sample) lines.push(`Sampled:   ${report.sample.url}: ${report.sample.note}`);
  if (report.notes.length > 0) {
    lines.push('Notes:');
    for (const note of report.notes) lines.push(`  - ${note}`);
  }
  lines.push(`Proposed store configuration (id "${report.proposed.id}"):`);
  lines.push(JSON.stringify(report.proposed, null, 2));
  return lines.join('\n');
}

export const command: Command = {
  summary: 'Add a store by URL: detect its platform and propose its config (tulna stores add <url> [--write])',
  usage: USAGE,
  options: {
    write: { type: 'boolean' },
    'allow-private': { type: 'boolean' },
    json: { type: 'boolean' },
    currency: { type: 'string' },
    country: { type: 'string' },
  },
  async run({ args, flags }) {
    const [sub, url, ...extra] = args;
    if (sub !== 'add' || !url || extra.length > 0) {
      process.stderr.write(`tulna stores: expected "add <url>", found ${args.length ? `"${args.join(' ')}"` : 'nothing'}\nUsage: ${USAGE}\n`);
      return 2;
    }
    const currency = typeof flags.currency === 'string' ? flags.currency.trim().toUpperCase() : undefined;
    if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) {
      process.stderr.write(`tulna stores: --currency expects an ISO 4217 code such as EUR, found "${flags.currency}"\n`);
      return 2;
    }
    const country = typeof flags.country === 'string' ? flags.country.trim().toUpperCase() : undefined;
    if (country !== undefined && !/^[A-Z]{2}$/.test(country)) {
      process.stderr.write(`tulna stores: --country expects an ISO 3166 code such as IE, found "${flags.country}"\n`);
      return 2;
    }
    const fetcher = createDetectionFetcher({ allowPrivate: flags['allow-private'] === true });
    let report: DetectionReport;
    try {
      report = await detectStore(url, { fetcher, currency, country, onProgress: (line) => process.stderr.write(`${line}\n`) });
    } catch (error) {
      if (!(error instanceof DetectionError)) throw error;
      const hint = error.kind === 'private_address' ? '\n  (a shop on this machine or your network: pass --allow-private)' : '';
      process.stderr.write(`tulna stores: ${error.message}${hint}\n`);
      return error.kind === 'bad_url' ? 2 : 1;
    } finally {
      await fetcher.close();
    }
    let written: string | null = null;
    if (flags.write === true) {
      const path = storesFilePath();
      try {
        appendStore(path, report.proposed);
      } catch (error) {
        if (!(error instanceof DuplicateStoreError)) throw error;
        process.stderr.write(`tulna stores: ${error.message}\n`);
        if (flags.json !== true) process.stdout.write(`${formatReport(report)}\n`);
        return 1;
      }
      written = path;
    }
    if (flags.json === true) {
      const { config: _validated, ...shown } = report;
      process.stdout.write(`${JSON.stringify({ ...shown, written }, null, 2)}\n`);
    } else {
      process.stdout.write(`${formatReport(report)}\n`);
      process.stdout.write(written ? `Added "${report.proposed.id}" to ${written}.\n` : `Not written: run again with --write to add it to ${storesFilePath()}.\n`);
    }
    return 0;
  },
};
