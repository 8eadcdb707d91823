// Loads the hand-written HTML fixtures of the extraction tests.
import { readFileSync } from 'node:fs';

export function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/pages/extract/${name}`, import.meta.url), 'utf8');
}

/** A fixed reading time: Monday 23 November 2026, 10:00 UTC. */
export const FETCHED_AT = new Date('2026-11-23T10:00:00Z');
