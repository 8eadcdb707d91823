// Plain schema.org nodes as JSON-LD gives them (and as microdata is turned into): lists, property look-up
// that forgives case and vocabulary prefixes, type names, texts, and @id references within a graph.
import { cleanText } from './partial-listing.ts';

export type SchemaNode = Record<string, unknown>;

export interface SchemaContext {
  url: string;
  fetchedAt?: Date;
  currencyHint?: string;
  /** The node of a JSON-LD graph with this @id ({"brand": {"@id": "#brand"}} points into the graph). */
  resolve?: (id: string) => SchemaNode | undefined;
}

/** How deep and how many nodes a walk over JSON-LD goes: hostile pages nest thousands deep. */
export const MAX_DEPTH = 12;
export const MAX_NODES = 5_000;

export function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Type names, lower-cased, without the vocabulary URL: "http://schema.org/Product" → "product". */
export function typeNames(node: SchemaNode): string[] {
  const raw = node['@type'] ?? node.type;
  const list = Array.isArray(raw) ? raw : [raw];
  const names: string[] = [];
  for (const item of list) {
    if (typeof item !== 'string') continue;
    for (const part of item.split(/\s+/)) {
      const name = part.replace(/^.*[/#:]/, '').toLowerCase();
      if (name) names.push(name);
    }
  }
  return names;
}

export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Property value by name, ignoring case and a "schema:" prefix (microdata and sloppy JSON-LD). */
export function prop(node: SchemaNode, name: string): unknown {
  if (name in node) return node[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(node)) {
    const bare = key.replace(/^(?:schema:|https?:\/\/schema\.org\/)/i, '').toLowerCase();
    if (bare === lower) return node[key];
  }
  return undefined;
}

export function firstText(value: unknown, max = 500, depth = 0): string | undefined {
  for (const item of asList(value)) {
    if (isNode(item)) {
      // A name may itself be a list or a language-tagged value ({"@value": "Bosch", "@language": "de"}).
      if (depth >= 3) continue;
      const text = firstText(prop(item, 'name'), max, depth + 1) ?? firstText(item['@value'] ?? item.value, max, depth + 1);
      if (text) return text;
    } else {
      const text = cleanText(item, max);
      if (text) return text;
    }
  }
  return undefined;
}

/** Nodes by @id across the roots, for references within a JSON-LD graph. */
export function indexIds(roots: unknown[]): Map<string, SchemaNode> {
  const ids = new Map<string, SchemaNode>();
  let visited = 0;
  const walk = (value: unknown, depth: number): void => {
    if (depth > MAX_DEPTH || visited > MAX_NODES) return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1);
      return;
    }
    if (!isNode(value)) return;
    visited += 1;
    const id = value['@id'];
    // A bare reference ({"@id": …} alone) is not the node itself.
    if (typeof id === 'string' && Object.keys(value).length > 1 && !ids.has(id)) ids.set(id, value);
    for (const child of Object.values(value)) if (typeof child === 'object' && child !== null) walk(child, depth + 1);
  };
  for (const root of roots) walk(root, 0);
  return ids;
}

/** A value with its bare {"@id": …} references replaced by the nodes they name, when known. */
export function resolved(value: unknown, context: SchemaContext): unknown {
  if (!context.resolve) return value;
  return asList(value).map((item) => {
    if (!isNode(item) || typeof item['@id'] !== 'string' || prop(item, 'name') !== undefined) return item;
    return context.resolve!(item['@id']) ?? item;
  });
}
