import { describe, expect, it } from 'vitest';
import { decodeEntities, parseAttributes, scanHtml } from '../../../crawlers/extract/html-scan.ts';
import { FOREIGN, scanPage, STRUCK } from '../../../crawlers/extract/page-scan.ts';

describe('scanHtml', () => {
  it('walks tags, text and raw-text elements in order, skipping comments', () => {
    const events: string[] = [];
    scanHtml('<p class="a">Hi <b>there</b></p><!-- <p>no</p> --><script>if (a<b) x("</p>")</script><br/>', {
      open: (name) => events.push(`<${name}>`),
      close: (name) => events.push(`</${name}>`),
      text: (raw) => events.push(raw),
      raw: (name, _attrs, content) => events.push(`raw:${name}:${content}`),
    });
    expect(events).toEqual(['<p>', 'Hi ', '<b>', 'there', '</b>', '</p>', '<script>', 'raw:script:if (a<b) x("</p>")', '</script>', '<br>']);
  });

  it('parses attributes with quotes, bare values and entities', () => {
    expect(parseAttributes(' class="a b" data-x=5 title=\'R&amp;D\' hidden')).toEqual({ class: 'a b', 'data-x': '5', title: 'R&D', hidden: '' });
    expect(decodeEntities('&pound;5 &#8364;6 &#x20AC;7 &bogus;')).toBe('£5 €6 €7 &bogus;');
  });
});

describe('scanPage', () => {
  it('flags struck-through and carousel prices and finds h1, cart buttons and stock text', () => {
    const scan = scanPage(
      '<h1>Thing</h1><s class="p">£9</s><span class="price">£7</span><div class="carousel"><span class="price">£1</span></div>' +
        '<p class="availability">In stock</p><button>Add to basket</button>',
    );
    expect(scan.h1?.text).toBe('Thing');
    expect(scan.cartButtons).toHaveLength(1);
    expect(scan.stockTexts.map((s) => s.text)).toEqual(['In stock']);
    const byText = new Map(scan.candidates.map((c) => [c.text, c.flags]));
    expect(byText.get('£7')! & (STRUCK | FOREIGN)).toBe(0);
    expect(byText.get('£1')! & FOREIGN).toBe(FOREIGN);
  });

  it('joins superscript cents to the whole part and reads price values from attributes', () => {
    const scan = scanPage('<h1>X</h1><div class="price">12<sup>99</sup> €</div><meta itemprop="price" content="12.99">');
    expect(scan.candidates.map((c) => c.text)).toEqual(expect.arrayContaining(['12.99 €', '12.99']));
  });

  it('collects visible text line by line, without scripts', () => {
    const scan = scanPage('<table><tr><th>Brand</th><td>Acme</td></tr></table><script>var brand="x"</script><p>a\n b</p>');
    expect(scan.lines).toContain('Brand\nAcme');
    expect(scan.lines).toContain('a b');
    expect(scan.lines).not.toContain('var brand');
  });
});
