import { describe, expect, it } from 'vitest';
import { codeAgreement, codeBlockingKeys, compareCodes, extractCodes, isCodeLike, isLetterPartNumber, isModelFieldCode } from '../../../crawlers/match/model-codes.ts';
import { buildProfiles } from '../../../crawlers/match/profile.ts';

describe('model codes', () => {
  it('finds codes in titles and drops dashes, slashes and spaces', () => {
    const codes = extractCodes('SAMSUNG M14 5G 128 GB Silver SM-M146B/DS');
    expect(codes.full).toEqual(expect.arrayContaining(['smm146bds', 'smm146b']));
    expect(extractCodes('Panasonic KX-TS3282B Corded Phone').full).toContain('kxts3282b');
  });

  it('does not take quantities, years or plain words for codes', () => {
    for (const word of ['128gb', '750va', '1080p', '2024', 'galaxy', '24port']) expect(isCodeLike(word)).toBe(false);
    for (const code of ['smm146b', 'ln52a550', '0100071520']) expect(isCodeLike(code)).toBe(true);
  });

  it('matches a code written with and without separators and region suffixes', () => {
    expect(codeAgreement(extractCodes('SM-M146B/DS'), extractCodes('SMM146B'))).toBe('exact');
    expect(codeAgreement(extractCodes('Netgear GS724TP-100NAS'), extractCodes('Switch - GS724TP'))).toBe('exact');
    expect(codeAgreement(extractCodes('Garmin 010-00715-20'), extractCodes('Garmin 0100071520'))).toBe('exact');
  });

  it('treats a colour suffix as a variant of the same code, and a different number as no match', () => {
    expect(compareCodes('srsa212bk', 'srsa212blk')).toBe('variant');
    expect(compareCodes('ln52a550', 'ln46a550')).toBe('none');
    expect(compareCodes('iphone15', 'iphone15pro')).toBe('none');
  });

  it('joins a name and its number into the code another store writes in one piece', () => {
    expect(codeAgreement(extractCodes('Trailmark Voyager 22 Camera Pouch'), extractCodes('Camera Pouch - VOYAGER22GY'))).toBe('variant');
    expect(codeAgreement(extractCodes('Aster Nova 40 TV Stand'), extractCodes('TV Stand - NOVA40'))).toBe('exact');
    expect(extractCodes('Dishwasher Series 24in').pieces).not.toContain('series24in');
  });

  it('takes a model field of capital letter groups for a part number, words for none', () => {
    expect(isLetterPartNumber('HX-USBXT')).toBe(true);
    expect(isLetterPartNumber('QR-PADBAG-WT/EN')).toBe(true);
    for (const field of ['Non-Stick', 'ALL', 'TWIN PACK', 'AB-CD']) expect(isLetterPartNumber(field)).toBe(false);
    const { profiles } = buildProfiles([
      { id: 'a', store: 's1', title: 'Halden Active Extension Cable 32 ft', model: 'HX-USBXT' },
      { id: 'b', store: 's2', title: 'Halden USB Active Extension Cable 32 feet', model: 'HX-USBXT' },
      { id: 'c', store: 's2', title: 'Halden Cable Organiser', model: 'Non-Stick' },
    ]);
    expect(profiles[0].modelCodes).toEqual(['hxusbxt']);
    expect(codeAgreement(profiles[0].codes, profiles[1].codes)).toBe('exact');
    expect(profiles[2].modelCodes).toEqual([]);
  });

  it('calls codes that share only a dash piece a family, not the same product', () => {
    expect(codeAgreement(extractCodes('V7N2C6-10F-GRYS'), extractCodes('V7N2C6-01F-BLKS'))).toBe('family');
  });

  it('reads a long number before a unit letter as a part number, a small count of a word as no code', () => {
    expect(isCodeLike('30370000g')).toBe(true);
    expect(isCodeLike('0617b')).toBe(true);
    for (const count of ['2pocket', '3subject', '3ring']) expect(isCodeLike(count)).toBe(false);
    expect(isCodeLike('3dsxl')).toBe(true);
  });

  it('takes four-digit numbers and quantity-like codes in a model field, but not years or capacities', () => {
    for (const code of ['7532', '7693m', 'hdmiacfm']) expect(isModelFieldCode(code) || isLetterPartNumber(code.toUpperCase())).toBe(true);
    for (const code of ['2011', '128gb', '12']) expect(isModelFieldCode(code)).toBe(false);
    expect(isLetterPartNumber('STPFSA')).toBe(true);
  });

  it("sees a seller's longer SKU built on a maker's code as a variant, but not another model of the line", () => {
    expect(compareCodes('gs108e', 'gs108e100nas')).toBe('variant');
    expect(compareCodes('gub211', 'gub211w6')).toBe('variant');
    expect(compareCodes('icusb232', 'icusb2328')).toBe('none');
    expect(compareCodes('dsctx10', 'dsctx100v')).toBe('none');
    expect(compareCodes('galaxys23', 'galaxys23ultra')).toBe('none');
  });

  it("sees a long part number behind a seller's short numeric prefix as a variant", () => {
    expect(compareCodes('gh012000003', '70gh012000003')).toBe('variant');
    expect(compareCodes('ab1234', '70ab1234')).toBe('none');
  });
  it('sees a part number padded with leading zeros inside as a variant, another number as none', () => {
    expect(compareCodes('rp0100050106r1m1', 'rp01050106r1m1')).toBe('variant');
    expect(compareCodes('oczssdpx1rvd0110', 'oczssdpx1rvd110')).toBe('variant');
    // Zeros at the end make another number: "Harmony 1" is not "Harmony 1000".
    expect(compareCodes('harmony1000', 'harmony1')).toBe('none');
    expect(compareCodes('ab1234000cd', 'ab1234cd')).toBe('none');
    // Blocking puts the two spellings under one key, so the pair is ever scored.
    const keys = (c: string) => new Set(codeBlockingKeys(c));
    expect([...keys('rp0100050106r1m1')].some((k) => keys('rp01050106r1m1').has(k))).toBe(true);
  });

  it('reads only video resolutions as quantities before p and i: 260P and 490i are model names', () => {
    for (const q of ['1080p', '720p', '480i', '2160p']) expect(isCodeLike(q)).toBe(false);
    for (const code of ['260p', '490i', '820i']) expect(isCodeLike(code)).toBe(true);
  });
});
