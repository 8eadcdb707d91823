// The drill-down's floor form: the lowest item price the retailer will sell at, or blank to clear.
import { z } from 'zod';

const floorSchema = z.object({
  floor: z
    .string()
    .trim()
    .max(20)
    .transform((s) => s.replace(',', '.'))
    .refine((s) => s === '' || /^\d{1,12}(\.\d{1,2})?$/.test(s), 'expected a price such as 24.90, or blank to clear')
    .refine((s) => s === '' || Number(s) > 0, 'expected a price above zero'),
});

export type FloorForm = { ok: true; floor: string | null } | { ok: false; message: string };

export function parseFloorForm(form: FormData): FloorForm {
  const parsed = floorSchema.safeParse({ floor: String(form.get('floor') ?? '') });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'invalid floor' };
  return { ok: true, floor: parsed.data.floor === '' ? null : parsed.data.floor };
}
