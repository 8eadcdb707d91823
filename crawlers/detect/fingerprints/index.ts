// Every platform fingerprint, each in its own module with the evidence it looks for.
import type { PlatformFingerprint, PlatformId } from '../types.ts';
import { bigcommerce } from './bigcommerce.ts';
import { magento } from './magento.ts';
import { opencart } from './opencart.ts';
import { prestashop } from './prestashop.ts';
import { shopify } from './shopify.ts';
import { woocommerce } from './woocommerce.ts';

export const FINGERPRINTS: readonly PlatformFingerprint[] = [shopify, woocommerce, magento, prestashop, opencart, bigcommerce];

export function fingerprintOf(platform: PlatformId): PlatformFingerprint {
  const found = FINGERPRINTS.find((f) => f.platform === platform);
  if (!found) throw new TypeError(`Expected one of ${FINGERPRINTS.map((f) => f.platform).join(', ')}, found "${platform}"`);
  return found;
}
