// Creating a pg-boss queue that other processes may be creating at the same moment: workers that
// start together do, and pg-boss's partition DDL can deadlock then. Postgres aborts one side, which
// finds the queue made by the other when it looks again.
import type PgBoss from 'pg-boss';

const ATTEMPTS = 5;

/** Creates the queue unless it exists; safe when several processes do it at once. */
export async function ensureQueue(boss: PgBoss, name: string, options: Omit<PgBoss.Queue, 'name'>): Promise<void> {
  for (let attempt = 1; !(await boss.getQueue(name)); attempt++) {
    try {
      await boss.createQueue(name, { ...options, name });
    } catch (error) {
      if (attempt >= ATTEMPTS) throw new Error(`Could not create the pg-boss queue ${name}: ${(error as Error).message}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt + Math.random() * 200));
    }
  }
}
