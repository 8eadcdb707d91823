// Rules for text a store wrote, wherever it is stored or shown.

/**
 * Bidirectional formatting controls: embeddings and overrides (U+202A–U+202E), isolates
 * (U+2066–U+2069) and the direction marks (U+200E, U+200F, U+061C). A store can use them to show
 * text reversed around a price ("‮99.9€"); no product title needs them, since the page isolates
 * every scraped text itself (dir="auto"). Joiners (U+200C, U+200D) stay: Indic and Arabic scripts
 * need them.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
