// Delivery as stores write it ("Get it by Wed, 25 Nov", "Delivered in 3-5 business days", "FREE delivery")
import type { DeliveryPromise } from '../../domain/delivery.ts';
// or as schema.org OfferShippingDetails states it → days from the reading time. Pure: values in, values out.

export interface DeliveryOptions {
  /** The moment the page was read; day counts start here. Default: now. */
  fetchedAt?: Date;
}

const DAY_MS = 86_400_000;
const MAX_TEXT = 160;

const MONTHS: Record<string, number> = {};
[
  ['jan', 'january', 'januar', 'janvier', 'enero', 'gennaio', 'jänner'],
  ['feb', 'february', 'februar', 'février', 'fevrier', 'febrero', 'febbraio'],
  ['mar', 'march', 'märz', 'maerz', 'mars', 'marzo', 'mär'],
  ['apr', 'april', 'avril', 'abril', 'aprile'],
  ['may', 'mai', 'mayo', 'maggio'],
  ['jun', 'june', 'juni', 'juin', 'junio', 'giugno'],
  ['jul', 'july', 'juli', 'juillet', 'julio', 'luglio'],
  ['aug', 'august', 'août', 'aout', 'agosto'],
  ['sep', 'sept', 'september', 'septembre', 'septiembre', 'settembre'],
  ['oct', 'october', 'oktober', 'octobre', 'octubre', 'ottobre', 'okt'],
  ['nov', 'november', 'novembre', 'noviembre'],
  ['dec', 'december', 'dezember', 'décembre', 'decembre', 'diciembre', 'dicembre', 'dez'],
].forEach((names, month) => names.forEach((name) => (MONTHS[name] = month)));

const WEEKDAYS: Record<string, number> = {};
[
  ['sun', 'sunday', 'sonntag', 'dimanche', 'domingo', 'domenica', 'so'],
  ['mon', 'monday', 'montag', 'lundi', 'lunes', 'lunedì', 'mo'],
  ['tue', 'tues', 'tuesday', 'dienstag', 'mardi', 'martes', 'martedì', 'di'],
  ['wed', 'wednesday', 'mittwoch', 'mercredi', 'miércoles', 'mercoledì', 'mi'],
  ['thu', 'thur', 'thurs', 'thursday', 'donnerstag', 'jeudi', 'jueves', 'giovedì', 'do'],
  ['fri', 'friday', 'freitag', 'vendredi', 'viernes', 'venerdì', 'fr'],
  ['sat', 'saturday', 'samstag', 'samedi', 'sábado', 'sabado', 'sabato', 'sa'],
].forEach((names, day) => names.forEach((name) => (WEEKDAYS[name] = day)));

const MONTH_WORD = '([a-zà-ü]{3,10})\\.?';
const DAY_MONTH = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th|\\.)?\\s+${MONTH_WORD}`, 'iu');
const MONTH_DAY = new RegExp(`\\b${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b`, 'iu');
const NUMERIC_DATE = /\b(\d{1,2})[./](\d{1,2})(?:[./](\d{2,4}))?\b/;
const WEEKDAY_WORD = /\b(sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)(?:day|nesday|urday|sday)?\b/i;

const CUTOFF = /\b(?:order(?:ed)?|bestell\w*|commandez|ordina)\s+(?:within|in the next|before|by|innerhalb|avant|entro)\b[^.;]*[.;]?/giu;
const FREE = /(?<![\p{L}])(?:free|kostenlos|versandkostenfrei|gratis|gratuit[ea]?|gratuito|grátis|darmowa|zdarma|ingyenes)(?![\p{L}])/iu;
const UNAVAILABLE = /\b(?:currently unavailable|not available for delivery|delivery unavailable|no delivery|nicht lieferbar|indisponible)\b/iu;
const TODAY = /\b(?:today|heute|aujourd'hui|hoy|oggi|same[- ]day)\b/iu;
const TOMORROW = /\b(?:tomorrow|morgen|demain|mañana|domani|next[- ]day)\b/iu;
const DAY_AFTER = /\b(?:day after tomorrow|übermorgen|après-demain|pasado mañana|dopodomani)\b/iu;
/** Wording about the parcel leaving the store, not arriving ("Dispatched within 24 hours", "Ships in 2 days"). */
const DISPATCH = /\b(?:dispatch(?:ed|es)?|ships|shipped|versandfertig|versand in(?:nerhalb)?|expédiés?|enviado|spedito|sent within)\b/iu;
/** Free only above an order value: not free for this product on its own. */
const FREE_CONDITIONAL =
  /\b(?:free\s+(?:\w+\s+){0,2}(?:on|for)\s+(?:orders?|purchases?|spend)\s+(?:over|above|of)|free\s+(?:over|above|from)|gratuit(?:e)?\s+(?:dès|à partir)|kostenlos\s+ab|versandkostenfrei\s+ab|gratis\s+(?:a partir|desde|ab|vanaf|da))\b/iu;
/** "3-5 business days", "2 to 4 working days", "48h", "1–3 Werktage", "within 2 weeks". */
const RANGE =
  /(\d{1,3})(?:\s*(?:-|–|—|to|bis|à|a|~)\s*(\d{1,3}))?\s*(business|working|werk|arbeits|jours? ouvr|días? hábil|giorni lavorativ)?[\s-]*(days?|tage?n?|werktage?n?|arbeitstage?n?|jours?|días?|dias?|giorni|hours?|hrs?|h|stunden|heures|horas|ore|weeks?|wochen?|semaines?|semanas?|settimane?)\b/iu;

function startOfUtcDay(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

function isWeekend(ms: number): boolean {
  const day = new Date(ms).getUTCDay();
  return day === 0 || day === 6;
}

/** Calendar days needed to pass `count` business days (Mon–Fri) from `from`. */
export function businessDaysToCalendarDays(from: Date, count: number): number {
  let ms = startOfUtcDay(from);
  let days = 0;
  let left = count;
  while (left > 0 && days < 3660) {
    ms += DAY_MS;
    days += 1;
    if (!isWeekend(ms)) left -= 1;
  }
  return days;
}

/** Days from `from` to the next date with that day/month (this year, or next year once passed). */
function daysUntil(from: Date, month: number, day: number, year?: number): number | null {
  if (month < 0 || month > 11 || day < 1 || day > 31) return null;
  const start = startOfUtcDay(from);
  let y = year ?? from.getUTCFullYear();
  let target = Date.UTC(y, month, day);
  // A date more than a week in the past means next year ("Get it by 2 Jan" read on 28 Dec).
  if (year === undefined && target < start - 7 * DAY_MS) target = Date.UTC((y += 1), month, day);
  const days = Math.round((target - start) / DAY_MS);
  return days >= 0 && days <= 400 ? days : null;
}

function daysUntilWeekday(from: Date, weekday: number): number {
  const diff = (weekday - new Date(startOfUtcDay(from)).getUTCDay() + 7) % 7;
  return diff === 0 ? 7 : diff;
}

/** Dates written with a month or weekday name ("Wed, 25 Nov", "Nov 25 - Nov 30", "Friday"), as days from `from`. */
function findNamedDates(text: string, from: Date): number[] {
  const found: number[] = [];
  let rest = text;
  for (let guard = 0; guard < 2 && rest; guard += 1) {
    const dm = DAY_MONTH.exec(rest);
    const md = MONTH_DAY.exec(rest);
    const dmMonth = dm ? MONTHS[dm[2].toLowerCase()] : undefined;
    const mdMonth = md ? MONTHS[md[1].toLowerCase()] : undefined;
    const useDm = dm && dmMonth !== undefined && (!md || mdMonth === undefined || dm.index <= md.index);
    const pick = useDm
      ? { index: dm!.index, length: dm![0].length, month: dmMonth!, day: Number(dm![1]) }
      : md && mdMonth !== undefined
        ? { index: md.index, length: md[0].length, month: mdMonth, day: Number(md[2]) }
        : null;
    if (!pick) break;
    const days = daysUntil(from, pick.month, pick.day);
    if (days !== null) found.push(days);
    rest = rest.slice(pick.index + pick.length);
  }
  // "Dec 10 - 17": the second day of a range in the same month.
  if (found.length === 1) {
    const sameMonth = new RegExp(`${MONTH_DAY.source}\\s*(?:-|–|—|to|bis)\\s*(\\d{1,2})\\b(?!\\s*[./]?\\s*[a-zà-ü])`, 'iu').exec(text);
    const month = sameMonth ? MONTHS[sameMonth[1].toLowerCase()] : undefined;
    if (sameMonth && month !== undefined) {
      const days = daysUntil(from, month, Number(sameMonth[3]));
      if (days !== null && days > found[0]) found.push(days);
    }
  }
  return found;
}

/** A numeric date ("25.11.", "25/11/2026") as days from `from`, or null. */
function numericDate(text: string, from: Date): number | null {
  const numeric = NUMERIC_DATE.exec(text);
  if (!numeric) return null;
  const year = numeric[3] ? Number(numeric[3].length === 2 ? `20${numeric[3]}` : numeric[3]) : undefined;
  return daysUntil(from, Number(numeric[2]) - 1, Number(numeric[1]), year);
}

function toDays(amount: number, unit: string, business: boolean, from: Date): number {
  const u = unit.toLowerCase();
  if (/^(?:hours?|hrs?|h|stunden|heures|horas|ore)$/.test(u)) return Math.ceil(amount / 24);
  if (/^(?:weeks?|wochen?|semaines?|semanas?|settimane?)$/.test(u)) return amount * 7;
  if (business || /^(?:werktage?n?|arbeitstage?n?)$/.test(u)) return businessDaysToCalendarDays(from, amount);
  return amount;
}

/**
 * Reads delivery wording. Returns null when the text says nothing about delivery time or cost.
 * Dispatch-only wording ("Dispatched within 24 hours") gives the earliest day the parcel can arrive
 * (`minDays`); the latest stays unknown.
 */
export function parseDeliveryText(text: string | null | undefined, options: DeliveryOptions = {}): DeliveryPromise | null {
  if (typeof text !== 'string') return null;
  const clean = text.replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);
  if (!clean) return null;
  const from = options.fetchedAt ?? new Date();
  const free = FREE.test(clean) && !FREE_CONDITIONAL.test(clean);
  const result: DeliveryPromise = { minDays: null, maxDays: null, text: clean, free };
  if (UNAVAILABLE.test(clean)) return result;
  const dispatchOnly = DISPATCH.test(clean) && !/\b(?:deliver|arriv|get it|lieferung|geliefert|livr|entrega|consegn)/iu.test(clean);

  // "Order within 5 hrs" is the cut-off for the promise, not the delivery time.
  const promise = clean.replace(CUTOFF, ' ');
  let min: number | null = null;
  let max: number | null = null;
  if (DAY_AFTER.test(promise)) min = max = 2;
  else if (TOMORROW.test(promise)) min = max = 1;
  else if (TODAY.test(promise)) min = max = 0;
  else {
    // A named date is more precise than a duration; numeric dates ("25.11.") come last (they look like amounts).
    const dates = findNamedDates(promise, from);
    const range = dates.length === 0 ? RANGE.exec(promise) : null;
    const weekday = dates.length === 0 && !range ? WEEKDAY_WORD.exec(promise) : null;
    if (dates.length > 0) {
      min = Math.min(...dates);
      max = Math.max(...dates);
    } else if (range) {
      const business = Boolean(range[3]);
      const low = toDays(Number(range[1]), range[4], business, from);
      const high = range[2] ? toDays(Number(range[2]), range[4], business, from) : low;
      const within = /\b(?:within|up to|innerhalb|sous|en menos de|entro|bis zu)\s*$/iu.test(promise.slice(0, range.index));
      min = within && !range[2] ? null : Math.min(low, high);
      max = Math.max(low, high);
    } else if (weekday) {
      min = max = daysUntilWeekday(from, WEEKDAYS[weekday[1].toLowerCase()]);
    } else {
      const numeric = numericDate(promise, from);
      if (numeric !== null) min = max = numeric;
    }
  }
  if (dispatchOnly) {
    // Dispatch is not arrival: the parcel cannot arrive before it leaves, nor on the same day.
    result.minDays = max === null ? null : Math.max(1, max);
    return result.minDays === null && !free ? null : result;
  }
  result.minDays = min;
  result.maxDays = max;
  if (min === null && max === null && !free) return null;
  return result;
}

/** A schema.org QuantitativeValue ({minValue, maxValue, unitCode}) → [min, max] days. */
function quantitativeDays(value: unknown, from: Date, business: boolean): [number | null, number | null] {
  if (!value || typeof value !== 'object') return [null, null];
  const v = value as Record<string, unknown>;
  const num = (x: unknown): number | null => {
    const n = typeof x === 'number' ? x : typeof x === 'string' && /^\d+(?:\.\d+)?$/.test(x.trim()) ? Number(x) : NaN;
    return Number.isFinite(n) && n >= 0 && n < 1000 ? n : null;
  };
  const unit = typeof v.unitCode === 'string' ? v.unitCode.toUpperCase() : 'DAY';
  const scale = (n: number | null): number | null => {
    if (n === null) return null;
    if (unit === 'HUR' || unit === 'H') return Math.ceil(n / 24);
    if (unit === 'WEE' || unit === 'WK') return n * 7;
    return business ? businessDaysToCalendarDays(from, n) : n;
  };
  const exact = num(v.value);
  const min = scale(num(v.minValue) ?? exact);
  const max = scale(num(v.maxValue) ?? exact);
  return [min ?? max, max ?? min];
}

/**
 * schema.org OfferShippingDetails → delivery. handlingTime + transitTime are added and counted as
 * business days (Mon–Fri), which is what stores mean by them in practice.
 */
export function deliveryFromShippingDetails(details: unknown, options: DeliveryOptions = {}): DeliveryPromise | null {
  if (!details || typeof details !== 'object') return null;
  const d = details as Record<string, unknown>;
  const time = d.deliveryTime as Record<string, unknown> | undefined;
  const from = options.fetchedAt ?? new Date();
  let free = false;
  const rate = d.shippingRate as Record<string, unknown> | string | number | undefined;
  const rateValue = typeof rate === 'object' && rate ? rate.value ?? rate.price : rate;
  if (rateValue !== undefined && Number(rateValue) === 0) free = true;
  if (!time || typeof time !== 'object') return free ? { minDays: null, maxDays: null, text: null, free } : null;
  const [hMin, hMax] = quantitativeDays(time.handlingTime, from, false);
  const [tMin, tMax] = quantitativeDays(time.transitTime, from, false);
  if (hMin === null && tMin === null && hMax === null && tMax === null) {
    return free ? { minDays: null, maxDays: null, text: null, free } : null;
  }
  const minBusiness = (hMin ?? 0) + (tMin ?? 0);
  const maxBusiness = (hMax ?? 0) + (tMax ?? 0);
  return {
    minDays: businessDaysToCalendarDays(from, minBusiness),
    maxDays: businessDaysToCalendarDays(from, maxBusiness),
    text: null,
    free,
  };
}
