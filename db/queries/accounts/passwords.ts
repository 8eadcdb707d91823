// Password hashing: scrypt (RFC 7914) from node:crypto, run on libuv's thread pool so the event loop
// stays free. Stored as "scrypt$N$r$p$<salt base64>$<hash base64>", so a later, costlier setting
// can be told from today's and the hash upgraded at the next login (needsRehash).
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Today's cost: 2^15 × 8 × 128 bytes = 32 MiB of memory and about 50–100 ms of one core per hash. */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Stored settings above these are refused rather than run: a forged row must not cost a gigabyte. */
const LIMITS = { N: 2 ** 20, r: 32, p: 16 };

/** scrypt needs 128 × N × r bytes; node's default cap (32 MiB) is exactly today's need, so give room. */
const maxmem = (N: number, r: number) => 2 * 128 * N * r;

function derive(password: string, salt: Buffer, keyBytes: number, { N, r, p }: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { N, r, p, maxmem: maxmem(N, r) };
  return new Promise((resolve, reject) => {
    // NFC: the same password typed on two keyboards is the same bytes.
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** A new hash of `password` with a fresh salt, at today's cost. */
export async function hashPassword(password: string): Promise<string> {
  if (typeof password !== 'string' || password.length === 0) throw new TypeError(`expected a non-empty password string, got ${typeof password}`);
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, SCRYPT_PARAMS);
  const { N, r, p } = SCRYPT_PARAMS;
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parseHash(encoded: string): ParsedHash | null {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map((part) => (/^[1-9]\d{0,8}$/.test(part) ? Number(part) : NaN));
  const salt = Buffer.from(parts[4], 'base64');
  const key = Buffer.from(parts[5], 'base64');
  const powerOfTwo = (N & (N - 1)) === 0;
  if (!(N > 1 && N <= LIMITS.N && powerOfTwo && r >= 1 && r <= LIMITS.r && p >= 1 && p <= LIMITS.p)) return null;
  if (salt.length < 8 || key.length < 16 || key.length > 64) return null;
  return { N, r, p, salt, key };
}

/** Whether `password` is the one `encoded` was made from, compared in constant time. A malformed hash matches nothing. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parseHash(encoded);
  if (!parsed || typeof password !== 'string') return false;
  const key = await derive(password, parsed.salt, parsed.key.length, parsed);
  return timingSafeEqual(key, parsed.key);
}

/** True when `encoded` was made at another cost (or key size) than today's: hash again at the next login. */
export function needsRehash(encoded: string): boolean {
  const parsed = parseHash(encoded);
  return !parsed || parsed.N !== SCRYPT_PARAMS.N || parsed.r !== SCRYPT_PARAMS.r || parsed.p !== SCRYPT_PARAMS.p || parsed.key.length !== KEY_BYTES;
}

let dummy: Promise<string> | undefined;

/**
 * A hash of no one's password, made once per process: a login for an address that has no account
 * verifies against it, so it costs the same scrypt work as a wrong password and the time tells nothing.
 */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(18).toString('base64'));
  return dummy;
}
