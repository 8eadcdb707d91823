import { describe, expect, it } from 'vitest';
import {
  accessoryMismatch,
  accessoryNouns,
  bodyAndKitConflict,
  cameraPackage,
  devicesConflict,
  deviceVersionsConflict,
  editionsConflict,
  extractBatterySizes,
  extractColours,
  extractCondition,
  extractDeviceVersions,
  extractDimensions,
  extractEditions,
  extractLineNumbers,
  extractPaperSizes,
  extractPlatforms,
  extractQuantities,
  extractTiers,
  lineNumbersConflict,
  quantitiesConflict,
  replacementPart,
  tiersConflict,
} from '../../../crawlers/match/attributes.ts';
import { normaliseText, wordTokens } from '../../../crawlers/match/text.ts';

const norm = normaliseText;

describe('attributes', () => {
  it('reads capacities and sizes, terabytes as gigabytes, inch marks as inches', () => {
    const q = extractQuantities(norm('Galaxy M14 5G (Icy Silver, 6GB, 128GB) 6.6" display'));
    expect([...q.get('gb')!]).toEqual([6, 128]);
    expect([...q.get('in')!]).toEqual([6.6]);
    expect([...extractQuantities(norm('Portable drive 1TB')).get('gb')!]).toEqual([1024]);
  });

  it('sees 128 GB and 256 GB as a conflict, shared values and rounding as none', () => {
    const a = extractQuantities(norm('Phone 128GB'));
    expect(quantitiesConflict(a, extractQuantities(norm('Phone 256 GB')))).toBe('gb');
    expect(quantitiesConflict(extractQuantities(norm('6GB 128GB')), extractQuantities(norm('128 GB')))).toBeNull();
    expect(quantitiesConflict(extractQuantities(norm('14.1MP camera')), extractQuantities(norm('14 MP camera')))).toBeNull();
  });

  it('does not read "6-in-1" as six inches', () => {
    expect(extractQuantities(norm('6-in-1 card reader')).has('in')).toBe(false);
  });

  it('reads W x H sizes and conditions', () => {
    expect([...extractDimensions(norm('Cork board 60 x 36'))]).toEqual(['36x60']);
    expect(extractCondition(norm('Camera Refurbished'))).toBe('refurbished');
    expect(extractCondition(norm('Camera'))).toBeNull();
  });

  it('spots accessories by the noun before "for"', () => {
    expect(accessoryNouns(norm('Leather Case for iPhone 15'))).toEqual(new Set(['case']));
    expect(accessoryNouns(norm('Charger compatible with Galaxy S23'))).toEqual(new Set(['charger']));
    expect(accessoryNouns(norm('Apple iPhone 15 128GB Black'))).toBeNull();
    expect(accessoryNouns(norm('Apple iPhone 15 with charger'))).toBeNull();
  });

  it('flags accessory vs device, but not two listings of the same accessory', () => {
    const tokens = (t: string) => new Set(wordTokens(norm(t)));
    const caseTitle = 'Case for iPhone 15';
    const phone = 'Apple iPhone 15 128GB';
    expect(accessoryMismatch(accessoryNouns(norm(caseTitle)), accessoryNouns(norm(phone)), tokens(caseTitle), tokens(phone))).toBe(true);
    const mount = 'Universal Car Mount for iPhone';
    const mount2 = 'Clingo Universal Hands Free Mount';
    expect(accessoryMismatch(accessoryNouns(norm(mount)), accessoryNouns(norm(mount2)), tokens(mount), tokens(mount2))).toBe(false);
  });

  it('sees accessories naming different devices as a conflict, camera and camcorder as one', () => {
    const t = (s: string) => new Set(wordTokens(norm(s)));
    expect(devicesConflict(t('Rovers Camera Case'), t('Rovers iPod Touch Hard Case'))).toBe(true);
    expect(devicesConflict(t('Soft Camera Case'), t('Camcorder Case'))).toBe(false);
    expect(devicesConflict(t('iPhone 4 Case'), t('iPhone 4 and iPod Touch Case'))).toBe(false);
    // Not both accessories: a camera and a case for an iPad are told apart elsewhere.
    expect(devicesConflict(t('Compact Camera 16MP'), t('iPad Case'))).toBe(false);
  });

  it('reads colours in one spelling', () => {
    expect(extractColours(wordTokens(norm('Speaker BLK / Grey')))).toEqual(new Set(['black', 'grey']));
  });

  it('reads counted parts and screen diagonals as quantities', () => {
    expect(quantitiesConflict(extractQuantities(norm('25-Pin Male Connector')), extractQuantities(norm('9 Pin Male Connector')))).toBe('pin');
    expect(quantitiesConflict(extractQuantities(norm('8-Port Switch')), extractQuantities(norm('Switch 8 Ports')))).toBeNull();
    expect(extractQuantities(norm('Fixed Frame Screen - 85 Diagonal')).get('in')).toEqual(new Set([85]));
  });

  it("calls a third party's compatible supplies another condition than the maker's own", () => {
    expect(extractCondition(norm('Acme 123XL Compatible Black Ink Cartridges 2 Pack'))).toBe('compatible');
    expect(extractCondition(norm('Generic Replacement Lamp for Acme P100'))).toBe('compatible');
    expect(extractCondition(norm('Security DVR Mac OS Compatible 4 Channel'))).toBeNull();
  });

  it('reads device generations and sees different ones as a conflict', () => {
    const v = (t: string) => extractDeviceVersions(norm(t));
    expect(v('Shell Case for iPhone 3G 3GS')).toEqual(new Set(['iphone:3g', 'iphone:3gs']));
    expect(v('Dock for iPad 1 and 2')).toEqual(new Set(['ipad:1', 'ipad:2']));
    expect(v('Hard Case iPod touch 4th generation')).toEqual(v('iPod Touch 4G Hard Case'));
    expect(deviceVersionsConflict(v('Team Case iPhone 4'), v('Team Case iPhone 3G'))).toBe(true);
    expect(deviceVersionsConflict(v('Dock for iPad and iPad 2'), v('Dock for iPad 1 and 2'))).toBe(false);
    expect(deviceVersionsConflict(v('Stand for iPad 2'), v('Stand for Kindle 3'))).toBe(false);
  });

  it('tells editions apart: an upgrade is not the full version, deluxe is not standard', () => {
    const e = (t: string) => extractEditions(norm(t));
    expect(editionsConflict(e('PhotoSuite X Standard Upgrade'), e('PhotoSuite X Standard'))).toBe(true);
    expect(editionsConflict(e('Screen Deluxe 96 x 96'), e('Screen Standard 96 x 96'))).toBe(true);
    expect(editionsConflict(e('Screen Deluxe 96 x 96'), e('Screen 96 x 96'))).toBe(false);
  });

  it('does not read a tier word inside a dashed name: "Da-Lite" is a brand, not a lite edition', () => {
    const e = (t: string) => extractEditions(norm(t));
    expect(e('Da-Lite Da-Plex Deluxe Rear Projection Screen')).toEqual(new Set(['deluxe']));
    expect(editionsConflict(e('Da-Lite Da-Plex Deluxe Screen'), e('Da-Lite Da-Glas Standard Screen'))).toBe(true);
    expect(e('Lite-On DVD Writer')).toEqual(new Set());
    expect(e('Office Suite - Standard')).toEqual(new Set(['standard']));
  });

  it('knows finish and paper colours, and letter vs legal formats', () => {
    expect(extractColours(wordTokens(norm('Visitors Chair Burgundy')))).toEqual(new Set(['burgundy']));
    expect(extractColours(wordTokens(norm('Wallet File Recycled Kraft')))).toEqual(new Set(['brown']));
    expect(extractPaperSizes(wordTokens(norm('Drawer File Ltr Steel')))).toEqual(extractPaperSizes(wordTokens(norm('Drawer File Letter'))));
    expect(extractPaperSizes(wordTokens(norm('Wallet File Legal')))).toEqual(new Set(['legal']));
  });

  it('does not take what comes with a product for the product', () => {
    expect(accessoryNouns(norm('Charging and Docking Station with Remote Control for iPod'))).toBeNull();
    expect(accessoryNouns(norm('Leather Case with Stylus for Tablet'))).toEqual(new Set(['case']));
  });
  it('does not take "used" as a verb for a used item', () => {
    expect(extractCondition(norm('Speaker Package with Duo-Fit speakers that may be used to replace 6.5 speakers'))).toBe(null);
    expect(extractCondition(norm('Adapter used with most cameras'))).toBe(null);
    expect(extractCondition(norm('Canon EOS 50D Body - Used'))).toBe('used');
    expect(extractCondition(norm('Used Canon EOS 50D Body'))).toBe('used');
  });

  it('reads cable lengths in feet and metres as quantities', () => {
    const q = (t: string) => extractQuantities(norm(t));
    expect(quantitiesConflict(q('HDMI Cable 6ft'), q('HDMI Cable 10 ft'))).toBe('ft');
    expect(quantitiesConflict(q('USB Cable 1 meter'), q('USB Cable 4 Meter'))).toBe('m');
    expect(quantitiesConflict(q('Tape 0.25 Inches x 23 Feet'), q('Tape 1/4in x 23ft'))).toBe(null);
  });
  it('reads platforms: the Windows and Mac editions of one program conflict, a title naming both does not', () => {
    const p = (t: string) => extractPlatforms(wordTokens(norm(t)));
    expect(p('Adobe InDesign CS5.5 PC')).toEqual(new Set(['windows']));
    expect(p('After Effects CS5.5 Mac')).toEqual(new Set(['mac']));
    expect(p('Tooya Pro Graphics Tablet Windows Mac')).toEqual(new Set(['windows', 'mac']));
    expect(p('Keyboard Cover for MacBook')).toEqual(new Set());
  });
  it('reads tier words after a model number: "15 Pro" is not "15", a descriptive "ultra-slim" is no tier', () => {
    const t = (s: string) => extractTiers(norm(s));
    expect(t('Apple iPhone 15 Pro Max 256GB')).toEqual(new Map([['15', new Set(['pro max'])]]));
    expect(t('Redmi Note 12 Pro+ 5G')).toEqual(new Map([['12', new Set(['pro plus'])]]));
    expect(tiersConflict(t('Apple iPhone 15 (128 GB) - Black'), t('Apple iPhone 15 Pro 128GB Black Titanium'))).toBe(true);
    expect(tiersConflict(t('Galaxy S23 Ultra 256GB'), t('Samsung Galaxy S23 256 GB'))).toBe(true);
    expect(tiersConflict(t('iPhone 15 Pro'), t('iPhone 15 Pro Max'))).toBe(true);
    expect(tiersConflict(t('boAt Rockerz 450 Pro Bluetooth Headphones'), t('boAt Rockerz 450 Bluetooth Headphones'))).toBe(true);
    expect(tiersConflict(t('OnePlus Nord CE 3 Lite 5G'), t('OnePlus Nord CE 3 Lite 5G (Pastel Lime)'))).toBe(false);
    // Descriptions, decimals and the device an accessory fits are not tiers.
    expect(tiersConflict(t('Vizio 42 ultra-slim M420SV'), t('VIZIO M420SV 42 Inch Class LED'))).toBe(false);
    expect(tiersConflict(t('Panasonic DECT 6.0 Plus Cordless Handset'), t('Panasonic DECT 6.0 Cordless Handset'))).toBe(false);
    expect(t('Case for iPhone 15 Pro')).toEqual(new Map());
  });
  it('keeps storage variants apart though both state the same memory: 8GB + 128GB is not 8GB + 256GB', () => {
    const q = (t: string) => extractQuantities(norm(t));
    expect(quantitiesConflict(q('Galaxy S23 5G (Phantom Black, 8GB, 128GB Storage)'), q('Galaxy S23 5G 8 GB RAM 256 GB'))).toBe('gb');
    expect(quantitiesConflict(q('Galaxy S23 5G (Phantom Black, 8GB, 128GB Storage)'), q('Galaxy S23 5G (Phantom Black, 128 GB) (8 GB RAM)'))).toBe(null);
    // As many values on each side must all agree: 8 GB and 16 GB of memory beside one 512 GB drive.
    expect(quantitiesConflict(q('HP 15s Laptop 8GB/512GB SSD 15.6in'), q('HP 15s Laptop 16 GB/512 GB SSD 15.6in'))).toBe('gb');
    // A kit and its stated modules share their largest value.
    expect(quantitiesConflict(q('Memory 2GB 2 x 1GB DDR2'), q('Memory 2 GB DDR2'))).toBe(null);
  });
  it('reads a line name and its number: "Flip 5" is not "Flip 6", counts and sizes are no line numbers', () => {
    const n = (t: string) => extractLineNumbers(norm(t));
    expect(n('JBL Flip 6 Portable Bluetooth Speaker - Blue')).toEqual(new Map([['flip', new Set(['6'])]]));
    expect(lineNumbersConflict(n('OnePlus 12R 5G Iron Gray'), n('OnePlus 12 5G Silky Black'))).toBe(true);
    // A unit letter makes a quantity, not a model: "USB 1W" is no USB generation.
    expect(n('Wi-Fi Adapter USB 1W')).toEqual(new Map());
    expect(lineNumbersConflict(n('JBL Flip 6 Portable Speaker'), n('JBL Flip 5 Portable Speaker'))).toBe(true);
    expect(lineNumbersConflict(n('Bosch Serie 4 Dishwasher'), n('Bosch Serie 6 Dishwasher'))).toBe(true);
    expect(lineNumbersConflict(n('JBL Flip 6 Speaker Blue'), n('JBL Flip 6 Portable Speaker'))).toBe(false);
    // Counts, dashed counts, fractions, years, catalogue numbers and the brand's own number are not lines.
    for (const title of ['Steno Book Canary 70 Sheets', 'File Folders Manila 50 Box', 'Gregg Rule 6 x 9', 'USB 5-Pin Cable', 'Accounting Book Burgundy 10 3 8 x 8', 'Office Standard 2007', 'Verbatim 95097 DVD']) {
      expect(n(title)).toEqual(new Map());
    }
    expect(n('Samsung 26in LCD TV')).toEqual(new Map());
  });

  it('tells a camera body alone from the kit with a lens', () => {
    const pkg = (t: string) => cameraPackage(norm(t));
    expect(bodyAndKitConflict(pkg('Canon EOS R50 Body Only, Black'), pkg('Canon EOS R50 Mirrorless Camera with RF-S 18-45mm Lens'))).toBe(true);
    expect(bodyAndKitConflict(pkg('Nikon D3500 DSLR Body'), pkg('Nikon D3500 DSLR 18-55mm Lens Kit'))).toBe(true);
    expect(bodyAndKitConflict(pkg('Canon EOS R50 Body Only'), pkg('Canon EOS R50 Mirrorless Camera Body'))).toBe(false);
  });
  it('reads volts, hertz, litres, kilograms and battery sizes: AA and AAA cells, 18 V and 12 V drills are other products', () => {
    const q = (t: string) => extractQuantities(norm(t));
    expect(quantitiesConflict(q('Bosch 18V Cordless Drill'), q('Bosch 12 V Cordless Drill'))).toBe('v');
    expect(quantitiesConflict(q('Gaming Monitor 27in 144Hz'), q('Gaming Monitor 27in 165 Hz'))).toBe('hz');
    expect(quantitiesConflict(q('Prestige 3 Litre Pressure Cooker'), q('Prestige Pressure Cooker 5 L'))).toBe('l');
    expect(quantitiesConflict(q('Atta 5 kg'), q('Atta 10kg'))).toBe('kg');
    const b = (t: string) => extractBatterySizes(wordTokens(norm(t)));
    expect(b('Duracell Plus AA Batteries 8 Pack')).toEqual(new Set(['aa']));
    expect(b('Duracell Plus AAA Batteries 8 Pack')).toEqual(new Set(['aaa']));
  });
  it('reads the part a replacement title sells, even without "for"', () => {
    expect(replacementPart(norm('Sony WH-1000XM5 Replacement Ear Pads Cushions'))).toBe('pads');
    expect(replacementPart(norm('V7 6 Replacement M M DVI Cable by Belkin'))).toBe('cable');
    expect(replacementPart(norm('Optoma Replacement Lamp for EP749'))).toBe('lamp');
    expect(replacementPart(norm('Sony WH-1000XM5 Wireless Headphones'))).toBe(null);
  });
});
