// Slugs for demo catalogue ids and store URLs.
import type { FamilyDefinition } from './types.ts';

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function familyId(line: Pick<FamilyDefinition, 'brand' | 'family'>): string {
  return slugify(`${line.brand} ${line.family}`);
}
