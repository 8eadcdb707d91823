// Does a fetched page look like a script-rendered shell, an HTML frame whose content only its
// JavaScript builds? Several weak signs, each scored; together they decide. Pure: HTML in, a verdict
// with its reasons out (the reasons are recorded with the store's render mode).
import * as cheerio from 'cheerio';

export interface ShellVerdict {
  shell: boolean;
  score: number;
  /** The signs seen, in words ("empty app root <div id=root>"). */
  signals: string[];
  /** Characters of visible text outside scripts, styles and noscript. */
  visibleChars: number;
}

/** A score of this or more is a shell. */
export const SHELL_THRESHOLD = 4;

/** Mount points of the common frameworks (React, Next, Nuxt, Gatsby, Vue, Angular, Svelte). */
const APP_ROOT_SELECTOR = ['#root', '#app', '#__next', '#__nuxt', '#___gatsby', '#svelte', '#main-app', '#react-root', '[data-reactroot]', '[ng-version]', 'app-root', '[data-app]'].join(', ');

const BUNDLE_SRC = /(?:\/_next\/static\/|\/_nuxt\/|\/static\/js\/|\/assets\/[\w-]+\.js|(?:^|[/._-])(?:bundle|chunk|main|app|runtime|vendors?|index)[.-][\w.-]*\.m?js)(?:[?#]|$)/i;
const NOSCRIPT_NOTICE = /(enable|turn on|requires?|needs?|activate)\s+(?:your\s+)?javascript|javascript\s+(?:is\s+)?(?:disabled|required|off)/i;

/** Scores the static HTML of a page. */
export function detectScriptShell(html: string): ShellVerdict {
  const $ = cheerio.load(html);
  const signals: string[] = [];
  let score = 0;

  const noscript = $('noscript').text();
  const body = $('body').clone();
  body.find('script, style, noscript, template, svg').remove();
  const visibleChars = body.text().replace(/\s+/g, ' ').trim().length;
  if (visibleChars < 200) {
    score += 2;
    signals.push(`${visibleChars} characters of visible text`);
  } else if (visibleChars < 600) {
    score += 1;
    signals.push(`only ${visibleChars} characters of visible text`);
  } else if (visibleChars > 2_000) {
    score -= 3; // a page with this much text was rendered on the server
  }

  const emptyRoot = $(APP_ROOT_SELECTOR)
    .toArray()
    .find((element) => $(element).children().length === 0 && $(element).text().trim() === '');
  if (emptyRoot) {
    const id = $(emptyRoot).attr('id');
    score += 3;
    const tag = String($(emptyRoot).prop('tagName') ?? 'div').toLowerCase();
    signals.push(`empty app root <${tag}${id ? ` id="${id}"` : ''}>`);
  }

  const scripts = $('script').toArray();
  const modules = scripts.filter((s) => ($(s).attr('type') ?? '').trim().toLowerCase() === 'module').length;
  const bundles = scripts.filter((s) => BUNDLE_SRC.test($(s).attr('src') ?? '')).length;
  if (modules > 0 || bundles > 0) {
    score += 1;
    signals.push([modules > 0 ? `${modules} module script(s)` : '', bundles > 0 ? `${bundles} bundle script(s)` : ''].filter(Boolean).join(', '));
  }

  if (NOSCRIPT_NOTICE.test(noscript)) {
    score += 2;
    signals.push('a <noscript> asking for JavaScript');
  }

  return { shell: score >= SHELL_THRESHOLD, score, signals, visibleChars };
}
