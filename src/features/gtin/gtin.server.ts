// A scanned or typed barcode → the product that carries it.
import { listProductIdsByGtin } from '../../../db/queries/site-catalog.ts';
import { getDb } from '../../lib/context.server.ts';
import { parseGtin } from './gtin.ts';

export type GtinLookup =
  | { kind: 'invalid'; code: string; reason: string }
  | { kind: 'unknown'; code: string; gtin14: string }
  | { kind: 'found'; code: string; gtin14: string; productId: number };

export async function lookUpGtin(code: string): Promise<GtinLookup> {
  const check = parseGtin(code);
  if (!check.ok) return { kind: 'invalid', code, reason: check.reason };
  const [productId] = await listProductIdsByGtin(await getDb(), check.gtin14);
  return productId === undefined
    ? { kind: 'unknown', code, gtin14: check.gtin14 }
    : { kind: 'found', code, gtin14: check.gtin14, productId };
}
