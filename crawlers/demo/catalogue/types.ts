// The demo catalogue's ground truth: what each demo product really is, whatever a store calls it.

export const DEMO_CATEGORIES = ['phones', 'tvs', 'laptops', 'appliances', 'accessories'] as const;
export type DemoCategory = (typeof DEMO_CATEGORIES)[number];

export interface DemoProduct {
  /** Stable slug, unique in the catalogue, e.g. "samsung-galaxy-m14-5g-6gb-128gb-icy-silver". */
  id: string;
  /** The product line all its variants share, e.g. "samsung-galaxy-m14-5g". */
  familyId: string;
  category: DemoCategory;
  /** Finer kind: "Smartphone", "Washing Machine", "Case", "Charger"… */
  kind: string;
  brand: string;
  /** Line name without the brand: "Galaxy M14 5G". */
  family: string;
  /** Manufacturer model / part number (shared by variants for some brands, as in real life). */
  model: string;
  /** Valid GTIN-13, or null for products sold without a barcode anywhere. */
  gtin: string | null;
  /** Full colour name as the maker writes it ("Icy Silver"), and the plain word stores shorten it to. */
  colour: string | null;
  colourShort: string | null;
  ramGb: number | null;
  storageGb: number | null;
  /** Screen diagonal for TVs and laptops. */
  sizeInches: number | null;
  /** Capacity for appliances: "7 kg", "236 L", "1.5 Ton", "750 W". */
  capacity: string | null;
  /** The maker's full product name, as a neutral reference title. */
  name: string;
  specs: Record<string, string>;
  /** Street price in rupees before any store's margin. */
  basePriceInr: number;
  /** Accessories: the product families this item is made for (empty otherwise). */
  forFamilies: string[];
  /** Sold outside India too (only these appear in the euro store). */
  global: boolean;
}

/** A family definition before variants are expanded. */
export interface FamilyDefinition {
  brand: string;
  family: string;
  category: DemoCategory;
  kind: string;
  global: boolean;
  specs: Record<string, string>;
  variants: VariantDefinition[];
}

export interface VariantDefinition {
  model: string;
  priceInr: number;
  colour?: [full: string, short: string];
  ramGb?: number;
  storageGb?: number;
  sizeInches?: number;
  capacity?: string;
  /** Variant-specific specs, merged over the family's. */
  specs?: Record<string, string>;
  /** Accessories: family ids this variant is for. */
  forFamilies?: string[];
  /** Overrides the generated full name. */
  name?: string;
}
