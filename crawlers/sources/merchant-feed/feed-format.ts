// Which kind of feed a text is, told from its first characters rather than its URL: XML (RSS 2.0
// or Atom) starts with markup; a TSV or CSV feed with a header row whose separator is the
// commonest of tab, comma, semicolon and pipe in it.

export type FeedFormat = 'xml' | 'tsv' | 'csv';
export type FeedFormatSetting = 'auto' | FeedFormat;

export type DetectedFormat = { format: 'xml' } | { format: 'tsv' | 'csv'; delimiter: string } | { error: string };

const CSV_DELIMITERS = [',', ';', '|'];

function count(text: string, char: string): number {
  let n = 0;
  for (let at = text.indexOf(char); at >= 0; at = text.indexOf(char, at + 1)) n++;
  return n;
}

/** The CSV separator of a header line: the commonest of comma, semicolon and pipe (comma on a tie). */
function csvDelimiter(line: string): string | null {
  let best: string | null = null;
  let most = 0;
  for (const delimiter of CSV_DELIMITERS) {
    const n = count(line, delimiter);
    if (n > most) [best, most] = [delimiter, n];
  }
  return best;
}

/** `head`: the first text of the feed (its first line at least, when it is not XML). */
export function detectFeedFormat(head: string, setting: FeedFormatSetting, feedUrl: string): DetectedFormat {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  const line = text.split(/\r?\n|\r/, 1)[0] ?? '';
  if (setting === 'xml') return { format: 'xml' };
  if (setting === 'tsv') return { format: 'tsv', delimiter: '\t' };
  if (setting === 'csv') return { format: 'csv', delimiter: csvDelimiter(line) ?? ',' };
  if (/^<(?:!doctype\s+html|html)[\s>]/i.test(text)) {
    return { error: `${feedUrl} is an HTML page, not an RSS 2.0 or Atom feed (a login or error page?)` };
  }
  if (text.startsWith('<')) return { format: 'xml' };
  if (text === '') return { error: `${feedUrl} is empty: no feed in it` };
  if (text.startsWith('{') || text.startsWith('[')) return { error: `${feedUrl} is JSON, not an RSS/Atom, TSV or CSV product feed` };
  if (line.includes('\t')) return { format: 'tsv', delimiter: '\t' };
  const delimiter = csvDelimiter(line);
  if (delimiter) return { format: 'csv', delimiter };
  return { error: `${feedUrl} is neither XML nor a TSV/CSV feed: its first line ${JSON.stringify(line.slice(0, 80))} has no separator` };
}
