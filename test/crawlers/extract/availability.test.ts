import { describe, expect, it } from 'vitest';
import { extractListing } from '../../../crawlers/extract/index.ts';
import { FETCHED_AT } from './fixtures.ts';

function availability(body: string): string {
  const result = extractListing(`<h1>Watch PRW-3100</h1><span class="price">259,00 €</span>${body}`, { url: 'https://shop.example/p/1', fetchedAt: FETCHED_AT });
  if (!result.ok) throw new Error(`expected a listing, found error ${result.error.code}: ${result.error.message}`);
  return result.listing.availability;
}

describe('availability from what the page shows', () => {
  it('reads a bare stock line under the price, in several languages', () => {
    expect(availability('<form><p>En Stock</p><p>Livré chez vous dès le 04/12</p></form>')).toBe('in_stock');
    expect(availability('<div><p>Out of stock</p></div>')).toBe('out_of_stock');
    expect(availability('<div><p>Only 3 left</p></div>')).toBe('limited');
    expect(availability('<div><p>Availability: Pre-order</p></div>')).toBe('preorder');
  });

  it('does not read option, delivery or buy-button lines as stock lines', () => {
    expect(availability('<p>Available in 3 colours</p>')).toBe('unknown');
    expect(availability('<p>Free delivery available</p>')).toBe('unknown');
    expect(availability('<p>Check store stock</p>')).toBe('unknown');
  });

  it('reads a buy button turned into "Sold out" or "Pre-order"', () => {
    expect(availability('<button type="submit" name="add" class="product-form__submit" disabled><span>Sold out</span></button>')).toBe('out_of_stock');
    expect(availability('<button class="btn-buy">Pre-order</button>')).toBe('preorder');
  });

  it('counts a bare link whose text is an add-to-cart phrase as a buy control', () => {
    expect(availability('<div class="buyBtn"><a href="javascript:buy_process(\'x\')">加入購物車</a></div>')).toBe('in_stock');
  });

  it('keeps stock labels toggled inside a buy button out of the stock lines', () => {
    expect(availability('<a class="add-to-basket"><span>Add to basket</span><span class="oos">Out of stock</span></a>')).toBe('in_stock');
  });
});
