// The script-shell heuristic on small pages of each kind: the frames frameworks ship (React,
// Next.js, Nuxt, Angular, a plain module app) are shells; pages rendered on the server, a page
// with tracking <noscript> tags, a short "not found" page and broken markup are not.
import { describe, expect, it } from 'vitest';
import { detectScriptShell, SHELL_THRESHOLD } from '../../../crawlers/browser/shell-detect.ts';

const doc = (head: string, body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title>${head}</head><body>${body}</body></html>`;
const prose = (words: number) => Array.from({ length: words }, (_, i) => `word${i}`).join(' ');

const SHELLS: Record<string, string> = {
  'create-react-app': doc(
    '<script defer src="/static/js/main.4f2c1a.js"></script>',
    '<noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div>',
  ),
  'next.js, client-rendered': doc('<script src="/_next/static/chunks/main-a1b2.js" defer></script>', '<div id="__next"></div>'),
  nuxt: doc('<script type="module" src="/_nuxt/entry.3e1f.js"></script>', '<div id="__nuxt"></div>'),
  angular: doc('<script src="runtime.8a7b.js" type="module"></script><script src="main.9c0d.js" type="module"></script>', '<app-root></app-root>'),
  'vite module app': doc('<script type="module" src="/assets/index-Dk3j2.js"></script>', '<div id="app"></div>'),
  'noscript notice and almost no text': doc(
    '<script src="/bundle.js"></script>',
    '<div class="spinner">Loading…</div><noscript>This store requires JavaScript. Please turn on JavaScript in your browser.</noscript>',
  ),
  'the demo script store': doc(
    '<link rel="stylesheet" href="/assets/app.css"><script type="module" src="/assets/app.js"></script>',
    '<noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div>',
  ),
};

const NOT_SHELLS: Record<string, string> = {
  'a server-rendered product page': doc(
    '<script type="application/ld+json">{"@type":"Product","name":"Kettle"}</script><script src="/static/js/main.1.js"></script>',
    `<div id="root"><header><a href="/">Shop</a></header><main><h1>Steel Kettle 1.5 L</h1><p class="price">₹1,299</p><p>${prose(400)}</p></main></div>`,
  ),
  'next.js rendered on the server (a filled __next)': doc(
    '<script src="/_next/static/chunks/main-a1b2.js" defer></script>',
    `<div id="__next"><main><h1>Phones</h1><ul>${Array.from({ length: 30 }, (_, i) => `<li><a href="/p/${i}">Phone model ${i} with 128 GB storage</a></li>`).join('')}</ul></main></div>`,
  ),
  'a page with tracking noscript tags': doc(
    '<script async src="https://www.googletagmanager.com/gtm.js?id=GTM-X"></script>',
    `<noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-X" height="0" width="0"></iframe></noscript><main><h1>About us</h1><p>${prose(200)}</p></main>`,
  ),
  'a short not-found page': doc('', '<h1>Not found</h1><p>No page here. Go <a href="/">home</a>.</p>'),
  'an empty document': '',
  'broken markup': '<html><head><title>Broken <b>kettle</head><body><div><p>Price: ₹<span>1,299<div></table></body',
};

describe('detectScriptShell', () => {
  for (const [name, html] of Object.entries(SHELLS)) {
    it(`calls ${name} a shell`, () => {
      const verdict = detectScriptShell(html);
      expect(verdict.shell, JSON.stringify(verdict)).toBe(true);
      expect(verdict.score).toBeGreaterThanOrEqual(SHELL_THRESHOLD);
      expect(verdict.signals.length).toBeGreaterThan(0);
    });
  }
  for (const [name, html] of Object.entries(NOT_SHELLS)) {
    it(`does not call ${name} a shell`, () => {
      const verdict = detectScriptShell(html);
      expect(verdict.shell, JSON.stringify(verdict)).toBe(false);
    });
  }

  it('says why, in words that can be recorded', () => {
    const verdict = detectScriptShell(SHELLS['create-react-app']);
    expect(verdict.signals).toEqual([
      '0 characters of visible text',
      'empty app root <div id="root">',
      '1 bundle script(s)',
      'a <noscript> asking for JavaScript',
    ]);
    expect(verdict.visibleChars).toBe(0);
  });

  it('does not count script, style or noscript text as visible', () => {
    const html = doc(`<style>${'.a{color:red}'.repeat(200)}</style>`, `<script>${'var x = 1;'.repeat(300)}</script><noscript>${prose(300)}</noscript><div id="root"></div>`);
    expect(detectScriptShell(html).visibleChars).toBe(0);
    expect(detectScriptShell(html).shell).toBe(true);
  });
});
