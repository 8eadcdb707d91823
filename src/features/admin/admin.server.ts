// The admin pages' data and actions. Actions only record pending decisions: the applier in
// crawlers/schedule re-matches them (the matcher stays the only code that re-clusters).
import { getProductById, listOffersByProduct } from '../../../db/queries/site-catalog.ts';
import {
  countPendingDecisionsOfProduct,
  findSharedStores,
  listRecentMatchDecisions,
  recordPendingMatchDecisions,
  type DecisionRow,
} from '../../../db/queries/match-decisions.ts';
import { listListingIdsByProduct } from '../../../db/queries/product-matching.ts';
import type { Product } from '../../../db/schema.ts';
import { getDb } from '../../lib/context.server.ts';
import { parseId } from '../../lib/http.ts';
import type { Offer } from '../../../domain/offer.ts';

export interface AdminProductData {
  product: Product;
  listings: Offer[];
  pending: number;
}

export async function getAdminProductData(productId: number): Promise<AdminProductData | undefined> {
  const db = await getDb();
  const [product, listings, pending] = await Promise.all([
    getProductById(db, productId),
    listOffersByProduct(db, productId),
    countPendingDecisionsOfProduct(db, productId),
  ]);
  return product ? { product, listings, pending } : undefined;
}

export function listDecisions(limit = 50): Promise<DecisionRow[]> {
  return getDb().then((db) => listRecentMatchDecisions(db, limit));
}

export type ActionResult = { ok: true } | { ok: false; status: number; message: string };

const fail = (status: number, message: string): ActionResult => ({ ok: false, status, message });

/** "Not this product": the listing is not the same product as any other listing of this one. */
export async function splitFromProduct(productId: number, listingId: number): Promise<ActionResult> {
  const db = await getDb();
  const ids = await listListingIdsByProduct(db, productId);
  if (!ids.includes(listingId)) return fail(409, `Listing ${listingId} is no longer part of product #${productId}.`);
  const others = ids.filter((id) => id !== listingId);
  if (others.length === 0) return fail(409, `Listing ${listingId} is the only listing of product #${productId}: there is nothing to split it from.`);
  await recordPendingMatchDecisions(db, [{ kind: 'split', subjectListingId: listingId, otherListingIds: others }]);
  return { ok: true };
}

/** "Merge product #other into this one": every listing of the other product is this product. */
export async function mergeIntoProduct(productId: number, otherProductId: number): Promise<ActionResult> {
  if (otherProductId === productId) return fail(400, 'A product cannot be merged into itself.');
  const db = await getDb();
  const [ids, otherIds] = await Promise.all([listListingIdsByProduct(db, productId), listListingIdsByProduct(db, otherProductId)]);
  if (otherIds.length === 0) return fail(404, `Product #${otherProductId} does not exist or holds no listings.`);
  if (ids.length === 0) return fail(409, `Product #${productId} holds no listings to merge with.`);
  // A product holds one listing per store; a human merge would override the matcher's rule.
  const shared = await findSharedStores(db, productId, otherProductId);
  if (shared.length > 0) {
    return fail(
      409,
      `Cannot merge: both products have a listing from ${shared.join(', ')}, and a product holds one listing per store. ` +
        'Split the wrong listing off first.',
    );
  }
  await recordPendingMatchDecisions(
    db,
    otherIds.map((id) => ({ kind: 'merge' as const, subjectListingId: id, otherListingIds: ids })),
  );
  return { ok: true };
}

/** Runs the form an admin product page posted: "split" one of its listings off, or "merge" another product into it. */
export async function runProductAction(productId: number, form: FormData | undefined): Promise<ActionResult> {
  const field = (name: string) => String(form?.get(name) ?? '').trim();
  if (field('action') === 'split') {
    const listing = parseId(field('listing'));
    return listing === null ? fail(400, 'Expected a listing id.') : splitFromProduct(productId, listing);
  }
  if (field('action') === 'merge') {
    const other = parseId(field('product').replace(/^#/, ''));
    return other === null ? fail(400, `Expected a product number such as 42, got "${field('product').slice(0, 40)}".`) : mergeIntoProduct(productId, other);
  }
  return fail(400, 'Unknown action.');
}
