import { groupDigits } from '@ykt/shared';

/** Display helpers. Times arrive as ISO 8601 and are shown in the phone's local time (China). */

const pad = (n: number) => String(n).padStart(2, '0');

/** '2023-07-17T06:59:20.000Z' -> '2023-07-17 14:59:20' (in Asia/Shanghai). */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

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
