// A small, fast HTML tokenizer: one regex pass over the document, no DOM. The extractors that only need
// tags, attributes and text (JSON-LD, microdata, OpenGraph, the generic fallback) walk it with callbacks.
// It is lenient like a browser: unknown or unbalanced markup never throws, it is just skipped.

export interface ScanHandlers {
  /** An opening tag; `attrs` is the raw attribute text (parse it with `parseAttributes` when needed). */
  open?(name: string, attrs: string, selfClosing: boolean, index: number): void;
  close?(name: string, index: number): void;
  /** Text between tags, still entity-encoded. */
  text?(raw: string, index: number): void;
  /** The content of a raw-text element (script, style, textarea, title), still encoded for title/textarea. */
  raw?(name: string, attrs: string, content: string, index: number): void;
}

/** Elements without content: never pushed on a stack. */
export const VOID_ELEMENTS = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]);

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript', 'template', 'svg']);

// Tags (with quoted attribute values that may hold ">"), comments, doctype/CDATA/processing instructions.
const TOKEN = /<(?:(\/?)([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|!--[\s\S]*?(?:--!?>|$)|![^>]*>|\?[^>]*>)/g;

const closers = new Map<string, RegExp>();
/** The closing tag of a raw-text element (`name` lower-cased), cached; a global regex to exec from lastIndex. */
export function closerFor(name: string): RegExp {
  let re = closers.get(name);
  if (!re) {
    re = new RegExp(`</${name}\\s*>`, 'gi');
    closers.set(name, re);
  }
  return re;
}

/** Walks `html` once, calling the handlers in document order. */
export function scanHtml(html: string, handlers: ScanHandlers): void {
  const { open, close, text, raw } = handlers;
  TOKEN.lastIndex = 0;
  let last = 0;
  let match: RegExpExecArray | null;
  while ((match = TOKEN.exec(html)) !== null) {
    const start = match.index;
    if (text && start > last) text(html.slice(last, start), last);
    last = TOKEN.lastIndex;
    const tagName = match[2];
    if (tagName === undefined) continue; // comment, doctype, CDATA, processing instruction
    const name = tagName.toLowerCase();
    if (match[1]) {
      close?.(name, start);
      continue;
    }
    const attrs = match[3];
    const selfClosing = attrs.endsWith('/');
    open?.(name, attrs, selfClosing, start);
    if (RAW_TEXT.has(name) && !selfClosing) {
      const closer = closerFor(name);
      closer.lastIndex = last;
      const end = closer.exec(html);
      const contentEnd = end ? end.index : html.length;
      raw?.(name, attrs, html.slice(last, contentEnd), last);
      close?.(name, contentEnd);
      last = end ? closer.lastIndex : html.length;
      TOKEN.lastIndex = last;
    }
  }
  if (text && last < html.length) text(html.slice(last), last);
}

const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/** Attribute text → lower-cased names to decoded values ("" for bare attributes). First one wins. */
export function parseAttributes(attrs: string): Record<string, string> {
  const out: Record<string, string> = {};
  ATTRIBUTE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTRIBUTE.exec(attrs)) !== null) {
    const name = m[1].toLowerCase();
    if (name in out) continue;
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    out[name] = value.includes('&') ? decodeEntities(value) : value;
  }
  return out;
}

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', euro: '€', pound: '£', yen: '¥', cent: '¢',
  copy: '©', reg: '®', trade: '™', ndash: '–', mdash: '—', hellip: '…', rsquo: '’', lsquo: '‘', rdquo: '”',
  ldquo: '“', laquo: '«', raquo: '»', times: '×', middot: '·', deg: '°', shy: '', thinsp: '\u2009',
  ensp: '\u2002', emsp: '\u2003', zwj: '', zwnj: '', lrm: '', rlm: '', auml: 'ä', ouml: 'ö', uuml: 'ü',
  Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß', eacute: 'é', egrave: 'è', agrave: 'à', ccedil: 'ç',
  Eacute: 'É', aacute: 'á', iacute: 'í', oacute: 'ó', uacute: 'ú', ntilde: 'ñ', ecirc: 'ê', ocirc: 'ô',
};

/** Decodes the entities that matter for reading values (numeric ones and the common named ones). */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});?/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body] ?? NAMED[body.toLowerCase()] ?? whole;
  });
}

/** Collapses whitespace (including no-break spaces) to single spaces and trims. */
export function squash(text: string): string {
  return text.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

/** Tag-stripped, decoded, squashed text of an HTML fragment. */
export function fragmentText(html: string): string {
  return squash(decodeEntities(html.replace(/<[^>]*>/g, ' ')));
}
