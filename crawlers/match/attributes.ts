// Attributes that tell variants and accessories apart: capacities, sizes, colours, "case for …".

/** Units whose differing values make two listings different products (variants). */
const UNIT_ALIASES: Record<string, string> = {
  gb: 'gb', tb: 'tb', mah: 'mah', mp: 'mp', megapixel: 'mp', megapixels: 'mp', in: 'in',
  w: 'w', watt: 'w', watts: 'w', mm: 'mm', ghz: 'ghz', l: 'l', ml: 'ml', oz: 'oz',
  pack: 'pack', pk: 'pack', count: 'pack', ct: 'pack',
  ft: 'ft', feet: 'ft', foot: 'ft', meter: 'm', meters: 'm', metre: 'm', metres: 'm',
  v: 'v', volt: 'v', volts: 'v', hz: 'hz',
  litre: 'l', litres: 'l', liter: 'l', liters: 'l', ltr: 'l', kg: 'kg',
};

const QUANTITY = /(?<![a-z0-9.])(\d+(?:\.\d+)?)\s?(gb|tb|mah|mp|megapixels?|in|w|watts?|mm|ghz|l|ml|oz|pack|pk|count|ct|ft|feet|foot|meters?|metres?|v|volts?|hz|litres?|liters?|ltr|kg)(?![a-z0-9])/g;

/** Numeric attributes by unit: "Galaxy M14 (6GB, 128GB) 6.6in" → { gb: {6,128}, in: {6.6} }. Terabytes count as 1024 GB. */
export function extractQuantities(normalised: string): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const m of normalised.matchAll(QUANTITY)) {
    let unit = UNIT_ALIASES[m[2]];
    let value = Number(m[1]);
    if (!Number.isFinite(value) || value === 0) continue;
    if (unit === 'tb') {
      unit = 'gb';
      value *= 1024;
    }
    let set = out.get(unit);
    if (!set) out.set(unit, (set = new Set()));
    set.add(value);
  }
  // Screens are sized by their diagonal, often without the unit: "84 Diagonal" / "92 diagonal".
  for (const m of normalised.matchAll(/(?<![a-z0-9.])(\d{2,3}(?:\.\d+)?) ?(?:in )?diagonal\b/g)) {
    let set = out.get('in');
    if (!set) out.set('in', (set = new Set()));
    set.add(Number(m[1]));
  }
  // Counted parts that make another model: "25-pin" / "9-pin", "8-port" / "16-port", "6 outlets".
  for (const m of normalised.matchAll(/(?<![a-z0-9.])(\d{1,3})[\s-]?(pin|port|outlet|channel|tab)s?(?![a-z0-9])/g)) {
    const value = Number(m[1]);
    if (value <= 0) continue;
    let set = out.get(m[2]);
    if (!set) out.set(m[2], (set = new Set()));
    set.add(value);
  }
  // "2-pack", "pack of 2", "set of 3", "3 pcs".
  for (const m of normalised.matchAll(/(?:pack|set|case|box) of (\d+)|(\d+)[- ]?(?:pcs|pieces|piece)\b/g)) {
    const value = Number(m[1] ?? m[2]);
    if (value > 0) {
      let set = out.get('pack');
      if (!set) out.set('pack', (set = new Set()));
      set.add(value);
    }
  }
  return out;
}

/** Sizes written "W x H" ("60 x 36", "8.5x11"), each as its two numbers in ascending order. */
export function extractDimensions(normalised: string): Set<string> {
  const out = new Set<string>();
  for (const m of normalised.matchAll(/(?<![a-z0-9.])(\d+(?:\.\d+)?)(?:in)?\s?x\s?(\d+(?:\.\d+)?)(?:in)?(?![0-9.])/g)) {
    const [a, b] = [Number(m[1]), Number(m[2])].sort((x, y) => x - y);
    if (a > 1 && b > 1) out.add(`${a}x${b}`);
  }
  return out;
}

/** Years a title names ("Office 2010", "2011 edition"): editions of software, calendars, model years. */
export function extractYears(tokens: readonly string[]): Set<string> {
  return new Set(tokens.filter((t) => /^(?:19[89]\d|20[0-4]\d)$/.test(t)));
}

/** Condition words: a refurbished or used item is not the same offer as a new one. */
export function extractCondition(normalised: string): 'refurbished' | 'used' | 'compatible' | null {
  if (/\b(?:refurbished|refurb|remanufactured|reman|renewed|reconditioned)\b/.test(normalised)) return 'refurbished';
  // "Used" as a verb ("may be used to replace", "used with") says nothing of the item's condition.
  if (/\b(?:pre-owned|preowned|open box)\b|(?<!\b(?:be|is|are|was|been|commonly|widely) )\bused\b(?! (?:to|for|with|in|on|by|as|when|at|under|and)\b)/.test(normalised)) return 'used';
  // A third party's "compatible" supply is not the maker's own, though it carries the maker's number.
  if (COMPATIBLE_SUPPLY.test(normalised)) return 'compatible';
  return null;
}

const COMPATIBLE_SUPPLY =
  /\b(?:compatible|generic|non-oem|aftermarket) (?:[a-z0-9-]+ ){0,4}(?:ink|toner|cartridges?|ribbons?|drums?|lamps?|bulbs?|batter(?:y|ies)|chargers?|labels?|tapes?|filters?)\b/;

/**
 * The unit in which two listings' stated quantities disagree, or null: no value in common, neither
 * largest value found in the other, or as many values on each side and not all of them alike.
 */
export function quantitiesConflict(a: Map<string, Set<number>>, b: Map<string, Set<number>>): string | null {
  // Stores round differently ("14.1MP" / "14 MP", "54.6in" / "55in"): within 5% is the same value.
  const near = (v: number, w: number) => Math.abs(v - w) <= 0.05 * Math.max(v, w);
  const holds = (values: Set<number>, v: number) => [...values].some((w) => near(v, w));
  for (const [unit, values] of a) {
    const other = b.get(unit);
    if (!other) continue;
    if (![...values].some((v) => holds(other, v))) return unit;
    // Phones state memory and storage in one unit ("8GB RAM, 128GB" / "8 GB, 256 GB"): sharing the
    // smaller is not enough when neither title's largest value is found in the other.
    if (!holds(other, Math.max(...values)) && !holds(values, Math.max(...other))) return unit;
    // As many values on each side ("8GB/512GB" / "16GB/512GB"): each must be found in the other.
    if (values.size === other.size && values.size > 1 && ![...values].every((v) => holds(other, v))) return unit;
  }
  return null;
}

const COLOURS: Record<string, string> = {
  black: 'black', blk: 'black', white: 'white', wht: 'white', silver: 'silver', slv: 'silver',
  gray: 'grey', grey: 'grey', graphite: 'grey', red: 'red', blue: 'blue', navy: 'blue', green: 'green',
  yellow: 'yellow', orange: 'orange', pink: 'pink', purple: 'purple', violet: 'purple', gold: 'gold',
  brown: 'brown', beige: 'beige', bronze: 'bronze', titanium: 'titanium', champagne: 'champagne',
  midnight: 'midnight', starlight: 'starlight', burgundy: 'burgundy', maroon: 'burgundy', tan: 'beige',
  ivory: 'ivory', cream: 'ivory', teal: 'teal', turquoise: 'teal', aqua: 'teal', lime: 'green', magenta: 'pink',
  fuchsia: 'pink', cyan: 'cyan', charcoal: 'grey', copper: 'copper', mahogany: 'mahogany', cherry: 'red',
  walnut: 'walnut', oak: 'oak', espresso: 'espresso', maple: 'maple', kraft: 'brown',
};

/** The colours a title names, in a common spelling. */
export function extractColours(tokens: readonly string[]): Set<string> {
  return spellingsIn(tokens, COLOURS);
}

/** The words of a title found in a table of spellings, each in its common spelling. */
function spellingsIn(tokens: readonly string[], table: Readonly<Record<string, string>>): Set<string> {
  const out = new Set<string>();
  for (const t of tokens) if (Object.hasOwn(table, t)) out.add(table[t]);
  return out;
}

/** Nouns naming a thing that goes with a product rather than the product itself. */
const ACCESSORY_NOUNS = new Set([
  'case', 'cases', 'cover', 'covers', 'sleeve', 'skin', 'skins', 'pouch', 'holster', 'protector', 'protectors',
  'charger', 'chargers', 'cable', 'cables', 'cord', 'adapter', 'adaptor', 'mount', 'mounts', 'bracket',
  'stand', 'holder', 'dock', 'cradle', 'strap', 'bag', 'lens', 'filter', 'filters', 'lamp', 'bulb', 'battery',
  'batteries', 'remote', 'replacement', 'refill', 'cartridge', 'cartridges', 'toner', 'ink', 'kit', 'film',
  'tempered', 'glass', 'stylus', 'tips', 'earpads', 'cushions', 'keyboard', 'screen', 'armband', 'bumper',
]);

/** Words that introduce the device an accessory fits. */
const FITS = /\b(?:for|fits|fit|compatible with|works with|designed for|to fit)\b/;

/** A title's own part and the part naming what it fits: "Case for iPhone 15" → ["case", "iphone 15"]. */
export function splitAtFits(normalised: string): [string, string] {
  const fits = FITS.exec(normalised);
  return fits ? [normalised.slice(0, fits.index), normalised.slice(fits.index + fits[0].length)] : [normalised, ''];
}

/**
 * The accessory nouns of an accessory title, or null when the title is not an accessory. An
 * accessory names one before "for"/"compatible with" ("Case for iPhone 15" → {case}); a title that
 * only says "compatible with …" or "accessory" gives an empty set.
 */
export function accessoryNouns(normalised: string): Set<string> | null {
  const fits = FITS.exec(normalised);
  // What comes "with" the product is packed alongside it ("Docking Station with Remote Control").
  const own = fits ? normalised.slice(0, fits.index) : normalised;
  const head = own.split(/\bwith\b/)[0].split(/[^a-z0-9]+/);
  const nouns = new Set(head.filter((w) => ACCESSORY_NOUNS.has(w)));
  if (fits && nouns.size > 0) return nouns;
  if (/\b(?:compatible with|replacement for)\b/.test(normalised)) return nouns;
  return null;
}

/**
 * True when one listing is an accessory of what the other is: the accessory's noun ("case",
 * "charger") does not appear in the other title at all. Two mounts, or two chargers, may still match.
 */
export function accessoryMismatch(
  a: Set<string> | null,
  b: Set<string> | null,
  aTokens: ReadonlySet<string>,
  bTokens: ReadonlySet<string>,
): boolean {
  const one = (nouns: Set<string> | null, other: Set<string> | null, otherTokens: ReadonlySet<string>) => {
    if (!nouns || other) return false;
    for (const n of nouns) if (otherTokens.has(n)) return false;
    return true;
  };
  return one(a, b, bTokens) || one(b, a, aTokens);
}

/**
 * The part a "replacement …" title sells without naming a device after "for": "Sony WH-1000XM5
 * Replacement Ear Pads" → "pads". Its model code is the device's, so a shared code proves nothing.
 */
export function replacementPart(normalised: string): string | null {
  const own = splitAtFits(normalised)[0];
  const at = own.search(/\breplacement\b/);
  if (at < 0) return null;
  // The part is named within the next few words: "replacement ear pads", "replacement m m dvi cable".
  const next = own.slice(at + 'replacement'.length).split(/[^a-z0-9]+/).filter(Boolean).slice(0, 4);
  return next.find((w) => w !== 'replacement' && (ACCESSORY_NOUNS.has(w) || REPLACEMENT_PARTS.has(w))) ?? null;
}

/** Parts sold as replacements besides the accessory nouns: pads, tips, belts, blades… */
const REPLACEMENT_PARTS = new Set(['pads', 'pad', 'cushion', 'tip', 'belt', 'belts', 'blade', 'blades', 'brush', 'brushes', 'head', 'heads', 'parts', 'part', 'band', 'bands', 'cord', 'knob', 'knobs', 'handle']);

/** True for bundles: "with case", "+ charger", "bundle", "combo", "kit with". */
export function isBundle(normalised: string): boolean {
  return /\b(?:bundle|combo|accessory kit)\b|\bwith (?:free |bonus )?(?:case|charger|bag|card|memory|lens|kit)\b|\s\+\s/.test(normalised);
}

/** Devices whose accessories come in one design per device: a case for one never fits another. */
const DEVICES: Record<string, string> = {
  iphone: 'iphone', ipad: 'ipad', ipod: 'ipod', kindle: 'kindle', nook: 'nook', blackberry: 'blackberry',
  macbook: 'macbook', camera: 'camera', camcorder: 'camera', handycam: 'camera',
};

/**
 * Both titles are accessories (a case, a skin, …) and they name different devices with none in
 * common: "Rovers Camera Case" / "Rovers iPod Touch Hard Case" are two products of one design.
 */
export function devicesConflict(aTokens: ReadonlySet<string>, bTokens: ReadonlySet<string>): boolean {
  const devices = (tokens: ReadonlySet<string>) => new Set([...tokens].flatMap((t) => (DEVICES[t] ? [DEVICES[t]] : [])));
  const isAccessory = (tokens: ReadonlySet<string>) => [...tokens].some((t) => ACCESSORY_NOUNS.has(t));
  const da = devices(aTokens);
  const db = devices(bTokens);
  if (da.size === 0 || db.size === 0 || !isAccessory(aTokens) || !isAccessory(bTokens)) return false;
  for (const d of da) if (db.has(d)) return false;
  return true;
}

/** Device lines whose generations are named by the word after them ("iPhone 4", "iPod touch 4G", "Kindle 3"). */
const VERSIONED_DEVICES = /\b(iphone|ipad|ipod (?:touch|nano|classic|shuffle)|kindle|galaxy (?:s|note|tab)|nook) ?(\d{1,2}(?:gs|g|s|th|nd|rd|st)?)\b/g;

/** The device generations a title names, as "device:version": "iPhone 3G 3GS" → {iphone:3g, iphone:3gs}. */
export function extractDeviceVersions(normalised: string): Set<string> {
  const out = new Set<string>();
  for (const m of normalised.matchAll(VERSIONED_DEVICES)) {
    const device = m[1].replace(/ /g, '');
    // "4th", "4G" of an iPod both mean the fourth generation; an iPhone 3G is a model name.
    let version = m[2].replace(/(?:th|nd|rd|st)$/, '');
    if (device.startsWith('ipod')) version = version.replace(/g$/, '');
    out.add(`${device}:${version}`);
    // "iPhone 3G 3GS", "iPad 1 and 2": further generations listed right after the first.
    let rest = normalised.slice(m.index! + m[0].length);
    const more = /^(?: ?(?:and|&|\/|,))? (\d{1,2}(?:gs|g|s)?)\b/;
    for (let next = more.exec(rest); next; next = more.exec(rest)) {
      out.add(`${device}:${device.startsWith('ipod') ? next[1].replace(/g$/, '') : next[1]}`);
      rest = rest.slice(next[0].length);
    }
  }
  return out;
}

/** Both titles name generations of one device line and none in common: "iPhone 4 case" / "iPhone 3G case". */
export function deviceVersionsConflict(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const byDevice = (versions: ReadonlySet<string>) => {
    const map = new Map<string, Set<string>>();
    for (const v of versions) {
      const [device, version] = v.split(':');
      (map.get(device) ?? map.set(device, new Set()).get(device)!).add(version);
    }
    return map;
  };
  const x = byDevice(a);
  const y = byDevice(b);
  for (const [device, versions] of x) {
    const other = y.get(device);
    if (!other) continue;
    if (![...versions].some((v) => other.has(v))) return true;
  }
  return false;
}

/** Tiers of one product line ("Da-Plex Deluxe" / "Da-Plex Standard", "Studio Ultimate"): other products. */
const EDITIONS = new Set(['standard', 'deluxe', 'ultimate', 'professional', 'basic', 'lite', 'upgrade']);

/**
 * The edition words of a title; "upgrade" marks software sold only to owners of an earlier version.
 * A word joined to another by a dash is part of a name ("Da-Lite"), not a tier.
 */
export function extractEditions(normalised: string): Set<string> {
  const out = new Set<string>();
  for (const m of normalised.matchAll(/(?<![a-z0-9-])([a-z]+)(?![a-z0-9]|-[a-z0-9])/g)) if (EDITIONS.has(m[1])) out.add(m[1]);
  return out;
}

/** An upgrade against a full version, or two titles naming different tiers and no common one. */
export function editionsConflict(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.has('upgrade') !== b.has('upgrade')) return true;
  if (a.size === 0 || b.size === 0) return false;
  for (const x of a) if (b.has(x)) return false;
  return true;
}

const PAPER_SIZES: Record<string, string> = {
  letter: 'letter', ltr: 'letter', legal: 'legal', lgl: 'legal', tabloid: 'tabloid', ledger: 'tabloid',
  a3: 'a3', a4: 'a4', a5: 'a5',
};

/** Paper formats a title names: letter and legal versions of one folder or pad are two products. */
export function extractPaperSizes(tokens: readonly string[]): Set<string> {
  return spellingsIn(tokens, PAPER_SIZES);
}

const BATTERY_SIZES: Record<string, string> = { aa: 'aa', aaa: 'aaa', aaaa: 'aaaa', '9v': '9v', cr2032: 'cr2032', cr2025: 'cr2025' };

/** Battery sizes a title names: AA and AAA cells of one line are two products. */
export function extractBatterySizes(tokens: readonly string[]): Set<string> {
  return spellingsIn(tokens, BATTERY_SIZES);
}

const PLATFORMS: Record<string, string> = {
  pc: 'windows', windows: 'windows', win: 'windows', mac: 'mac', macintosh: 'mac', osx: 'mac', linux: 'linux',
};

/** Platforms a title names: the Windows and Mac editions of one program are two products. */
export function extractPlatforms(tokens: readonly string[]): Set<string> {
  return spellingsIn(tokens, PLATFORMS);
}

/** Words naming a higher or lower model of a line when they follow its number: "iPhone 15 Pro", "Galaxy S23 Ultra". */
const TIERS = '(?:pro|max|ultra|plus|mini|lite|neo|fe|se)';
const TIERED_DESIGNATION = new RegExp(`(?<![a-z0-9.\\-])([a-z]{0,2}\\d{1,3})(?![a-z0-9.\\-])((?: ${TIERS}(?![a-z0-9\\-]))*)`, 'g');

/**
 * A line's short model numbers and the tier words right after each ("15" → "pro max", "s23" →
 * "ultra", "15" → "" when none follows), read from the title's own part (before "for").
 */
export function extractTiers(normalised: string): Map<string, Set<string>> {
  const own = splitAtFits(normalised)[0].replace(/\b(pro|lite|max|fe|ultra)\+/g, '$1 plus').replace(/\s+/g, ' ');
  const out = new Map<string, Set<string>>();
  for (const m of own.matchAll(TIERED_DESIGNATION)) {
    const tiers = m[2].trim();
    (out.get(m[1]) ?? out.set(m[1], new Set()).get(m[1])!).add(tiers);
  }
  return out;
}

/** One title names a model number with a tier the other names it without, or with another: "15 Pro" / "15". */
export function tiersConflict(a: Map<string, Set<string>>, b: Map<string, Set<string>>): boolean {
  for (const [designation, tiers] of a) {
    const other = b.get(designation);
    if (!other) continue;
    let shared = false;
    for (const t of tiers) if (other.has(t)) shared = true;
    if (!shared && [...tiers, ...other].some((t) => t !== '')) return true;
  }
  return false;
}

/** Words after which a number is a quantity or a count, not a model: "pack 2", "set of 3", "x 4". */
const NOT_A_LINE = new Set(['pack', 'set', 'case', 'box', 'count', 'of', 'x', 'and', 'or', 'with', 'for', 'to', 'in', 'on', 'up', 'by', 'the', 'a', 'an', 'class', 'size', 'no', 'number', 'num']);

/**
 * A line name and the number right after it, alone or with a model letter ("flip 6", "oneplus 12r";
 * a unit letter makes a quantity: "usb 1w"). Not a count
 * ("canary 70 sheets", "manila 50 box", "rule 6 x 9"), a dashed count ("5-pin"), a size in
 * fractions ("10 3 8"), a year or a catalogue number.
 */
const LINE_NUMBER = /(?<![a-z0-9.-])([a-z]{3,}) (\d{1,4}(?:\.\d)?[bcdefhjnoqrstuyz]?)(?=$|[ ,;:()[\]])(?! (?:x|box|pack|carton|ream|roll|dozen|ct|count|[a-z]*s)\b| \d+(?![a-z]))/g;

/**
 * Line names and the numbers right after them ("JBL Flip 6" → flip: {6}, "OnePlus 12R" → oneplus:
 * {12r}), from the title's own part: "Flip 5" and "Flip 6" are two generations of one line.
 */
export function extractLineNumbers(normalised: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const m of splitAtFits(normalised)[0].matchAll(LINE_NUMBER)) {
    const [, name, number] = m;
    if (NOT_A_LINE.has(name) || Object.hasOwn(UNIT_ALIASES, name) || Object.hasOwn(COLOURS, name) || /^(?:19|20)\d\d$/.test(number)) continue;
    (out.get(name) ?? out.set(name, new Set()).get(name)!).add(number);
  }
  return out;
}

/** One line name with no number in common: "Flip 5" / "Flip 6", "Serie 4" / "Serie 6". */
export function lineNumbersConflict(a: Map<string, Set<string>>, b: Map<string, Set<string>>): boolean {
  for (const [name, numbers] of a) {
    const other = b.get(name);
    if (other && ![...numbers].some((n) => other.has(n))) return true;
  }
  return false;
}

/** How a camera title says it is sold: as the body alone, with a lens, or (both false) neither. */
export interface CameraPackage {
  bodyOnly: boolean;
  withLens: boolean;
}

/** Reads a title's camera package once per listing: "EOS R50 Body Only", "D3500 18-55mm Lens Kit". */
export function cameraPackage(normalised: string): CameraPackage {
  return {
    bodyOnly: /\bbody only\b|\bbody\s*$/.test(normalised),
    withLens: /\bwith (?:[a-z0-9./-]+ ){0,6}lens(?:es)?\b|\blens kit\b/.test(normalised),
  };
}

/**
 * A camera sold as the body alone against one sold with a lens: "EOS R50 Body Only" /
 * "EOS R50 with RF-S 18-45mm Lens". The kit and the body are two products at two prices.
 */
export function bodyAndKitConflict(a: CameraPackage, b: CameraPackage): boolean {
  return (a.bodyOnly && b.withLens) || (b.bodyOnly && a.withLens);
}
