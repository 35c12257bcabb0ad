import { maskAccountNumber } from '@ykt/shared';
import { asc, eq } from 'drizzle-orm';
import { demoWorld, person, type TestEnv, useTestEnv } from './helpers.ts';

/** The test's database, read directly (what is really stored), and its tables. */
const db = (env: TestEnv) => env.app.db.read;
const tables = (env: TestEnv) => env.app.db.schema;

/** The service credential the tests configure for the 一卡通 system. */
export const SERVICE_KEY = 'test-ykt-service-key-0123456789';

export const JIANGBEI = '500105';
export const WANZHOU = '500101';
export const MUNICIPAL = '500000';

export async function beneficiaryId(env: TestEnv, key: string): Promise<number> {
  const b = await env.app.services.beneficiaries.byIdNumber(person(key).idNumber);
  if (!b) throw new Error(`no beneficiary ${key}`);
  return b.id;
}

/** Every account row, by id: to prove an operation changed one account and nothing else. */
export const allAccounts = (env: TestEnv) =>
  db(env)
    .select()
    .from(tables(env).accounts)
    .orderBy(asc(tables(env).accounts.id));

export const accountOf = async (env: TestEnv, key: string, districtCode: string) => {
  const id = await beneficiaryId(env, key);
  const row = (await allAccounts(env)).find((a) => a.beneficiaryId === id && a.districtCode === districtCode);
  if (!row) throw new Error(`no account of ${key} in ${districtCode}`);
  return row;
};

export const allRequests = (env: TestEnv) =>
  db(env)
    .select()
    .from(tables(env).changeRequests)
    .orderBy(asc(tables(env).changeRequests.id));

export const pendingRequestOf = async (env: TestEnv, key: string) => {
  const id = await beneficiaryId(env, key);
  const row = (await allRequests(env)).find((r) => r.beneficiaryId === id && r.status === 'pending');
  if (!row) throw new Error(`no pending request of ${key}`);
  return row;
};

export const allNotifications = (env: TestEnv) =>
  db(env)
    .select()
    .from(tables(env).notifications)
    .orderBy(asc(tables(env).notifications.id));

export const allAudit = (env: TestEnv) =>
  db(env)
    .select()
    .from(tables(env).auditLog)
    .orderBy(asc(tables(env).auditLog.id));

export const auditOf = async (env: TestEnv, action: string) => (await allAudit(env)).filter((a) => a.action === action);

/** A person (and their account in one district) straight into the 一卡通 records, as a bulk import would. */
export async function addAccount(
  env: TestEnv,
  who: { name: string; idNumber: string; gender?: 'male' | 'female' },
  districtCode: string,
  card: { accountNumber: string; bankCode: string },
) {
  const { crypto } = env.app.ctx;
  const t = tables(env);
  const now = new Date().toISOString();
  const existing = await env.app.services.beneficiaries.byIdNumber(who.idNumber);
  return env.app.db.unitOfWork(async (tx) => {
    const b =
      existing ??
      (
        await tx
          .insert(t.beneficiaries)
          .values({
            name: who.name,
            gender: who.gender ?? 'female',
            birthYear: Number(who.idNumber.slice(6, 10)),
            idNumberEnc: crypto.encrypt(who.idNumber),
            idNumberIdx: crypto.blindIndex(who.idNumber),
            idLast4Idx: crypto.idLast4Index(who.idNumber),
            createdAt: now,
          })
          .returning()
      )[0];
    const [account] = await tx
      .insert(t.accounts)
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
      .returning();
    return account;
  });
}

export const accountById = async (env: TestEnv, id: number) =>
  (
    await db(env)
      .select()
      .from(tables(env).accounts)
      .where(eq(tables(env).accounts.id, id))
  )[0];

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
export async function auditLeaks(env: TestEnv, extra: string[] = []): Promise<string[]> {
  const numbers = fullNumbers(extra);
  const leaks: string[] = [];
  for (const row of await allAudit(env)) {
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
