import { normalizeAccountNumber } from '@ykt/shared';
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { schema } from '../db/index.ts';
import { validationFailed } from '../lib/errors.ts';
import type { FieldCrypto } from '../lib/fieldCrypto.ts';
import type { Scope } from './caseworkers.ts';

/** `column LIKE %text%`, with LIKE's wildcards in the text taken literally. */
export function contains(column: SQLWrapper, text: string): SQL {
  const escaped = text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
  return sql`${column} like ${`%${escaped}%`} escape '\\'`;
}

/**
 * 身份证号 in a query: the full 18 characters are looked up by blind index, the last 4 by the stored last-4
 * column (what a caseworker reads off a masked list). Anything else cannot be searched without decrypting
 * every row, so it is refused with a clear message.
 */
export function idNumberCondition(crypto: FieldCrypto, input: string): SQL {
  const id = input.replace(/\s+/g, '').toUpperCase();
  if (/^\d{17}[\dX]$/.test(id)) return sql`${schema.beneficiaries.idNumberIdx} = ${crypto.blindIndex(id)}`;
  if (/^\d{3}[\dX]$/.test(id)) return sql`${schema.beneficiaries.idNumberLast4} = ${id}`;
  throw validationFailed({ idNumber: '请输入完整的18位身份证号码，或身份证号码后4位' });
}

/** 银行账号 in a query: equality by blind index (the number is encrypted at rest). */
export function accountNumberIndex(crypto: FieldCrypto, input: string): string {
  const n = normalizeAccountNumber(input);
  if (!/^\d{6,40}$/.test(n)) throw validationFailed({ accountNumber: '请输入完整的银行账号（数字）' });
  return crypto.blindIndex(n);
}

/** The rows of the caller's districts only; undefined (no condition) for the municipal caseworker. */
export function inScope(scope: Scope, districtColumn: SQLWrapper): SQL | undefined {
  return scope.all ? undefined : sql`${districtColumn} = ${scope.districtCode}`;
}

/** Whether a district code is within the caller's scope. */
export const districtInScope = (scope: Scope, districtCode: string) => scope.all || scope.districtCode === districtCode;

/**
 * Long digit runs (a full ID or account number someone typed into free text) masked before the text goes to
 * the audit log: the first 4 and last 4 stay.
 */
export function redactNumbers(text: string): string {
  return text.replace(/\d[\d\s]{10,}[\dXx]/g, (m) => {
    const s = m.replace(/\s+/g, '');
    return s.length < 12 ? m : `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`;
  });
}
