import { describe, expect, it } from 'vitest';
import { feedAmount, merchantFeedEvents, notAFeed } from '../../../crawlers/sources/merchant-feed/parse.ts';
import { XmlRecordReader } from '../../../crawlers/sources/merchant-feed/xml-records.ts';
import type { SourceEvent } from '../../../crawlers/sources/types.ts';

const FEED = 'https://shop.example.com/feed.xml';
const context = { feedUrl: FEED, currency: 'USD', country: 'US', now: new Date('2026-11-23T10:00:00Z') };
const readings = (events: SourceEvent[]) => events.flatMap((e) => (e.type === 'reading' ? [e.reading] : []));
const all = (xml: string) => [...merchantFeedEvents(xml, context)];

function rss(items: string, prefix = 'g'): string {
  return `<?xml version="1.0"?>
<rss version="2.0" xmlns:${prefix}="http://base.google.com/ns/1.0"><channel><title>Shop</title><link>https://shop.example.com</link>
<image><url>https://shop.example.com/logo.png</url></image>
${items}
</channel></rss>`;
}

const kettle = `<item>
  <g:id>K-1</g:id><title><![CDATA[Kettle 1.7 L </item> & co]]></title><link>https://shop.example.com/kettle</link>
  <g:price>39.99 USD</g:price><g:sale_price>29.99 USD</g:sale_price>
  <g:availability>in_stock</g:availability><g:gtin>4006381333931</g:gtin><g:mpn>KT17</g:mpn><g:brand>Acme</g:brand>
  <g:image_link>https://shop.example.com/kettle.jpg</g:image_link><g:product_type>Kitchen &gt; Kettles</g:product_type>
  <g:shipping><g:country>GB</g:country><g:price>9.00 USD</g:price></g:shipping>
  <g:shipping><g:country>US</g:country><g:price>0 USD</g:price></g:shipping>
  <g:condition>new</g:condition>
</item>`;

describe('merchant feed items', () => {
  it('reads an RSS item: sale price, regular price as list price, shipping for the store country, GTIN, CDATA title', () => {
    const events = all(rss(kettle));
    expect(events.filter((e) => e.type !== 'reading')).toEqual([]);
    expect(readings(events)).toEqual([
      expect.objectContaining({
        url: 'https://shop.example.com/kettle',
        title: 'Kettle 1.7 L </item> & co',
        sku: 'K-1',
        gtin: '04006381333931',
        mpn: 'KT17',
        brand: 'Acme',
        image: 'https://shop.example.com/kettle.jpg',
        category: 'Kitchen > Kettles',
        price: '29.99',
        listPrice: '39.99',
        currency: 'USD',
        shippingCost: '0',
        availability: 'in_stock',
        extractedBy: 'merchant-feed',
      }),
    ]);
  });

  it('reads Atom entries and any prefix bound to the Merchant namespace', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:gm="http://base.google.com/ns/1.0"><title>Shop</title>
      <entry><gm:id>A1</gm:id><title>Toaster</title><link rel="alternate" href="https://shop.example.com/toaster"/>
      <gm:price>25,50 EUR</gm:price><gm:availability>out of stock</gm:availability><gm:gtin>123</gm:gtin></entry>
      <entry><gm:id>A2</gm:id><gm:title>Mixer</gm:title><gm:link>https://shop.example.com/mixer</gm:link><gm:price>99</gm:price>
      <gm:availability>preorder</gm:availability></entry></feed>`;
    expect(notAFeed(atom, FEED)).toBeNull();
    expect(readings(all(atom))).toEqual([
      expect.objectContaining({ url: 'https://shop.example.com/toaster', title: 'Toaster', price: '25.50', currency: 'EUR', availability: 'out_of_stock', gtin: null }),
      expect.objectContaining({ url: 'https://shop.example.com/mixer', title: 'Mixer', price: '99', currency: 'USD', availability: 'preorder' }),
    ]);
  });

  it('ignores a sale outside its effective dates, and reads backorder', () => {
    const item = `<item><g:id>S</g:id><g:title>Fan</g:title><g:link>https://shop.example.com/fan</g:link><g:price>50.00 USD</g:price>
      <g:sale_price>40.00 USD</g:sale_price><g:sale_price_effective_date>2026-01-01T00:00Z/2026-01-31T00:00Z</g:sale_price_effective_date>
      <g:availability>backorder</g:availability></item>`;
    expect(readings(all(rss(item)))).toEqual([expect.objectContaining({ price: '50.00', listPrice: null, availability: 'backorder' })]);
  });

  it('records malformed, incomplete and absurd items one by one, reads used goods as used, and reads the rest', () => {
    const items = [
      '<item><g:id>BAD<g:title>x</item>',
      '<item><g:id>NOPRICE</g:id><g:title>No price</g:title><g:link>https://shop.example.com/np</g:link></item>',
      '<item><g:id>ZERO</g:id><g:title>Zero</g:title><g:link>https://shop.example.com/zero</g:link><g:price>0.00 USD</g:price></item>',
      '<item><g:id>NOLINK</g:id><g:title>No link</g:title><g:price>5 USD</g:price></item>',
      '<item><g:id>USED</g:id><g:title>Used</g:title><g:link>https://shop.example.com/used</g:link><g:price>5 USD</g:price><g:condition>used</g:condition></item>',
      kettle,
    ].join('\n');
    const events = all(rss(items));
    // Used goods are listings of their own condition (shown apart, never compared as new), not skipped.
    expect(readings(events).map((r) => [r.url, r.condition])).toEqual([
      ['https://shop.example.com/used', 'used'],
      ['https://shop.example.com/kettle', 'new'],
    ]);
    const problems = events.filter((e) => e.type === 'record_error' || e.type === 'skipped');
    expect(problems.map((e) => (e.type === 'record_error' ? [e.kind, e.url] : [e.type, e.url]))).toEqual([
      ['source_invalid', `${FEED}#item-1`],
      ['source_invalid', 'https://shop.example.com/np'],
      ['source_absurd_price', 'https://shop.example.com/zero'],
      ['source_invalid', `${FEED}#item-4`],
    ]);
    const messages = problems.map((e) => (e.type === 'record_error' ? e.message : ''));
    expect(messages[0]).toMatch(/item 1 .*not well-formed XML/);
    expect(messages[1]).toMatch(/"NOPRICE".*price: g:price is required/);
    expect(messages[3]).toMatch(/"NOLINK".*link: g:link \(or link\) is required/);
  });

  it('tells a feed from other documents', () => {
    expect(notAFeed('<html><body>Not found</body></html>', FEED)).toMatch(/not an RSS 2.0 or Atom feed \(root element <html>\)/);
    expect(notAFeed('{"products": []}', FEED)).toMatch(/root element missing/);
  });

  it('splits items without being fooled by comments and CDATA, and reports a cut-off item', () => {
    // The streaming reader (saxes) in place of the old text splitter: same cases, same outcomes.
    const read = (text: string, maxRecordChars?: number) => {
      const reader = new XmlRecordReader({ feedUrl: FEED, maxRecordChars });
      return [...reader.write(text), ...reader.end()].map((item) =>
        item.kind === 'record' ? { number: item.record.number, fields: Object.fromEntries(item.record.fields), error: item.record.error } : item,
      );
    };
    const text = '<rss><!-- <item>no</item> --><item><g:title><![CDATA[</item>]]></g:title></item><item/><item><b>cut';
    expect(read(text)).toEqual([
      { number: 1, fields: { title: '</item>' }, error: undefined },
      { number: 2, fields: {}, error: undefined },
      { kind: 'failure', message: expect.stringMatching(/number 3 is never closed/), retryable: true },
    ]);
    expect(read(`<rss><item>${'x'.repeat(50)}</item></rss>`, 20)).toEqual([{ number: 1, fields: {}, error: expect.stringMatching(/over the 20/) }]);
  });

  it('reads a feed cut off inside an item as a failed document, so the read counts as incomplete', () => {
    const events = all(rss(`${kettle}\n<item><g:id>CUT</g:id><title>Half an item`));
    expect(readings(events).map((r) => r.url)).toEqual(['https://shop.example.com/kettle']);
    expect(events.filter((e) => e.type === 'record_error')).toEqual([]);
    const failed = events.filter((e) => e.type === 'document_error');
    expect(failed).toEqual([expect.objectContaining({ url: FEED, kind: 'source_parse', retryable: true })]);
    expect(failed[0].type === 'document_error' && failed[0].message).toMatch(/item> number 2 is never closed/);
  });

  it('reads amounts as feeds write them', () => {
    expect(feedAmount('19.99 USD', 'EUR')).toEqual({ amount: '19.99', currency: 'USD' });
    expect(feedAmount('USD 5', 'EUR')).toEqual({ amount: '5', currency: 'USD' });
    expect(feedAmount('12.00', 'EUR')).toEqual({ amount: '12.00', currency: 'EUR' });
    expect(feedAmount('1.299,00 EUR', 'EUR')).toEqual({ amount: '1299.00', currency: 'EUR' });
    expect(feedAmount('', 'EUR')).toBeNull();
  });
});
