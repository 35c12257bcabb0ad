/** Account numbers as typed by people, and which bank a card number belongs to. */
import { type Bank, bankByCode } from '../reference/banks.ts';
import { BINS } from '../reference/bins.ts';

/** Full-width digits ０-９ (a Chinese input method in full-width mode types these). */
const FULL_WIDTH_DIGIT = /[\uFF10-\uFF19]/g;
/**
 * What people put between digit groups: whitespace of every kind (ideographic space, no-break space), zero-width
 * characters a copy from a chat app carries, and hyphens and dashes (ASCII, Unicode, full-width).
 */
const SEPARATORS = /[\s\u200B-\u200D\u2060\-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]+/g;

/**
 * One account number, one form: the form every limit, index, comparison and bank call uses, so '6212 5830…',
 * '6212-5830…' and full-width '６２１２５８３０…' are the same card (and never three). Full-width digits become
 * ASCII digits and separators go; anything else is left for the checks to refuse.
 */
export function normalizeAccountNumber(s: string): string {
  return String(s ?? '')
    .replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(SEPARATORS, '');
}

/** The lengths banks issue, per kind: debit cards (bank card, social security card) and passbooks. */
export const ACCOUNT_NUMBER_LENGTHS = Object.freeze({
  card: Object.freeze({ min: 16, max: 19 }),
  passbook: Object.freeze({ min: 8, max: 30 }),
});

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
