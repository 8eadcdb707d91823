// The hourly sweep of account secrets, on both databases: expired sessions go, live ones stay;
// reset links go a day after they were used or ran out, not before (the hourly limit counts them).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/client.ts';
import { sweepAccountSecrets } from '../../../crawlers/accounts/sweep.ts';
import { createAccount } from '../../../db/queries/accounts/accounts.ts';
import { createReset } from '../../../db/queries/accounts/password-resets.ts';
import { createSession, resolveSession } from '../../../db/queries/accounts/sessions.ts';
import { openTestDatabase, testDrivers, type TestDbHandle } from '../../helpers/db.ts';

const DAY = 86_400_000;

describe.each(testDrivers)('account sweep on %s', (driver) => {
  let handle: TestDbHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(driver);
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
  });

  it('deletes expired sessions and stale reset links only', async () => {
    const db = handle.db;
    const now = new Date();
    const account = await createAccount(db, { email: 'sweep@example.com', password: 'a long enough password', role: 'retailer' }, new Date(now.getTime() - 41 * DAY));
    const old = await createSession(db, account.id, new Date(now.getTime() - 40 * DAY));
    const live = await createSession(db, account.id, now);
    const recent = await createReset(db, account.id, new Date(now.getTime() - 2 * 3_600_000));
    const stale = await createReset(db, account.id, new Date(now.getTime() - 3 * DAY));
    expect(recent && stale).toBeTruthy();

    expect(await sweepAccountSecrets(db, now)).toEqual({ sessions: 1, resets: 1 });
    expect(await resolveSession(db, live.secret, now)).toBeDefined();
    expect(await resolveSession(db, old.secret, now)).toBeUndefined();
    const left = await queryRows<{ id: number }>(db, sql`SELECT id FROM password_resets ORDER BY id`);
    expect(left.map((row) => Number(row.id))).toEqual([recent!.resetId]);
    expect(await sweepAccountSecrets(db, now)).toEqual({ sessions: 0, resets: 0 });
  });
});
