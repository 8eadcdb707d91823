// One tokenizer pass over a page that collects what the generic fallback (and the "what does the page
// show" check) needs: price-like elements with their context, the h1, add-to-cart buttons, stock
// messages, delivery messages and the visible text in reading order. No DOM is built.
import { decodeEntities, parseAttributes, scanHtml, squash, VOID_ELEMENTS } from './html-scan.ts';

/** Context flags, inherited from ancestors. */
export const STRUCK = 1;
export const FOREIGN = 2;
export const UNIT = 4;
export const SHIPPING = 8;
export const INSTALMENT = 16;
export const MAIN = 32;
export const HIDDEN = 64;
export const STOCK = 128;
export const DELIVERY = 256;
/** The element's own class/id/itemprop names a price (not inherited). */
const PRICEY = 512;
/** Inside an add-to-cart control: stock labels there are states toggled by CSS, not messages. */
export const CART = 1024;
/** Inside <nav> or <footer>. */
const NAVIGATION = 2048;
/** The element's own class/id names the product's brand ("product-brand", "brand-name", "bylineInfo"). */
const BRANDY = 4096;

export interface PriceCandidate {
  /** Decoded, squashed text of the element (capped). */
  text: string;
  /** Offset of the element in the document. */
  index: number;
  flags: number;
  /** How the element was found: its class/id/itemprop names a price, a data-*price attribute, or a text label. */
  kind: 'element' | 'data' | 'label' | 'text';
  /** The element's own class/id/itemprop text, lower-cased (for diagnostics and fine scoring). */
  hints: string;
  depth: number;
  /** Offset of the nearest ancestor that made the candidate FOREIGN (-1 when none). */
  foreignFrom: number;
  /**
   * The chain of ancestor tag names and first class names ("main>ol.s-results>li.card"): the prices of a grid
   * of product tiles share one path, the main product's price has its own.
   */
  path: string;
  /** The href of the last link opened before the candidate ("" when none): each tile of a grid links elsewhere. */
  link: string;
  /**
   * Offset of the nearest list item or article holding the candidate when a link to another page opened
   * inside it before the candidate (a product tile: link, then price), else -1.
   */
  itemFrom: number;
}

export interface PageScan {
  candidates: PriceCandidate[];
  h1: { text: string; index: number; foreignFrom: number } | null;
  title: string | null;
  /** Offsets of add-to-cart controls. */
  cartButtons: number[];
  /** Texts of elements whose class/id mention stock/availability. */
  stockTexts: { text: string; index: number }[];
  /** Texts of elements whose class/id mention delivery/shipping/dispatch. */
  deliveryTexts: { text: string; index: number }[];
  /** Texts of elements whose class/id name the brand (outside navigation, carousels and hidden parts). */
  brandTexts: { text: string; index: number }[];
  /** Visible text, one block per line, for label patterns ("Brand: …"). */
  lines: string;
}

const DATA_PRICE = /data-[\w-]*price[\w-]*\s*=/i;
const PRICE_WORD = /price|preis|prix|precio|prezzo|preco|cena|cijena|pris|hinta|fiyat|kaina|цена|價|价|money|amount/i;
/**
 * A text node that is nothing but a price with its currency ("£49.00", "12,99 €", "CHF 19.50"): a
 * candidate even without a price-named element around it.
 */
const BARE_PRICE =
  /^\s*(?:(?:[£€$¥₹₽₩₺₴₪฿]|[A-Z]{2,3}\$?|Rs\.?|R\$|kr|zł|Kč|Ft|lei|руб\.?)\s?\d[\d.,'\s]{0,14}|\d[\d.,'\s]{0,14}\s?(?:[£€$¥₹₽₩₺₴₪฿]|[A-Z]{3}|kr|zł|Kč|Ft|lei|Lei|руб\.?|元|円|TL))\s*$/u;
const STRUCK_HINT =
  /(?:old|was|before|list|regular|original|orig|strike|crossed|rrp|msrp|compare|former|uvp|prev|streich|retail|reference|base|alt)[-_]*(?:price|amount|preis|prix|precio|prezzo|cena)|(?:price|amount|preis|prix|precio|prezzo|cena)[-_]*(?:old|was|before|list|regular|original|strike|rrp|compare|crossed|prev|retail|uvp|alt)|line-?through|\bstrike|crossed|\bwas-|\bold-|saving|(?:^|[\s_-])mrp(?:$|[\s_-])/i;
const FOREIGN_HINT =
  /related|recommend|carousel|similar|also[-_]?(?:bought|viewed|like)|upsell|up-sell|cross[-_]?sell|sponsor|accessor|swiper|slick|you[-_]?may|recently[-_]?viewed|product[-_]?tile|product-list|productlist|compare[-_]?(?:table|list)|bundle|frequently|\bads?\b|\bad[-_]|advert|banner|minicart|mini-cart|cart-drawer|\bmodal\b|popup|newsletter|cookie|review/i;
const UNIT_HINT = /unit[-_]?price|price[-_]?per|per[-_]?unit|base[-_]?price|grundpreis|ppu|priceperunit|price-unit|unitprice|ppu-/i;
const SHIPPING_HINT = /shipping|delivery|postage|versand|livraison|envio|spedizione|freight|dostawa|doprava/i;
const INSTALMENT_HINT = /instal|monthly|financ|\bemi\b|klarna|afterpay|clearpay|paypal|credit|\bloan|ratenz|\brate\b|per-month|permonth/i;
const MAIN_HINT = /buy[-_]?box|buybox|product[-_]?(?:info|detail|main|summary|page|hero)|pdp|price[-_]?block|priceblock|main[-_]?price|product-price|\bsummary\b|center[-_]?col|add-to-cart|purchase/i;
const HIDDEN_HINT = /(?:^|\s)(?:hidden|d-none|is-hidden|hide|invisible|u-hidden|visually-hidden|sr-only|display-none|js-hidden)(?:\s|$)/;
const STOCK_HINT = /stock|availab|lager|dispon|verfugbar|verfügbar|inventory/i;
const DELIVERY_HINT = /deliver|shipping|dispatch|lieferzeit|livraison|fulfil|arrival|\beta\b/i;
const NOT_BRAND_HINT = /nav|site|logo|header|footer|menu|filter|facet|list|carousel/i;
const BRAND_HINT = /(?:^|[\s_-])(?:product[-_]?|pdp[-_]?)?brand(?:[-_]?(?:name|link|title))?(?:$|[\s_])|productview-brand|bylineinfo|(?:^|\s)(?:product[-_])?(?:manufacturer|vendor)(?:[-_]name)?(?:$|\s)/i;
export const CART_TEXT =
  /add(?:ed)? to (?:cart|basket|bag|trolley)|buy now|in den (?:warenkorb|einkaufswagen)|ajouter au panier|añadir al carrito|aggiungi al carrello|do koszyka|do košíka|do košíku|в корзину|adicionar ao carrinho|toevoegen aan winkelwagen|lägg i varukorgen|加入購物車|放入購物車|立即購買|加入购物车|立即购买|カートに入れる/i;
/** The text of a buy button that cannot buy: sold out, out of stock, unavailable, or only to pre-order. */
const SOLD_OUT_TEXT =
  /^(?:sold out|out of stock|currently unavailable|unavailable|pre-?order(?: now)?|ausverkauft|nicht verfügbar|vorbestellen|épuisé|rupture de stock|précommander|agotado|esaurito|niedostępny|wyprzedane|esgotado|uitverkocht|slutsåld|нет в наличии|缺貨|售完|已售完|缺货|在庫切れ|品切れ)[.!]?$/i;

/** Cheap test before the attributes of a link or button are parsed. */
const CART_HINT = /cart|basket|bag|buy|trolley|kauf|korb|panier|carrito|carrello|koszyk|košík|корзин|carrinho|winkelwagen|varukorg|購|购|カート/i;
const CART_ATTR = /add[-_]?to[-_]?(?:cart|basket|bag)|addtocart|addtobasket|buy[-_]?now|buy[-_]?(?:btn|button)|submit\.add|add-cart/i;

const BLOCK = new Set([
  'p', 'div', 'li', 'tr', 'td', 'th', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article',
  'ul', 'ol', 'table', 'form', 'header', 'footer', 'main', 'aside', 'br', 'option', 'label', 'button',
]);

const MAX_TEXT = 300;
/** Marks the start of a <sup> in captured text. */
const SUP = '\u0002';

/** "12\u000299" → "12.99"; other superscripts ("m\u00022") just lose the mark. */
function joinSuperscriptCents(text: string): string {
  return text.replace(/(\d)\s*\u0002\s*(\d{2})(?!\d)/g, '$1.$2').replace(/\u0002/g, '');
}

/** Marks a block boundary in the collected text. */
const BREAK = '\u0001';
const MAX_STACK = 1_024;
const CLOSE_SEARCH = 64;
const MAX_CANDIDATES = 2_000;
const MAX_LINES = 400_000;

interface Entry {
  name: string;
  index: number;
  /** The last link when the element opened. */
  linkAtOpen: string;
  /** Ancestor path including this element (see PriceCandidate.path). */
  path: string;
  flags: number;
  foreignFrom: number;
  /** Index into `open` captures, or -1. */
  capture: Capture | null;
}

interface Capture {
  kind: PriceCandidate['kind'] | 'stock' | 'delivery' | 'h1' | 'cart' | 'brand';
  text: string;
  index: number;
  flags: number;
  foreignFrom: number;
  hints: string;
  depth: number;
  path: string;
  link: string;
  itemFrom: number;
}

const flagCache = new Map<string, number>();
const MAX_FLAG_CACHE = 50_000;

/** Flags told by class/id/itemprop text; cached, since pages repeat the same class strings many times. */
function hintFlags(hints: string): number {
  const cached = flagCache.get(hints);
  if (cached !== undefined) return cached;
  let flags = 0;
  if (STRUCK_HINT.test(hints)) flags |= STRUCK;
  if (FOREIGN_HINT.test(hints)) flags |= FOREIGN;
  if (UNIT_HINT.test(hints)) flags |= UNIT;
  if (SHIPPING_HINT.test(hints)) flags |= SHIPPING;
  if (INSTALMENT_HINT.test(hints)) flags |= INSTALMENT;
  if (MAIN_HINT.test(hints)) flags |= MAIN;
  if (HIDDEN_HINT.test(hints)) flags |= HIDDEN;
  if (STOCK_HINT.test(hints)) flags |= STOCK;
  if (DELIVERY_HINT.test(hints)) flags |= DELIVERY;
  // "navbar-brand", "site-brand", "brand-logo": the shop's own name, not the product's brand.
  if (BRAND_HINT.test(hints) && !NOT_BRAND_HINT.test(hints)) flags |= BRANDY;
  if (PRICE_WORD.test(hints)) flags |= PRICEY;
  if (flagCache.size > MAX_FLAG_CACHE) flagCache.clear();
  flagCache.set(hints, flags);
  return flags;
}

function ownFlags(name: string, hints: string, style: string | undefined): number {
  let flags = 0;
  if (name === 'del' || name === 's' || name === 'strike' || (style && style.includes('line-through'))) flags |= STRUCK;
  if (name === 'nav' || name === 'footer') flags |= FOREIGN | NAVIGATION;
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) flags |= HIDDEN;
  return hints ? flags | hintFlags(hints) : flags;
}

const HINT_ATTRS = /\b(class|id|itemprop|style)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;

/**
 * class, id and itemprop joined and lower-cased, the style attribute, and the first class name, read without
 * a full attribute parse.
 */
function readHints(rawAttrs: string): { hints: string; style: string | undefined; cls: string } {
  let hints = '';
  let style: string | undefined;
  let cls = '';
  HINT_ATTRS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = HINT_ATTRS.exec(rawAttrs)) !== null) {
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    const attr = m[1].toLowerCase();
    if (attr === 'style') style = value;
    else hints = hints ? `${hints} ${value}` : value;
    if (attr === 'class' && !cls) cls = /^\s*(\S*)/.exec(value)![1];
  }
  return { hints: hints.toLowerCase().trim(), style, cls };
}

/** A link to another page: not "#", an empty href or a script. */
const HREF = /\bhref\s*=\s*(?:"([^"#][^"]*)"|'([^'#][^']*)'|([^\s>"'#][^\s>]*))/i;

const MAX_STRUCK_CLASSES = 50;

/**
 * Classes that a stylesheet strikes through: for each rule whose declarations say line-through, the classes
 * of its selectors that name one element on their own ("._mrp", "del.was"). A class struck only in a context
 * (".sold-out .price") or a state (":hover") is not struck everywhere.
 */
export function lineThroughClasses(css: string): string[] {
  const out: string[] = [];
  let at = css.indexOf('line-through');
  while (at >= 0 && out.length < MAX_STRUCK_CLASSES) {
    const open = css.lastIndexOf('{', at);
    const close = css.lastIndexOf('}', at);
    if (open > close) {
      const start = Math.max(css.lastIndexOf('}', open), css.lastIndexOf('{', open - 1)) + 1;
      for (const selector of css.slice(start, open).split(',')) {
        const compound = selector.trim();
        if (/[\s>+~:[]/.test(compound)) continue;
        for (const m of compound.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)) out.push(m[1].toLowerCase());
      }
    }
    at = css.indexOf('line-through', at + 12);
  }
  return out;
}

/** Scans the page once. */
export function scanPage(html: string): PageScan {
  const scan: PageScan = { candidates: [], h1: null, title: null, cartButtons: [], stockTexts: [], deliveryTexts: [], brandTexts: [], lines: '' };
  const stack: Entry[] = [];
  const captures: Capture[] = [];
  const lineParts: string[] = [];
  let lineLength = 0;
  let flags = 0;
  let foreignFrom = -1;
  let path = '';
  /** Classes the page's own stylesheets strike through (".mrp{text-decoration:line-through}"), lower-cased. */
  const struckClasses = new Set<string>();
  let link = '';
  /** The nearest open <li> or <article> that a link opened inside of before now, or -1. */
  const linkedItem = (): number => {
    for (let i = stack.length - 1; i >= 0; i -= 1) {
      const entry = stack[i];
      if (entry.name === 'li' || entry.name === 'article') return entry.linkAtOpen !== link ? entry.index : -1;
    }
    return -1;
  };

  const finish = (entry: Entry): void => {
    const capture = entry.capture;
    if (!capture) return;
    captures.splice(captures.indexOf(capture), 1);
    const text = squash(decodeEntities(capture.text.includes(SUP) ? joinSuperscriptCents(capture.text) : capture.text));
    switch (capture.kind) {
      case 'h1':
        // An h1 in the site navigation or footer is the logo, not the product.
        if (!scan.h1 && text && !(capture.flags & NAVIGATION)) scan.h1 = { text, index: capture.index, foreignFrom: capture.foreignFrom };
        return;
      case 'stock':
        if (capture.flags & (CART | HIDDEN | FOREIGN)) return;
        if (text && text.length < MAX_TEXT) scan.stockTexts.push({ text, index: capture.index });
        return;
      case 'brand':
        if (capture.flags & (HIDDEN | FOREIGN) || scan.brandTexts.length >= 20) return;
        if (text && text.length <= 80) scan.brandTexts.push({ text, index: capture.index });
        return;
      case 'delivery':
        if (text && text.length < MAX_TEXT) scan.deliveryTexts.push({ text, index: capture.index });
        return;
      case 'cart':
        if (capture.flags & HIDDEN) return;
        if (CART_TEXT.test(text)) {
          // A control flagged CART by its attributes was counted when it opened (unless disabled).
          if (!(capture.flags & CART)) scan.cartButtons.push(capture.index);
        } else if (!(capture.flags & FOREIGN) && text.length <= 40 && SOLD_OUT_TEXT.test(text)) {
          // The buy button turned into "Sold out" / "Pre-order" / "Out of stock" speaks for the product.
          scan.stockTexts.push({ text, index: capture.index });
        }
        return;
      default:
        if (text && /\d/.test(text) && scan.candidates.length < MAX_CANDIDATES) {
          scan.candidates.push({ text, index: capture.index, flags: capture.flags, kind: capture.kind, hints: capture.hints, depth: capture.depth, foreignFrom: capture.foreignFrom, path: capture.path, link: capture.link, itemFrom: capture.itemFrom });
        }
    }
  };
  const startCapture = (entry: Entry, kind: Capture['kind'], index: number, hints: string): void => {
    const capture: Capture = { kind, text: '', index, flags: entry.flags, foreignFrom: entry.foreignFrom, hints, depth: stack.length, path: entry.path, link, itemFrom: linkedItem() };
    entry.capture = capture;
    captures.push(capture);
  };

  scanHtml(html, {
    open(name, rawAttrs, selfClosing, index) {
      const isVoid = VOID_ELEMENTS.has(name) || selfClosing;
      if (BLOCK.has(name) && lineLength < MAX_LINES) {
        lineParts.push(BREAK);
        lineLength += 1;
      }
      let hints = '';
      let style: string | undefined;
      let cls = '';
      // Classes on <html>/<body> describe the site or the browser, not a part of the page.
      if (rawAttrs.length > 3 && name !== 'html' && name !== 'body') ({ hints, style, cls } = readHints(rawAttrs));
      const entryPath = cls ? `${path}>${name}.${cls}` : `${path}>${name}`;
      if (name === 'a' && rawAttrs.length > 6) {
        const href = HREF.exec(rawAttrs);
        const target = href ? href[1] ?? href[2] ?? href[3] : undefined;
        if (target && !/^\s*javascript:/i.test(target)) link = target;
      }
      let own = ownFlags(name, hints, style);
      if (struckClasses.size > 0 && hints && !(own & STRUCK) && hints.split(/\s+/).some((c) => struckClasses.has(c))) own |= STRUCK;
      if (rawAttrs.length > 3 && (name === 'button' || name === 'input' || name === 'a') && CART_HINT.test(rawAttrs)) {
        const attrs = parseAttributes(rawAttrs);
        const label = `${hints} ${attrs.name ?? ''} ${attrs.value ?? ''} ${attrs['aria-label'] ?? ''} ${attrs.title ?? ''}`;
        if (CART_ATTR.test(label) || CART_TEXT.test(label)) {
          own |= CART;
          // A disabled button does not say the product can be bought.
          if (!('disabled' in attrs) && !((flags | own) & HIDDEN)) scan.cartButtons.push(index);
        }
      }
      const entryFlags = flags | own;
      const entryForeign = own & FOREIGN ? index : foreignFrom;
      if (!(entryFlags & FOREIGN) && rawAttrs.includes('data-') && DATA_PRICE.test(rawAttrs)) {
        const attrs = parseAttributes(rawAttrs);
        for (const [key, value] of Object.entries(attrs)) {
          if (key.startsWith('data-') && PRICE_WORD.test(key) && /^\s*\d{1,12}(?:[.,]\d{1,4})?\s*$/.test(value) && scan.candidates.length < MAX_CANDIDATES) {
            const currency = attrs['data-currency'] ?? attrs['data-price-currency'] ?? attrs['data-asin-currency-code'] ?? '';
            scan.candidates.push({ text: `${value.trim()} ${currency}`.trim(), index, flags: entryFlags | ownFlags(name, key, undefined), kind: 'data', hints: key, depth: stack.length, foreignFrom: entryForeign, path: entryPath, link, itemFrom: linkedItem() });
            break;
          }
        }
      }
      // A price-named element carrying its value in an attribute (<meta itemprop="price" content="12.99">).
      if (own & PRICEY && !(entryFlags & FOREIGN) && /\b(?:content|value)\s*=/i.test(rawAttrs) && scan.candidates.length < MAX_CANDIDATES) {
        const attrs = parseAttributes(rawAttrs);
        const value = attrs.content ?? attrs.value;
        if (value && /^\s*\d{1,12}(?:\.\d{1,4})?\s*$/.test(value)) {
          scan.candidates.push({ text: value.trim(), index, flags: entryFlags, kind: 'data', hints, depth: stack.length, foreignFrom: entryForeign, path: entryPath, link, itemFrom: linkedItem() });
        }
      }
      // Cents written as a superscript ("12<sup>99</sup>") must not run into the whole part.
      if (name === 'sup' && captures.length > 0) for (const capture of captures) capture.text += SUP;
      if (isVoid) return;
      const entry: Entry = { name, index, linkAtOpen: link, path: entryPath, flags: entryFlags, foreignFrom: entryForeign, capture: null };
      if (stack.length >= MAX_STACK) return;
      stack.push(entry);
      flags = entryFlags;
      foreignFrom = entryForeign;
      path = entryPath;
      if (name === 'h1') startCapture(entry, 'h1', index, hints);
      // Every button and link is a possible buy control by its text ("加入購物車" in a bare <a>), or a buy
      // control turned into a stock message ("Sold out").
      else if (own & BRANDY && !(own & CART)) startCapture(entry, 'brand', index, hints);
      else if (name === 'button' || name === 'a') startCapture(entry, 'cart', index, hints);
      else if (own & PRICEY && !(own & (STOCK | DELIVERY))) startCapture(entry, 'element', index, hints);
      else if (own & STOCK) startCapture(entry, 'stock', index, hints);
      else if (own & DELIVERY && !(own & SHIPPING && own & PRICEY)) startCapture(entry, 'delivery', index, hints);
    },
    close(name) {
      const floor = Math.max(0, stack.length - CLOSE_SEARCH);
      for (let i = stack.length - 1; i >= floor; i -= 1) {
        if (stack[i].name !== name) continue;
        while (stack.length > i) finish(stack.pop()!);
        flags = stack.length > 0 ? stack[stack.length - 1].flags : 0;
        foreignFrom = stack.length > 0 ? stack[stack.length - 1].foreignFrom : -1;
        path = stack.length > 0 ? stack[stack.length - 1].path : '';
        if (BLOCK.has(name) && lineLength < MAX_LINES) {
          lineParts.push(BREAK);
          lineLength += 1;
        }
        return;
      }
    },
    text(raw, index) {
      for (const capture of captures) {
        if (capture.text.length < MAX_TEXT) capture.text += raw;
      }
      if (flags & FOREIGN || lineLength >= MAX_LINES) return;
      if (!/[^\s]/.test(raw)) return;
      lineParts.push(raw);
      lineLength += raw.length;
      if (raw.length < 40 && !(flags & HIDDEN) && scan.candidates.length < MAX_CANDIDATES && BARE_PRICE.test(raw)) {
        const text = squash(decodeEntities(raw));
        scan.candidates.push({ text, index, flags, kind: 'text', hints: '', depth: stack.length, foreignFrom, path, link, itemFrom: linkedItem() });
      }
      // Text with a price label ("Price: $12", "特價 294 元") is a candidate of its own.
      if (stack.length > 0 && LABEL_HINT.test(raw) && LABEL.test(raw)) {
        // The label's value often sits in a sibling element: capture from the enclosing block.
        let holder = stack.length - 1;
        while (holder > 0 && !BLOCK.has(stack[holder].name) && stack.length - holder < 4) holder -= 1;
        const entry = stack[holder];
        if (!entry.capture) {
          startCapture(entry, 'label', index, '');
          entry.capture!.text = raw;
        }
      }
    },
    raw(name, _attrs, content) {
      if (name === 'style' && content.includes('line-through')) for (const c of lineThroughClasses(content)) struckClasses.add(c);
      if (name === 'title' && scan.title === null) scan.title = squash(decodeEntities(content)) || null;
    },
  });
  while (stack.length > 0) finish(stack.pop()!);
  // Whitespace inside text is a space; only block boundaries break lines.
  scan.lines = decodeEntities(lineParts.join(' '))
    .replace(/[\s\u00a0\u200b\u200e\u200f]+/g, ' ')
    .replace(/ ?\u0001[\u0001 ]*/g, '\n');
  return scan;
}

const LABEL_HINT = /[:：價价]/;

/** A price label in page text: "Price:", "Preis:", "售價", "特價"… (not "Original price", "原價"). */
export const LABEL =
  /(?:^|[^原定市])(?:售價|特價|直購價|優惠價|價格|最低價|網路價|售价|特价|价格|优惠价)|(?:^|[\s>])(?:price|our price|sale price|preis|prix|precio|prezzo|preço|cena|pris|hinta|fiyat|prijs|цена)\s*[:：]/i;

/** A price candidate read as an amount and scored as the product's price (generic.ts). */
export interface ScoredPrice {
  candidate: PriceCandidate;
  amount: string;
  currency: string | null;
  currencyText: string | null;
  score: number;
}
