import { describe, expect, it } from 'vitest';
import { canonicaliseUrl } from '../../../crawlers/discovery/canonical-url.ts';
import { extractLinks, isPaginationLink } from '../../../crawlers/discovery/link-extract.ts';
import { parseSitemap, SitemapParseError } from '../../../crawlers/discovery/sitemap-parse.ts';

describe('canonicaliseUrl', () => {
  it('strips fragments and tracking parameters and keeps everything else as written', () => {
    expect(canonicaliseUrl('https://Shop.Example/p/1?utm_source=x&b=2&a=1&fbclid=abc#reviews')).toBe('https://shop.example/p/1?b=2&a=1');
    expect(canonicaliseUrl('https://shop.example/p/1?utm_medium=mail')).toBe('https://shop.example/p/1');
    expect(canonicaliseUrl('/p/2?colour=red%20blue', 'https://shop.example/list')).toBe('https://shop.example/p/2?colour=red%20blue');
    expect(canonicaliseUrl('https://shop.example:443/p/3')).toBe('https://shop.example/p/3');
  });

  it('rejects non-http links', () => {
    expect(canonicaliseUrl('mailto:a@b.c')).toBeNull();
    expect(canonicaliseUrl('javascript:void(0)')).toBeNull();
    expect(canonicaliseUrl('http://')).toBeNull();
  });
});

describe('extractLinks', () => {
  const page = 'https://shop.example/kettles?page=1';
  const html = `<html><head><link rel="next" href="/kettles?page=2"><link rel="stylesheet" href="/a.css"></head>
<body><a href='/p/1?x=1&amp;y=2'>Kettle <b>one</b></a><A HREF=/p/2>two</A><a name="x">no href</a>
<a href="/kettles?page=3">3</a><a href="/blog/page/2">older</a><a href="/about">About</a></body></html>`;

  it('finds anchors and <link>s with rel, text and decoded entities', () => {
    const links = extractLinks(html, page);
    expect(links.map((link) => link.url)).toEqual([
      'https://shop.example/kettles?page=2',
      'https://shop.example/a.css',
      'https://shop.example/p/1?x=1&y=2',
      'https://shop.example/p/2',
      'https://shop.example/kettles?page=3',
      'https://shop.example/blog/page/2',
      'https://shop.example/about',
    ]);
    expect(links[0].rel).toEqual(['next']);
    expect(links[2].text).toBe('Kettle one');
  });

  it('honours <base href>', () => {
    const links = extractLinks('<base href="https://cdn.shop.example/en/"><a href="p/9">x</a>', page);
    expect(links[0].url).toBe('https://cdn.shop.example/en/p/9');
  });

  it('tells pagination from other links', () => {
    const byUrl = new Map(extractLinks(html, page).map((link) => [link.url, link]));
    const pagination = (url: string) => isPaginationLink(byUrl.get(url)!, page);
    expect(pagination('https://shop.example/kettles?page=2')).toBe(true);
    expect(pagination('https://shop.example/kettles?page=3')).toBe(true);
    expect(pagination('https://shop.example/blog/page/2')).toBe(true);
    expect(pagination('https://shop.example/about')).toBe(false);
    expect(pagination('https://shop.example/p/2')).toBe(false);
  });
});

describe('parseSitemap', () => {
  it('reads a urlset and an index, namespaces and entities included', () => {
    const urlset = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
      <url><loc> https://s.example/p/1?a=1&amp;b=2 </loc><image:image><image:loc>https://s.example/1.jpg</image:loc></image:image></url>
      <url><loc>https://s.example/p/2</loc></url></urlset>`;
    expect(parseSitemap(urlset, 'test')).toEqual({ kind: 'urlset', urls: ['https://s.example/p/1?a=1&b=2', 'https://s.example/p/2'] });
    const index = '<sitemapindex><sitemap><loc>https://s.example/a.xml.gz</loc></sitemap></sitemapindex>';
    expect(parseSitemap(index, 'test')).toEqual({ kind: 'index', sitemaps: ['https://s.example/a.xml.gz'] });
    expect(parseSitemap('<urlset></urlset>', 'test')).toEqual({ kind: 'urlset', urls: [] });
  });

  it('reads a text sitemap', () => {
    expect(parseSitemap('https://s.example/p/1\nhttps://s.example/p/2\n', 'test')).toEqual({
      kind: 'text',
      urls: ['https://s.example/p/1', 'https://s.example/p/2'],
    });
  });

  it('names the source and the problem for something else', () => {
    expect(() => parseSitemap('<html><body>Not a sitemap</body></html>', 'https://s.example/sitemap.xml')).toThrow(
      /sitemap\.xml has root element <html>/,
    );
    expect(() => parseSitemap('{"json": true}', 'x.xml')).toThrow(SitemapParseError);
  });
});
