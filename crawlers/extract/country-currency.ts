// The local currency of a page's country, told by the store's country or the URL's country-code domain.
// Only used to settle ambiguous currency signs ("$" on a .tw page is TWD, "kr" on a .se page is SEK),
// never to give a currency to a price that shows none.

const LOCAL: Record<string, string> = {
  AR: 'ARS', AU: 'AUD', BR: 'BRL', CA: 'CAD', CL: 'CLP', CN: 'CNY', CO: 'COP', DK: 'DKK', EG: 'EGP', HK: 'HKD',
  ID: 'IDR', IN: 'INR', IS: 'ISK', JP: 'JPY', KR: 'KRW', LK: 'LKR', MX: 'MXN', MY: 'MYR', NO: 'NOK', NP: 'NPR',
  NZ: 'NZD', PH: 'PHP', PK: 'PKR', SE: 'SEK', SG: 'SGD', TW: 'TWD', UY: 'UYU', ZA: 'ZAR', GB: 'GBP', UK: 'GBP',
  US: 'USD', CH: 'CHF', RU: 'RUB', PL: 'PLN', CZ: 'CZK', HU: 'HUF', RO: 'RON', TR: 'TRY', UA: 'UAH', IL: 'ILS',
  TH: 'THB', VN: 'VND', SA: 'SAR', AE: 'AED', NG: 'NGN', KE: 'KES', PE: 'PEN',
};

/** The currency of `country` (ISO 3166 alpha-2), else of the URL's country-code top-level domain. */
export function localCurrency(url: string, country?: string): string | undefined {
  if (country && LOCAL[country.toUpperCase()]) return LOCAL[country.toUpperCase()];
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  const tld = /\.([a-z]{2})$/.exec(host)?.[1];
  return tld ? LOCAL[tld.toUpperCase()] : undefined;
}
