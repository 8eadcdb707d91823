// Demo accessories made "for" other products: the matcher's favourite trap
// ("Spigen case for Galaxy M14 5G" is not a Galaxy M14 5G).
import { familyId } from './slug.ts';
import type { FamilyDefinition, VariantDefinition } from './types.ts';

function accessory(
  brand: string,
  family: string,
  kind: string,
  global: boolean,
  specs: Record<string, string>,
  variants: VariantDefinition[],
): FamilyDefinition {
  return { brand, family, category: 'accessories', kind, global, specs, variants };
}

const caseMakers = [
  { brand: 'Spigen', line: 'Ultra Hybrid', prefix: 'ACS0', colour: ['Crystal Clear', 'Clear'] as [string, string] },
  { brand: 'ESR', line: 'Classic Hybrid', prefix: 'ESR-HC', colour: ['Clear', 'Clear'] as [string, string] },
  { brand: 'Spigen', line: 'Liquid Air', prefix: 'ACS1', colour: ['Matte Black', 'Black'] as [string, string] },
  { brand: 'Generic', line: 'Shockproof Silicone', prefix: 'GC-', colour: ['Black', 'Black'] as [string, string] },
];

const glassMakers = [
  { brand: 'Spigen', line: 'GLAS.tR EZ Fit Tempered Glass', prefix: 'AGL0' },
  { brand: 'Amazon Basics', line: 'Tempered Glass Screen Protector', prefix: 'AB-SP' },
  { brand: 'Generic', line: '9H Tempered Glass', prefix: 'TG-' },
];

const mountMakers = [
  { brand: 'ELV', line: 'Full Motion TV Wall Mount', prefix: 'ELV-FM' },
  { brand: 'Kanto', line: 'Tilting TV Wall Mount', prefix: 'PT' },
  { brand: "Vogel's", line: 'Comfort TV Wall Mount', prefix: 'COMP ' },
];

function deviceName(line: FamilyDefinition): string {
  return `${line.brand} ${line.family}`;
}

export function accessoryFamilies(
  phones: FamilyDefinition[],
  tvs: FamilyDefinition[],
  laptops: FamilyDefinition[],
): FamilyDefinition[] {
  const result: FamilyDefinition[] = [];

  phones.forEach((phone, index) => {
    const target = familyId(phone);
    const makers = index % 3 === 0 ? [caseMakers[index % 4], caseMakers[(index + 1) % 4]] : [caseMakers[index % 4]];
    for (const maker of makers) {
      result.push(accessory(maker.brand, `${maker.line} Case for ${deviceName(phone)}`, 'Case', phone.global && maker.brand !== 'Generic',
        { Material: 'TPU + polycarbonate', Compatibility: deviceName(phone) },
        [{ model: `${maker.prefix}${String(6100 + index * 37).padStart(4, '0')}`, priceInr: 499 + (index % 5) * 300, colour: maker.colour, forFamilies: [target] }]));
    }
    if (index % 2 === 0) {
      const maker = glassMakers[index % 3];
      result.push(accessory(maker.brand, `${maker.line} for ${deviceName(phone)}`, 'Screen Protector', phone.global,
        { Hardness: '9H', Pack: '2 pieces', Compatibility: deviceName(phone) },
        [{ model: `${maker.prefix}${String(2200 + index * 13)}`, priceInr: 299 + (index % 4) * 200, forFamilies: [target] }]));
    }
  });

  for (const phone of phones.filter((line) => line.brand === 'Apple' || line.family.startsWith('Galaxy S24'))) {
    const official = phone.brand === 'Apple' ? 'Silicone Case with MagSafe' : 'Silicone Case';
    const colours: [string, string][] = [['Black', 'Black'], ['Storm Blue', 'Blue'], ['Light Pink', 'Pink']];
    result.push(accessory(phone.brand, `${phone.family} ${official}`, 'Case', true,
      { Material: 'Silicone', Compatibility: deviceName(phone) },
      colours.map((colour, i) => ({
        model: phone.brand === 'Apple' ? `MT${phone.family.length}${i}3ZM/A` : `EF-PS92${phone.family.length}T${'BLP'[i]}EGWW`,
        priceInr: phone.brand === 'Apple' ? 4900 : 2999,
        colour,
        forFamilies: [familyId(phone)],
      }))));
  }

  tvs.forEach((tv, index) => {
    const maker = mountMakers[index % 3];
    const sizes = tv.variants.map((variant) => variant.sizeInches ?? 0);
    result.push(accessory(maker.brand, `${maker.line} for ${deviceName(tv)} (${Math.min(...sizes)}–${Math.max(...sizes)} inch)`, 'TV Wall Mount', tv.global,
      { 'Max load': '35 kg', VESA: '100×100 to 400×400', Compatibility: deviceName(tv) },
      [{ model: `${maker.prefix}${400 + index * 11}`, priceInr: 1499 + (index % 4) * 1000, forFamilies: [familyId(tv)] }]));
  });

  const find = (lines: FamilyDefinition[], brand: string, prefix = '') =>
    lines.filter((l) => l.brand === brand && l.family.startsWith(prefix)).map(familyId);
  const iphones = find(phones, 'Apple');
  const usbC = phones.filter((l) => !(l.brand === 'Apple' && l.family === 'iPhone 14')).map(familyId);
  const galaxies = find(phones, 'Samsung');
  const macs = find(laptops, 'Apple');

  const chargersAndCables: FamilyDefinition[] = [
    accessory('Apple', '20W USB-C Power Adapter', 'Charger', true, { Output: '20 W USB-C PD' }, [{ model: 'MHJE3HN/A', priceInr: 1900, forFamilies: iphones }]),
    accessory('Apple', 'USB-C to Lightning Cable (1 m)', 'Cable', true, { Length: '1 m' }, [{ model: 'MX0K2ZM/A', priceInr: 1900, forFamilies: find(phones, 'Apple', 'iPhone 14') }]),
    accessory('Apple', '240W USB-C Charge Cable (2 m)', 'Cable', true, { Length: '2 m', Power: '240 W' }, [{ model: 'MU2G3ZM/A', priceInr: 2900, forFamilies: [...iphones, ...macs] }]),
    accessory('Apple', '35W Dual USB-C Port Compact Power Adapter', 'Charger', true, { Output: '35 W' }, [{ model: 'MNWM3HN/A', priceInr: 5800, forFamilies: macs }]),
    accessory('Samsung', '25W Travel Adapter (Super Fast Charging)', 'Charger', true, { Output: '25 W USB-C PD' }, [
      { model: 'EP-TA800NBEGIN', priceInr: 1299, colour: ['Black', 'Black'], forFamilies: galaxies },
      { model: 'EP-TA800NWEGIN', priceInr: 1299, colour: ['White', 'White'], forFamilies: galaxies },
    ]),
    accessory('Samsung', '45W Power Adapter (Super Fast Charging 2.0)', 'Charger', true, { Output: '45 W USB-C PD' }, [{ model: 'EP-T4510XBEGIN', priceInr: 2999, forFamilies: find(phones, 'Samsung', 'Galaxy S24') }]),
    accessory('Samsung', 'USB-C to USB-C Cable 1 m (3A)', 'Cable', true, { Length: '1 m' }, [{ model: 'EP-DA705BBEGIN', priceInr: 799, forFamilies: galaxies }]),
    accessory('Anker', '511 Charger (Nano 3, 30W)', 'Charger', true, { Output: '30 W USB-C PD' }, [{ model: 'A2147', priceInr: 2299, forFamilies: usbC }]),
    accessory('Anker', '735 Charger (Nano II 65W)', 'Charger', true, { Output: '65 W, 3 ports' }, [{ model: 'A2667', priceInr: 4499, forFamilies: [...usbC, ...macs] }]),
    accessory('Anker', 'PowerLine III USB-C to USB-C Cable (1.8 m)', 'Cable', true, { Length: '1.8 m' }, [{ model: 'A8853', priceInr: 999, forFamilies: usbC }]),
    accessory('Anker', '621 Power Bank (PowerCore 10K)', 'Power Bank', true, { Capacity: '10000 mAh' }, [{ model: 'A1229', priceInr: 2499, forFamilies: usbC }]),
    accessory('OnePlus', 'SUPERVOOC 80W Power Adapter', 'Charger', false, { Output: '80 W' }, [{ model: '5461100529', priceInr: 2999, forFamilies: find(phones, 'OnePlus') }]),
    accessory('Xiaomi', '67W SonicCharge 2.0 Charger Combo', 'Charger', false, { Output: '67 W' }, [{ model: 'MDY-12-EH', priceInr: 1999, forFamilies: find(phones, 'Xiaomi') }]),
    accessory('Xiaomi', 'Power Bank 4i 20000 mAh', 'Power Bank', false, { Capacity: '20000 mAh' }, [
      { model: 'PB2050ZM-B', priceInr: 2199, colour: ['Black', 'Black'], forFamilies: usbC },
      { model: 'PB2050ZM-W', priceInr: 2199, colour: ['White', 'White'], forFamilies: usbC },
    ]),
    accessory('Belkin', 'BoostCharge USB-C PD 20W Wall Charger', 'Charger', true, { Output: '20 W' }, [{ model: 'WCA003dqWH', priceInr: 1499, forFamilies: usbC }]),
    accessory('Belkin', 'Ultra High Speed HDMI 2.1 Cable (2 m)', 'Cable', true, { Length: '2 m', Bandwidth: '48 Gbps' }, [{ model: 'AV10175bt2M-BLK', priceInr: 2499, forFamilies: tvs.map(familyId) }]),
    accessory('Amazon Basics', 'High-Speed HDMI Cable (3 m)', 'Cable', true, { Length: '3 m' }, [{ model: 'HL-007347', priceInr: 549, forFamilies: tvs.map(familyId) }]),
    accessory('boAt', 'Type-C A400 Cable (1.5 m)', 'Cable', false, { Length: '1.5 m' }, [
      { model: 'A400-BLK', priceInr: 349, colour: ['Carbon Black', 'Black'], forFamilies: usbC },
      { model: 'A400-WHT', priceInr: 349, colour: ['Mercurial White', 'White'], forFamilies: usbC },
    ]),
    accessory('Ambrane', '20W Fast Charger with Type-C Cable', 'Charger', false, { Output: '20 W' }, [{ model: 'ACP-20', priceInr: 599, forFamilies: usbC }]),
    accessory('Portronics', 'Adapto 20 USB-C Charger', 'Charger', false, { Output: '20 W' }, [{ model: 'POR-1068', priceInr: 649, forFamilies: usbC }]),
    accessory('Generic', 'Laptop Sleeve for MacBook Air 13', 'Laptop Sleeve', false, { Material: 'Neoprene' }, [
      { model: 'SLV-13-GRY', priceInr: 799, colour: ['Grey', 'Grey'], forFamilies: macs },
      { model: 'SLV-13-BLU', priceInr: 799, colour: ['Navy Blue', 'Blue'], forFamilies: macs },
    ]),
    accessory('HP', '65W USB-C Laptop Charger', 'Charger', true, { Output: '65 W' }, [{ model: '1P3K6AA', priceInr: 3499, forFamilies: find(laptops, 'HP') }]),
    accessory('Dell', '65W USB-C Laptop Adapter', 'Charger', true, { Output: '65 W' }, [{ model: 'DA65NM190', priceInr: 2999, forFamilies: find(laptops, 'Dell') }]),
  ];
  return [...result, ...chargersAndCables];
}
