import { describe, expect, it } from 'vitest';
import { stripBidiControls } from '../../domain/text.ts';

describe('stripBidiControls', () => {
  it('removes overrides, embeddings, isolates and marks, and keeps joiners and scripts', () => {
    expect(stripBidiControls('Galaxy \u202Eevil\u202C S24')).toBe('Galaxy evil S24');
    expect(stripBidiControls('\u2066a\u2067b\u2068c\u2069\u200E\u200F\u061C')).toBe('abc');
    expect(stripBidiControls('क्‍ष and \u0644\u0627 \u200C')).toBe('क्‍ष and \u0644\u0627 \u200C');
  });
});
