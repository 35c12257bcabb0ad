/** Account numbers as typed by people, and which bank a card number belongs to. */
import { type Bank, bankByCode } from '../reference/banks.ts';
import { BINS } from '../reference/bins.ts';

/** Removes all whitespace (people copy numbers grouped by 4, sometimes with full-width spaces). */
export function normalizeAccountNumber(s: string): string {
  return (s ?? '').replace(/\s+/g, '');
}

// Built once: card length -> (BIN -> bank code). A lookup is then at most one Map.get per
// possible BIN length, cheap enough to run on every keystroke.
const BY_LENGTH = new Map<number, Map<string, string>>();
let minBin = Infinity;
let maxBin = 0;
for (const { bin, bank, length } of BINS) {
  const m = BY_LENGTH.get(length) ?? new Map<string, string>();
  BY_LENGTH.set(length, m);
  m.set(bin, bank);
  minBin = Math.min(minBin, bin.length);
  maxBin = Math.max(maxBin, bin.length);
}

/**
 * The bank whose debit-card BIN is the longest prefix of the number among BINs of the same card
 * length; undefined when none matches (unknown BIN, credit card, passbook, not digits).
 */
export function bankOfAccount(accountNumber: string): Bank | undefined {
  const s = normalizeAccountNumber(accountNumber);
  const bins = BY_LENGTH.get(s.length);
  if (!bins || !/^\d+$/.test(s)) return undefined;
  for (let len = Math.min(maxBin, s.length - 1); len >= minBin; len--) {
    const code = bins.get(s.slice(0, len));
    if (code) return bankByCode(code);
  }
  return undefined;
}
