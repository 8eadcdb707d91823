import { describe, expect, it } from 'vitest';
import { dropPercent, isAboveRearmLine, isConfirmedPrice, isDeepDrop } from '../../domain/price-signal.ts';

describe('believable prices', () => {
  it('needs a second reading for a drop deeper than 30 %, and for a listing never priced before', () => {
    expect(isDeepDrop('69.99', '100')).toBe(true);
    expect(isDeepDrop('70', '100')).toBe(false);
    expect(isConfirmedPrice('10', '100', false)).toBe(false);
    expect(isConfirmedPrice('10', '100', true)).toBe(true);
    expect(isConfirmedPrice('95', '100', false)).toBe(true);
    expect(isConfirmedPrice('120', '100', false)).toBe(true);
    expect(isConfirmedPrice('50', null, false)).toBe(false);
    expect(isConfirmedPrice('50', null, true)).toBe(true);
  });

  it('measures drops in whole percent and re-arms follows only above the target plus a margin', () => {
    expect(dropPercent('75', '100')).toBe(25);
    expect(dropPercent('100', '75')).toBe(0);
    expect(dropPercent('0.7', '1')).toBe(30);
    expect(isAboveRearmLine('102', '100')).toBe(false);
    expect(isAboveRearmLine('102.01', '100')).toBe(true);
    expect(isAboveRearmLine('1000.5', '999.99')).toBe(false);
  });
});
