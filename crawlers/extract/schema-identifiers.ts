// Brand and product codes of a schema.org node: sku, mpn and productID kept apart, the GTIN from any of
// its spellings (gtin13/gtin12/gtin8/gtin/isbn…, numbers, spaces, "isbn:" productIDs, PropertyValues).
import { isBrandValue, stripBrandLabel } from '../../domain/brand-label.ts';
import { normaliseGtin } from '../normalise/identifiers.ts';
import { cleanText, type PartialListing } from './partial-listing.ts';
import { asList, firstText, isNode, prop, type SchemaNode } from './schema-node.ts';

/** A brand as marked up, without a label stores leave around it ("See more from Brand: Panasonic"). */
export function brandName(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const name = cleanText(stripBrandLabel(text), 100);
  return name && isBrandValue(name) ? name : undefined;
}

const GTIN_KEYS = ['gtin13', 'gtin', 'gtin14', 'gtin12', 'gtin8', 'isbn', 'ean', 'upc'];
/** "isbn:9780306406157", "ean:4006381333931": a productID that names its scheme. */
const SCHEMED_ID = /^\s*(?:isbn|ean|gtin(?:8|12|13|14)?|upc|jan)\s*[:=]\s*(.+)$/i;

/** The first valid GTIN among values (strings, numbers, or {"@value": …} / PropertyValue nodes). */
function firstGtin(value: unknown): string | undefined {
  for (const item of asList(value)) {
    const raw = isNode(item) ? item['@value'] ?? item.value : item;
    const gtin = normaliseGtin(typeof raw === 'number' || typeof raw === 'string' ? raw : null);
    if (gtin) return gtin;
  }
  return undefined;
}

/** The node's GTIN: a GTIN property, else a schemed productID ("isbn:…"), else an identifier PropertyValue. */
function gtinOf(node: SchemaNode, schemed: RegExpExecArray | null): string | undefined {
  for (const key of GTIN_KEYS) {
    const gtin = firstGtin(prop(node, key));
    if (gtin) return gtin;
  }
  const fromProductId = schemed ? normaliseGtin(schemed[1]) : null;
  if (fromProductId) return fromProductId;
  // identifier: [{"@type": "PropertyValue", "propertyID": "gtin13", "value": "…"}]
  for (const id of asList(prop(node, 'identifier')).slice(0, 20)) {
    if (!isNode(id) || !/^(?:gtin|ean|upc|isbn|jan)/i.test(String(prop(id, 'propertyID') ?? ''))) continue;
    const gtin = firstGtin(prop(id, 'value'));
    if (gtin) return gtin;
  }
  return undefined;
}

export function identifiers(node: SchemaNode, reading: PartialListing): void {
  const productId = firstText(prop(node, 'productID'), 100);
  const schemed = productId ? SCHEMED_ID.exec(productId) : null;
  reading.sku ??= firstText(prop(node, 'sku'), 100) ?? (schemed ? undefined : productId);
  reading.mpn ??= firstText(prop(node, 'mpn'), 100);
  if (reading.gtin) return;
  const gtin = gtinOf(node, schemed);
  if (gtin) reading.gtin = gtin;
}
