import { describe, expect, it } from 'vitest';
import { isBrandInText, isBrandValue, stripBrandLabel } from '../../domain/brand-label.ts';

describe('the one brand-label rule', () => {
  it('takes labels and bylines off, in every language of the one word list', () => {
    expect(stripBrandLabel('Brand: Tefal')).toBe('Tefal');
    expect(stripBrandLabel('See more from Brand: Panasonic')).toBe('Panasonic');
    expect(stripBrandLabel('Brand name: Acme')).toBe('Acme');
    // Once only in the markup path's list, once only in the page-text one: now in all three.
    expect(stripBrandLabel('Značka: Sencor')).toBe('Sencor');
    expect(stripBrandLabel('Hersteller: Bosch')).toBe('Bosch');
    expect(stripBrandLabel('by Sony')).toBe('Sony');
    expect(stripBrandLabel('par Moulinex')).toBe('Moulinex');
    expect(stripBrandLabel('Visit the Anker Store')).toBe('Anker');
    expect(stripBrandLabel('  Philips  ')).toBe('Philips');
  });

  it('keeps a name that only looks like a shop word, and names without a label as they are', () => {
    expect(stripBrandLabel('Shop')).toBe('Shop');
    expect(stripBrandLabel('Brandt')).toBe('Brandt');
    expect(stripBrandLabel('Marken-Discount GmbH')).toBe('Marken-Discount GmbH');
  });

  it('refuses links, type names and labels as brands; page text must also be a short name', () => {
    for (const value of ['https://shop.example/brands/bosch', '//cdn.example/x', 'Brand', 'Organization', 'n/a', '-', 'Marke', '']) {
      expect(isBrandValue(value), value).toBe(false);
    }
    expect(isBrandValue('Shenzhen Yongli Electronic Technology Co., Ltd.')).toBe(true);
    expect(isBrandInText('Shenzhen Yongli Electronic Technology Co., Ltd.')).toBe(false);
    expect(isBrandInText('1234')).toBe(false);
    expect(isBrandInText('Model:')).toBe(false);
    expect(isBrandInText('De’Longhi')).toBe(true);
  });
});
