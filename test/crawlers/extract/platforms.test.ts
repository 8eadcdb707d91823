import { describe, expect, it } from 'vitest';
import { extractListing } from '../../../crawlers/extract/index.ts';
import type { ExtractedListing } from '../../../crawlers/extract/types.ts';
import { fixture, FETCHED_AT } from './fixtures.ts';

function read(name: string, url = 'https://shop.example/p/1'): ExtractedListing {
  const result = extractListing(fixture(`platforms/${name}`), { url, fetchedAt: FETCHED_AT });
  if (!result.ok) throw new Error(`expected a listing, found error ${result.error.code}: ${result.error.message}`);
  return result.listing;
}

describe('product pages of shop platforms without schema.org markup', () => {
  it('WooCommerce: sku from the inline product_meta, brand and a spaced EAN from the attributes table', () => {
    expect(read('woocommerce.html')).toMatchObject({
      price: '12.50',
      sku: 'HPO-MUG-350',
      brand: 'Hollow Pine',
      gtin: '05012345678900',
      availability: 'in_stock',
    });
  });

  it('Magento: "Artikelnummer" sku, manufacturer, part number and EAN from the attributes table', () => {
    expect(read('magento.html')).toMatchObject({
      sku: 'BSH-0601868109',
      brand: 'Bosch Professional',
      mpn: '06019J4002',
      gtin: '03165140890939',
      availability: 'in_stock',
    });
  });

  it('Shopify: vendor, and sku and barcode of the variant the URL names, from the theme product JSON', () => {
    expect(read('shopify.html', 'https://northfield.example/products/trail-runner-2?variant=41002')).toMatchObject({
      brand: 'Northfield',
      sku: 'NF-TR2-10',
      gtin: '00012345678912',
    });
    // Without a variant in the URL: the first variant available.
    expect(read('shopify.html', 'https://northfield.example/products/trail-runner-2').sku).toBe('NF-TR2-10');
  });

  it('OpenCart: "Brand:" link, "Product Code:" and an "Availability: Out Of Stock" line', () => {
    expect(read('opencart.html')).toMatchObject({ price: '98.00', brand: 'Canon', sku: 'CAN-5D2', availability: 'out_of_stock' });
  });

  it('PrestaShop: "Référence" label without a colon, out of stock beside a disabled button', () => {
    expect(read('prestashop.html')).toMatchObject({ sku: 'MF-PULL-22', availability: 'out_of_stock' });
  });

  it('BigCommerce: brand element under the title, dt/dd SKU and UPC', () => {
    expect(read('bigcommerce.html')).toMatchObject({ brand: 'Lodgewood', sku: 'LW-SK26', gtin: '00036000291452' });
  });
});
