// The settings page's two forms, checked with zod: repricing rules for one store, and alerts.
import { z } from 'zod';
import { REPRICING_STRATEGIES, RETAILER_ALERT_KINDS, type RepricingStrategy, type RetailerAlertKind } from '../../../db/retailers-schema.ts';

const optionalWhole = (name: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .transform((s) => (s === '' ? null : s))
    .refine((s) => s === null || /^\d{1,3}$/.test(s), `expected ${name} as a whole number`)
    .transform((s) => (s === null ? null : Number(s)))
    .refine((n) => n === null || (n >= min && n <= max), `expected ${name} from ${min} to ${max}`);

const rulesSchema = z
  .object({
    store: z.string().trim().min(1).max(100),
    strategy: z.enum(REPRICING_STRATEGIES),
    beatBy: z
      .string()
      .trim()
      .max(20)
      .transform((s) => (s === '' ? null : s.replace(',', '.')))
      .refine((s) => s === null || /^\d{1,10}(\.\d{1,2})?$/.test(s), 'expected "beat by" as an amount such as 0.50 or a percentage such as 2'),
    maxAboveMedianPercent: optionalWhole('the median limit', 0, 500),
    maxDailyChangePercent: optionalWhole('the daily change limit', 1, 100),
  })
  .refine((r) => r.strategy === 'match' || r.beatBy !== null, { message: 'say how much to beat the cheapest by', path: ['beatBy'] })
  .refine((r) => r.strategy !== 'beat_percent' || r.beatBy === null || Number(r.beatBy) <= 50, { message: 'expected a percentage up to 50', path: ['beatBy'] });

export interface RulesForm {
  store: string;
  strategy: RepricingStrategy;
  beatBy: string | null;
  maxAboveMedianPercent: number | null;
  maxDailyChangePercent: number | null;
}

const alertsSchema = z.object({
  kinds: z.array(z.enum(RETAILER_ALERT_KINDS)).max(RETAILER_ALERT_KINDS.length),
  email: z.boolean(),
  dailyDigest: z.boolean(),
  webhookUrl: z
    .string()
    .trim()
    .max(2000)
    .transform((s) => (s === '' ? null : s))
    .refine((s) => {
      if (s === null) return true;
      try {
        const url = new URL(s);
        return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
      } catch {
        return false;
      }
    }, 'expected an http(s) address without credentials'),
});

export interface AlertsForm {
  kinds: RetailerAlertKind[];
  email: boolean;
  dailyDigest: boolean;
  webhookUrl: string | null;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'form'}: ${issue.message}` : 'invalid form';
}

export function parseRulesForm(form: FormData): Parsed<RulesForm> {
  const text = (name: string) => String(form.get(name) ?? '');
  const parsed = rulesSchema.safeParse({
    store: text('store'),
    strategy: text('strategy'),
    beatBy: text('beatBy'),
    maxAboveMedianPercent: text('maxAboveMedianPercent'),
    maxDailyChangePercent: text('maxDailyChangePercent'),
  });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: firstIssue(parsed.error) };
}

export function parseAlertsForm(form: FormData): Parsed<AlertsForm> {
  const parsed = alertsSchema.safeParse({
    kinds: form.getAll('kinds').map(String),
    email: form.get('email') === 'on',
    dailyDigest: form.get('dailyDigest') === 'on',
    webhookUrl: String(form.get('webhookUrl') ?? ''),
  });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: firstIssue(parsed.error) };
}
