// How long a stored text field may be: stores stuff whole descriptions into titles and
// hostile pages send megabytes, so the page path and the source path cut fields alike. Bidi
// controls go too: a store must not be able to show its text reversed around a price.
import { stripBidiControls } from '../../domain/text.ts';

/** Most characters kept per field of a listing reading. */
export const FIELD_CAPS = {
  title: 500,
  sku: 200,
  brand: 200,
  mpn: 200,
  seller: 200,
  image: 2_000,
  category: 300,
  deliveryText: 300,
} as const;

/** The trimmed text without bidi controls, cut to the field's cap, or null when nothing is left. */
export function capField(field: keyof typeof FIELD_CAPS, value: string | null | undefined): string | null {
  if (value == null) return null;
  const trimmed = stripBidiControls(value).trim();
  return trimmed ? trimmed.slice(0, FIELD_CAPS[field]) : null;
}
