// Currency as written ("₹", "Rs.", "US$", "руб.") → ISO 4217, with a hint for the ambiguous ones ("$", "kr", "¥").
// Pure and table-driven: the table is indexed once by first character, and one pass over a string finds its tokens.

/** A currency token found in a string. */
export interface CurrencyMatch {
  /** The token as written ("US$", "руб.", "EUR"). */
  text: string;
  /** Offset of the token in the searched string. */
  index: number;
  end: number;
  /** ISO 4217 codes the token can stand for, most likely first; empty for currencies without one (₿, toman). */
  codes: readonly string[];
  /** True when the first code may be assumed without a hint ("$" → USD); false for "kr", "¥", "Rs"… */
  hasDefault: boolean;
  /**
   * Weak tokens (one or two Latin letters, lower-case ISO codes, currency words such as "pound") are only
   * taken as a currency next to a number or when they are the whole string: "1 KM" yes, "KM from shop" no.
   */
  weak: boolean;
}

interface TokenInfo {
  codes: readonly string[];
  hasDefault: boolean;
  weak: boolean;
}

// ISO 4217 active codes, plus the recent and euro-legacy ones still seen on pages.
const ISO_CODES = (
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD ' +
  'CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL ' +
  'GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD ' +
  'KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR ' +
  'NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN ' +
  'SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UYW UZS VED VES VND VUV WST XAF XCD XCG XOF ' +
  'XPF ZAR ZMW ZWG ZWL ' +
  'ATS BEF BYR CYP DEM EEK ESP FIM FRF GRD HRK IEP ITL LTL LUF LVL MRO MTL NLG PTE SIT SKK STD VEF ZMK'
).split(' ');

/** Codes that are also words, brands or abbreviations: only read next to a number ("ALL", "TOP", "AMD", "PHP"). */
const WORDLIKE_CODES = new Set('ALL AMD BAM BOB COP CUP DOP ERN GEL LAK MAD MOP NAD PEN PHP SAR SOS STD TOP TRY'.split(' '));

/** Currencies whose minor unit has three digits: "KD 1.500" is one and a half dinars. */
const THREE_DECIMALS = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);
/** Currencies written without decimals in practice. */
const ZERO_DECIMALS = new Set(
  'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF IDR IRR LAK MMK KPW'.split(' '),
);

const DOLLARS = (
  'USD CAD AUD NZD SGD HKD TWD MXN ARS CLP COP UYU BBD BMD BND BSD BZD FJD GYD JMD KYD LRD NAD SBD SRD TTD ' +
  'XCD ZWL CUC CUP DOP NIO MOP BOB TOP WST BRL'
).split(' ');

/**
 * The table. Each row: tokens separated by "|", then the codes ("?" first = no default without a hint).
 * Token prefixes: "~" weak (see CurrencyMatch.weak), "^" also match its lower-case, upper-case and
 * capitalised forms; "stem+ending+ending" matches the inflected words, reported as the stem ("рублей" → "руб").
 * One or two Latin letters, and single letters of any script, are weak automatically.
 */
const TABLE: ReadonlyArray<readonly [string, string]> = [
  // Dollars and other "$" currencies.
  ['$|＄', DOLLARS.join(' ')],
  ['US$|US $|U$S|U$|USD$', 'USD'],
  ['A$|AU$|AU $|AUD$', 'AUD'],
  ['C$', 'CAD NIO'],
  ['CA$|CAN$|Can$', 'CAD'],
  ['NZ$|NZD$', 'NZD'],
  ['HK$', 'HKD'],
  ['S$|SG$', 'SGD'],
  ['NT$|~NT|NTD|~ntd', 'TWD'],
  ['MX$|Mex$', 'MXN'],
  ['R$', 'BRL'],
  ['RD$', 'DOP'],
  ['J$', 'JMD'],
  ['TT$', 'TTD'],
  ['BZ$', 'BZD'],
  ['Bds$', 'BBD'],
  ['BD$', 'BMD'],
  ['EC$', 'XCD'],
  ['FJ$', 'FJD'],
  ['G$|GY$', 'GYD'],
  ['L$', 'LRD'],
  ['N$', 'NAD'],
  ['SI$', 'SBD'],
  ['T$', 'TOP'],
  ['WS$', 'WST'],
  ['Z$', 'ZWL'],
  ['CI$', 'KYD'],
  ['CUC$', 'CUC'],
  ['MOP$', 'MOP'],
  ['$U', 'UYU'],
  ['$b', 'BOB'],
  ['COL$|Col$', 'COP'],
  ['CLP$', 'CLP'],
  ['ARS$', 'ARS'],
  ['~^dollar|~^dollars', DOLLARS.join(' ')],
  // Euro, pound, yen, yuan, rupee…
  ['€|^euro|^euros', 'EUR'],
  ['£|￡|~^pound|~^pounds|~^stg', 'GBP'],
  ['₤', '? ITL GBP'],
  ['¥|￥', '? JPY CNY'],
  ['円|~^yen', 'JPY'],
  ['元|圆|圓|人民币|RMB|~^yuan', 'CNY'],
  ['₹|~र|रु|रू|~^rupee|~^rupees', 'INR'],
  ['Rs|Rs.|rs.|~Re|₨', '? INR PKR LKR NPR MUR SCR'],
  ['ரூ|රු', '? LKR INR'],
  ['৳|টাকা|~Tk', 'BDT'],
  ['₩|원|~^won', 'KRW'],
  ['₫|~đ|~Đ|VNĐ|VNđ|vnđ|^đồng', 'VND'],
  ['฿|บาท|~^baht', 'THB'],
  ['₱|Php|PhP', 'PHP'],
  ['Rp|Rp.', 'IDR'],
  ['RM', 'MYR'],
  ['₪|ש"ח|ש״ח|ש\'ח|~^nis|~^shekel|~^shekels', 'ILS'],
  ['₺|TL|YTL|~^lira', 'TRY'],
  // Central and Eastern Europe.
  ['Kč|Kc|~^korun|~^koruna', 'CZK'],
  ['zł|Zł|ZŁ|~zl|~Zl|~^złoty|~^zloty', 'PLN'],
  ['~Ft|~^forint', 'HUF'],
  ['^lei|~^leu', 'RON MDL'],
  ['Lek|~^lekë', 'ALL'],
  ['~kn|~^kuna', 'HRK'],
  ['~KM|КМ', 'BAM'],
  ['лв|лв.|~^leva', 'BGN'],
  ['ден|ден.|ДЕН', 'MKD'],
  ['дин|дин.|Дин|Дин.|~din|~din.|^dinara|^dinar', '? RSD MKD'],
  ['₽|руб+ль+ля+лей+лях+лям+лями|руб.|Руб|Руб.|РУБ|~р|~р.|~Р|~^rubles|~^ruble|~^rouble|~^roubles|~Rbl', 'RUB BYN'],
  // Legacy and informal codes that stores still write for the current currency.
  ['RUR|~rur', 'RUB'],
  ['~Br|~Br.', 'BYN ETB'],
  ['₴|грн|грн.|Грн|ГРН|~^hrn|~^hrivna|~^hryvnia', 'UAH'],
  ['^kr|^kr.|~^kronor|~^krona|~^krone|~^kroner', '? SEK NOK DKK ISK'],
  ['SFr|SFr.|sFr|Fr.|~Fr|~^franken', 'CHF'],
  ['₣|~^franc|~^francs', '? CHF XOF XAF'],
  // Former Soviet Union, Caucasus, Central Asia.
  ['₸|тг|тңг|~^tenge|теңге', 'KZT'],
  ['₾|ლარი|~ლ|~^lari', 'GEL'],
  ['֏|դր.|դր', 'AMD'],
  ['₼|ман.|манат', 'AZN'],
  ['сом|~^som', 'KGS'],
  ['сўм|сум|so\'m|soʻm|so‘m', 'UZS'],
  ['лей', 'MDL'],
  ['₮|төг', 'MNT'],
  // Middle East and North Africa.
  ['د.ك|دينار كويتي|~KD', 'KWD'],
  ['.د.ب|د.ب|~BD', 'BHD'],
  ['ر.ع|ر.ع.|~RO', 'OMR'],
  ['د.أ|د.ا|دينار أردني|~JD', 'JOD'],
  ['د.ت|~DT', 'TND'],
  ['ل.د|د.ل|~LD', 'LYD'],
  ['ع.د|د.ع', 'IQD'],
  ['د.ج|دج', 'DZD'],
  ['د.م|د.م.', 'MAD'],
  ['د.إ|~Dhs|~Dh|~DH', 'AED MAD'],
  ['درهم|~^dirham|~^dirhams', '? AED MAD'],
  ['دينار', '? KWD BHD JOD IQD LYD TND DZD'],
  ['ر.س|~SR', 'SAR'],
  ['ر.ق|~QR', 'QAR'],
  ['ر.ي', 'YER'],
  ['ريال|﷼|~^riyal|~^riyals|~^rial', '? SAR QAR OMR YER IRR'],
  ['ریال', 'IRR'],
  ['تومان', ''],
  ['ل.ل|~LL', 'LBP'],
  ['ل.س', 'SYP'],
  ['ج.م|E£', 'EGP'],
  ['ج.س|ج.س.', 'SDG'],
  ['جنيه', '? EGP SDG SSP'],
  ['ش.ج', 'ILS'],
  ['؋|افغانی|~Af|Afs', 'AFN'],
  // Africa.
  ['~R', 'ZAR'],
  ['~^rand', 'ZAR'],
  ['₦|~^naira', 'NGN'],
  ['₵|GH₵|GH¢|~^cedi|~^cedis', 'GHS'],
  ['KSh|KShs|Ksh|Kshs', 'KES'],
  ['TSh|Tsh', 'TZS'],
  ['USh|Ush', 'UGX'],
  ['FRw|~RF|R₣|RWF', 'RWF'],
  ['FBu|Fbu', 'BIF'],
  ['Fdj', 'DJF'],
  ['Nfk|ናቕፋ|نافكا', 'ERN'],
  ['ብር', 'ETB'],
  ['CFA|FCFA', '? XOF XAF'],
  ['~FG', 'GNF'],
  ['~Ar', 'MGA'],
  ['~MT', 'MZN'],
  ['~MK', 'MWK'],
  ['~Db', 'STN'],
  ['~UM', 'MRU'],
  ['~ZK', 'ZMW'],
  ['~Kz', 'AOA'],
  ['~Esc', 'CVE'],
  // Americas, Asia-Pacific and the rest.
  ['S/.|S/', 'PEN'],
  ['B/.', 'PAB'],
  ['~Bs|~Bs.|Bs.S|Bs.F', '? VES BOB'],
  ['₲|~Gs', 'PYG'],
  ['₡', 'CRC'],
  ['~Q', 'GTQ'],
  ['ƒ|~Afl', '? ANG AWG'],
  ['~Rf', 'MVR'],
  ['Nu.|~Nu', 'BTN'],
  ['៛', 'KHR'],
  ['₭|~^kip', 'LAK'],
  ['~Ks', 'MMK'],
  ['~VT|~Vt', 'VUV'],
  // No ISO code: the text is still reported.
  ['₿|Ƀ|BTC|XBT', ''],
  ['₶|¢', ''],
];

interface Entry extends TokenInfo {
  token: string;
  /** What is reported: the token, or its stem for inflected words ("рублей" → "руб"). */
  report: string;
  /** The token starts / ends with a letter, so it must not touch another letter there ("RENAULT" holds no "EUR"). */
  boundedStart: boolean;
  boundedEnd: boolean;
}

const LETTER = /[\p{L}\p{M}]/u;
const ASCII_LETTERS = /^[A-Za-z]+$/;

function variants(token: string): string[] {
  const lower = token.toLowerCase();
  const upper = token.toUpperCase();
  const title = lower.charAt(0).toUpperCase() + lower.slice(1);
  return [...new Set([token, lower, upper, title])];
}

/** Tokens indexed by their first character, longest first, so "US$" wins over "U" and "руб." over "руб". */
function compile(): Map<string, Entry[]> {
  const info = new Map<string, TokenInfo>();
  const stems = new Map<string, string>();
  const add = (token: string, entry: TokenInfo) => {
    if (!info.has(token)) info.set(token, entry);
  };
  for (const [tokens, codeList] of TABLE) {
    const parts = codeList.split(' ').filter(Boolean);
    const hasDefault = parts[0] !== '?';
    const codes = parts.filter((c) => c !== '?');
    for (let token of tokens.split('|')) {
      const [stem, ...endings] = token.split('+');
      if (endings.length > 0) {
        for (const ending of endings) stems.set(stem.replace(/^[~^]+/, '') + ending, stem.replace(/^[~^]+/, ''));
        token = stem;
      }
      let weak = false;
      let cased = false;
      for (;;) {
        if (token.startsWith('~') && token.length > 1) (weak = true), (token = token.slice(1));
        else if (token.startsWith('^') && token.length > 1) (cased = true), (token = token.slice(1));
        else break;
      }
      const short = (ASCII_LETTERS.test(token) && token.length <= 2) || (token.length === 1 && LETTER.test(token));
      for (const form of cased ? variants(token) : [token]) {
        add(form, { codes, hasDefault: hasDefault && codes.length > 0, weak: weak || short });
      }
    }
  }
  for (const [word, stem] of stems) {
    const entry = info.get(stem);
    if (entry) for (const form of variants(word)) add(form, entry);
  }
  for (const code of ISO_CODES) {
    add(code, { codes: [code], hasDefault: true, weak: WORDLIKE_CODES.has(code) });
    const lower = code.toLowerCase();
    if (!WORDLIKE_CODES.has(code)) add(lower, { codes: [code], hasDefault: true, weak: true });
  }
  const byFirst = new Map<string, Entry[]>();
  for (const [token, entry] of info) {
    const first = token.charAt(0);
    const list = byFirst.get(first) ?? [];
    const stemOf = stems.get(token.toLowerCase());
    list.push({
      ...entry,
      token,
      report: stemOf ? token.slice(0, stemOf.length) : token,
      boundedStart: LETTER.test(first),
      boundedEnd: LETTER.test(token.charAt(token.length - 1)),
    });
    byFirst.set(first, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.token.length - a.token.length);
  return byFirst;
}

const TOKENS = compile();
const ISO_SET = new Set(ISO_CODES);
/** Longest string searched for currency tokens: prices are short, and junk must not cost time. */
export const MAX_CURRENCY_SCAN = 2048;

const DIGIT = /\d/;
// Between a number and its currency: a few spaces or colons, after the "no cents" dash of "1.198,- kr".
const GAP_BEFORE = /(?:[.,][-–—]{1,2})?[\s:]{0,12}$/u;
const GAP_AFTER = /^[\s:]{0,12}/u;

/** True when a digit sits next to the token, across a little white space (markup text wraps) or a colon. */
function touchesNumber(text: string, index: number, end: number): boolean {
  const before = text.slice(Math.max(0, index - 16), index);
  const gapBefore = GAP_BEFORE.exec(before)![0].length;
  if (index - gapBefore > 0 && DIGIT.test(text.charAt(index - gapBefore - 1))) return true;
  const gapAfter = GAP_AFTER.exec(text.slice(end, end + 12))![0].length;
  const next = text.charAt(end + gapAfter);
  return DIGIT.test(next) || (/[.,]/.test(next) && DIGIT.test(text.charAt(end + gapAfter + 1)));
}

/**
 * Every currency token in `text`, left to right. Weak tokens are kept only when they touch a number or are
 * the whole (trimmed) string.
 */
export function findCurrencies(text: string | null | undefined): CurrencyMatch[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const scan = text.length > MAX_CURRENCY_SCAN ? text.slice(0, MAX_CURRENCY_SCAN) : text;
  const trimmed = scan.trim();
  const found: CurrencyMatch[] = [];
  for (let i = 0; i < scan.length; i += 1) {
    const entries = TOKENS.get(scan[i]);
    if (!entries) continue;
    for (const entry of entries) {
      const end = i + entry.token.length;
      if (!scan.startsWith(entry.token, i)) continue;
      if (entry.boundedStart && i > 0 && LETTER.test(scan[i - 1])) continue;
      if (entry.boundedEnd && end < scan.length && LETTER.test(scan[end])) continue;
      if (entry.weak && entry.token !== trimmed && !touchesNumber(scan, i, end)) continue;
      found.push({ text: entry.report, index: i, end, codes: entry.codes, hasDefault: entry.hasDefault, weak: entry.weak });
      i = end - 1;
      break;
    }
  }
  return found;
}

/**
 * The currency a string states: the leftmost token, except that an ambiguous symbol ("$", "kr") gives way to
 * an ISO code of the same string that it can stand for ("$1,190.00 AUD" → "AUD", "SGD$4.90" → "SGD").
 */
export function pickCurrency(matches: readonly CurrencyMatch[]): CurrencyMatch | null {
  const first = matches[0];
  if (!first) return null;
  if (first.codes.length > 1 || !first.hasDefault) {
    const code = matches.find((m) => ISO_SET.has(m.text) && first.codes.includes(m.text));
    if (code) return code;
  }
  return first;
}

/** The ISO code a hint stands for: an ISO code itself ("CAD", "cad"), or a currency text ("CA$", "€"). */
export function hintCode(hint: string | null | undefined): string | null {
  if (typeof hint !== 'string') return null;
  const trimmed = hint.trim();
  if (/^[A-Za-z]{3}$/.test(trimmed) && ISO_SET.has(trimmed.toUpperCase())) return trimmed.toUpperCase();
  const match = pickCurrency(findCurrencies(trimmed));
  return match && match.codes.length === 1 && match.hasDefault ? match.codes[0] : null;
}

/**
 * The ISO code for a token, using `hint` (an ISO code or a currency text) to settle ambiguous ones:
 * "$" with hint "CAD" → "CAD"; "kr" with hint "NOK" → "NOK"; "kr" alone → null; "$" alone → "USD".
 */
export function resolveCurrency(match: CurrencyMatch | null, hint?: string | null): string | null {
  return resolveWithCode(match, hintCode(hint));
}

/** resolveCurrency with the hint already read as an ISO code (`hintCode(hint)`), or null. */
export function resolveWithCode(match: CurrencyMatch | null, code: string | null): string | null {
  if (!match) return code;
  if (code && match.codes.includes(code)) return code;
  return match.hasDefault ? match.codes[0] : null;
}

/**
 * ISO 4217 code for a currency as written ("EUR", "€", "Rs.", "US$", "руб"), or null when it cannot be told.
 * `hint` is the store's ISO currency (or a currency text) and settles "$", "kr", "¥", "Rs"…
 */
export function normaliseCurrency(text: string | null | undefined, hint?: string | null): string | null {
  if (typeof text !== 'string') return hintCode(hint);
  const trimmed = text.trim();
  if (/^[A-Za-z]{3}$/.test(trimmed) && ISO_SET.has(trimmed.toUpperCase())) return trimmed.toUpperCase();
  const match = pickCurrency(findCurrencies(trimmed));
  return match ? resolveCurrency(match, hint) : null;
}

/** Digits of the minor unit when they differ from two: 3 for KWD, 0 for JPY; 2 otherwise. */
export function minorUnitDigits(code: string | null | undefined): number {
  if (!code) return 2;
  if (THREE_DECIMALS.has(code)) return 3;
  if (ZERO_DECIMALS.has(code)) return 0;
  return 2;
}

/** Three-decimal currencies whose shops write a decimal comma, French style ("1 299,000 DT", "12,500 DT"). */
const COMMA_MINOR_MARK = new Set(['TND']);

/**
 * The mark before a three-digit minor unit: "." for KWD ("KD 1.250" is one and a quarter dinars), "," for TND;
 * null for every currency without three decimals, where "1.250" is a thousands group.
 */
export function minorUnitMark(code: string | null | undefined): '.' | ',' | null {
  if (!code || !THREE_DECIMALS.has(code)) return null;
  return COMMA_MINOR_MARK.has(code) ? ',' : '.';
}

/** True when `code` is a known ISO 4217 code (current or recent). */
export function isIsoCurrency(code: string | null | undefined): boolean {
  return typeof code === 'string' && ISO_SET.has(code);
}
