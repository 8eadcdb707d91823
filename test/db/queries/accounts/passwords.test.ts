import { describe, expect, it } from 'vitest';
import { dummyPasswordHash, hashPassword, needsRehash, SCRYPT_PARAMS, verifyPassword } from '../../../../db/queries/accounts/passwords.ts';

describe('password hashes', () => {
  it('are scrypt with a fresh 16-byte salt and a 32-byte key, and verify only their password', async () => {
    const hash = await hashPassword('correct horse battery');
    const [kind, N, r, p, salt, key] = hash.split('$');
    expect([kind, Number(N), Number(r), Number(p)]).toEqual(['scrypt', SCRYPT_PARAMS.N, SCRYPT_PARAMS.r, SCRYPT_PARAMS.p]);
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    expect(await hashPassword('correct horse battery')).not.toBe(hash);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('treat the same text typed two ways (NFC and NFD) as one password', async () => {
    const hash = await hashPassword('caf\u00e9 au lait 42');
    expect(await verifyPassword('cafe\u0301 au lait 42', hash)).toBe(true);
  });

  it('match nothing when malformed, and refuse to run a forged, costly setting', async () => {
    const hash = await hashPassword('a long enough one');
    for (const bad of ['', 'plain', hash.replace('scrypt', 'bcrypt'), hash.replace(/\$32768\$/, '$33000$'), hash.replace(/\$32768\$/, `$${2 ** 24}$`), hash.split('$').slice(0, 5).join('$')]) {
      expect(await verifyPassword('a long enough one', bad), bad).toBe(false);
    }
  });

  it('say when a stored hash was made at another cost', async () => {
    expect(needsRehash(await hashPassword('a long enough one'))).toBe(false);
    const cheaper = (await hashPassword('x'.repeat(12))).replace(/\$32768\$/, '$16384$');
    expect(needsRehash(cheaper)).toBe(true);
    expect(needsRehash('garbage')).toBe(true);
  });

  it('keep one dummy hash per process, for logins of unknown addresses', async () => {
    const dummy = await dummyPasswordHash();
    expect(await dummyPasswordHash()).toBe(dummy);
    expect(needsRehash(dummy)).toBe(false);
  });
});
