// What the words around a number say it is: the current price, an old (struck, list, reference) price, a saving,
// or a unit price. Shop pages put these side by side ("Was $20 Now $15", "UVP 49,99 € 39,99 €",
// "Save $5", "€1,99/kg"); the parser prefers the current price and never reads a saving as the price.
// The word lists cover the languages of the shops Tulna reads; each is matched only at a word boundary.

export type PriceRole = 'current' | 'plain' | 'unit' | 'old' | 'saving';

/** Labels of a former, list or reference price, in English, German, French, Spanish, Portuguese, Italian, Dutch,
 *  the Nordic languages, Polish, Czech, Hungarian, Romanian, Turkish, Russian, Japanese and Chinese. */
const OLD_WORDS =
  'was|rrp|msrp|srp|list price|regular price|regular|reg\\.?|reg\\.? price|original price|orig\\.?|' +
    'originally|compare at|compare at price|before|retail price|typical price|usual price|' +
    'old price|instead of|m\\.?r\\.?p\\.?|original price was|' +
    'statt|anstatt|uvp\\*?|unverb\\.? preisempf\\.?|unverbindliche preisempfehlung|vorher|bisher|ursprünglich|' +
    'alter preis|streichpreis|' +
    'avant|au lieu de|prix de référence|prix barré|ancien prix|prix initial|prix conseillé|prix public conseillé|' +
    'antes|precio anterior|precio regular|precio normal|precio de lista|precio original|pvpr|pvp recomendado|' +
    'preço original|preço anterior|preço normal|' +
    'prima|invece di|prezzo consigliato|prezzo di listino|prezzo originale|' +
    'adviesprijs|oude prijs|normale prijs|voorheen|van-prijs|' +
    'før|förr|tidligere|ord\\.? pris|ordinarie pris|ordinær pris|ordinært|normalpris|veiledende pris|' +
    'vejl\\.? pris|vejledende pris|ennen|norm\\.? hinta|' +
    'było|cena regularna|poprzednia cena|cena katalogowa|przed obniżką|' +
    'původní cena|běžná cena|dříve|eredeti ár|korábbi ár|preț vechi|pret vechi|preț întreg|' +
    'eski fiyat|piyasa fiyatı|было|старая цена|цена без скидки|' +
    '通常価格|メーカー希望小売価格|定価|参考価格|原价|市场价|市場價|原價';
/** Short words that mean "before" only when they are the whole label ("De R$ 199,90 por R$ 149,90"). */
const OLD_WHOLE_WORDS = 'de|van|era';

/** EU "Omnibus" reference prices: the lowest price of the last 30 days is shown beside the current one. */
const REFERENCE_PHRASE =
  /(?<![\p{L}])(?:lowest|niedrigste[rn]?|najniższa|le plus bas|más bajo|mais baixo|più basso|laagste|nejnižší|legalacsonyabb|cel mai (?:mic|scăzut)|lägsta|laveste|alin|самая низкая)(?![\p{L}])/iu;

/** Labels of the price to pay now. */
const CURRENT_WORDS =
  'now|now only|sale|sale price|our price|offer|offer price|special price|deal price|deal|you pay|' +
    'current price|current price is|price now|' +
    'nur|jetzt|jetzt nur|aktionspreis|angebot|sonderpreis|' +
    'maintenant|prix promo|promo|seulement|' +
    'ahora|por|oferta|precio oferta|solo|sólo|só|' +
    'ora|a soli|offerta|voor|nu|nu kun|nú|kampanjpris|tilbud|tilbudspris|nå|' +
    'teraz|cena promocyjna|akce|akční cena|most|acum|şimdi|сейчас|новая цена|特価|販売価格|售价|现价|促销价';

/** Labels of a saving or discount, which is never the price ("Save $5", "Sie sparen 10,00 €"). */
const SAVING_WORDS =
  'save|save up to|you save|saving|savings|' +
    'sparen|sie sparen|du sparst|ersparnis|' +
    'économisez|vous économisez|économie|' +
    'ahorra|ahorras|ahorro|ahorre|economize|economia|economia de|risparmi|risparmia|risparmio|' +
    'bespaar|je bespaart|u bespaart|korting|spar|du sparer|du sparar|spara|besparing|' +
    'oszczędzasz|oszczędność|ušetříte|sleva|megtakarítás|economisești|economisesti|tasarruf|экономия|скидка|' +
    'rabatt|discount|desconto|descuento|sconto|remise|réduction';
/** Words after an amount that make it a saving ("$5 off", "5 € Rabatt"). */
const SAVING_AFTER_WORDS = 'off|de réduction|de descuento|de desconto|rabatt|korting|sconto|günstiger|moins cher';

// A label ends with its words, then punctuation or a short parenthesis ("MRP (incl. of all taxes):").
const LABEL_END = '(?:\\s{0,3}\\([^()]{0,30}\\))?[\\s:：.*\\-–|]*$';
const labelAtEnd = (list: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${list})${LABEL_END}`, 'iu');
const OLD_LABEL = labelAtEnd(OLD_WORDS);
const OLD_WHOLE_LABEL = new RegExp(`^[\\s\\p{P}]*(?:${OLD_WHOLE_WORDS})[\\s:：.\\-–|]*$`, 'iu');
const CURRENT_LABEL = labelAtEnd(CURRENT_WORDS);
const SAVING_LABEL = labelAtEnd(SAVING_WORDS);
const SAVING_AFTER = new RegExp(`^[\\s:.*]{0,3}(?:${SAVING_AFTER_WORDS})(?![\\p{L}])`, 'iu');

/**
 * A unit price: "/kg", "/ 100 g", "per lb", "pro Stück", "je kg", "/mo" after the amount (and its currency).
 * Not the Indian "/-" (no paise), which is the whole price. After the "no cents" dash too ("CHF 49.– / Stk.").
 */
const PER_UNIT = /^(?:[.,][-–—]{1,2})?\s{0,3}(?:\/|(?:per|pro|je|par|por|за)\s)\s{0,3}((?:\d{1,4}\s?)?[\p{L}][\p{L}²³]{0,11}\.?)/iu;

const HAS_LETTER = /\p{L}/u;

/** Role of a number from the text just before it (`label`, currencies removed) and just after it (`after`). */
export function priceRole(label: string, after: string): { role: PriceRole; unit: string | null } {
  const unitMatch = PER_UNIT.exec(after);
  const unit = unitMatch ? unitMatch[1].replace(/\.$/, '') : null;
  if (!HAS_LETTER.test(label)) {
    // Most prices have no words before them ("$", "1 299 kr"): only the words after can tell.
    if (SAVING_AFTER.test(after)) return { role: 'saving', unit };
    return { role: unit !== null ? 'unit' : 'plain', unit };
  }
  if (SAVING_LABEL.test(label) || SAVING_AFTER.test(after)) return { role: 'saving', unit };
  if (OLD_LABEL.test(label) || OLD_WHOLE_LABEL.test(label) || REFERENCE_PHRASE.test(label)) {
    return { role: 'old', unit };
  }
  if (unit !== null) return { role: 'unit', unit };
  return { role: CURRENT_LABEL.test(label) ? 'current' : 'plain', unit };
}

/** Which roles to read first: the current price, then an unlabelled one, a unit price, and an old price last. */
export const ROLE_RANK: Record<Exclude<PriceRole, 'saving'>, number> = { current: 0, plain: 1, unit: 2, old: 3 };
