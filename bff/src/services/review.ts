import { BANKS, bankName, districtName, type ReviewQuery } from '@ykt/shared';
import { and, count, desc, eq, inArray, ne } from 'drizzle-orm';
import { schema } from '../db/index.ts';
import { notFound, notPending } from '../lib/errors.ts';
import { iso } from '../lib/time.ts';
import { writeAudit } from './audit.ts';
import type { Scope } from './caseworkers.ts';
import type { Actor, ServiceContext } from './context.ts';
import { accountNumberIndex, contains, idNumberCondition, inScope, redactNumbers } from './reviewFilters.ts';

type Request = typeof schema.changeRequests.$inferSelect;
type Account = typeof schema.accounts.$inferSelect;

export interface Decision {
  result: 'approved' | 'rejected';
  opinion: string;
}

/** Bank codes whose name (or code) contains the text of the 开户银行 query field. */
function bankCodesMatching(text: string): string[] {
  const t = text.trim().toLowerCase();
  return BANKS.filter((b) => b.name.toLowerCase().includes(t) || b.code.toLowerCase() === t).map((b) => b.code);
}

const accountSnapshot = (a: Pick<Account, 'cardType' | 'bankCode' | 'accountNumberMasked' | 'status' | 'source'>) => ({
  cardType: a.cardType,
  bankCode: a.bankCode,
  account: a.accountNumberMasked,
  status: a.status,
  source: a.source,
});

export function createReview(ctx: ServiceContext) {
  const { db, crypto, clock } = ctx;
  const cr = schema.changeRequests;
  const ben = schema.beneficiaries;

  // The masked ID (rule 10) needs only the last 4 digits, kept in clear for this: no decryption per row.
  const selection = { request: cr, name: ben.name, idNumberLast4: ben.idNumberLast4 };
  type Joined = { request: Request; name: string; idNumberLast4: string };
  const maskedId = (r: Joined) => `${'*'.repeat(14)}${r.idNumberLast4}`;

  /** A request as the queue shows it: the beneficiary's full name, masked ID and masked new account. */
  const listItem = (r: Joined) => ({
    id: r.request.id,
    source: 'yukuaiban' as const,
    status: r.request.status,
    applicantName: r.request.applicantName,
    appliedAt: r.request.appliedAt,
    beneficiary: { name: r.name, idNumber: maskedId(r) },
    bankName: bankName(r.request.bankCode) ?? r.request.bankCode,
    accountNumber: r.request.accountNumberMasked,
    districtCode: r.request.districtCode,
    districtName: districtName(r.request.districtCode) ?? r.request.districtCode,
  });

  /** The request if it exists, is a reviewable one (not 申请失败) and is in scope; otherwise 404. */
  function requestInScope(tx: Pick<typeof db, 'select'>, scope: Scope, id: number): Joined {
    const row = tx
      .select(selection)
      .from(cr)
      .innerJoin(ben, eq(ben.id, cr.beneficiaryId))
      .where(and(eq(cr.id, id), ne(cr.status, 'failed'), inScope(scope, cr.districtCode)))
      .get();
    if (!row) throw notFound('没有找到这条申请');
    return row;
  }

  return {
    /**
     * 账号变更审核 query: the caller's districts only, pending ones unless 显示完结; newest first. ID and account
     * numbers are matched through their blind indexes (they are encrypted at rest).
     */
    list(scope: Scope, q: ReviewQuery) {
      const conditions = [inScope(scope, cr.districtCode)];
      // 申请失败 never reached review: the queue holds what was pending once.
      conditions.push(q.showCompleted ? ne(cr.status, 'failed') : eq(cr.status, 'pending'));
      if (q.bankName) {
        const codes = bankCodesMatching(q.bankName);
        if (codes.length === 0) return { items: [], total: 0 };
        conditions.push(inArray(cr.bankCode, codes));
      }
      if (q.name) conditions.push(contains(ben.name, q.name));
      if (q.applicantName) conditions.push(contains(cr.applicantName, q.applicantName));
      if (q.idNumber) conditions.push(idNumberCondition(crypto, q.idNumber));
      if (q.accountNumber) conditions.push(eq(cr.accountNumberIdx, accountNumberIndex(crypto, q.accountNumber)));
      const where = and(...conditions);

      const total =
        db.select({ n: count() }).from(cr).innerJoin(ben, eq(ben.id, cr.beneficiaryId)).where(where).get()?.n ?? 0;
      const rows = db
        .select(selection)
        .from(cr)
        .innerJoin(ben, eq(ben.id, cr.beneficiaryId))
        .where(where)
        .orderBy(desc(cr.appliedAt), desc(cr.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .all();
      return { items: rows.map(listItem), total };
    },

    /**
     * The detail with 变更前 (the snapshot taken when the citizen applied) and 变更后. Account numbers in full:
     * the caseworker compares them digit by digit. The ID number stays masked: a change never changes the
     * person, so deciding does not need it (domain rule 10). Reading full account numbers is audited.
     */
    detail(scope: Scope, id: number, actor: Actor) {
      const row = requestInScope(db, scope, id);
      const r = row.request;
      const idNumber = maskedId(row);
      const reviewer = r.reviewerId
        ? db
            .select({ name: schema.caseworkers.name })
            .from(schema.caseworkers)
            .where(eq(schema.caseworkers.id, r.reviewerId))
            .get()
        : undefined;
      writeAudit(db, iso(clock.now()), actor, 'change_request.view', `change_request:${id}`, {
        districtCode: r.districtCode,
      });
      return {
        ...listItem(row),
        cardType: r.cardType,
        reason: r.reason,
        finishedAt: r.finishedAt,
        reviewOpinion: r.reviewOpinion,
        reviewerName: reviewer?.name ?? null,
        before: {
          name: row.name,
          idNumber,
          cardType: r.prevCardType,
          bankName: bankName(r.prevBankCode) ?? r.prevBankCode,
          accountNumber: crypto.decrypt(r.prevAccountNumberEnc),
        },
        after: {
          name: row.name,
          idNumber,
          cardType: r.cardType,
          bankName: bankName(r.bankCode) ?? r.bankCode,
          accountNumber: crypto.decrypt(r.accountNumberEnc),
        },
      };
    },

    /**
     * 审核 in one synchronous transaction (domain rule 5). The request is finished by a conditional update
     * (`WHERE status = 'pending'`): of two caseworkers deciding at once exactly one changes a row, the other gets
     * 409. Approve moves the new card onto that district's account (source 渝快办, valid again); reject leaves the
     * account as it was.
     */
    decide(scope: Scope, id: number, decision: Decision, actor: Actor) {
      const at = iso(clock.now());
      return db.transaction((tx) => {
        const { request } = requestInScope(tx, scope, id);
        const finished = tx
          .update(cr)
          .set({
            status: decision.result,
            reviewerId: scope.caseworkerId,
            reviewOpinion: decision.opinion.trim() || null,
            finishedAt: at,
          })
          .where(and(eq(cr.id, id), eq(cr.status, 'pending')))
          .run();
        if (finished.changes === 0) throw notPending('该申请已办结，不能重复审核');

        const account = tx.select().from(schema.accounts).where(eq(schema.accounts.id, request.accountId)).get();
        if (
          !account ||
          account.beneficiaryId !== request.beneficiaryId ||
          account.districtCode !== request.districtCode
        ) {
          // The request was made against this very account; anything else is corrupt data, not a user error.
          throw new Error(`change request ${id} does not match its account`);
        }
        let after = account;
        if (decision.result === 'approved') {
          tx.update(schema.accounts)
            .set({
              cardType: request.cardType,
              bankCode: request.bankCode,
              accountNumberEnc: request.accountNumberEnc,
              accountNumberIdx: request.accountNumberIdx,
              accountNumberMasked: request.accountNumberMasked,
              source: 'yukuaiban',
              status: 'valid',
              invalidReason: null,
              invalidAt: null,
              updatedAt: at,
            })
            .where(eq(schema.accounts.id, account.id))
            .run();
          after = tx.select().from(schema.accounts).where(eq(schema.accounts.id, account.id)).get() as Account;
        }
        writeAudit(
          tx,
          at,
          actor,
          `change_request.${decision.result === 'approved' ? 'approve' : 'reject'}`,
          `change_request:${id}`,
          {
            accountId: account.id,
            districtCode: request.districtCode,
            opinion: decision.opinion.trim() ? redactNumbers(decision.opinion.trim()) : null,
            before: accountSnapshot(account),
            after: accountSnapshot(after),
          },
        );
        return { id, status: decision.result };
      });
    },
  };
}
export type Review = ReturnType<typeof createReview>;
