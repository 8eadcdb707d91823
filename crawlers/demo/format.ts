// Text helpers for the demo stores' templates: HTML escaping, money as each store writes it, dates.

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function esc(value: string | number | null | undefined): string {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => htmlEscapes[ch]);
}

/** JSON for a <script type="application/ld+json"> block: "<" escaped so no text can close the script. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** Exact decimal string from minor units: 1349900 → "13499.00". */
export function decimal(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(Math.round(minor));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Indian digit grouping: 12399900 → "1,23,999" (whole rupees) or "1,23,999.00" with decimals. */
export function indianNumber(minor: number, withDecimals = false): string {
  const [whole, cents] = decimal(minor).split('.');
  const last3 = whole.slice(-3);
  const rest = whole.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, ',');
  const grouped = rest ? `${rest},${last3}` : last3;
  return withDecimals ? `${grouped}.${cents}` : grouped;
}

/** Western grouping with two decimals: 129999 → "1,299.99". */
export function westernNumber(minor: number): string {
  const [whole, cents] = decimal(minor).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const weekdaysLong = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A calendar date in the store's time zone (fixed offset from UTC). */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
  weekday: number;
}

export function localDate(timeMs: number, offsetMinutes: number, addDays = 0): LocalDate {
  const d = new Date(timeMs + offsetMinutes * 60_000 + addDays * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** "Wed, 25 Nov" */
export function shortDate(date: LocalDate): string {
  return `${weekdays[date.weekday]}, ${date.day} ${months[date.month]}`;
}

/** "25 Nov, Wednesday" */
export function dayFirstDate(date: LocalDate): string {
  return `${date.day} ${months[date.month]}, ${weekdaysLong[date.weekday]}`;
}

/** "2026-11-25" */
export function isoDate(date: LocalDate): string {
  return `${date.year}-${String(date.month + 1).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** Start of the local day containing `timeMs`, as a UTC timestamp. */
export function startOfLocalDay(timeMs: number, offsetMinutes: number): number {
  const shifted = timeMs + offsetMinutes * 60_000;
  return shifted - (shifted % 86_400_000) - offsetMinutes * 60_000;
}
