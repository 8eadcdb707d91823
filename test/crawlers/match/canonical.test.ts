import { describe, expect, it } from 'vitest';
import { chooseCanonicalFields, type CanonicalSource } from '../../../crawlers/match/canonical.ts';

const titleOf = (sources: CanonicalSource[]) => chooseCanonicalFields(sources).title;

describe('chooseCanonicalFields: the shown title', () => {
  it('prefers a title naming the brand and the model over a short fragment', () => {
    const xiaomi14: CanonicalSource[] = [
      // The most complete listing has the fragment title: completeness must not pick it.
      { title: '14 12/512GB Green', brand: 'Xiaomi', mpn: '23127PN0CG', gtin: '6941812757536', image: 'https://a.example/1.jpg', category: 'Phones' },
      { title: 'Xiaomi 14 5G Smartphone 12GB RAM 512GB Jade Green', brand: 'Xiaomi' },
      { title: 'XIAOMI 14 12GB 512GB GREEN', brand: 'Xiaomi' },
    ];
    expect(titleOf(xiaomi14)).toBe('Xiaomi 14 5G Smartphone 12GB RAM 512GB Jade Green');
  });

  it('puts the brand in front when no listing names it', () => {
    const galaxy: CanonicalSource[] = [
      { title: 'Galaxy S24 128GB Onyx Black', brand: 'Samsung' },
      { title: 'Galaxy S24 128 GB black', brand: 'SAMSUNG' },
    ];
    expect(titleOf(galaxy)).toMatch(/^Samsung Galaxy S24 128 ?GB (Onyx )?[Bb]lack$/);
    // Only when the brand is known.
    expect(titleOf([{ title: 'USB-C Cable 2m Braided' }])).toBe('USB-C Cable 2m Braided');
  });

  it('recognises the brand however a store spells it, and never doubles it', () => {
    expect(titleOf([{ title: 'LG OLED55C3 55" 4K Smart TV', brand: 'LG Electronics' }])).toBe('LG OLED55C3 55" 4K Smart TV');
    expect(titleOf([{ title: 'Bang & Olufsen Beoplay H95 Headphones', brand: 'Bang & Olufsen' }])).toBe('Bang & Olufsen Beoplay H95 Headphones');
    expect(titleOf([{ title: 'startech USB 3.0 hub 4 port', brand: 'StarTech.com' }])).toBe('startech USB 3.0 hub 4 port');
  });

  it('prefers the title carrying the model code most listings share', () => {
    const sony: CanonicalSource[] = [
      { title: 'Sony Wireless Noise Cancelling Headphones', brand: 'Sony', image: 'https://a.example/x.jpg', category: 'Audio' },
      { title: 'Sony WH-1000XM5 Wireless Headphones Black', brand: 'Sony', mpn: 'WH1000XM5/B' },
      { title: 'Sony WH1000XM5 Over-Ear Headphones', brand: 'Sony', mpn: 'WH-1000XM5' },
    ];
    expect(titleOf(sony)).toMatch(/WH-?1000XM5/);
  });

  it('keeps titles of a readable length: a keyword-stuffed title loses to a plain one', () => {
    const stuffed = `Philips Airfryer XXL HD9650/90 ${'air fryer oven healthy cooking oil free deep fryer best gift '.repeat(4)}`;
    const sources: CanonicalSource[] = [
      { title: stuffed, brand: 'Philips', mpn: 'HD9650/90' },
      { title: 'Philips Airfryer XXL HD9650/90 Black', brand: 'Philips', mpn: 'HD9650/90' },
    ];
    expect(titleOf(sources)).toBe('Philips Airfryer XXL HD9650/90 Black');
  });

  it('still chooses the other fields as before', () => {
    const fields = chooseCanonicalFields([
      { title: 'Galaxy S24 128GB Onyx Black', brand: 'Samsung', mpn: 'SM-S921B', gtin: '4548736132610', category: 'Phones' },
      { title: 'Samsung Galaxy S24 128 GB', brand: 'Samsung', mpn: 'SMS921B', image: 'https://b.example/s24.jpg' },
    ]);
    expect(fields).toMatchObject({ brand: 'Samsung', model: 'SM-S921B', gtins: ['04548736132610'], category: 'Phones', image: 'https://b.example/s24.jpg' });
    expect(() => chooseCanonicalFields([])).toThrow(TypeError);
  });
});
