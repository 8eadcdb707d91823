// Source 2: schema.org microdata (itemscope/itemtype/itemprop). One tokenizer pass builds the items as
// plain objects shaped like JSON-LD, so the same product reader handles both.
import { decodeEntities, parseAttributes, scanHtml, squash, VOID_ELEMENTS } from './html-scan.ts';
import type { SourcedPartial } from './partial-listing.ts';
import { alternativeOffers, chooseProduct, findProducts, readProduct, type SchemaContext, type SchemaNode } from './schema-product.ts';

interface Item {
  node: SchemaNode;
}

interface Capture {
  names: string[];
  target: Item | null;
  text: string;
}

interface Entry {
  name: string;
  item?: Item;
  capture?: Capture;
}

const MAX_CAPTURE = 2_000;
const MAX_STACK = 512;
/** How far down the stack a closing tag may look for its opening tag before it is ignored as stray. */
const CLOSE_SEARCH = 64;

function addProp(item: Item | null, names: string[], value: unknown): void {
  if (!item) return;
  for (const name of names) {
    const existing = item.node[name];
    if (existing === undefined) item.node[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else item.node[name] = [existing, value];
  }
}

/** The value an element with itemprop carries by its attributes, or undefined when it is its text. */
function attributeValue(name: string, attrs: Record<string, string>): string | undefined {
  if ('content' in attrs) return attrs.content;
  switch (name) {
    case 'meta':
      return '';
    case 'link':
    case 'a':
    case 'area':
      return attrs.href;
    case 'img':
    case 'audio':
    case 'video':
    case 'source':
    case 'iframe':
    case 'embed':
    case 'track':
      return attrs.src;
    case 'object':
      return attrs.data;
    case 'data':
    case 'meter':
      return attrs.value;
    case 'time':
      return attrs.datetime;
    default:
      return undefined;
  }
}

/** Every top-level microdata item of the page, as JSON-LD-shaped objects. */
export function readMicrodataItems(html: string): SchemaNode[] {
  const roots: SchemaNode[] = [];
  if (!/\bitem(?:scope|prop)\b/i.test(html)) return roots;
  const stack: Entry[] = [];
  const captures: Capture[] = [];
  const currentItem = (): Item | null => {
    for (let i = stack.length - 1; i >= 0; i -= 1) if (stack[i].item) return stack[i].item!;
    return null;
  };
  const finish = (entry: Entry): void => {
    if (!entry.capture) return;
    const capture = entry.capture;
    captures.splice(captures.indexOf(capture), 1);
    addProp(capture.target, capture.names, squash(decodeEntities(capture.text)));
  };

  scanHtml(html, {
    open(name, rawAttrs, selfClosing) {
      const isVoid = VOID_ELEMENTS.has(name) || selfClosing;
      if (!rawAttrs.includes('item')) {
        if (!isVoid && stack.length < MAX_STACK) stack.push({ name });
        return;
      }
      const attrs = parseAttributes(rawAttrs);
      const names = attrs.itemprop ? attrs.itemprop.split(/\s+/).filter(Boolean) : [];
      const parent = currentItem();
      const entry: Entry = { name };
      if ('itemscope' in attrs) {
        const node: SchemaNode = {};
        if (attrs.itemtype) node['@type'] = attrs.itemtype.trim().split(/\s+/);
        if (attrs.itemid) node['@id'] = attrs.itemid;
        // <meta itemprop="brand" itemscope itemtype="…/Brand" content="Bosch">: the item's only value is its
        // content (an empty item otherwise); read as the item's name when it has none of its own.
        if (attrs.content?.trim()) node['@value'] = attrs.content;
        const item: Item = { node };
        if (names.length > 0 && parent) addProp(parent, names, node);
        else roots.push(node);
        entry.item = item;
      } else if (names.length > 0) {
        const value = attributeValue(name, attrs);
        if (value !== undefined) addProp(parent, names, value);
        else if (!isVoid) {
          entry.capture = { names, target: parent, text: '' };
          captures.push(entry.capture);
        }
      }
      if (!isVoid && stack.length < MAX_STACK) stack.push(entry);
    },
    close(name) {
      const floor = Math.max(0, stack.length - CLOSE_SEARCH);
      for (let i = stack.length - 1; i >= floor; i -= 1) {
        if (stack[i].name !== name) continue;
        while (stack.length > i) finish(stack.pop()!);
        return;
      }
    },
    text(raw) {
      for (const capture of captures) {
        if (capture.text.length < MAX_CAPTURE) capture.text += raw;
      }
    },
  });
  while (stack.length > 0) finish(stack.pop()!);
  return roots;
}

/** Reads the page's microdata product, or null when there is none. */
export function extractMicrodata(html: string, context: SchemaContext): SourcedPartial | null {
  const items = readMicrodataItems(html);
  if (items.length === 0) return null;
  const products = findProducts(items);
  const product = chooseProduct(products, context.url, context.currencyHint);
  if (!product) return null;
  const notes: string[] = [];
  const reading = readProduct(product, context, notes);
  return { source: 'microdata', reading, notes, alternatives: alternativeOffers(product, context, reading.price), products: products.length };
}
