// `tulna bench prices <cases.jsonl>`: runs the price parser over real-world price strings (one JSON case a line,
// see shared/benchmarks/SOURCES.md) and scores amounts (exact decimal comparison) and currency text.
// Last line: `amount accuracy: 0.xxx (n/N)` over the cases not marked xfail.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parsePrice, type ParsedPrice } from '../../crawlers/normalise/price.ts';
import { canonicalDecimal, parseMachineDecimal } from '../../domain/decimal.ts';

const caseSchema = z.object({
  text: z.string().nullable(),
  currency_hint: z.string().nullable().default(null),
  decimal_separator: z.string().nullable().default(null),
  amount: z.string().nullable(),
  currency: z.string().nullable().default(null),
  xfail: z.boolean().default(false),
  list: z.string().default('(none)'),
  line: z.number().optional(),
  checks: z.array(z.string()).default(['amount', 'currency', 'amount_text']),
});
type PriceCase = z.infer<typeof caseSchema>;

function readCases(path: string): PriceCase[] {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Could not read the price cases file ${path}: ${(error as Error).message}`, { cause: error });
  }
  const cases: PriceCase[] = [];
  source.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new Error(`${path}:${index + 1}: expected a JSON object, found ${JSON.stringify(line.slice(0, 60))}`, {
        cause: error,
      });
    }
    const parsed = caseSchema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ');
      throw new Error(`${path}:${index + 1}: expected a price case (text, amount…), found: ${issues}`);
    }
    cases.push(parsed.data);
  });
  return cases;
}

/** "0012.3400" → "12.34", "-0" → "0", so amounts compare exactly; what is no plain decimal stays apart. */
function comparable(value: string | null): string | null {
  if (value === null) return null;
  const read = /[eE]/.test(value) ? undefined : parseMachineDecimal(value);
  return read?.ok ? canonicalDecimal(read.value) : `invalid:${value}`;
}

interface Outcome {
  item: PriceCase;
  got: ParsedPrice;
  amountOk: boolean;
  /** null when the case does not check the currency. */
  currencyOk: boolean | null;
}

function score(item: PriceCase): Outcome {
  const got = parsePrice(item.text, { currencyHint: item.currency_hint, decimalSeparator: item.decimal_separator });
  const amountOk = comparable(got.amount) === comparable(item.amount);
  const currencyOk = item.checks.includes('currency') ? (got.currencyText ?? null) === item.currency : null;
  return { item, got, amountOk, currencyOk };
}

const ratio = (n: number, d: number) => (d ? n / d : 0).toFixed(3);
const show = (v: unknown) => JSON.stringify(v ?? null);

function describeFailure(o: Outcome): string {
  const { item, got } = o;
  const hint = item.currency_hint !== null ? ` hint=${show(item.currency_hint)}` : '';
  const sep = item.decimal_separator !== null ? ` sep=${show(item.decimal_separator)}` : '';
  const expectedCurrency = o.currencyOk === null ? '(unchecked)' : show(item.currency);
  const marks = `${o.amountOk ? '' : '  ✗amount'}${o.currencyOk === false ? '  ✗currency' : ''}`;
  return [
    `  ${show(item.text)}${hint}${sep}`,
    `      expected amount=${show(item.amount)} currency=${expectedCurrency}`,
    `      got      amount=${show(got.amount)} currency=${show(got.currencyText)}${marks}`,
  ].join('\n');
}

/** Strings per second over repeated passes of the whole file, after a warm-up pass (at least ~0.5 s of work). */
function throughput(cases: PriceCase[]): number {
  const pass = () => {
    for (const item of cases) {
      parsePrice(item.text, { currencyHint: item.currency_hint, decimalSeparator: item.decimal_separator });
    }
  };
  pass();
  let parsed = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    pass();
    parsed += cases.length;
    elapsed = performance.now() - started;
  } while (elapsed < 500);
  return (parsed / elapsed) * 1000;
}

export async function runBench(args: string[], flags: Record<string, unknown>): Promise<number> {
  const [path] = args;
  if (!path) {
    process.stderr.write('Usage: tulna bench prices <cases.jsonl> [--limit <failures to list>] [--json]\n');
    return 2;
  }
  const shown = flags.limit === undefined ? 15 : Number(flags.limit);
  if (!Number.isInteger(shown) || shown < 0) {
    throw new TypeError(`--limit expects a whole number of failures to list, found ${show(flags.limit)}`);
  }
  const cases = readCases(path);
  process.stdout.write(`price cases ${path}: ${cases.length} (${cases.filter((c) => !c.xfail).length} expected to pass)\n`);

  const outcomes = cases.map(score);
  const passing = outcomes.filter((o) => !o.item.xfail);
  const count = (list: Outcome[], ok: (o: Outcome) => boolean | null) => list.filter((o) => ok(o) === true).length;
  const checked = (list: Outcome[]) => list.filter((o) => o.currencyOk !== null);

  process.stdout.write('\nper list (non-xfail amount, xfail amount):\n');
  const lists = [...new Set(cases.map((c) => c.list))].sort();
  for (const list of lists) {
    const all = outcomes.filter((o) => o.item.list === list);
    const ok = all.filter((o) => !o.item.xfail);
    const xf = all.filter((o) => o.item.xfail);
    process.stdout.write(
      `  ${list.padEnd(52)} ${`${count(ok, (o) => o.amountOk)}/${ok.length}`.padStart(9)}   ${
        xf.length ? `${count(xf, (o) => o.amountOk)}/${xf.length}` : '-'
      }\n`,
    );
  }

  const failures = passing.filter((o) => !o.amountOk || o.currencyOk === false);
  if (shown > 0 && failures.length > 0) {
    process.stdout.write(`\nfirst ${Math.min(shown, failures.length)} of ${failures.length} non-xfail failures:\n`);
    for (const o of failures.slice(0, shown)) process.stdout.write(`${describeFailure(o)}\n`);
  }

  const rate = throughput(cases);
  const currencyPassing = checked(passing);
  const currencyAll = checked(outcomes);
  const amountAll = count(outcomes, (o) => o.amountOk);
  const amountPassing = count(passing, (o) => o.amountOk);
  const summary = {
    cases: cases.length,
    currencyTextNonXfail: { right: count(currencyPassing, (o) => o.currencyOk), of: currencyPassing.length },
    currencyTextAll: { right: count(currencyAll, (o) => o.currencyOk), of: currencyAll.length },
    amountAll: { right: amountAll, of: outcomes.length },
    amountNonXfail: { right: amountPassing, of: passing.length },
    stringsPerSecond: Math.round(rate),
  };
  process.stdout.write('\n');
  if (flags.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  const line = (label: string, r: { right: number; of: number }) =>
    `${label}: ${ratio(r.right, r.of)} (${r.right}/${r.of})\n`;
  process.stdout.write(`throughput: ${summary.stringsPerSecond.toLocaleString('en')} strings/s\n`);
  process.stdout.write(line('currency-text accuracy (non-xfail)', summary.currencyTextNonXfail));
  process.stdout.write(line('currency-text accuracy (all)', summary.currencyTextAll));
  process.stdout.write(line('amount accuracy (all, incl. xfail)', summary.amountAll));
  process.stdout.write(line('amount accuracy', summary.amountNonXfail));
  return 0;
}
