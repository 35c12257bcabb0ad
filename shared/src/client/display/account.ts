import { groupDigits } from '../../rules/mask.ts';

/**
 * An account number as people read it, in groups of four. A masked one (first 4 and last 4 digits, as the BFF
 * sends it) is shown the way bank apps do, "6222 **** **** 4737", whatever its length, so the two ends the
 * owner recognises stand apart; a full one as "6222 0231 0002 5814 737".
 */
export function displayAccount(accountNumber: string | null | undefined): string {
  const s = (accountNumber ?? '').replace(/\s+/g, '');
  const masked = /^(\d{4})\*+(\d{4})$/.exec(s);
  return masked ? `${masked[1]} **** **** ${masked[2]}` : groupDigits(s);
}
