// The Atom writer (src/lib/atom.ts): escaping, invalid characters, required elements.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { escapeXml, renderAtomFeed, stripInvalidXmlChars } from '../../src/lib/atom.ts';

describe('atom writer', () => {
  it('escapes the five XML specials and drops characters XML 1.0 cannot hold', () => {
    expect(escapeXml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f');
    expect(stripInvalidXmlChars('ok\u0000\u0001\u0008\u000B\u001F\uFFFE\uFFFF\uD800 tab\tnl\n😀é')).toBe('ok tab\tnl\n😀é');
  });

  it('writes a valid feed whose texts read back exactly', () => {
    const xml = renderAtomFeed({
      id: 'tag:example.org,2026:feed',
      title: 'Feed & <friends>',
      author: 'A "quoted" author',
      fallbackUpdated: new Date('2026-01-01T00:00:00Z'),
      links: [{ rel: 'self', href: 'https://example.org/feed?a=1&b=2' }],
      entries: [
        { id: 'tag:example.org,2026:1', title: '</title><script>x</script>', updated: new Date('2026-02-01T00:00:00Z'), link: 'https://example.org/p/1?x="y"', summary: "it's \u0002fine" },
        { id: 'tag:example.org,2026:2', title: 'Second', updated: new Date('2026-03-01T00:00:00Z') },
      ],
    });
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toContain('<script>');
    const feed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (n) => n === 'entry' }).parse(xml).feed;
    expect(feed.title['#text']).toBe('Feed & <friends>');
    expect(feed.updated).toBe('2026-03-01T00:00:00.000Z');
    expect(feed.author.name).toBe('A "quoted" author');
    expect(feed.link['@href']).toBe('https://example.org/feed?a=1&b=2');
    expect(feed.entry[0].title['#text']).toBe('</title><script>x</script>');
    expect(feed.entry[0].summary['#text']).toBe("it's fine");
    expect(feed.entry[0].link['@href']).toBe('https://example.org/p/1?x="y"');
  });

  it('needs an updated date even without entries', () => {
    expect(() => renderAtomFeed({ id: 'x', title: 't', author: 'a', entries: [] })).toThrow(TypeError);
    const empty = renderAtomFeed({ id: 'x', title: 't', author: 'a', entries: [], fallbackUpdated: new Date(0) });
    expect(XMLValidator.validate(empty)).toBe(true);
    expect(empty).toContain('<updated>1970-01-01T00:00:00.000Z</updated>');
  });
});
