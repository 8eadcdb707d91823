// The demo catalogue: ~330 products expanded from the family tables, with seeded GTIN-13s.
// Deterministic: the same seed gives the same products, ids and barcodes everywhere.
import { makeGtin13 } from '../gtin.ts';
import { intBetween, unit } from '../random.ts';
import { accessoryFamilies } from './accessories.ts';
import { applianceFamilies } from './appliances.ts';
import { phoneFamilies } from './phones.ts';
import { familyId, slugify } from './slug.ts';
import { laptopFamilies, tvFamilies } from './tvs-laptops.ts';
import type { DemoProduct, FamilyDefinition, VariantDefinition } from './types.ts';

export * from './types.ts';
export { slugify } from './slug.ts';

/** GS1 company prefixes in the style of each brand's real ones; brands missing here sell without barcodes. */
const gtinPrefixes: Record<string, string> = {
  Samsung: '8806094', Apple: '0194253', OnePlus: '6921815', Xiaomi: '6934177', realme: '6941399',
  Google: '0840244', Motorola: '0840023', vivo: '6935117', Nokia: '6438409', LG: '8806084',
  Sony: '4548736', TCL: '6921732', Hisense: '6942147', Panasonic: '8901207', Acer: '4710886',
  Dell: '5397184', HP: '0196188', Lenovo: '0196802', ASUS: '4711081', MSI: '4711377', Microsoft: '0196388',
  Bosch: '4242005', IFB: '8904178', Whirlpool: '8901570', Haier: '6901018', Godrej: '8901094',
  Voltas: '8904154', Daikin: '8904184', 'Blue Star': '8904041', Philips: '8710103', Dyson: '5025155',
  Bajaj: '8901196', Prestige: '8901365', Kent: '8904074', 'Eureka Forbes': '8901499', iRobot: '5060629',
  Spigen: '8809466', ESR: '4894240', Anker: '0194644', Belkin: '0745883', 'Amazon Basics': '0841710',
  boAt: '8904130', Ambrane: '8904342', Portronics: '8904211', ELV: '8906105', Kanto: '0817054', "Vogel's": '8712285',
};

/** Share of barcode-carrying brands' products that still have no GTIN anywhere (older or regional stock). */
const MISSING_GTIN_SHARE = 0.08;

function gigabytes(gb: number): string {
  return gb >= 1024 ? `${gb / 1024}TB` : `${gb}GB`;
}

function referenceName(line: FamilyDefinition, v: VariantDefinition, specs: Record<string, string>): string {
  if (v.name) return v.name;
  const colour = v.colour ? v.colour[0] : null;
  switch (line.category) {
    case 'phones':
      return `${line.brand} ${line.family} (${colour}, ${v.ramGb}GB RAM, ${gigabytes(v.storageGb ?? 0)})`;
    case 'tvs':
      return `${line.brand} ${v.sizeInches}" ${line.family} (${v.model})`;
    case 'laptops':
      return `${line.brand} ${line.family} ${specs.Processor}, ${v.ramGb}GB, ${gigabytes(v.storageGb ?? 0)} SSD${colour ? `, ${colour}` : ''} (${v.model})`;
    case 'appliances':
      return `${line.brand} ${v.capacity} ${line.family}${colour ? `, ${colour}` : ''} (${v.model})`;
    default:
      return `${line.brand} ${line.family}${colour ? ` (${colour})` : ''}`;
  }
}

function variantSlug(line: FamilyDefinition, v: VariantDefinition): string {
  const parts = [line.brand, line.family];
  if (line.category === 'phones') parts.push(`${v.ramGb}gb`, gigabytes(v.storageGb ?? 0));
  else if (line.category === 'tvs') parts.push(`${v.sizeInches}-inch`);
  else if (line.category === 'laptops' || line.category === 'appliances') parts.push(v.model);
  if (v.colour && line.category !== 'laptops') parts.push(v.colour[0]);
  return slugify(parts.join(' '));
}

function expand(line: FamilyDefinition, seed: number, taken: Set<string>): DemoProduct[] {
  return line.variants.map((v) => {
    let id = variantSlug(line, v);
    if (taken.has(id)) id = slugify(`${id} ${v.model}`);
    if (taken.has(id)) throw new Error(`Demo catalogue: expected unique product ids, found "${id}" twice`);
    taken.add(id);
    const specs = { ...line.specs, ...(v.specs ?? {}) };
    const prefix = gtinPrefixes[line.brand];
    const hasGtin = prefix !== undefined && unit(seed, 'gtin-missing', id) >= MISSING_GTIN_SHARE;
    const gtin = hasGtin ? makeGtin13(prefix, intBetween(0, 10 ** (12 - prefix.length) - 1, seed, 'gtin', id)) : null;
    return {
      id,
      familyId: familyId(line),
      category: line.category,
      kind: line.kind,
      brand: line.brand,
      family: line.family,
      model: v.model,
      gtin,
      colour: v.colour?.[0] ?? null,
      colourShort: v.colour?.[1] ?? null,
      ramGb: v.ramGb ?? null,
      storageGb: v.storageGb ?? null,
      sizeInches: v.sizeInches ?? null,
      capacity: v.capacity ?? null,
      name: referenceName(line, v, specs),
      specs,
      basePriceInr: v.priceInr,
      forFamilies: v.forFamilies ?? [],
      global: line.global,
    };
  });
}

const cache = new Map<number, DemoProduct[]>();

/** Every demo product, in a stable order (phones, TVs, laptops, appliances, accessories). */
export function buildDemoCatalogue(seed = 1): DemoProduct[] {
  const cached = cache.get(seed);
  if (cached) return cached;
  const lines = [
    ...phoneFamilies,
    ...tvFamilies,
    ...laptopFamilies,
    ...applianceFamilies,
    ...accessoryFamilies(phoneFamilies, tvFamilies, laptopFamilies),
  ];
  const taken = new Set<string>();
  const products = lines.flatMap((line) => expand(line, seed, taken));
  cache.set(seed, products);
  return products;
}
