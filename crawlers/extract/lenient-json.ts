// JSON as stores actually write it inside <script type="application/ld+json">: wrapped in HTML comments or
// CDATA, with trailing commas, raw newlines or tabs inside strings, several objects in a row, a stray
// semicolon. Never throws: returns undefined when nothing can be read.

/** Removes the wrappers and junk around the JSON text. */
function unwrap(text: string): string {
  return text
    .trim()
    .replace(/^(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[|\/\*\s*<!\[CDATA\[\s*\*\/)\s*/, '')
    .replace(/\s*(?:-->|\/\/\s*\]\]>|\]\]>|\/\*\s*\]\]>\s*\*\/)$/, '')
    .replace(/;\s*$/, '')
    .trim();
}

/**
 * Repairs common breakage in one pass, aware of strings: raw control characters inside strings are
 * escaped, trailing commas before } or ] are dropped, invalid escapes ("\'") are kept literally.
 */
function repair(text: string): string {
  let out = '';
  let inString = false;
  let pendingComma = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (inString) {
      if (c === '\\') {
        const next = text[i + 1];
        if (next !== undefined && '"\\/bfnrtu'.includes(next)) {
          out += c + next;
        } else {
          out += next === undefined ? '\\\\' : next; // "\'" and friends: keep the character
        }
        i += 1;
      } else if (c === '"') {
        inString = false;
        out += c;
      } else if (c === '\n') out += '\\n';
      else if (c === '\r') out += '\\r';
      else if (c === '\t') out += '\\t';
      else if (c < ' ') out += ' ';
      else out += c;
      continue;
    }
    if (c === ',') {
      pendingComma = true;
      continue;
    }
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') {
      continue;
    }
    if (pendingComma) {
      if (c !== '}' && c !== ']') out += ',';
      pendingComma = false;
    }
    if (c === '"') inString = true;
    out += c;
  }
  return out;
}

/** Several top-level values written one after another ("{...}{...}" or "{...}\n{...}") → an array. */
function splitConcatenated(text: string): string | null {
  if (!/^\{[\s\S]*\}\s*,?\s*\{[\s\S]*\}$/.test(text)) return null;
  let depth = 0;
  let inString = false;
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') {
      depth -= 1;
      if (depth === 0) {
        parts.push(text.slice(start, i + 1));
        start = i + 1;
        while (start < text.length && /[\s,]/.test(text[start])) start += 1;
        i = start - 1;
      }
    }
  }
  return parts.length > 1 ? `[${parts.join(',')}]` : null;
}

/** Parses JSON leniently; undefined when it cannot be read. */
export function parseLenientJson(text: string): unknown {
  const body = unwrap(text);
  if (!body) return undefined;
  try {
    return JSON.parse(body);
  } catch {
    // fall through to the repairs
  }
  const repaired = repair(body);
  try {
    return JSON.parse(repaired);
  } catch {
    // fall through
  }
  const joined = splitConcatenated(repaired);
  if (joined) {
    try {
      return JSON.parse(joined);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
