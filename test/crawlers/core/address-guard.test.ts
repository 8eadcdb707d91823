import { describe, expect, it } from 'vitest';
import { assertPublicHost, guardedLookup, isPrivateAddress } from '../../../crawlers/core/address-guard.ts';
import { FetchFailure } from '../../../crawlers/core/errors.ts';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1', '127.255.0.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254',
    '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fc00::1', 'fd12:3456::1', 'fe80::1',
    '::ffff:127.0.0.1', '::ffff:10.0.0.1', '64:ff9b::7f00:1', 'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '192.169.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    'allows %s',
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );
});

describe('assertPublicHost', () => {
  it('refuses names that resolve to loopback', async () => {
    const error = await assertPublicHost(new URL('http://localhost:8080/x')).catch((e) => e);
    expect(error).toBeInstanceOf(FetchFailure);
    expect(error.kind).toBe('private_address');
  });

  it('lets public IP literals through without DNS', async () => {
    await expect(assertPublicHost(new URL('http://8.8.8.8/'))).resolves.toBeUndefined();
  });
});

describe('guardedLookup (connect-time check)', () => {
  it('fails the lookup of a name that resolves to loopback', async () => {
    const error = await new Promise((resolve) => guardedLookup('localhost', {}, (err) => resolve(err)));
    expect(error).toBeInstanceOf(FetchFailure);
    expect((error as FetchFailure).kind).toBe('private_address');
  });
});
