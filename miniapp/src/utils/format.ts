import { formatChongqingTime, groupDigits } from '@ykt/shared';

/** Display helpers. Times arrive as ISO 8601. */

/** '2023-07-17T06:59:20.000Z' -> '2023-07-17 14:59:20', in Chongqing's time whatever the phone's zone. */
export const formatTime = (iso: string | null | undefined) => formatChongqingTime(iso);

export function districtLabel(code: string, name: string): string {
  return `[${code}] ${name}`;
}

export const GENDER_LABELS = { male: '男', female: '女' } as const;

/**
 * An account number for display, grouped in fours. A masked one (first 4 + last 4, from the BFF) is shown the
 * way bank apps do, "6222 **** **** 4737", whatever its length; a full one as "6222 0231 0002 5814 737".
 */
export function displayAccount(accountNumber: string): string {
  const s = (accountNumber ?? '').replace(/\s+/g, '');
  if (s.includes('*') && s.length > 8) return `${s.slice(0, 4)} **** **** ${s.slice(-4)}`;
  return groupDigits(s);
}
