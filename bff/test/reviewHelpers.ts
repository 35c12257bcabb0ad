import { maskAccountNumber } from '@ykt/shared';
import { asc, eq } from 'drizzle-orm';
import { schema } from '../src/db/index.ts';
import { demoWorld, person, type TestEnv, useTestEnv } from './helpers.ts';

/** The service credential the tests configure for the 一卡通 system. */
export const SERVICE_KEY = 'test-ykt-service-key-0123456789';

export const JIANGBEI = '500105';
export const WANZHOU = '500101';
export const MUNICIPAL = '500000';

export function beneficiaryId(env: TestEnv, key: string): number {
  const b = env.app.services.beneficiaries.byIdNumber(person(key).idNumber);
  if (!b) throw new Error(`no beneficiary ${key}`);
  return b.id;
}

/** Every account row, by id: to prove an operation changed one account and nothing else. */
export const allAccounts = (env: TestEnv) =>
  env.app.ctx.db.select().from(schema.accounts).orderBy(asc(schema.accounts.id)).all();

export const accountOf = (env: TestEnv, key: string, districtCode: string) => {
  const id = beneficiaryId(env, key);
  const row = allAccounts(env).find((a) => a.beneficiaryId === id && a.districtCode === districtCode);
  if (!row) throw new Error(`no account of ${key} in ${districtCode}`);
  return row;
};

export const allRequests = (env: TestEnv) =>
  env.app.ctx.db.select().from(schema.changeRequests).orderBy(asc(schema.changeRequests.id)).all();

export const pendingRequestOf = (env: TestEnv, key: string) => {
  const id = beneficiaryId(env, key);
  const row = allRequests(env).find((r) => r.beneficiaryId === id && r.status === 'pending');
  if (!row) throw new Error(`no pending request of ${key}`);
  return row;
};

export const allNotifications = (env: TestEnv) =>
  env.app.ctx.db.select().from(schema.notifications).orderBy(asc(schema.notifications.id)).all();

export const allAudit = (env: TestEnv) =>
  env.app.ctx.db.select().from(schema.auditLog).orderBy(asc(schema.auditLog.id)).all();

export const auditOf = (env: TestEnv, action: string) => allAudit(env).filter((a) => a.action === action);

/** A person (and their account in one district) straight into the 一卡通 records, as a bulk import would. */
export function addAccount(
  env: TestEnv,
  who: { name: string; idNumber: string; gender?: 'male' | 'female'; birthDate?: string },
  districtCode: string,
  card: { accountNumber: string; bankCode: string },
) {
  const { db, crypto } = env.app.ctx;
  const now = new Date().toISOString();
  const existing = env.app.services.beneficiaries.byIdNumber(who.idNumber);
  const b =
    existing ??
    db
      .insert(schema.beneficiaries)
      .values({
        name: who.name,
        gender: who.gender ?? 'female',
        birthDate:
          who.birthDate ?? `${who.idNumber.slice(6, 10)}-${who.idNumber.slice(10, 12)}-${who.idNumber.slice(12, 14)}`,
        idNumberEnc: crypto.encrypt(who.idNumber),
        idNumberIdx: crypto.blindIndex(who.idNumber),
        idNumberLast4: who.idNumber.slice(-4),
        createdAt: now,
      })
      .returning()
      .get();
  return db
    .insert(schema.accounts)
    .values({
      beneficiaryId: b.id,
      districtCode,
      cardType: 'bank_card',
      bankCode: card.bankCode,
      accountNumberEnc: crypto.encrypt(card.accountNumber),
      accountNumberIdx: crypto.blindIndex(card.accountNumber),
      accountNumberMasked: maskAccountNumber(card.accountNumber),
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
}

export const accountById = (env: TestEnv, id: number) =>
  env.app.ctx.db.select().from(schema.accounts).where(eq(schema.accounts.id, id)).get();

/** Sets a bank account's status in the sandbox bank (its test control endpoint). */
export async function setBankAccount(
  env: TestEnv,
  accountNumber: string,
  bankCode: string,
  status: 'normal' | 'closed' | 'frozen',
) {
  const res = await fetch(`${env.sandbox.url}/bank/accounts/${accountNumber}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ bankCode, status }),
  });
  if (!res.ok) throw new Error(`sandbox PUT failed: ${res.status}`);
}

/**
 * Every full ID and account number of the demo world (and of extra people a test adds): none of them may appear in
 * the audit log.
 */
export function fullNumbers(extra: string[] = []): string[] {
  return [
    ...demoWorld.people.flatMap((p) => [p.idNumber, ...p.accounts.map((a) => a.accountNumber)]),
    ...demoWorld.testAccounts.map((a) => a.accountNumber),
    ...extra,
  ];
}

/** Asserts no audit row holds a full ID or account number anywhere (actor, target, detail). */
export function auditLeaks(env: TestEnv, extra: string[] = []): string[] {
  const numbers = fullNumbers(extra);
  const leaks: string[] = [];
  for (const row of allAudit(env)) {
    const text = JSON.stringify(row);
    for (const n of numbers) if (text.includes(n)) leaks.push(`${row.action}: ${n}`);
  }
  return leaks;
}

/**
 * useTestEnv with a generous bank timeout: these tests never test the timeout itself, and under the whole suite
 * running in parallel a normal bank answer can take longer than the default 300 ms.
 */
export const useReviewEnv = (overrides: Parameters<typeof useTestEnv>[0] = {}) =>
  useTestEnv({ bankTimeoutMs: 3000, ...overrides });
