import {
  bankName,
  checkAccountNumber,
  checkBankCode,
  checkCardType,
  districtName,
  maskAccountNumber,
  maskIdNumber,
  normalizeAccountNumber,
} from '@ykt/shared';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { type Db, schema } from '../db/index.ts';
import { accountLocked, notFound, validationFailed } from '../lib/errors.ts';
import { iso } from '../lib/time.ts';
import { writeAudit } from './audit.ts';
import type { Scope } from './caseworkers.ts';
import type { Actor, ServiceContext } from './context.ts';
import {
  accountNumberIndex,
  contains,
  districtInScope,
  idNumberCondition,
  inScope,
  redactNumbers,
} from './reviewFilters.ts';

type Account = typeof schema.accounts.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type CardType = Account['cardType'];

/** What makes an account invalid (api.md notification `kind`). */
export type InvalidationKind = 'crediting_failure' | 'manual_validation' | 'scheduled_validation';

/** How each kind of invalidation introduces itself in the 说明 the citizen reads. */
const KIND_PREFIX: Record<InvalidationKind, string> = {
  crediting_failure: '上卡失败：',
  manual_validation: '人工验证：',
  scheduled_validation: '定时验证：',
};

export const withKindPrefix = (kind: InvalidationKind, message: string) => {
  const m = message.trim();
  const prefix = KIND_PREFIX[kind];
  return m.startsWith(prefix) ? m : `${prefix}${m}`;
};

export interface AccountQuery {
  name?: string;
  idNumber?: string;
  accountNumber?: string;
  districtCode?: string;
  page: number;
  pageSize: number;
}

export interface AccountEdit {
  cardType?: string;
  bankCode?: string;
  accountNumber?: string;
}

/** Whether the beneficiary has a pending 渝快办 change: every 一卡通 operation on their accounts is refused (rule 6). */
export function isLocked(tx: Pick<Db, 'select'>, beneficiaryId: number): boolean {
  const row = tx
    .select({ id: schema.changeRequests.id })
    .from(schema.changeRequests)
    .where(and(eq(schema.changeRequests.beneficiaryId, beneficiaryId), eq(schema.changeRequests.status, 'pending')))
    .get();
  return row !== undefined;
}

/** SQL: the account's owner has a pending request. */
const lockedSql = sql<number>`exists (select 1 from change_requests p where p.beneficiary_id = ${schema.accounts.beneficiaryId} and p.status = 'pending')`;

/**
 * The one invalidation, for 上卡失败, manual validation and scheduled validation alike (domain rule 7). Call it
 * inside the caller's (synchronous) transaction: the account becomes invalid with reason and time, its owner gets
 * a notification (kind, bank, masked account, district, 说明, 操作时间), and the audit records it — all or nothing.
 * Returns the notification id.
 */
export function invalidateAccount(
  tx: Tx,
  account: Account,
  kind: InvalidationKind,
  message: string,
  actor: Actor,
  at: string,
): number {
  const reason = withKindPrefix(kind, message);
  tx.update(schema.accounts)
    .set({ status: 'invalid', invalidReason: reason, invalidAt: at, updatedAt: at })
    .where(eq(schema.accounts.id, account.id))
    .run();
  const notification = tx
    .insert(schema.notifications)
    .values({
      beneficiaryId: account.beneficiaryId,
      accountId: account.id,
      kind,
      bankCode: account.bankCode,
      accountNumberMasked: account.accountNumberMasked,
      districtCode: account.districtCode,
      message: reason,
      occurredAt: at,
    })
    .returning({ id: schema.notifications.id })
    .get();
  writeAudit(tx, at, actor, 'account.invalidate', `account:${account.id}`, {
    kind,
    districtCode: account.districtCode,
    bankCode: account.bankCode,
    account: account.accountNumberMasked,
    before: {
      status: account.status,
      invalidReason: account.invalidReason ? redactNumbers(account.invalidReason) : null,
    },
    after: { status: 'invalid', invalidReason: redactNumbers(reason) },
    notificationId: notification.id,
  });
  return notification.id;
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
  const acc = schema.accounts;
  const ben = schema.beneficiaries;

  const selection = {
    account: acc,
    name: ben.name,
    idNumberEnc: ben.idNumberEnc,
    locked: lockedSql,
  };
  type Joined = { account: Account; name: string; idNumberEnc: string; locked: number | boolean };

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
    locked: Boolean(r.locked),
    updatedAt: r.account.updatedAt,
  });

  const joinedById = (tx: Pick<Db, 'select'>, id: number) =>
    tx.select(selection).from(acc).innerJoin(ben, eq(ben.id, acc.beneficiaryId)).where(eq(acc.id, id)).get() as
      | Joined
      | undefined;

  /** The account if it exists and is within the scope; otherwise 404 (never reveal it exists). */
  function accountInScope(tx: Pick<Db, 'select'>, scope: Scope | null, id: number): Account {
    const account = tx.select().from(acc).where(eq(acc.id, id)).get();
    if (!account || (scope && !districtInScope(scope, account.districtCode))) throw notFound('没有找到该账号');
    return account;
  }

  /**
   * Invalidation through one of the two HTTP paths. `scope` null: the 一卡通 system itself (service credential).
   * `respectLock`: manual validation is refused while a 渝快办 change is pending; a 上卡失败 report is not (it is a
   * fact the payment system reports, see README/report).
   */
  function invalidateOne(
    scope: Scope | null,
    id: number,
    kind: InvalidationKind,
    message: string,
    actor: Actor,
    respectLock: boolean,
  ) {
    const at = iso(clock.now());
    return db.transaction((tx) => {
      const account = accountInScope(tx, scope, id);
      const locked = isLocked(tx, account.beneficiaryId);
      if (locked && respectLock) throw accountLocked();
      invalidateAccount(tx, account, kind, message, actor, at);
      return view(joinedById(tx, id) as Joined);
    });
  }

  return {
    isLocked: (beneficiaryId: number) => isLocked(db, beneficiaryId),

    list(scope: Scope, q: AccountQuery) {
      const conditions = [inScope(scope, acc.districtCode)];
      if (q.name) conditions.push(contains(ben.name, q.name));
      if (q.idNumber) conditions.push(idNumberCondition(crypto, q.idNumber));
      if (q.accountNumber) conditions.push(eq(acc.accountNumberIdx, accountNumberIndex(crypto, q.accountNumber)));
      if (q.districtCode) {
        // A district outside the caller's scope simply has nothing to show.
        if (!districtInScope(scope, q.districtCode)) return { items: [], total: 0 };
        conditions.push(eq(acc.districtCode, q.districtCode));
      }
      const where = and(...conditions);
      const total =
        db.select({ n: count() }).from(acc).innerJoin(ben, eq(ben.id, acc.beneficiaryId)).where(where).get()?.n ?? 0;
      const rows = db
        .select(selection)
        .from(acc)
        .innerJoin(ben, eq(ben.id, acc.beneficiaryId))
        .where(where)
        .orderBy(asc(acc.districtCode), asc(acc.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .all() as Joined[];
      return { items: rows.map(view), total };
    },

    get(scope: Scope, id: number) {
      const row = joinedById(db, id);
      if (!row || !districtInScope(scope, row.account.districtCode)) throw notFound('没有找到该账号');
      return view(row);
    },

    /**
     * 柜台变更 by a caseworker: validated with the shared rules (the same words as the citizen's form), refused with
     * 423 while a 渝快办 change is pending, source becomes 一卡通系统, audited with before and after (masked).
     * A new account number or bank replaces the card the invalidation was about, so the account is valid again.
     */
    edit(scope: Scope, id: number, body: AccountEdit, actor: Actor) {
      const at = iso(clock.now());
      return db.transaction((tx) => {
        const account = accountInScope(tx, scope, id);
        if (isLocked(tx, account.beneficiaryId)) throw accountLocked();

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
        const update = {
          cardType: cardType as CardType,
          bankCode,
          accountNumberEnc: cardChanged ? crypto.encrypt(accountNumber) : account.accountNumberEnc,
          accountNumberIdx: numberIdx,
          accountNumberMasked: maskAccountNumber(accountNumber),
          source: 'ykt' as const,
          updatedAt: at,
          ...(cardChanged ? { status: 'valid' as const, invalidReason: null, invalidAt: null } : {}),
        };
        tx.update(acc).set(update).where(eq(acc.id, id)).run();
        const after = tx.select().from(acc).where(eq(acc.id, id)).get() as Account;
        writeAudit(tx, at, actor, 'account.edit', `account:${id}`, {
          districtCode: account.districtCode,
          before: snapshot(account),
          after: snapshot(after),
        });
        return view(joinedById(tx, id) as Joined);
      });
    },

    /** 人工验证: a caseworker marks an account invalid with a message; 423 while locked. */
    invalidateManually(scope: Scope, id: number, message: string, actor: Actor) {
      return invalidateOne(scope, id, 'manual_validation', message, actor, true);
    },

    /**
     * 上卡失败 reported by the 一卡通 payment system (service credential, every district). Not refused by the lock:
     * the money did not arrive on the current account whatever the pending change says, the citizen must be told,
     * and an approved change makes the account valid again anyway.
     */
    reportCreditingFailure(id: number, message: string, actor: Actor) {
      return invalidateOne(null, id, 'crediting_failure', message, actor, false);
    },
  };
}
export type Accounts = ReturnType<typeof createAccounts>;
