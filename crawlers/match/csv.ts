// A small RFC 4180 CSV reader: quoted fields with doubled quotes, commas and line breaks inside,
// CRLF or LF line ends. Used to load matching tasks (left.csv, right.csv, matches.csv).

/** Rows of a CSV text as arrays of fields. A trailing line break does not make an empty row. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      endRow();
      i += 1;
    } else if (ch === '\n' || ch === '\r') endRow();
    else field += ch;
    i += 1;
  }
  if (quoted) throw new SyntaxError('Expected a closing quote before the end of the CSV text, found none');
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** Rows as objects keyed by the header row. Throws when a row's field count differs from the header's. */
export function parseCsvRecords(text: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows.map((fields, n) => {
    if (fields.length !== header.length) {
      throw new SyntaxError(`Expected ${header.length} fields in CSV row ${n + 2}, found ${fields.length}`);
    }
    return Object.fromEntries(header.map((name, k) => [name, fields[k]]));
  });
}
