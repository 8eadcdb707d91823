// Turns body bytes into text: charset from Content-Type, else <meta charset> / http-equiv,
// else the XML declaration, else UTF-8 (a BOM always wins, as browsers do).

const SNIFF_BYTES = 4096;

function charsetFromContentType(contentType: string): string | null {
  const match = /charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType);
  return match ? match[1] : null;
}

function charsetFromMarkup(head: string): string | null {
  const meta = /<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_.:-]+)/i.exec(head);
  if (meta) return meta[1];
  const xml = /^\s*<\?xml[^>]+encoding\s*=\s*["']([a-z0-9_.:-]+)["']/i.exec(head);
  return xml ? xml[1] : null;
}

function bomCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

function decoderFor(label: string | null): TextDecoder | null {
  if (!label) return null;
  try {
    return new TextDecoder(label);
  } catch {
    return null; // unknown label: fall through to the next source
  }
}

/** The charset the body will be decoded with (a WHATWG encoding name such as "windows-1252"). */
export function detectCharset(bytes: Uint8Array, contentType: string): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, SNIFF_BYTES));
  const decoder =
    decoderFor(bomCharset(bytes)) ??
    decoderFor(charsetFromContentType(contentType)) ??
    decoderFor(charsetFromMarkup(head)) ??
    new TextDecoder('utf-8');
  return decoder.encoding;
}

// windows-1252 bytes 0x80–0x9F (undefined bytes stay as their C1 code point). Node 20's
// TextDecoder decodes "windows-1252" (and latin1/ascii, its WHATWG aliases) as ISO-8859-1,
// so these are mapped by hand: "€" must not become U+0080.
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('latin1')
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (char) => String.fromCharCode(WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80]));
}

/** Decodes the body; malformed sequences become U+FFFD rather than failing the fetch. */
export function decodeBody(bytes: Uint8Array, contentType: string): string {
  const charset = detectCharset(bytes, contentType);
  if (charset === 'windows-1252') return decodeWindows1252(bytes);
  return new TextDecoder(charset).decode(bytes);
}
