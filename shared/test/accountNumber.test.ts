import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BANKS, BINS } from '../src/reference/index.ts';
import { bankOfAccount, groupDigits, normalizeAccountNumber } from '../src/rules/index.ts';
import { cardNumber, digits } from './helpers.ts';

/** The ways people write one number: grouped by spaces of any kind, hyphens or dashes, full-width digits. */
const SEPARATORS = [' ', '  ', '\u3000', '\u00a0', '\t', '-', '\u2010', '\u2013', '\u2014', '\uff0d', '\u200b'];
const written = (n: string) =>
  fc
    .tuple(
      fc.array(fc.constantFrom('', '', ...SEPARATORS), { minLength: n.length + 1, maxLength: n.length + 1 }),
      fc.array(fc.boolean(), { minLength: n.length, maxLength: n.length }),
    )
    .map(
      ([gaps, wide]) =>
        [...n].map((d, i) => gaps[i] + (wide[i] ? String.fromCharCode(d.charCodeAt(0) + 0xfee0) : d)).join('') +
        gaps[n.length],
    );

describe('normalizeAccountNumber', () => {
  it('removes spaces of every kind, hyphens and dashes, and makes full-width digits ASCII', () => {
    expect(normalizeAccountNumber(' 6228 4800\u30000000 0000 018 ')).toBe('6228480000000000018');
    expect(normalizeAccountNumber('62-28')).toBe('6228');
    expect(normalizeAccountNumber('６２１２ ５８３０ ００５２ ７３１３')).toBe('6212583000527313');
    expect(normalizeAccountNumber('6212－5830\u200b0052—7313')).toBe('6212583000527313');
    // Letters and other scripts' digits are not guessed at: the checks refuse them.
    expect(normalizeAccountNumber('6212 abc')).toBe('6212abc');
    expect(normalizeAccountNumber('٦٢١٢')).toBe('٦٢١٢');
  });

  it('property: every way of writing a number has the one form, and normalising twice changes nothing', () => {
    fc.assert(
      fc.property(
        digits(1, 30).chain((n) => written(n).map((w) => ({ n, w }))),
        ({ n, w }) => {
          expect(normalizeAccountNumber(w)).toBe(n);
          expect(normalizeAccountNumber(normalizeAccountNumber(w))).toBe(n);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('property: never leaves a separator or a full-width digit, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
        const n = normalizeAccountNumber(s);
        expect(n).not.toMatch(/[\s\uff10-\uff19\-\u2010-\u2015\uff0d\u200b]/);
        expect(normalizeAccountNumber(n)).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('bankOfAccount', () => {
  it('knows real-looking examples', () => {
    expect(bankOfAccount('6228850000000019')?.name).toBe('重庆农村商业银行');
    expect(bankOfAccount('9400200000000011')?.code).toBe('CRCBANK');
    expect(bankOfAccount('6222 0200 0000 0000 018')?.code).toBe('ICBC');
    expect(bankOfAccount('6217000000000000012')?.code).toBe('CCB');
    expect(bankOfAccount('6228480000000000018')).toEqual({ code: 'ABC', name: '中国农业银行' });
  });

  it('handles BINs that are prefixes of others (9558 and 95588 ICBC, 955100 PSBC)', () => {
    expect(bankOfAccount('9558800000000000000')?.code).toBe('ICBC');
    expect(bankOfAccount('9558100000000000000')?.code).toBe('ICBC');
    expect(bankOfAccount('9551000000000000000')?.code).toBe('PSBC');
  });

  it('needs the card length of the BIN, and knows only debit cards', () => {
    expect(bankOfAccount('622202000000000001')).toBeUndefined(); // ICBC 622202 is 19 long
    expect(bankOfAccount('3568850000000000')).toBeUndefined(); // 招商 credit card BIN
    expect(bankOfAccount('1234567890123456')).toBeUndefined();
    expect(bankOfAccount('')).toBeUndefined();
    expect(bankOfAccount('62288500000000ab')).toBeUndefined();
  });

  it('covers every bank of BANKS', () => {
    const banks = new Set(BINS.map((b) => b.bank));
    for (const b of BANKS) expect(banks.has(b.code), b.code).toBe(true);
  });

  it('property: a number built on any known BIN is found to be of that BIN`s bank, grouped or not', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BINS), digits(19, 19), fc.boolean(), (entry, fill, grouped) => {
        const n = cardNumber(entry, fill);
        expect(n).toHaveLength(entry.length);
        expect(bankOfAccount(grouped ? groupDigits(n) : n)?.code).toBe(entry.bank);
      }),
      { numRuns: 2000 },
    );
  });

  it('is fast enough for every keystroke (100k look-ups well under a second)', () => {
    const numbers = BINS.map((b) => cardNumber(b, '1234567890123456789'));
    const start = performance.now();
    for (let i = 0; i < 100_000; i++) bankOfAccount(numbers[i % numbers.length]);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
