// The random secrets of sessions, reset links and API tokens: 32 random bytes, base64url (43
// characters), shown once; the tables keep only their SHA-256, so a leaked table opens nothing.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 43 base64url characters: what every secret of this folder looks like. */
export const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored form of a secret: its SHA-256, base64url. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('base64url');
}

/** Compares two stored hashes in constant time (different lengths never match). */
export function hashesMatch(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
