// Refuses private, loopback and otherwise non-public addresses, so a user-submitted URL
// cannot make Tulna fetch from inside its own network. Checked before the request (for a clear
// error) and again at connect time through a guarded DNS lookup (so DNS rebinding cannot slip by).
import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { promises as dnsPromises } from 'node:dns';
import { FetchFailure } from './errors.ts';

const blocked = new BlockList();
// IPv4 special-purpose ranges (RFC 6890 and friends).
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata lives here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
// IPv6 (IPv4-mapped addresses are checked against the IPv4 rules by BlockList itself).
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** The IPv4 address embedded in a NAT64 (64:ff9b::/96) address, if any. */
function nat64Embedded(address: string): string | null {
  const match = /^64:ff9b::(?:ffff:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!match) return null;
  const high = parseInt(match[1], 16);
  const low = parseInt(match[2], 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

/** True for any address a public crawler has no business connecting to. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    if (blocked.check(address, 'ipv6')) return true;
    const embedded = nat64Embedded(address);
    return embedded !== null && blocked.check(embedded, 'ipv4');
  }
  // Not an IP at all: refuse rather than guess.
  return true;
}

/** URL.hostname keeps IPv6 literals in brackets; DNS and net want them bare. */
export function bareHostname(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/**
 * Resolves the URL's host and throws a 'private_address' FetchFailure when any address is private.
 * DNS failures become 'network' failures.
 */
export async function assertPublicHost(url: URL): Promise<void> {
  const host = bareHostname(url.hostname);
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (await dnsPromises.lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
    } catch (error) {
      throw new FetchFailure('network', `DNS lookup failed for ${host} (${url.href}): ${(error as Error).message}`, {
        retryable: true,
        cause: error,
      });
    }
  }
  const refused = addresses.find(isPrivateAddress);
  if (refused !== undefined) {
    throw new FetchFailure(
      'private_address',
      `Refused ${url.href}: ${host} resolves to the private or loopback address ${refused}`,
    );
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for node:http that refuses private addresses at connect time. */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, entries) => {
    if (error) return callback(error, '', 0);
    const list = entries as LookupAddress[];
    const refused = list.find((entry) => isPrivateAddress(entry.address));
    if (refused) {
      const failure = new FetchFailure(
        'private_address',
        `Refused to connect to ${hostname}: it resolves to the private or loopback address ${refused.address}`,
      );
      return callback(failure as unknown as NodeJS.ErrnoException, '', 0);
    }
    if (options.all) return callback(null, list);
    const first = list[0];
    if (!first) return callback(Object.assign(new Error(`No address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
    return callback(null, first.address, first.family);
  });
}
