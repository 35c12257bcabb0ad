import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhnCheckDigit, luhnValid } from '../src/rules/index.ts';
import { changeDigit, digits } from './helpers.ts';

describe('luhn', () => {
  it('knows the classic examples', () => {
    // 79927398713: the textbook example (check digit 3).
    expect(luhnCheckDigit('7992739871')).toBe('3');
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('4111111111111111')).toBe(true);
    // By hand: doubling the odd positions of 622848000000000001 gives 6+4+2+7+4+7+2 = 32, so 8.
    expect(luhnCheckDigit('622848000000000001')).toBe('8');
    expect(luhnValid('6228480000000000018')).toBe(true);
  });

  it('rejects what is not a digit string of 2 or more', () => {
    for (const s of ['', '0', '4111 1111 1111 1111', '411111111111111a', '４１１１']) expect(luhnValid(s)).toBe(false);
    expect(() => luhnCheckDigit('')).toThrow();
    expect(() => luhnCheckDigit('12a')).toThrow();
  });

  it('property: the computed check digit makes the number valid, and it is the only one', () => {
    fc.assert(
      fc.property(digits(1, 30), (body) => {
        const check = luhnCheckDigit(body);
        expect(luhnValid(body + check)).toBe(true);
        for (const other of '0123456789') if (other !== check) expect(luhnValid(body + other)).toBe(false);
      }),
    );
  });

  it('property: changing any single digit of a valid number makes it invalid', () => {
    fc.assert(
      fc.property(digits(1, 25), fc.nat(), fc.integer({ min: 1, max: 9 }), (body, pos, shift) => {
        const n = body + luhnCheckDigit(body);
        const changed = changeDigit(n, pos % n.length, shift);
        expect(luhnValid(changed)).toBe(false);
      }),
    );
  });
});
