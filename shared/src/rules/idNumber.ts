/** GB 11643-1999 公民身份号码: 6-digit area, 8-digit birth date, 3-digit sequence, check char. */
import { ID_CARD_AREA_CODES, PROVINCE_CODES } from '../reference/districts.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export const ID_MESSAGES = {
  empty: '请输入身份证号',
  length: '身份证号应为18位',
  format: '身份证号应为17位数字加最后1位数字或X',
  area: '身份证号地区码不正确',
  birthDate: '身份证号中的出生日期不正确',
  checkDigit: '身份证号校验位不正确',
} as const;

/** MOD 11-2 check character of the first 17 digits ('X' stands for 10). Throws on bad input. */
export function idCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new TypeError('idCheckDigit: exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export type ParsedIdNumber =
  | { ok: true; birthDate: string; gender: 'male' | 'female'; areaCode: string }
  | { ok: false; message: string };

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Checks a 18-character ID number and reads what it says. Lowercase x is accepted (people type it);
 * surrounding spaces are ignored. "Not in the future" uses the local calendar date of `today`
 * (run the server in Asia/Shanghai, or pass a date built for it).
 */
export function parseIdNumber(id: string, today: Date = new Date()): ParsedIdNumber {
  const s = (id ?? '').trim().toUpperCase();
  if (s === '') return { ok: false, message: ID_MESSAGES.empty };
  if (s.length !== 18) return { ok: false, message: ID_MESSAGES.length };
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, message: ID_MESSAGES.format };

  const areaCode = s.slice(0, 6);
  // Other provinces: only the prefix (their county lists are not kept here). Chongqing: the
  // codes ever issued, old county codes included, since an ID keeps its code for life.
  const areaOk = areaCode.startsWith('50')
    ? ID_CARD_AREA_CODES.has(areaCode)
    : PROVINCE_CODES.has(areaCode.slice(0, 2));
  if (!areaOk) return { ok: false, message: ID_MESSAGES.area };

  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const realDate = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  const birthDate = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
  const todayStr = `${pad(today.getFullYear(), 4)}-${pad(today.getMonth() + 1, 2)}-${pad(today.getDate(), 2)}`;
  if (!realDate || y < 1900 || birthDate > todayStr) return { ok: false, message: ID_MESSAGES.birthDate };

  if (idCheckDigit(s.slice(0, 17)) !== s[17]) return { ok: false, message: ID_MESSAGES.checkDigit };

  // 17th digit (顺序码 last digit): odd for men, even for women.
  const gender = (s.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female';
  return { ok: true, birthDate, gender, areaCode };
}
