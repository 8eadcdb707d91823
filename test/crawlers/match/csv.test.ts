import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRecords } from '../../../crawlers/match/csv.ts';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF', () => {
    const text = 'id,title\r\n1,"Speaker, 2"" drivers"\r\n2,"two\nlines"\n3,plain\n';
    expect(parseCsv(text)).toEqual([
      ['id', 'title'],
      ['1', 'Speaker, 2" drivers'],
      ['2', 'two\nlines'],
      ['3', 'plain'],
    ]);
  });

  it('keeps empty fields and a last line without a line break', () => {
    expect(parseCsv('a,,c\n,,')).toEqual([
      ['a', '', 'c'],
      ['', '', ''],
    ]);
  });

  it('maps rows to the header and says which row has the wrong width', () => {
    expect(parseCsvRecords('id,title\n7,Phone\n')).toEqual([{ id: '7', title: 'Phone' }]);
    expect(() => parseCsvRecords('id,title\n7\n')).toThrow(/Expected 2 fields in CSV row 2, found 1/);
  });

  it('rejects an unterminated quote', () => {
    expect(() => parseCsv('a,"b\n')).toThrow(/closing quote/);
  });
});
