// Column builders every table file shares: exact money, time zones, and the money check.
import { sql, type SQL } from 'drizzle-orm';
import { numeric, timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { MAX_PRICE, MIN_PRICE, MONEY_PRECISION, MONEY_SCALE } from '../domain/price.ts';

/** Money columns: up to 14 integer digits and 4 decimals (covers ₹, ¥ and fractional unit prices). */
export const money = (name: string) => numeric(name, { precision: MONEY_PRECISION, scale: MONEY_SCALE });

/**
 * The check of a money column: NULL or a valid price (domain/price.ts, the rule extraction and the sources
 * apply); `zero` also lets 0 pass, for shipping (free shipping is a real cost).
 */
export function validMoney(column: AnyPgColumn, { zero = false } = {}): SQL {
  const price = sql`(${column} >= ${sql.raw(MIN_PRICE)} AND ${column} <= ${sql.raw(MAX_PRICE)})`;
  return zero ? sql`${column} IS NULL OR ${column} = 0 OR ${price}` : sql`${column} IS NULL OR ${price}`;
}

export const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
