import { describe, expect, it } from 'vitest';
import { backoffDelayMs, parseRetryAfterMs } from '../../../crawlers/core/backoff.ts';
import { detectBlock } from '../../../crawlers/core/block-detect.ts';
import { decodeBody, detectCharset } from '../../../crawlers/core/charset.ts';
import { contentTypeMismatch } from '../../../crawlers/core/content-type.ts';
import { robotsToken, userAgent } from '../../../crawlers/core/user-agent.ts';
import { createFetcher } from '../../../crawlers/core/fetcher.ts';
import { FetcherOptionsError } from '../../../crawlers/core/errors.ts';
import { politeness } from './fetcher-fixture.ts';

describe('backoff', () => {
  it('uses full jitter under an exponential ceiling with a cap', () => {
    expect(backoffDelayMs(0, 500, 30_000, () => 0.999)).toBe(499);
    expect(backoffDelayMs(3, 500, 30_000, () => 0.999)).toBe(3996);
    expect(backoffDelayMs(10, 500, 30_000, () => 0.999)).toBe(29_970);
    expect(backoffDelayMs(3, 500, 30_000, () => 0)).toBe(0);
  });

  it('reads Retry-After as seconds or an HTTP-date', () => {
    const now = Date.parse('Mon, 23 Nov 2026 12:00:00 GMT');
    expect(parseRetryAfterMs('5', now)).toBe(5000);
    expect(parseRetryAfterMs('Mon, 23 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfterMs('Mon, 23 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfterMs('soon', now)).toBeNull();
    expect(parseRetryAfterMs(null, now)).toBeNull();
  });
});

describe('detectBlock', () => {
  it('tells challenge pages from error pages', () => {
    expect(detectBlock(403, '<h1>Access Denied</h1><p>Reference #18.abc</p>')).toBe('Access Denied');
    expect(detectBlock(503, '<div class="cf-challenge">Just a moment...</div>')).not.toBeNull();
    expect(detectBlock(403, '<h1>403 Forbidden</h1>')).toBeNull();
    expect(detectBlock(500, '<h1>captcha</h1>')).toBeNull();
  });

  it('spots a 200 wall but not a product page with a review captcha', () => {
    expect(detectBlock(200, '<title>Are you a robot?</title><body>…</body>')).not.toBeNull();
    expect(detectBlock(200, '<html><body><p>Please verify you are human</p></body></html>')).not.toBeNull();
    const product = '<script type="application/ld+json">{"@type":"Product","name":"Kettle"}</script><div class="g-recaptcha"></div>';
    expect(detectBlock(200, product)).toBeNull();
  });
});

describe('charset', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it('prefers the BOM, then the header, then <meta>, then the XML declaration, then UTF-8', () => {
    expect(detectCharset(new Uint8Array([0xef, 0xbb, 0xbf, 0x3c]), 'text/html; charset=iso-8859-1')).toBe('utf-8');
    expect(detectCharset(bytes('<meta charset="shift_jis">'), 'text/html; charset=euc-kr')).toBe('euc-kr');
    expect(detectCharset(bytes('<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'), 'text/html')).toBe('shift_jis');
    expect(detectCharset(bytes('<?xml version="1.0" encoding="ISO-8859-2"?><urlset/>'), 'application/xml')).toBe('iso-8859-2');
    expect(detectCharset(bytes('<p>plain</p>'), 'text/html; charset=bogus-charset')).toBe('utf-8');
  });

  it('decodes windows-1252 punctuation correctly', () => {
    expect(decodeBody(new Uint8Array([0x80, 0x93, 0x94, 0xe9]), 'text/html; charset=windows-1252')).toBe('€“”é');
  });
});

describe('contentTypeMismatch', () => {
  const html = new TextEncoder().encode('<html></html>');
  it('accepts HTML for html and sniffs a missing type', () => {
    expect(contentTypeMismatch('html', 'text/html; charset=utf-8', html)).toBeNull();
    expect(contentTypeMismatch('html', '', html)).toBeNull();
    expect(contentTypeMismatch('html', 'application/json', html)).toMatch(/application\/json/);
  });

  it('accepts XML, text and gzip for xml', () => {
    expect(contentTypeMismatch('xml', 'application/xml', html)).toBeNull();
    expect(contentTypeMismatch('xml', 'application/x-gzip', new Uint8Array([0x1f, 0x8b]))).toBeNull();
    expect(contentTypeMismatch('xml', 'application/octet-stream', new Uint8Array([0x1f, 0x8b]))).toBeNull();
    expect(contentTypeMismatch('xml', 'image/png', new Uint8Array([0x89]))).not.toBeNull();
  });

  it('accepts JSON types for json, sniffs a missing or generic type, and refuses an HTML page', () => {
    const json = new TextEncoder().encode(' {"products": []}');
    expect(contentTypeMismatch('json', 'application/json; charset=utf-8', json)).toBeNull();
    expect(contentTypeMismatch('json', 'application/ld+json', json)).toBeNull();
    expect(contentTypeMismatch('json', '', json)).toBeNull();
    expect(contentTypeMismatch('json', 'text/plain', new TextEncoder().encode('[1]'))).toBeNull();
    expect(contentTypeMismatch('json', 'text/html', html)).toBe('expected JSON, got "text/html"');
    expect(contentTypeMismatch('json', '', html)).toBe('expected JSON, got "(none)"');
  });
});

describe('user agent and options', () => {
  it('is honest and yields the robots token', () => {
    expect(userAgent()).toMatch(/^TulnaBot\/\S+ \(\+https:\/\/\S+; price comparison\)$/);
    expect(robotsToken(userAgent())).toBe('TulnaBot');
  });

  it('rejects bad options at the door with the field and value', () => {
    expect(() => createFetcher({ userAgent: '', politeness: politeness() })).toThrow(FetcherOptionsError);
    expect(() => createFetcher({ userAgent: 'TulnaBot', politeness: politeness({ concurrency: 0 }) })).toThrow(/politeness.*concurrency/);
    expect(() => createFetcher({ userAgent: 'TulnaBot', politeness: politeness(), maxRedirects: -1 } as never)).toThrow(/maxRedirects.*-1/);
  });
});
