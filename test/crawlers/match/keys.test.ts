import { describe, expect, it } from 'vitest';
import { MATCH_KEYS_VERSION, matchKeysOf } from '../../../crawlers/match/keys.ts';
import { buildProfiles, cosine } from '../../../crawlers/match/profile.ts';
import type { MatchListing } from '../../../crawlers/match/types.ts';

const catalogue: MatchListing[] = [
  { id: '1', store: 's1', title: 'Sony WH-1000XM5 Wireless Noise Cancelling Headphones', brand: 'Sony' },
  { id: '2', store: 's2', title: 'SONY WH1000XM5 headphones black', brand: 'Sony Electronics', gtin: '4548736132610' },
  { id: '3', store: 's1', title: 'Logitech MX Master 3S Wireless Mouse Graphite', brand: 'Logitech' },
  { id: '4', store: 's2', title: 'Dell UltraSharp U2723QE 27 4K USB-C Monitor' },
  { id: '5', store: 's1', title: 'Wireless charging pad 15W' },
  { id: '6', store: 's2', title: 'Bosch Serie 4 Dishwasher SMS4HTI45E', brand: 'Bosch' },
];

describe('matchKeysOf', () => {
  it('keys a listing by its title terms, codes, code blocking keys, brand, GTIN and the key version', () => {
    const { profiles } = buildProfiles(catalogue);
    const keys = matchKeysOf(profiles[1]);
    expect(keys).toEqual(
      expect.arrayContaining([MATCH_KEYS_VERSION, 'headphones', '#wh1000xm5', 'k:wh1000xm5', '@sony', 'g:04548736132610']),
    );
    expect(matchKeysOf(profiles[4])).not.toContain(expect.stringMatching(/^g:/));
  });

  it('weighs a part of the catalogue as the whole catalogue when given its frequencies', () => {
    const whole = buildProfiles(catalogue).profiles;
    const counts = new Map<string, number>();
    for (const p of whole) for (const k of matchKeysOf(p)) counts.set(k, (counts.get(k) ?? 0) + 1);
    const part = buildProfiles(catalogue.slice(0, 2), { total: catalogue.length, of: (t) => counts.get(t) ?? 0 }).profiles;
    expect(cosine(part[0], part[1])).toBeCloseTo(cosine(whole[0], whole[1]), 10);
    // Without them the two listings alone make every shared term look rare.
    const alone = buildProfiles(catalogue.slice(0, 2)).profiles;
    expect(cosine(alone[0], alone[1])).not.toBeCloseTo(cosine(whole[0], whole[1]), 3);
  });
});
