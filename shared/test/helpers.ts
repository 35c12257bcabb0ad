import fc from 'fast-check';
import { BINS, type BinEntry } from '../src/reference/index.ts';
import { luhnCheckDigit } from '../src/rules/index.ts';

/** A Luhn-valid card number of `entry`'s length and BIN, middle digits from `fill` (cycled). */
export function cardNumber(entry: Pick<BinEntry, 'bin' | 'length'>, fill: string): string {
  const middleLength = entry.length - 1 - entry.bin.length;
  const body = entry.bin + fill.padEnd(middleLength, '0').slice(0, middleLength);
  return body + luhnCheckDigit(body);
}

export const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

/**
 * A valid card number (16-19 digits, as the rules require) of a random debit BIN, optionally of
 * one bank. bcbc also lists one 15-digit BIN (招商 690755), which the 16-19 rule refuses.
 */
export const validCard = (bank?: string) =>
  fc
    .tuple(
      fc.constantFrom(...BINS.filter((b) => b.length >= 16 && b.length <= 19 && (!bank || b.bank === bank))),
      digits(19, 19),
    )
    .map(([entry, fill]) => ({ entry, number: cardNumber(entry, fill) }));

/** Replaces the digit at `index` by a different digit (shift 1..9 mod 10). */
export function changeDigit(s: string, index: number, shift: number): string {
  const d = (Number(s[index]) + shift) % 10;
  return s.slice(0, index) + String(d) + s.slice(index + 1);
}
