import {
  bankName,
  checkAccountNumber,
  checkBankCode,
  checkCardType,
  districtName,
  maskAccountNumber,
  maskIdNumber,
  NOTIFICATION_KIND_LABELS,
  normalizeAccountNumber,
  noticeMessage,
  redactLongNumbers,
} from '@ykt/shared';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { qualified, type ReadDb, type Tx, tablesOf } from '../db/database.ts';
import { accountLocked, notFound, validationFailed } from '../lib/errors.ts';
import { iso } from '../lib/time.ts';
import { writeAudit } from './audit.ts';
import type { Scope } from './caseworkers.ts';
import type { Actor, ServiceContext } from './context.ts';
import { type OutsideMessage, writeNotice } from './notices.ts';
import { after, cappedTotal, decodeCursor, encodeCursor } from './paging.ts';
import { accountNumberIndex, districtInScope, idNumberCondition, inScope, namePrefix } from './reviewFilters.ts';

type Schema = typeof import('../db/pg/schema.ts');
export type Account = Schema['accounts']['$inferSelect'];
type CardType = Account['cardType'];

/** What makes an account invalid (the notification `kind`). */
export type InvalidationKind = 'crediting_failure' | 'manual_validation' | 'scheduled_validation';

/** Bank failure codes that say the account itself is unusable: every district's account with that number goes. */
export const ACCOUNT_UNUSABLE_CODES = ['ACCOUNT_CLOSED', 'ACCOUNT_FROZEN', 'ACCOUNT_NOT_FOUND'] as const;
export const isAccountUnusable = (failureCode: string | null | undefined) =>
  (ACCOUNT_UNUSABLE_CODES as readonly string[]).includes(failureCode ?? '');

export interface AccountQuery {
  name?: string;
  idNumber?: string;
  accountNumber?: string;
  districtCode?: string;
  cursor?: string;
  pageSize: number;
}

export interface AccountEdit {
  cardType?: string;
  bankCode?: string;
  accountNumber?: string;
}

/** Whether the beneficiary has a pending 渝快办 change: every 一卡通 operation on their accounts is refused (rule 6). */
export async function isLocked(db: ReadDb | Tx, beneficiaryId: number): Promise<boolean> {
  const cr = tablesOf(db).changeRequests;
  const [row] = await db
    .select({ id: cr.id })
    .from(cr)
    .where(and(eq(cr.beneficiaryId, beneficiaryId), eq(cr.status, 'pending')))
    .limit(1);
  return row !== undefined;
}

/** The accounts of this card: the same person's accounts, in any district, with the same number and still valid. */
export async function sameCardAccounts(tx: Tx, account: Pick<Account, 'beneficiaryId' | 'accountNumberIdx'>) {
  const a = tablesOf(tx).accounts;
  return tx
    .select()
    .from(a)
    .where(
      and(
        eq(a.beneficiaryId, account.beneficiaryId),
        eq(a.accountNumberIdx, account.accountNumberIdx),
        eq(a.status, 'valid'),
      ),
    )
    .orderBy(asc(a.districtCode));
}

/** The 说明 of an invalidation: the kind's one wording once, then the words given (numbers in them redacted). */
export function invalidationReason(kind: InvalidationKind, detail: string): string {
  const label = `${NOTIFICATION_KIND_LABELS[kind]}：`;
  const text = redactLongNumbers(detail.trim());
  return noticeMessage(kind, text.startsWith(label) ? text.slice(label.length) : text);
}

/**
 * The one invalidation, for 上卡失败, manual and scheduled validation and failed payments (domain rules 7 and 12).
 * Call it inside the caller's unit of work with the accounts of ONE card of one person (one account, or every
 * district's account of that number when the bank says the account itself is unusable): they become invalid with
 * reason and time, the person gets ONE notification naming every district (and an SMS queued in the outbox), and
 * the audit records each account — all or nothing. Returns the notification id.
 */
export async function invalidateAccounts(
  tx: Tx,
  accounts: Account[],
  kind: InvalidationKind,
  detail: string,
  actor: Actor,
  at: string,
  /** The message outside the app, when the event has a better one than "无效卡" (a failed payment names what was not paid). */
  outside?: OutsideMessage,
): Promise<number> {
  const [first] = accounts;
  if (!first) throw new Error('invalidateAccounts: no account');
  const t = tablesOf(tx);
  const reason = invalidationReason(kind, detail);
  await tx
    .update(t.accounts)
    .set({ status: 'invalid', invalidReason: reason, invalidAt: at, updatedAt: at })
    .where(
      inArray(
        t.accounts.id,
        accounts.map((a) => a.id),
      ),
    );
  const districtCodes = accounts.map((a) => a.districtCode);
  const notificationId = await writeNotice(
    tx,
    {
      beneficiaryId: first.beneficiaryId,
      kind,
      account: first,
      districtCodes,
      message: reason,
      outside: outside ?? {
        template: 'account_invalid',
        params: {
          districts: districtCodes,
          bankCode: first.bankCode,
          last4: first.accountNumberMasked.slice(-4),
          reason: reason.slice(reason.indexOf('：') + 1),
        },
      },
    },
    at,
  );
  for (const account of accounts) {
    await writeAudit(tx, at, actor, 'account.invalidate', `account:${account.id}`, {
      kind,
      districtCode: account.districtCode,
      bankCode: account.bankCode,
      account: account.accountNumberMasked,
      before: { status: account.status, invalidReason: account.invalidReason },
      after: { status: 'invalid', invalidReason: reason },
      notificationId,
    });
  }
  return notificationId;
}

const snapshot = (a: Account) => ({
  cardType: a.cardType,
  bankCode: a.bankCode,
  account: a.accountNumberMasked,
  status: a.status,
  source: a.source,
});

export function createAccounts(ctx: ServiceContext) {
  const { db, crypto, clock } = ctx;
  const acc = db.schema.accounts;
  const ben = db.schema.beneficiaries;
  const cr = db.schema.changeRequests;

  /** The pending request that locks the account's owner, if any (the console links the lock tag to it). */
  const lockingRequest = sql<
    number | null
  >`(select ${qualified(cr.id)} from ${cr} where ${qualified(cr.beneficiaryId)} = ${qualified(acc.beneficiaryId)} and ${qualified(cr.status)} = 'pending')`;
  const selection = { account: acc, name: ben.name, idNumberEnc: ben.idNumberEnc, lockedBy: lockingRequest };
  type Joined = { account: Account; name: string; idNumberEnc: string; lockedBy: number | null };

  /** An account as the review console shows it: full name, masked ID and account number, source and lock. */
  const view = (r: Joined) => ({
    id: r.account.id,
    beneficiary: { name: r.name, idNumber: maskIdNumber(crypto.decrypt(r.idNumberEnc)) },
    districtCode: r.account.districtCode,
    districtName: districtName(r.account.districtCode) ?? r.account.districtCode,
    cardType: r.account.cardType,
    bankCode: r.account.bankCode,
    bankName: bankName(r.account.bankCode) ?? r.account.bankCode,
    accountNumber: r.account.accountNumberMasked,
    status: r.account.status,
    source: r.account.source,
    invalidReason: r.account.invalidReason,
    invalidAt: r.account.invalidAt,
    locked: r.lockedBy !== null,
    lockedByRequestId: r.lockedBy,
    updatedAt: r.account.updatedAt,
  });

  const joinedById = async (d: ReadDb | Tx, id: number) =>
    (
      await d.select(selection).from(acc).innerJoin(ben, eq(ben.id, acc.beneficiaryId)).where(eq(acc.id, id)).limit(1)
    )[0] as Joined | undefined;

  /** The account if it exists and is within the scope (null: the 一卡通 system, every district); otherwise 404. */
  async function accountInScope(tx: Tx, scope: Scope | null, id: number): Promise<Account> {
    const [account] = await tx.select().from(acc).where(eq(acc.id, id)).limit(1);
    if (!account || (scope && !districtInScope(scope, account.districtCode))) throw notFound('没有找到该账号');
    return account;
  }

  return {
    isLocked: (beneficiaryId: number) => isLocked(db.read, beneficiaryId),

    /**
     * 一卡通账号 query: the caller's districts, ordered by district then id (a name search: by name, person,
     * district), a page after the cursor. The total is
     * capped (paging.ts): a broad query over a million accounts answers "1000+" instead of counting them all.
     */
    async list(scope: Scope, q: AccountQuery) {
      const conditions: (SQL | undefined)[] = [inScope(scope, acc.districtCode)];
      if (q.name) conditions.push(db.startsWith(ben.name, namePrefix('name', q.name)));
      if (q.idNumber) {
        // The person by ID number (blind index), then their accounts by the per-person index.
        const people = db.read
          .select({ id: ben.id })
          .from(ben)
          .where(idNumberCondition(db.schema, crypto, q.idNumber));
        conditions.push(inArray(acc.beneficiaryId, people));
      }
      if (q.accountNumber) conditions.push(eq(acc.accountNumberIdx, accountNumberIndex(crypto, q.accountNumber)));
      if (q.districtCode) {
        // A district outside the caller's scope simply has nothing to show.
        if (!districtInScope(scope, q.districtCode)) return { items: [], total: 0, totalExact: true, nextCursor: null };
        conditions.push(eq(acc.districtCode, q.districtCode));
      }
      const where = and(...conditions);
      // A name search lists by name (then person, then district): the name index gives that order, so a common
      // surname's page is the next few index entries, not a sort of every match. Otherwise by district, then id.
      const byName = Boolean(q.name);
      const cursor = byName
        ? decodeCursor<[string, number, string]>(q.cursor, ['s', 'n', 's'])
        : decodeCursor<[string, number]>(q.cursor, ['s', 'n']);
      const keyset = byName
        ? [db.textOrder(ben.name), sql`${ben.id}`, sql`${acc.districtCode}`]
        : [sql`${acc.districtCode}`, sql`${acc.id}`];
      const [rows, total] = await Promise.all([
        db.read
          .select(selection)
          .from(acc)
          .innerJoin(ben, eq(ben.id, acc.beneficiaryId))
          .where(and(where, cursor ? after(keyset, cursor, 'asc') : undefined))
          .orderBy(
            ...(byName
              ? [asc(db.textOrder(ben.name)), asc(ben.id), asc(acc.districtCode)]
              : [asc(acc.districtCode), asc(acc.id)]),
          )
          .limit(q.pageSize + 1),
        // Counted on accounts alone unless the name (a beneficiaries column) is asked for.
        cappedTotal(
          db.read,
          byName
            ? db.read.select({ id: acc.id }).from(acc).innerJoin(ben, eq(ben.id, acc.beneficiaryId)).where(where)
            : db.read.select({ id: acc.id }).from(acc).where(where),
        ),
      ]);
      const page = (rows as Joined[]).slice(0, q.pageSize);
      const last = page[page.length - 1];
      return {
        items: page.map(view),
        ...total,
        nextCursor:
          rows.length > q.pageSize && last
            ? encodeCursor(
                byName
                  ? [last.name, last.account.beneficiaryId, last.account.districtCode]
                  : [last.account.districtCode, last.account.id],
              )
            : null,
      };
    },

    async get(scope: Scope, id: number) {
      const row = await joinedById(db.read, id);
      if (!row || !districtInScope(scope, row.account.districtCode)) throw notFound('没有找到该账号');
      return view(row);
    },

    /**
     * 柜台变更 by a caseworker: validated with the shared rules (the same words as the citizen's form), refused with
     * 423 while a 渝快办 change is pending, source becomes 一卡通系统, audited with before and after (masked).
     * A new account number or bank replaces the card the invalidation was about, so the account is valid again.
     */
    async edit(scope: Scope, id: number, body: AccountEdit, actor: Actor) {
      const at = iso(clock.now());
      return db.unitOfWork(async (tx) => {
        const account = await accountInScope(tx, scope, id);
        if (await isLocked(tx, account.beneficiaryId)) throw accountLocked();

        const cardType = body.cardType ?? account.cardType;
        const bankCode = body.bankCode?.trim() ?? account.bankCode;
        const accountNumber =
          body.accountNumber !== undefined
            ? normalizeAccountNumber(body.accountNumber)
            : crypto.decrypt(account.accountNumberEnc);
        const fields: Record<string, string> = {};
        const cardError = body.cardType !== undefined ? checkCardType(body.cardType) : undefined;
        const bankError = body.bankCode !== undefined ? checkBankCode(bankCode) : undefined;
        const numberError = checkAccountNumber(cardType, accountNumber, bankError ? undefined : bankCode);
        if (cardError) fields.cardType = cardError;
        if (bankError) fields.bankCode = bankError;
        if (numberError && !cardError) fields.accountNumber = numberError;
        if (Object.keys(fields).length > 0) throw validationFailed(fields);

        const numberIdx = crypto.blindIndex(accountNumber);
        const cardChanged = numberIdx !== account.accountNumberIdx || bankCode !== account.bankCode;
        const [updated] = await tx
          .update(acc)
          .set({
            cardType: cardType as CardType,
            bankCode,
            accountNumberEnc: cardChanged ? crypto.encrypt(accountNumber) : account.accountNumberEnc,
            accountNumberIdx: numberIdx,
            accountNumberMasked: maskAccountNumber(accountNumber),
            source: 'ykt' as const,
            updatedAt: at,
            ...(cardChanged ? { status: 'valid' as const, invalidReason: null, invalidAt: null } : {}),
          })
          .where(eq(acc.id, id))
          .returning();
        await writeAudit(tx, at, actor, 'account.edit', `account:${id}`, {
          districtCode: account.districtCode,
          before: snapshot(account),
          after: snapshot(updated),
        });
        return view((await joinedById(tx, id)) as Joined);
      });
    },

    /** 人工验证: a caseworker marks one district's account invalid with a message; 423 while locked. */
    async invalidateManually(scope: Scope, id: number, message: string, actor: Actor) {
      const at = iso(clock.now());
      return db.unitOfWork(async (tx) => {
        const account = await accountInScope(tx, scope, id);
        if (await isLocked(tx, account.beneficiaryId)) throw accountLocked();
        await invalidateAccounts(tx, [account], 'manual_validation', message, actor, at);
        return view((await joinedById(tx, id)) as Joined);
      });
    },

    /**
     * 上卡失败 reported by the 一卡通 payment system (service credential, every district). Not refused by the lock:
     * the money did not arrive on the current account whatever the pending change says, the citizen must be told,
     * and an approved change makes the account valid again anyway. A `failureCode` saying the account itself is
     * unusable (销户, 冻结, 不存在) invalidates every district's account of that person with that number.
     */
    async reportCreditingFailure(id: number, message: string, failureCode: string | undefined, actor: Actor) {
      const at = iso(clock.now());
      return db.unitOfWork(async (tx) => {
        const account = await accountInScope(tx, null, id);
        const others = isAccountUnusable(failureCode) ? await sameCardAccounts(tx, account) : [];
        const targets = [account, ...others.filter((a) => a.id !== account.id)];
        await invalidateAccounts(tx, targets, 'crediting_failure', message, actor, at);
        return view((await joinedById(tx, id)) as Joined);
      });
    },
  };
}
export type Accounts = ReturnType<typeof createAccounts>;
