import { normalizeAccountNumber } from '@ykt/shared';
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Schema } from '../db/database.ts';
import { validationFailed } from '../lib/errors.ts';
import type { FieldCrypto } from '../lib/fieldCrypto.ts';
import type { Scope } from './caseworkers.ts';

// The caseworkers' query fields, shared by the review queue and the accounts list.

/**
 * 身份证号 in a query: the full 18 characters by blind index, the last 4 by their keyed index (what a caseworker
 * reads off a masked list). Anything else cannot be searched without decrypting every row: refused, clearly.
 */
export function idNumberCondition(schema: Schema, crypto: FieldCrypto, input: string): SQL {
  const id = input.replace(/\s+/g, '').toUpperCase();
  const b = schema.beneficiaries;
  if (/^\d{17}[\dX]$/.test(id)) return sql`${b.idNumberIdx} = ${crypto.blindIndex(id)}`;
  if (/^\d{3}[\dX]$/.test(id)) return sql`${b.idLast4Idx} = ${crypto.idLast4Index(id)}`;
  throw validationFailed({ idNumber: '请输入完整的18位身份证号码，或身份证号码后4位' });
}

/** 银行账号 in a query: equality by blind index of the one normal form (the number is encrypted at rest). */
export function accountNumberIndex(crypto: FieldCrypto, input: string): string {
  const n = normalizeAccountNumber(input);
  if (!/^\d{6,40}$/.test(n)) throw validationFailed({ accountNumber: '请输入完整的银行账号（数字）' });
  return crypto.blindIndex(n);
}

/** 姓名 / 申请人姓名: the whole name or its beginning (what caseworkers type), never any substring. */
export function namePrefix(field: 'name' | 'applicantName', input: string): string {
  const name = input.replace(/\s+/g, '');
  if (name === '') throw validationFailed({ [field]: '请输入姓名或姓名的开头' });
  return name;
}

/** The rows of the caller's districts only; undefined (no condition) for the municipal caseworker. */
export function inScope(scope: Scope, districtColumn: SQLWrapper): SQL | undefined {
  return scope.all ? undefined : sql`${districtColumn} = ${scope.districtCode}`;
}

/** Whether a district code is within the caller's scope. */
export const districtInScope = (scope: Scope, districtCode: string) => scope.all || scope.districtCode === districtCode;
