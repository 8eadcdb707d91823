// Row ids as one bound Postgres array parameter (`= ANY(…)`): one parameter however many ids,
// where an IN list would need one each. The ids are checked, so nothing but digits reach the text.
import { sql, type SQL } from 'drizzle-orm';

/** `{1,2,3}::bigint[]` for these ids; throws on anything but positive safe integers. */
export function idArray(ids: readonly number[]): SQL {
  for (const id of ids) {
    if (!Number.isSafeInteger(id) || id <= 0) throw new TypeError(`Expected positive integer ids, got ${String(id)}`);
  }
  return sql`${`{${ids.join(',')}}`}::bigint[]`;
}
