import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { groupDigits } from './digits';

describe('groupDigits', () => {
  it('writes what toLocaleString("en-US") writes for every safe integer', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -99_999, max: 99_999 }),
          fc.maxSafeInteger(),
          // -0 is left out here: toLocaleString writes it "-0", and no count should read so (below).
          fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }).map((n) => -n),
        ),
        (n) => groupDigits(n) === n.toLocaleString('en-US'),
      ),
    );
    for (const n of [0, 7, 999, 1000, 12_345, 999_999, 1_000_000, -1000]) expect(groupDigits(n)).toBe(n.toLocaleString('en-US'));
  });

  it('writes negative zero as 0, not -0', () => {
    expect(groupDigits(-0)).toBe('0');
  });

  it('puts the given separator between the groups', () => {
    expect(groupDigits(212_992, '\u2009')).toBe('212\u2009992');
    expect(groupDigits(2304, '\u2009')).toBe('2\u2009304');
    expect(groupDigits(512, '\u2009')).toBe('512');
  });
});
