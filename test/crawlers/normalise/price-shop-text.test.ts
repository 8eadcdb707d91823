// The words around prices on shop pages: old and new prices, savings, unit prices, ranges, multi-buys,
// "free" and "on request", HTML leftovers, negatives, and hostile input.
import { describe, expect, it } from 'vitest';
import { parsePrice } from '../../../crawlers/normalise/price.ts';
import { describePriceTables, type PriceRow } from './price-cases.ts';

const groups: Record<string, PriceRow[]> = {
  'old and current prices: the current one is the price': [
    ['Was $20 Now $15', '15', 'USD'],
    ['Was: £29.99 Now: £19.99', '19.99', 'GBP'],
    ['$20.00 Now $15.00', '15.00', 'USD'],
    ['Regular price $20.00 Sale price $15.00', '15.00', 'USD'],
    ['Sale price$15.00 Regular price$20.00', '15.00', 'USD'],
    ['Regular price $20.00', '20.00', 'USD'],
    ['RRP £30.00 Our price £25.00', '25.00', 'GBP'],
    ['List Price: $39.99 Price: $29.99', '29.99', 'USD'],
    ['Compare at $30.00 $20.00', '20.00', 'USD'],
    ['Statt 49,99 € nur 39,99 €', '39.99', 'EUR'],
    ['UVP 49,99 € 39,99 €', '39.99', 'EUR'],
    ['UVP: 49,99 €', '49.99', 'EUR'],
    ['De R$ 199,90 por R$ 149,90', '149.90', 'BRL'],
    ['Antes $1.299 Ahora $999', '999', 'MXN', { hint: 'MXN' }],
    ['Prix de référence : 29,99 € 24,99 €', '24.99', 'EUR'],
    ['Avant 20,00 € Maintenant 15,00 €', '15.00', 'EUR'],
    ['Ord. pris 1 299 kr 999 kr', '999', 'SEK', { hint: 'SEK' }],
    ['Normalpris 1.299,- Nu 999,-', '999', 'DKK', { hint: 'DKK' }],
    ['Van €20 voor €15', '15', 'EUR'],
    ['Was $4.99/lb Now $3.99/lb', '3.99', 'USD', { unit: 'lb' }],
    ['Was $20.00 Now $0.00', '20.00', 'USD'], // a zero beside a real price is a placeholder
    ['€19,99 Niedrigster Preis der letzten 30 Tage: €24,99', '19.99', 'EUR'],
    ['Najniższa cena z 30 dni przed obniżką: 249,99 zł 199,99 zł', '199.99', 'PLN'],
    ['Lowest price in the last 30 days: £24.99 Now £19.99', '19.99', 'GBP'],
    ['Only 3 left! $15.99', '15.99', 'USD'],
    ['Original price was: $20.00. Current price is: $15.00.', '15.00', 'USD'],
    ['<del>$20.00</del> <ins>$15.00</ins>', '15.00', 'USD'],
    ['通常価格：¥3,980 販売価格：¥2,980', '2980', 'JPY', { hint: 'JPY' }],
  ],
  'savings and discounts are not the price': [
    ['Save $5', null, 'USD'],
    ['You save: $5.00 (25%)', null, 'USD'],
    ['$15.00 Save $5.00', '15.00', 'USD'],
    ['Save $5.00 $15.00', '15.00', 'USD'],
    ['$5 off', null, 'USD'],
    ['Sie sparen 10,00 €', null, 'EUR'],
    ['-20%', null, null],
    ['20％OFF', null, null],
    ['٢٠٪', null, null],
    ['20% off', null, null],
    ['-20% 39,99 €', '39.99', 'EUR'],
    ['20% off $15.99', '15.99', 'USD'],
  ],
  'unit prices': [
    ['$2.99/lb', '2.99', 'USD', { unit: 'lb' }],
    ['€1,99/kg', '1.99', 'EUR', { unit: 'kg' }],
    ['1,99 €/kg', '1.99', 'EUR', { unit: 'kg' }],
    ['1,99 € / kg', '1.99', 'EUR', { unit: 'kg' }],
    ['£1.50 per 100g', '1.50', 'GBP', { unit: '100g' }],
    ['$0.25/oz', '0.25', 'USD', { unit: 'oz' }],
    ['€3,98 (€1,99/kg)', '3.98', 'EUR', { unit: null }],
    ['(€1,99/kg) €3,98', '3.98', 'EUR', { unit: null }],
    ['3,98 € (1 kg = 1,99 €)', '3.98', 'EUR'],
    ['$9.99/mo', '9.99', 'USD', { unit: 'mo' }],
    ['$19.99', '19.99', 'USD', { unit: null }],
    ['Rs. 499/-', '499', 'INR', { hint: 'INR', unit: null }],
  ],
  'ranges': [
    ['$10 – $20', '10', 'USD', { max: '20' }],
    ['$10-$20', '10', 'USD', { max: '20' }],
    ['$10 to $20', '10', 'USD', { max: '20' }],
    ['From $10 to $20', '10', 'USD', { max: '20' }],
    ['10,00 € – 20,00 €', '10.00', 'EUR', { max: '20.00' }],
    ['10 € - 20 €', '10', 'EUR', { max: '20' }],
    ['US$ 1,299.00 - US$ 1,499.00', '1299.00', 'USD', { max: '1499.00' }],
    ['Rs. 499 - Rs. 999', '499', 'INR', { hint: 'INR', max: '999' }],
    ['$19.99', '19.99', 'USD', { max: null }],
  ],
  'multi-buys and counts': [
    ['2 for $5', '5', 'USD'],
    ['2 x 9,99 €', '9.99', 'EUR'],
    ['Pack of 3 – $12.99', '12.99', 'USD'],
    ['500 ml 3,99 €', '3.99', 'EUR'],
  ],
  'free, on request, unavailable': [
    ['Free', '0', null, { free: true }],
    ['FREE', '0', null, { free: true }],
    ['Gratis', '0', null, { free: true }],
    ['Kostenlos', '0', null, { free: true }],
    ['0,00 €', '0.00', 'EUR', { free: false }],
    ['Free shipping', null, null],
    ['Sold out', null, null],
    ['Out of stock', null, null],
    ['Call for price', null, null],
    ['Price on request', null, null],
    ['Prix sur demande', null, null],
    ['Preis auf Anfrage', null, null],
    ['Coming soon', null, null],
    ['N/A', null, null],
    ['$—', null, 'USD'],
    ['Ends in 02:15:30 $9.99', '9.99', 'USD'],
    ['Order by 14:00', null, null],
    ['4.5 out of 5 stars $19.99', '19.99', 'USD'],
    ['Valid until 31.12.2025 9,99 €', '9.99', 'EUR'],
    ['POA', null, null],
    ['Call 1-800-555-0199 for price', null, null],
  ],
  'HTML leftovers': [
    ['€&nbsp;12,99', '12.99', 'EUR'],
    ['12,99&nbsp;&euro;', '12.99', 'EUR'],
    ['&pound;9.99', '9.99', 'GBP'],
    ['&#36;19.99', '19.99', 'USD'],
    ['&#8364; 19,99', '19.99', 'EUR'],
    ['$19<sup>99</sup>', '19.99', 'USD'],
    ['1.299<sup>99</sup> Lei', '1299.99', 'RON'],
    ['<span class="price">$19.99</span>', '19.99', 'USD'],
    ['<span>€</span><span>12,99</span>', '12.99', 'EUR'],
    ['12,99 &#x20AC;', '12.99', 'EUR'],
    ['12,99&amp;nbsp;&amp;euro;', '12.99', 'EUR'],
    ['Tom &amp; Jerry DVD $9.99', '9.99', 'USD'],
    ['$1999', '1999', 'USD'], // "$19<sup>99</sup>" after the tags are gone: nothing tells the cents apart
    ['1.29999 Lei', '1299.99', 'RON'], // the same eMAG markup seen as text: a thousands group, then cents
  ],
  'negative amounts are kept negative so that callers refuse them': [
    ['-$5.00', '-5.00', 'USD'],
    ['$ -5', '-5', 'USD'],
    ['−12.99 USD', '-12.99', 'USD'],
    ['-5,00 €', '-5.00', 'EUR'],
    ['-€5,00', '-5.00', 'EUR'],
  ],
};

describePriceTables(groups);

describe('parsePrice, hostile input', () => {
  // Each must return quickly: the parser reads a bounded prefix with linear scans. The time is printed, not
  // asserted (timed assertions flake on busy machines); a backtracking regex would hang here instead.
  const hostile: Array<[string, string]> = [
    ['digits and commas', '1,'.repeat(50_000)],
    ['digits and spaces', '1 '.repeat(50_000)],
    ['digits and dots', '1.'.repeat(50_000)],
    ['currency signs', '$'.repeat(100_000)],
    ['currency words', 'EUR '.repeat(25_000)],
    ['months and years', 'Jan 1, 2020 '.repeat(8_500)],
    ['letters and digits', 'a1'.repeat(50_000)],
    ['Arabic digits', '٣٬'.repeat(50_000)],
    ['unclosed tags', '<sup'.repeat(25_000)],
    ['entities', '&nbsp;'.repeat(17_000)],
    ['ranges', '$1 - '.repeat(20_000)],
    ['old-price words', 'was now save '.repeat(8_000)],
    ['struck-out tags', '<del>1'.repeat(20_000)],
    ['double escapes', '&amp;'.repeat(20_000)],
    ['clock times', '1:00 '.repeat(20_000)],
    ['unit prices', '1/kg '.repeat(20_000)],
  ];

  it.each(hostile)('%s (100 KB) completes', (_, text) => {
    const started = performance.now();
    const result = parsePrice(text);
    const ms = performance.now() - started;
    console.info(`parsePrice on 100 KB of ${JSON.stringify(text.slice(0, 12))}…: ${ms.toFixed(1)} ms`);
    expect(result).toHaveProperty('amount');
  });
});
