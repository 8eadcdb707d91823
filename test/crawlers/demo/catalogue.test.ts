import { describe, expect, it } from 'vitest';
import { buildDemoCatalogue, DEMO_CATEGORIES, demoGroundTruth } from '../../../crawlers/demo/index.ts';
import { gtinCheckDigit, isValidGtin } from '../../../domain/gtin.ts';

describe('demo catalogue', () => {
  const catalogue = buildDemoCatalogue(1);

  it('has at least 300 products across every category', () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(300);
    for (const category of DEMO_CATEGORIES) {
      expect(catalogue.filter((p) => p.category === category).length, category).toBeGreaterThanOrEqual(30);
    }
  });

  it('gives every product a unique id', () => {
    expect(new Set(catalogue.map((p) => p.id)).size).toBe(catalogue.length);
  });

  it('gives most products a GTIN-13 with a correct check digit, and some none', () => {
    const withGtin = catalogue.filter((p) => p.gtin !== null);
    for (const product of withGtin) {
      expect(product.gtin, product.id).toMatch(/^\d{13}$/);
      expect(isValidGtin(product.gtin!), `${product.id} ${product.gtin}`).toBe(true);
    }
    expect(withGtin.length / catalogue.length).toBeGreaterThan(0.8);
    expect(catalogue.length - withGtin.length).toBeGreaterThan(10);
  });

  it('computes GS1 check digits (known barcodes)', () => {
    expect(gtinCheckDigit('400638133393')).toBe(1); // 4006381333931, GS1's own example
    expect(gtinCheckDigit('590123412345')).toBe(7); // 5901234123457, the usual EAN-13 example
    expect(isValidGtin('4006381333931')).toBe(true);
    expect(isValidGtin('4006381333932')).toBe(false);
  });

  it('has storage and colour variants of one phone as separate products sharing a model number', () => {
    const m14 = catalogue.filter((p) => p.familyId === 'samsung-galaxy-m14-5g');
    expect(m14.length).toBeGreaterThanOrEqual(4);
    expect(new Set(m14.map((p) => p.model))).toEqual(new Set(['SM-M146B']));
    expect(new Set(m14.map((p) => p.colour)).size).toBeGreaterThan(1);
    expect(new Set(m14.map((p) => `${p.ramGb}/${p.storageGb}`)).size).toBeGreaterThan(1);
  });

  it('has accessories made for other products (cases, chargers, cables, wall mounts)', () => {
    const accessories = catalogue.filter((p) => p.category === 'accessories');
    const kinds = new Set(accessories.map((p) => p.kind));
    for (const kind of ['Case', 'Charger', 'Cable', 'TV Wall Mount']) expect(kinds, kind).toContain(kind);
    const families = new Set(catalogue.map((p) => p.familyId));
    const caseForM14 = accessories.find((p) => p.kind === 'Case' && p.forFamilies.includes('samsung-galaxy-m14-5g'));
    expect(caseForM14?.name).toMatch(/for Samsung Galaxy M14 5G/);
    for (const accessory of accessories) {
      expect(accessory.forFamilies.length, accessory.id).toBeGreaterThan(0);
      for (const target of accessory.forFamilies) expect(families, `${accessory.id} → ${target}`).toContain(target);
    }
  });

  it('is deterministic for a seed, and the seed changes the barcodes', () => {
    const again = buildDemoCatalogue(1);
    expect(again.map((p) => `${p.id}:${p.gtin}`)).toEqual(catalogue.map((p) => `${p.id}:${p.gtin}`));
    const other = buildDemoCatalogue(2);
    expect(other.map((p) => p.id)).toEqual(catalogue.map((p) => p.id));
    expect(other.filter((p, i) => p.gtin !== catalogue[i].gtin).length).toBeGreaterThan(100);
  });

  it('ground truth: stores overlap, title the same product differently, and show GTINs on some listings only', () => {
    const truth = demoGroundTruth(1);
    const stores = new Set(truth.map((t) => t.storeId));
    expect(stores.size).toBeGreaterThanOrEqual(4);
    const byProduct = new Map<string, typeof truth>();
    for (const row of truth) byProduct.set(row.productId, [...(byProduct.get(row.productId) ?? []), row]);
    const shared = [...byProduct.values()].filter((rows) => rows.length >= 2);
    expect(shared.length).toBeGreaterThan(150);
    const titled = shared.find((rows) => rows.length >= 3)!;
    expect(new Set(titled.map((r) => r.title)).size).toBe(titled.length);
    expect(truth.some((t) => t.gtinShown !== null)).toBe(true);
    expect(truth.some((t) => t.gtinShown === null && catalogue.find((p) => p.id === t.productId)!.gtin !== null)).toBe(true);
  });
});
