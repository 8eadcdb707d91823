// CSV cells and lines (domain/csv.ts): RFC 4180 quoting and formula injection defused.
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../domain/csv.ts';

describe('csvCell', () => {
  it('writes plain text, numbers and booleans as they are, and nothing for null', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('')).toBe('');
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('cr\r\nlf')).toBe('"cr\r\nlf"');
  });

  it('defuses what a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t']) expect(csvCell(`${start}SUM(A1)`)).toBe(`'${start}SUM(A1)`);
    expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
    expect(csvCell('=HYPERLINK("x"),1')).toBe(`"'=HYPERLINK(""x""),1"`);
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell('-')).toBe("'-");
  });

  it('leaves a plain negative number a number', () => {
    expect(csvCell('-3.50')).toBe('-3.50');
    expect(csvCell('-12')).toBe('-12');
  });
});

describe('csvLine', () => {
  it('joins cells with commas and ends the record with CRLF', () => {
    expect(csvLine(['id', 1, null, 'a,b', '=x'])).toBe(`id,1,,"a,b",'=x\r\n`);
    expect(csvLine([])).toBe('\r\n');
  });
});
