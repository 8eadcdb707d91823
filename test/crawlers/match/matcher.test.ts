import { describe, expect, it } from 'vitest';
import { clusterListings } from '../../../crawlers/match/matcher.ts';
import { buildProfiles } from '../../../crawlers/match/profile.ts';
import { scorePair, WEIGHTS } from '../../../crawlers/match/score.ts';
import type { MatchListing } from '../../../crawlers/match/types.ts';

/** Which listing ids ended up together, as sorted groups (singletons left out). */
function groups(listings: MatchListing[], options = {}): string[][] {
  return clusterListings(listings, options)
    .clusters.map((c) => c.listings.map((l) => l.listingId).sort())
    .filter((g) => g.length > 1)
    .sort((a, b) => a[0].localeCompare(b[0]));
}

const l = (id: string, store: string, title: string, extra: Partial<MatchListing> = {}): MatchListing => ({ id, store, title, ...extra });

// A small catalogue of unrelated products, so that title words have realistic weights.
const background: MatchListing[] = [
  l('bg1', 'x', 'Sony WH-1000XM5 Wireless Noise Cancelling Headphones'),
  l('bg2', 'x', 'Logitech MX Master 3S Wireless Mouse Graphite'),
  l('bg3', 'y', 'Dell UltraSharp U2723QE 27 4K USB-C Monitor'),
  l('bg4', 'y', 'Apple AirPods Pro 2nd generation MagSafe'),
  l('bg5', 'z', 'Bosch Serie 4 Dishwasher SMS4HTI45E'),
  l('bg6', 'z', 'Philips Hue White Ambiance E27 Bulb'),
];

describe('clusterListings', () => {
  it('matches on a valid GTIN whatever the titles say', () => {
    const out = groups([
      ...background,
      l('a', 's1', 'Galaxy phone blue', { gtin: '8806094937411' }),
      l('b', 's2', 'SAMSUNG SM-M146B', { gtin: '08806094937411' }),
    ]);
    expect(out).toEqual([['a', 'b']]);
    const methods = clusterListings([l('a', 's1', 'x', { gtin: '8806094937411' }), l('b', 's2', 'y', { gtin: '8806094937411' })]);
    expect(methods.clusters[0].listings.map((m) => m.method)).toEqual(['gtin', 'gtin']);
  });

  it('ignores GTINs with a wrong check digit', () => {
    const out = groups([...background, l('a', 's1', 'Garden hose 20m', { gtin: '8806094937410' }), l('b', 's2', 'Desk lamp LED', { gtin: '8806094937410' })]);
    expect(out).toEqual([]);
  });

  it('puts the same phone written four ways in one product, and keeps the other model apart', () => {
    const out = groups([
      ...background,
      l('a', 's1', 'Samsung Galaxy M14 5G (Icy Silver, 6GB, 128GB)'),
      l('b', 's2', 'SAMSUNG M14 5G 128 GB Silver SM-M146B/DS', { brand: 'Samsung' }),
      l('c', 's3', 'Samsung Galaxy M14 5G Smartphone 128GB SMM146B', { brand: 'SAMSUNG' }),
      l('d', 's4', 'Galaxy M14 5G 6/128GB silver', { brand: 'Samsung Electronics', model: 'SM-M146B' }),
      l('e', 's1', 'Samsung Galaxy M34 5G (Midnight Blue, 6GB, 128GB)'),
    ]);
    expect(out).toEqual([['a', 'b', 'c', 'd']]);
  });

  it('does not match an accessory with the device it fits', () => {
    const out = groups([
      ...background,
      l('phone', 's1', 'Apple iPhone 15 128GB Black'),
      l('case', 's2', 'Silicone Case for Apple iPhone 15 Black'),
      l('charger', 's3', 'USB-C Charger compatible with iPhone 15'),
    ]);
    expect(out).toEqual([]);
  });

  it('never merges 128 GB and 256 GB variants', () => {
    const out = groups([
      ...background,
      l('a', 's1', 'Apple iPhone 15 128GB Black'),
      l('b', 's2', 'Apple iPhone 15 256GB Black'),
      l('c', 's3', 'Apple iPhone 15 (128 GB) - Black'),
    ]);
    expect(out).toEqual([['a', 'c']]);
  });

  it('keeps colour variants of one model family apart', () => {
    const out = groups([
      ...background,
      l('a', 's1', 'Panasonic RP-HX40-G Over-Ear Headphones Green'),
      l('b', 's2', 'Panasonic RP-HX40-A Over-Ear Headphones Blue'),
    ]);
    expect(out).toEqual([]);
  });

  it('keeps editions of different years apart', () => {
    const out = groups([
      ...background,
      l('a', 's1', 'Roxio Easy CD and DVD Burning 2010 Windows'),
      l('b', 's2', 'Roxio Easy CD DVD Burning 2011'),
    ]);
    expect(out).toEqual([]);
  });

  it('keeps at most one listing per store in a product', () => {
    const run = clusterListings([
      ...background,
      l('a', 's1', 'Canon EOS R50 Mirrorless Camera RF-S 18-45mm kit'),
      l('b', 's1', 'Canon EOS R50 Mirrorless Camera with RF-S 18-45mm'),
      l('c', 's2', 'Canon EOS R50 Mirrorless Camera RF-S 18-45mm kit'),
    ]);
    const withC = run.clusters.find((c) => c.listings.some((m) => m.listingId === 'c'))!;
    expect(withC.listings.map((m) => m.listingId).sort()).toEqual(['a', 'c']);
  });

  it('obeys human merges and splits over the scores', () => {
    const listings = [
      ...background,
      l('a', 's1', 'Canon EOS R50 Mirrorless Camera body'),
      l('b', 's2', 'Canon EOS R50 Mirrorless Camera body'),
      l('c', 's3', 'Nikon Zfc retro camera 20.9MP'),
    ];
    expect(groups(listings)).toEqual([['a', 'b']]);
    expect(groups(listings, { cannotLink: [['a', 'b']] })).toEqual([]);
    expect(groups(listings, { mustLink: [['a', 'c']], cannotLink: [['a', 'b']] })).toEqual([['a', 'c']]);
    const merged = clusterListings(listings, { mustLink: [['a', 'c']] });
    const withC = merged.clusters.find((c) => c.listings.some((m) => m.listingId === 'c'))!;
    expect(withC.listings.find((m) => m.listingId === 'c')!.method).toBe('manual');
  });

  it('lets new listings join existing products without merging two existing products', () => {
    const run = clusterListings(
      [
        ...background,
        l('old1', 's1', 'Kindle Paperwhite 16GB 2021 Black'),
        l('old2', 's2', 'Amazon Kindle Paperwhite (16 GB) Black 2021'),
        l('new', 's3', 'Kindle Paperwhite 16 GB Black 2021 e-reader'),
      ],
      { fixedCluster: new Map([['old1', 'P1'], ['old2', 'P2']]) },
    );
    const keys = new Map(run.clusters.flatMap((c) => c.listings.map((m) => [m.listingId, c.key] as const)));
    expect(keys.get('old1')).toBe('P1');
    expect(keys.get('old2')).toBe('P2');
    expect(['P1', 'P2']).toContain(keys.get('new'));
  });

  it('tells sibling products of one series apart by their numbers', () => {
    const out = groups([
      ...background,
      l('a', 's1', 'Northwind Ruled Notepads Letter Size 50 Sheets Dozen', { model: '4417', brand: 'Northwind' }),
      l('b', 's2', 'Northwind 4418 - Ruled Notepads Letter Size Yellow 50 Sheets Dozen', { brand: 'Northwind' }),
      l('c', 's3', 'Northwind 4417 Ruled Notepads Letter Size 50 Sheets, 12 Pads', { brand: 'Northwind' }),
    ]);
    expect(out).toEqual([['a', 'c']]);
  });

  it('lets clear mutual best partners match on titles alone where two stores share most products', () => {
    // Six products both stores sell, found by their model codes: the stores share most of what they sell.
    const shared = ['KX-TG6512B', 'SRS-XB13', 'MDR-7506', 'HT-S350', 'DSC-W800', 'ICD-UX570'];
    const listings = [
      ...background,
      ...shared.flatMap((code, i) => [
        l(`s1-${i}`, 's1', `Sony gadget number ${i} - ${code.replace(/-/g, '')}`),
        l(`s2-${i}`, 's2', `Sony ${['Phone', 'Speaker', 'Headphones', 'Soundbar', 'Camera', 'Recorder'][i]} ${code}`),
      ]),
      l('pouch', 's1', 'Trailmark Compact Camera Pouch In Grey - TRK22GY'),
      l('pouch2', 's2', 'Trailmark Voyager Camera Pouch - Canvas, Padded - Grey (Grey)'),
      l('decoy', 's2', 'Trailmark Summit 40 Camera Pouch - Canvas - Grey'),
    ];
    const together = (options = {}) => groups(listings, options).some((g) => g.includes('pouch') && g.includes('pouch2'));
    expect(together()).toBe(true);
    expect(clusterListings(listings).storeOverlap['s1|s2']).toBeGreaterThan(0.75);
    expect(together({ estimatePrevalence: false })).toBe(false);
    // An overlap known from elsewhere (the last full run) stands in for the estimate.
    expect(together({ estimatePrevalence: false, storeOverlap: { 's1|s2': 0.9 } })).toBe(true);
    expect(together({ storeOverlap: { 's1|s2': 0.3 } })).toBe(false);
  });

  it('lets a shared model code outweigh the accessory rule when clustering, as when scoring', () => {
    const out = groups([
      ...background,
      l('a', 's1', 'Brightline Guard Premium Protection Case For 64 GB Media Player - BLG64C01'),
      l('b', 's2', 'Brightline Guard for media player 64 GB - BL-G64-C01', { brand: 'Brightline' }),
    ]);
    expect(out).toEqual([['a', 'b']]);
  });

  it('keeps colour variants apart even when both stores give them one model number', () => {
    const out = groups([
      ...background,
      l('a', 's1', 'Kestrel Go KG640U3 Pocket Drive 640GB Red', { model: 'KG640U3' }),
      l('b', 's2', 'Kestrel Go Pocket Drive 640 GB KG640U3 White', { model: 'KG640U3' }),
    ]);
    expect(out).toEqual([]);
  });

  it('does not link two listings whose model fields differ and appear nowhere in the other', () => {
    const out = groups([
      ...background,
      l('a', 's1', 'Voltra Travel Charger Kit with Two AA Cells', { brand: 'Voltra', model: 'VLTTRAVEL' }),
      l('b', 's2', 'Voltra Solar USB Charger Kit with Two AA Cells', { brand: 'Voltra', model: 'VLTSOLAR' }),
    ]);
    expect(out).toEqual([]);
  });

  it('does not link cases of one design made for different devices', () => {
    const out = groups([
      ...background,
      l('a', 's1', 'Harbour City Rovers Camera Case', { brand: 'Fanwear', model: 'FW2845' }),
      l('b', 's2', 'Harbour City Rovers iPod Touch 4G Hard Case', { brand: 'Fanwear' }),
      l('c', 's1', 'Lakeside Pro Soft Camera Carrying Case - LPC100'),
      l('d', 's2', 'Lakeside LPC-100 Camcorder Case - LPC100'),
    ]);
    expect(out).toEqual([['c', 'd']]);
  });

  it('does not take a catalogue number shared by two brands for one product', () => {
    const out = groups([
      ...background,
      l('a', 's1', 'Paperline Bright Colored Paper 24lb Purple 500 Sheets', { brand: 'Paperline', model: '22621' }),
      l('b', 's2', 'Voltwire 22621 Heavy Duty Speaker Wire', { brand: 'Voltwire', model: '22621' }),
    ]);
    expect(out).toEqual([]);
  });

  it("matches a model field that the other store's title names in words", () => {
    const out = groups([
      ...background,
      l('a', 's1', 'Deskmate Paper Pads Legal Rule 50 Sheet Dozen', { brand: 'Deskmate', model: '7532' }),
      l('b', 's2', 'Deskmate 7532 - Paper Pads Legal Rule Letter Canary 50 Sheet Pads Dozen - DSK7532', { brand: 'Deskmate' }),
      l('c', 's1', 'Glide Lycosa Gaming Keyboard', { brand: 'Glide', model: 'LYCOSA' }),
      l('d', 's2', 'Glide Lycosa Mirror Gaming Keyboard', { brand: 'Glide', model: 'GL03-0018-R3U1' }),
    ]);
    expect(out).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('keeps sibling part numbers apart even when a family number is shared', () => {
    const out = groups([
      ...background,
      l('a', 's1', 'Radia HD 6850 1GB Graphics Card', { brand: 'Radia', model: 'HD685XZNDC' }),
      l('b', 's2', 'Radia HD6850 1 GB DDR5 Graphics Card HD685XZNFC', { brand: 'Radia', model: 'HD685XZNFC' }),
    ]);
    expect(out).toEqual([]);
  });

  it("does not hold a store's own catalogue number against the maker's part number", () => {
    const out = groups([
      ...background,
      l('a', 's1', 'Carrywell 208 Capacity Nylon CD DVD Wallet', { brand: 'Carrywell', model: '87974' }),
      l('b', 's2', 'Carrywell CWB-208 208 Capacity CD DVD Nylon Binder Black', { brand: 'Carrywell', model: 'CWB-208' }),
    ]);
    expect(out).toEqual([['a', 'b']]);
  });

  it('takes a shared line name for the line, not the product, when both part numbers disagree', () => {
    const out = groups([
      ...background,
      l('a', 's1', 'Drivebay Nexstar3 2.5 SATA to USB 2.0 External Enclosure Blue', { brand: 'Drivebay', model: 'NST-260SU-BL' }),
      l('b', 's2', 'Drivebay NexStar 3 SuperSpeed SATA to USB 3.0 External Enclosure', { brand: 'Drivebay', model: 'NST-380S3-BK' }),
    ]);
    expect(out).toEqual([]);
  });

  it('lets one part number on both sides outweigh a stray figure or an accessory word in one title', () => {
    const out = groups([
      ...background,
      // The title says 4GB where the part number (and the other store) says 8GB.
      l('a', 's1', 'Fennec LJF8GBA 4GB JumpDrive USB Flash Drive', { brand: 'Fennec', model: 'LJF8GBA' }),
      l('b', 's2', 'Fennec JumpDrive 8GB USB Flash Drive LJF8GBA Charcoal', { brand: 'Fennec', model: 'LJF8GBA' }),
      // RMS against peak watts.
      l('c', 's1', 'Orbiter 10 Subwoofer With Single Voice Coil 350W', { brand: 'Orbiter', model: 'TS-W259S4' }),
      l('d', 's2', 'Orbiter TS-W259S4 Champion Series 10 Single 4ohm 1200 Watts', { brand: 'Orbiter', model: 'TS-W259S4' }),
      // A short dashed part number both stores give, beside a title that reads like an accessory.
      l('e', 's1', 'Quaylounge CableDrop Black', { brand: 'Quaylounge', model: 'CD-BL' }),
      l('f', 's2', 'Quaylounge CD-BL CableDrop Cable Management System for All Cables - Black', { brand: 'Quaylounge', model: 'CD-BL' }),
    ]);
    expect(out).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f']]);
    // Without the shared part number the figures still keep two listings apart.
    expect(groups([...background, l('a', 's1', 'Fennec 4GB JumpDrive USB Flash Drive'), l('b', 's2', 'Fennec JumpDrive 8GB USB Flash Drive')])).toEqual([]);
  });

  it("keeps the stores' sibling part numbers apart: a two-module kit is not the single module", () => {
    const out = groups([
      ...background,
      l('a', 's1', 'Kingsley HyperZ 2GB 2 x 1GB DDR3 1800 Desktop Memory', { brand: 'Kingsley', model: 'KHZ1800C9D3/2G' }),
      l('b', 's2', 'Kingsley HyperZ 1 GB DDR3 1800 Desktop Memory Module', { brand: 'Kingsley', model: 'KHZ1800C9D3/1G' }),
    ]);
    expect(out).toEqual([]);
  });

  it('keeps apart a letters-only part number and its sibling named in the other title', () => {
    const out = groups([
      ...background,
      l('a', 's1', 'Greenware Flat Compostable Cold Drink Cup Lids 1000ct', { brand: 'Greenware', model: 'GWFLCC' }),
      l('b', 's2', 'Greenware GWDLCC - Compostable Cold Drink Cup Lids Dome Clear 1000 Ctn', { brand: 'Greenware' }),
    ]);
    expect(out).toEqual([]);
  });

  it('reads a UPC in the model field as a GTIN, not as a part number that disagrees', () => {
    const profiles = buildProfiles([l('a', 's1', 'Hexa Sensation 4G', { model: '610214626400' }), l('b', 's2', 'Hexa Sensation 4G Phone', { model: 'Sensation' })]).profiles;
    expect(profiles[0].gtin).toBe('00610214626400');
    expect(profiles[0].modelCodes).toEqual([]);
    const out = groups([
      ...background,
      l('a', 's1', 'Hexa Sensation 4G', { brand: 'Hexa', model: '610214626400' }),
      l('b', 's2', 'Hexa Sensation 4G Android Phone', { brand: 'Hexa', model: 'Sensation' }),
      l('c', 's3', 'Hexa Handset 4G', { model: '0610214626400' }),
    ]);
    expect(out).toEqual([['a', 'b', 'c']]);
  });

  it('leaves a listing unmatched rather than guess between two equally good partners', () => {
    const keyboard = (id: string, store: string, colour: string, model: string) =>
      l(id, store, `Tessera FileKey Series K2010 USB Standard Keyboard - ${colour} ${model}`, { brand: 'Tessera', model });
    const out = groups([
      ...background,
      l('a', 's1', 'Tessera FileKey Series K2010 USB Standard Keyboard'),
      keyboard('b', 's2', 'Light Green', '3FMK2010UGN-R'),
      keyboard('c', 's2', 'Jet Black', '3FMK2010UBK-R'),
    ]);
    expect(out).toEqual([]);
    // With one partner to choose, the match stands.
    expect(groups([...background, l('a', 's1', 'Tessera FileKey Series K2010 USB Standard Keyboard'), keyboard('c', 's2', 'Jet Black', '3FMK2010UBK-R')])).toEqual([['a', 'c']]);
  });

  it('gives the same price to the cent some weight, never against a veto', () => {
    const pair = (price: number) =>
      clusterListings([
        ...background,
        l('a', 's1', 'Vistara Radio Frequency Wireless Remote for Horizon', { brand: 'Vistara', model: '85566', price: 629.99 }),
        l('b', 's2', 'Vistara Radio Frequency Wireless Remote - Remote control', { brand: 'Vistara', price }),
      ]).pairs.find((p) => p.method !== 'gtin');
    expect(pair(629.99)).toBeDefined();
    const [same, other] = [629.99, 612.5].map((price) => {
      const profiles = buildProfiles([
        l('a', 's1', 'Vistara Radio Frequency Wireless Remote', { price: 629.99 }),
        l('b', 's2', 'Vistara Radio Frequency Wireless Remote', { price }),
      ]).profiles;
      return scorePair(profiles[0], profiles[1]).score;
    });
    expect(same - other).toBeCloseTo(WEIGHTS.samePrice, 5);
    const vetoed = buildProfiles([
      l('a', 's1', 'Vistara Drive 500GB', { price: 60 }),
      l('b', 's2', 'Vistara Drive 1TB', { price: 60 }),
    ]).profiles;
    expect(scorePair(vetoed[0], vetoed[1]).veto).toBe('different gb');
  });

  it('gives leftovers a second look where two stores share most products', () => {
    // Five products both stores sell, found by their codes: the stores share most of what they sell.
    const shared = ['KX-TG6512B', 'SRS-XB13', 'MDR-7506', 'HT-S350', 'DSC-W800'];
    const listings = [
      ...background,
      ...shared.flatMap((code, i) => [l(`s1-${i}`, 's1', `Sony gadget ${i} ${code}`), l(`s2-${i}`, 's2', `Sony item ${code} ${i}`)]),
      // The "One" remote's best partner is the 1000's own match; once that is taken, the rest is clear.
      l('one', 's1', 'Harmon One Advanced Universal Remote Control - HARMON1'),
      l('thousand', 's1', 'Harmon 1000 Touch Screen Universal Remote Control - H1000'),
      l('r1000', 's2', 'Harmon 1000 Advanced Universal Remote Control - 966230-0403'),
      l('rone', 's2', 'Harmon One Universal Remote - 915-000035'),
    ];
    const out = groups(listings);
    expect(out).toContainEqual(['r1000', 'thousand']);
    expect(out).toContainEqual(['one', 'rone']);
    // Where the stores share little, a best among leftovers is more often a look-alike: no second look.
    const firstRoundOnly = groups(listings, { storeOverlap: { 's1|s2': 0.3 } });
    expect(firstRoundOnly).toContainEqual(['r1000', 'thousand']);
  });

  it('keeps the Windows and Mac editions of a program apart', () => {
    const out = groups([
      ...background,
      l('a', 's1', 'Quillsoft PageSetter CS5.5 PC', { brand: 'Quillsoft' }),
      l('b', 's2', 'Quillsoft PageSetter CS5.5 Mac', { brand: 'Quillsoft' }),
      l('c', 's3', 'Quillsoft PageSetter CS5.5 for Windows', { brand: 'Quillsoft' }),
    ]);
    expect(out).toEqual([['a', 'c']]);
  });

  it('keeps the Pro model of a phone line apart from the base model', () => {
    const out = groups([
      ...background,
      l('a', 's1', 'Apple iPhone 15 (128 GB) - Black', { brand: 'Apple', price: 69900 }),
      l('b', 's2', 'Apple iPhone 15 128GB Black MTP03HN/A', { brand: 'Apple', price: 67999 }),
      l('c', 's2', 'Apple iPhone 15 Pro 128GB Black Titanium', { brand: 'Apple', price: 127990 }),
      l('d', 's1', 'Redmi Note 13 Pro 5G (Arctic White, 8GB RAM, 256GB)', { brand: 'Redmi' }),
      l('e', 's2', 'Redmi Note 13 5G (Arctic White, 8GB, 256GB)', { brand: 'Redmi' }),
    ]);
    expect(out).toEqual([['a', 'b']]);
  });

  it('keeps generations of a named line and a camera body and its kit apart', () => {
    const out = groups([
      ...background,
      l('a', 's1', 'Jubal Flip 6 Portable Bluetooth Speaker - Blue', { brand: 'Jubal' }),
      l('b', 's2', 'Jubal Flip 5 Portable Waterproof Speaker Blue', { brand: 'Jubal' }),
      l('c', 's1', 'Kanon EOS R50 Mirrorless Camera with RF-S 18-45mm Lens', { brand: 'Kanon' }),
      l('d', 's2', 'Kanon EOS R50 Body Only, Black', { brand: 'Kanon' }),
    ]);
    expect(out).toEqual([]);
  });

  it('does not match replacement ear pads with the headphones whose model they name', () => {
    const out = groups([
      ...background,
      l('a', 's1', 'Sonata HX-920Q5 Replacement Ear Pads Cushions', { price: 999 }),
      l('b', 's2', 'Sonata HX-920Q5 Wireless Noise Cancelling Headphones Black', { brand: 'Sonata', price: 26990 }),
      l('c', 's3', 'Sonata HX-920Q5 Wireless Headphones - Black', { brand: 'Sonata', price: 27990 }),
    ]);
    expect(out).toEqual([['b', 'c']]);
  });

  it('rejects duplicate listing ids', () => {
    expect(() => clusterListings([l('a', 's1', 'x'), l('a', 's2', 'y')])).toThrow(/unique listing ids, found "a" twice/);
  });
});
