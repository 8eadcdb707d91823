import { describe, expect, it } from 'vitest';
import { decimal, esc, indianNumber, jsonForScript, westernNumber } from '../../../crawlers/demo/format.ts';

describe('demo store formatting', () => {
  it('groups rupees the Indian way', () => {
    expect(indianNumber(12_399_900)).toBe('1,23,999');
    expect(indianNumber(1_349_900)).toBe('13,499');
    expect(indianNumber(99_900)).toBe('999');
    expect(indianNumber(1_349_950, true)).toBe('13,499.50');
  });

  it('writes euros with western grouping and exact decimals', () => {
    expect(westernNumber(129_999)).toBe('1,299.99');
    expect(decimal(495)).toBe('4.95');
    expect(decimal(0)).toBe('0.00');
  });

  it('escapes HTML and keeps JSON-LD from closing its script', () => {
    expect(esc('<b>"Tom" & Jerry\'s</b>')).toBe('&lt;b&gt;&quot;Tom&quot; &amp; Jerry&#39;s&lt;/b&gt;');
    expect(jsonForScript({ name: '</script><script>' })).not.toContain('</script>');
    expect(JSON.parse(jsonForScript({ name: '</script>' }))).toEqual({ name: '</script>' });
  });
});
