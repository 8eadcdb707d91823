// Availability as stores write it (schema.org URLs or short names, or on-page text in several languages)
import type { Availability } from '../../domain/availability.ts';
// → Tulna's vocabulary (db/schema.ts AVAILABILITY). Pure: text in, value out.

/** schema.org ItemAvailability names (lower-cased, without the URL) → our vocabulary. */
const SCHEMA_NAMES: Record<string, Availability> = {
  instock: 'in_stock',
  instoreonly: 'in_stock',
  onlineonly: 'in_stock',
  limitedavailability: 'limited',
  outofstock: 'out_of_stock',
  soldout: 'out_of_stock',
  preorder: 'preorder',
  presale: 'preorder',
  backorder: 'backorder',
  madetoorder: 'backorder',
  discontinued: 'discontinued',
  reserved: 'limited',
};

/**
 * Phrases in several languages, most specific first: "not in stock" must be read before "in stock".
 * Each pattern is tried on the lower-cased text.
 */
const PHRASES: ReadonlyArray<readonly [RegExp, Availability]> = [
  [/\b(?:discontinued|no longer (?:available|sold|made)|nicht mehr (?:lieferbar|erhältlich|verfügbar)|plus (?:fabriqué|commercialisé)|descatalogado|fuori produzione|wycofan)/u, 'discontinued'],
  [/\b(?:pre-?order|vorbestell|précommande|pré-commande|pre-?venta|reserva(?:r)? ya|preordina|przedsprzedaż)/u, 'preorder'],
  [/\b(?:back-?order|on backorder|nachbestellt|en réapprovisionnement)/u, 'backorder'],
  [
    /(?:out of stock|out-of-stock|sold out|currently unavailable|unavailable|not available|no stock|temporarily unavailable|ausverkauft|nicht (?:auf lager|verfügbar|vorrätig|lieferbar)|derzeit nicht|vergriffen|rupture de stock|épuisé|indisponible|non disponible|agotado|sin (?:stock|existencias)|no disponible|esaurito|non disponibile|brak w magazynie|niedostępny|wyprzedany|nedostupn|vypredan|нет в наличии|распродан|esgotado|indisponível|uitverkocht|niet (?:op voorraad|leverbaar)|slutsåld|ikke på lager|loppu varastosta|缺貨|售完|已售完|無庫存|缺货|无货|在庫切れ|品切れ)/u,
    'out_of_stock',
  ],
  [/(?:only \d+ left|few left|limited (?:stock|availability)|low stock|nur noch \d+|plus que \d+|últimas? unidades|ultimi \d+|pocas unidades)/u, 'limited'],
  [
    /(?:in stock|in-stock|instock|available|add to (?:cart|basket|bag)|ships? (?:today|tomorrow|in)|auf lager|lieferbar|vorrätig|verfügbar|sofort lieferbar|en stock|disponible|en existencia|in magazzino|disponibile|na stanie|dostępny|skladem|na sklade|skladom|в наличии|em estoque|disponível|op voorraad|leverbaar|i lager|på lager|varastossa|有庫存|現貨|有货|现货|在庫あり)/u,
    'in_stock',
  ],
];

/** Maps a schema.org availability value ("https://schema.org/InStock", "InStock", "instock") or page text. */
export function normaliseAvailability(value: string | null | undefined): Availability | null {
  if (typeof value !== 'string') return null;
  const text = value.trim().toLowerCase();
  if (!text || text.length > 400) return text ? phraseAvailability(text.slice(0, 400)) : null;
  const name = text.replace(/^https?:\/\/(?:www\.)?schema\.org\//, '').replace(/^schema:/, '').replace(/[\s_-]/g, '');
  const schema = SCHEMA_NAMES[name];
  if (schema) return schema;
  return phraseAvailability(text);
}

/** Availability told by free text ("Only 3 left in stock", "Ausverkauft"), or null. */
export function phraseAvailability(text: string): Availability | null {
  const lower = text.toLowerCase();
  for (const [pattern, availability] of PHRASES) {
    if (pattern.test(lower)) return availability;
  }
  return null;
}
