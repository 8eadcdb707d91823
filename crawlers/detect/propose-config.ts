// The store configuration a detection proposes: a StoreConfig input validated by storeConfigSchema,
// with only what detection decided written out (schedule and politeness keep their defaults).
import { storeConfigSchema, type StoreConfig, type StoreConfigInput } from '../config/store-config.ts';

/** A store id from the host: "www.shop.example.co.uk" → "shop-example-co-uk", "127.0.0.1:4401" → "127-0-0-1-4401". */
export function storeIdOf(host: string): string {
  const id = host
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return /^[a-z0-9]/.test(id) ? id : `store-${id}`.slice(0, 63);
}

/**
 * The shop's root: the origin, or a short path ending in "/" (a shop below "/en-gb/" or "/shop/").
 * Deeper or file-like paths ("/collections/x", "/index.php") fall back to the origin.
 */
export function shopRootOf(url: string): string {
  const parsed = new URL(url);
  const segments = parsed.pathname.split('/').filter(Boolean);
  const keep = parsed.pathname.endsWith('/') && segments.length > 0 && segments.length <= 2;
  return `${parsed.origin}${keep ? parsed.pathname : '/'}`;
}

export interface ProposalParts {
  shopRoot: string;
  /** Hosts the shop's pages were seen on (the one asked and the one redirected to). */
  hosts: string[];
  name: string;
  currency: string;
  country?: string;
  sourceKind: StoreConfig['sourceKind'];
  discovery: StoreConfigInput['discovery'];
}

export class ProposalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProposalError';
  }
}

/** The proposed input (as it would be written to the stores file) and the validated config. */
export function proposeConfig(parts: ProposalParts): { input: StoreConfigInput; config: StoreConfig } {
  const host = new URL(parts.shopRoot).host;
  const input: StoreConfigInput = {
    id: storeIdOf(host),
    name: parts.name,
    baseUrl: parts.shopRoot,
    hostPatterns: [...new Set(parts.hosts)],
    ...(parts.country ? { country: parts.country } : {}),
    currency: parts.currency,
    sourceKind: parts.sourceKind,
    discovery: parts.discovery,
  };
  const result = storeConfigSchema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ProposalError(`The proposed configuration for ${parts.shopRoot} is not valid: ${issues}`);
  }
  return { input, config: result.data };
}
