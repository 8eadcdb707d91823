import { describe, expect, it } from 'vitest';
import { extractListing } from '../../../crawlers/extract/index.ts';
import { readLabelled } from '../../../crawlers/extract/labels.ts';
import { FETCHED_AT } from './fixtures.ts';

describe('readLabelled', () => {
  it('reads a code in brackets after a full-width colon, without the closing bracket', () => {
    expect(readLabelled('露營燈\n〈商品編號：M14876706〉\n').sku).toBe('M14876706');
  });

  it('passes over a label whose value is not a code and takes the next one', () => {
    const lines = 'Technische Details\nArtikelnummer\nHMP 2000\nASIN\nB00TEST123\n';
    expect(readLabelled(lines).sku).toBe('B00TEST123');
  });

  it('reads brand labels of more languages, and not a sentence after "Brand"', () => {
    expect(readLabelled('Výrobca\nApple\nKód: 123\n').brand).toBe('Apple');
    expect(readLabelled('Kaubamärk: Bosch\n').brand).toBe('Bosch');
    expect(readLabelled('Brand\nThe customer and brand answers you see are submitted independently by customers\nBrand: Tefal\n').brand).toBe('Tefal');
  });
});

describe('a labelled product code the page shows', () => {
  const markup = (sku: string) =>
    `<script type="application/ld+json">{"@type":"Product","name":"Speaker","sku":"${sku}","offers":{"@type":"Offer","price":"49.00","priceCurrency":"GBP"}}</script>`;
  const page = '<h1>Speaker</h1><span class="price">£49.00</span><p>Product code: 83810610</p>';

  function sku(html: string) {
    const result = extractListing(html, { url: 'https://shop.example/p/speaker', fetchedAt: FETCHED_AT });
    if (!result.ok) throw new Error(result.error.message);
    return result.listing;
  }

  it('wins over a markup sku the page never shows', () => {
    expect(sku(markup('238368885') + page)).toMatchObject({ sku: '83810610', fieldSources: { sku: 'generic' } });
  });

  it('does not replace a markup sku that the page shows too', () => {
    expect(sku(markup('SP-100') + page + '<p>Ref SP-100</p>').sku).toBe('SP-100');
  });
});
