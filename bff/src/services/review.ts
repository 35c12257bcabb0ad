import {
  BANKS,
  bankName,
  CHANGE_REQUEST_STATUS_LABELS,
  districtName,
  formatChongqingTime,
  maskIdNumber,
  type ReviewQuery,
  redactLongNumbers,
  reviewOutcomeMessage,
} from '@ykt/shared';
import { and, asc, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { ReadDb, Tx } from '../db/database.ts';
import { notFound, notPending } from '../lib/errors.ts';
import { iso } from '../lib/time.ts';
import { writeAudit } from './audit.ts';
import type { Scope } from './caseworkers.ts';
import type { Actor, ServiceContext } from './context.ts';
import { writeNotice } from './notices.ts';
import { after, cappedTotal, decodeCursor, encodeCursor } from './paging.ts';
import { accountNumberIndex, idNumberCondition, inScope, namePrefix } from './reviewFilters.ts';

type Schema = typeof import('../db/pg/schema.ts');
type Request = Schema['changeRequests']['$inferSelect'];
type Account = Schema['accounts']['$inferSelect'];

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

/** Which requests a query panel view shows: 待审核 (default), 显示完结 (every reviewable one), or 申请失败. */
export type QueueView = 'pending' | 'completed' | 'failed';
export const viewOf = (q: Pick<ReviewQuery, 'status' | 'showCompleted'>): QueueView =>
  q.status ?? (q.showCompleted ? 'completed' : 'pending');

export function createReview(ctx: ServiceContext) {
  const { db, crypto, clock } = ctx;
  const cr = db.schema.changeRequests;
  const ben = db.schema.beneficiaries;
  const v = db.schema.bankVerifications;
  const cw = db.schema.caseworkers;

  const selection = { request: cr, name: ben.name, idNumberEnc: ben.idNumberEnc };
  type Joined = { request: Request; name: string; idNumberEnc: string };

  /** A request as the queue shows it: the beneficiary's full name, masked ID and masked new account. */
  const listItem = (r: Joined) => ({
    id: r.request.id,
    source: 'yukuaiban' as const,
    status: r.request.status,
    channel: r.request.channel,
    applicantName: r.request.applicantName,
    appliedAt: r.request.appliedAt,
    beneficiary: { name: r.name, idNumber: maskIdNumber(crypto.decrypt(r.idNumberEnc)) },
    bankName: bankName(r.request.bankCode) ?? r.request.bankCode,
    accountNumber: r.request.accountNumberMasked,
    districtCode: r.request.districtCode,
    districtName: districtName(r.request.districtCode) ?? r.request.districtCode,
  });

  /** The request if it exists and is in scope (申请失败 ones too: read-only); otherwise 404. */
  async function requestInScope(d: ReadDb | Tx, scope: Scope, id: number): Promise<Joined> {
    const [row] = await d
      .select(selection)
      .from(cr)
      .innerJoin(ben, eq(ben.id, cr.beneficiaryId))
      .where(and(eq(cr.id, id), inScope(scope, cr.districtCode)))
      .limit(1);
    if (!row) throw notFound('没有找到这条申请');
    return row;
  }

  /** Why a request can no longer be decided, in words that say who did what and when. */
  async function whyNotPending(d: ReadDb | Tx, r: Request): Promise<string> {
    if (r.status === 'withdrawn')
      return `该申请已被申请人于${formatChongqingTime(r.finishedAt, { seconds: false })}撤销`;
    if (r.status === 'failed') return '该申请银行验证未通过（申请失败），未进入审核，不能审核';
    const [reviewer] = r.reviewerId
      ? await d.select({ name: cw.name }).from(cw).where(eq(cw.id, r.reviewerId)).limit(1)
      : [];
    return `该申请已由${reviewer?.name ?? '其他经办人'}于${formatChongqingTime(r.finishedAt, { seconds: false })}审核${
      CHANGE_REQUEST_STATUS_LABELS[r.status].replace('审核', '') || ''
    }`;
  }

  /** The outcome notice: what changed for this district, and what each other district is still paid into. */
  async function outcomeNotice(tx: Tx, request: Request, account: Account, decision: Decision, at: string) {
    const others = await tx
      .select()
      .from(db.schema.accounts)
      .where(and(eq(db.schema.accounts.beneficiaryId, request.beneficiaryId), ne(db.schema.accounts.id, account.id)))
      .orderBy(asc(db.schema.accounts.districtCode));
    const district = districtName(request.districtCode) ?? request.districtCode;
    const opinion = decision.opinion.trim() ? redactLongNumbers(decision.opinion.trim()) : null;
    const message = reviewOutcomeMessage({
      result: decision.result,
      districtName: district,
      bankName: bankName(account.bankCode) ?? account.bankCode,
      accountNumber: account.accountNumberMasked,
      accountValid: account.status === 'valid',
      others: others.map((o) => ({
        districtName: districtName(o.districtCode) ?? o.districtCode,
        accountNumber: o.accountNumberMasked,
      })),
      opinion,
    });
    const approved = decision.result === 'approved';
    await writeNotice(
      tx,
      {
        beneficiaryId: request.beneficiaryId,
        kind: approved ? 'review_approved' : 'review_rejected',
        account,
        districtCodes: [request.districtCode],
        message,
        requestId: request.id,
        outside: approved
          ? {
              template: 'review_approved',
              params: {
                district: request.districtCode,
                bankCode: account.bankCode,
                last4: account.accountNumberMasked.slice(-4),
              },
            }
          : { template: 'review_rejected', params: { district: request.districtCode, opinion: opinion ?? '' } },
      },
      at,
    );
  }

  return {
    /**
     * 账号变更审核 query: the caller's districts only, a view (待审核 / 显示完结 / 申请失败), newest first, a page
     * after the cursor, with a capped total. ID and account numbers are matched through their blind indexes (they
     * are encrypted at rest); names by their beginning.
     */
    async list(scope: Scope, q: ReviewQuery) {
      const view = viewOf(q);
      const conditions: (SQL | undefined)[] = [
        inScope(scope, cr.districtCode),
        view === 'pending'
          ? eq(cr.status, 'pending')
          : view === 'failed'
            ? eq(cr.status, 'failed')
            : ne(cr.status, 'failed'),
      ];
      if (q.bankName) {
        const codes = bankCodesMatching(q.bankName);
        if (codes.length === 0) return { items: [], total: 0, totalExact: true, nextCursor: null };
        conditions.push(inArray(cr.bankCode, codes));
      }
      // 姓名 and 申请人姓名 are both matched on the request's applicant name: a 渝快办 self-service request is always
      // made by the beneficiary under their own (face-verified) name, and a person's name never changes (domain rule
      // 10), so it is the beneficiary's name kept on the request, and its index serves the prefix and the count.
      if (q.name) conditions.push(db.startsWith(cr.applicantName, namePrefix('name', q.name)));
      if (q.applicantName)
        conditions.push(db.startsWith(cr.applicantName, namePrefix('applicantName', q.applicantName)));
      // The person by ID number (blind index): their few requests, by the per-person index.
      if (q.idNumber) {
        const people = db.read
          .select({ id: ben.id })
          .from(ben)
          .where(idNumberCondition(db.schema, crypto, q.idNumber));
        conditions.push(inArray(cr.beneficiaryId, people));
      }
      if (q.accountNumber) conditions.push(eq(cr.accountNumberIdx, accountNumberIndex(crypto, q.accountNumber)));
      const where = and(...conditions);
      const cursor = decodeCursor<[string, number]>(q.cursor, ['t', 'n']);

      // The page in two steps: the ids, from the narrowest index (a broad name prefix sorts a few thousand keys,
      // not a few thousand joined rows), then those rows with their beneficiary.
      const pageIds = db.read
        .select({ id: cr.id })
        .from(cr)
        .where(and(where, cursor ? after([sql`${cr.appliedAt}`, sql`${cr.id}`], cursor, 'desc') : undefined))
        .orderBy(desc(cr.appliedAt), desc(cr.id))
        .limit(q.pageSize + 1);
      const [rows, total] = await Promise.all([
        db.read
          .select(selection)
          .from(cr)
          .innerJoin(ben, eq(ben.id, cr.beneficiaryId))
          .where(inArray(cr.id, pageIds))
          .orderBy(desc(cr.appliedAt), desc(cr.id)),
        // Every condition is on change_requests itself: counted without the join.
        cappedTotal(db.read, db.read.select({ id: cr.id }).from(cr).where(where)),
      ]);
      const page = rows.slice(0, q.pageSize);
      const last = page[page.length - 1];
      return {
        items: page.map(listItem),
        ...total,
        nextCursor: rows.length > q.pageSize && last ? encodeCursor([last.request.appliedAt, last.request.id]) : null,
      };
    },

    /**
     * The detail with 变更前 (the snapshot taken when the citizen applied) and 变更后, the bank's verification and
     * the channel. Account numbers in full: the caseworker compares them digit by digit. The ID number stays
     * masked: a change never changes the person (domain rule 10). Reading full account numbers is audited.
     */
    async detail(scope: Scope, id: number, actor: Actor) {
      const row = await requestInScope(db.read, scope, id);
      const r = row.request;
      const idNumber = maskIdNumber(crypto.decrypt(row.idNumberEnc));
      const [[reviewer], [verification]] = await Promise.all([
        r.reviewerId ? db.read.select({ name: cw.name }).from(cw).where(eq(cw.id, r.reviewerId)).limit(1) : [],
        r.verificationId
          ? db.read.select({ result: v.result, at: v.answeredAt }).from(v).where(eq(v.id, r.verificationId)).limit(1)
          : [],
      ]);
      await db.unitOfWork((tx) =>
        writeAudit(tx, iso(clock.now()), actor, 'change_request.view', `change_request:${id}`, {
          districtCode: r.districtCode,
        }),
      );
      return {
        ...listItem(row),
        cardType: r.cardType,
        reason: r.reason,
        finishedAt: r.finishedAt,
        failureReason: r.failureReason,
        reviewOpinion: r.reviewOpinion,
        reviewerName: reviewer?.name ?? null,
        verification: verification ? { result: verification.result, at: verification.at } : null,
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
     * 审核 in one unit of work (domain rule 5). The request is finished by a conditional update (`WHERE status =
     * 'pending'`): of two caseworkers deciding at once exactly one changes a row, the other gets 409 saying who
     * decided. Approve moves the new card onto that district's account (source 渝快办, valid again); reject leaves
     * the account as it was. Either way the citizen gets a 系统通知 (and an SMS through the outbox).
     */
    async decide(scope: Scope, id: number, decision: Decision, actor: Actor) {
      const at = iso(clock.now());
      const opinion = redactLongNumbers(decision.opinion.trim()) || null;
      return db.unitOfWork(async (tx) => {
        const { request } = await requestInScope(tx, scope, id);
        const finished = await tx
          .update(cr)
          .set({ status: decision.result, reviewerId: scope.caseworkerId, reviewOpinion: opinion, finishedAt: at })
          .where(and(eq(cr.id, id), eq(cr.status, 'pending')))
          .returning({ id: cr.id });
        if (finished.length === 0) throw notPending(await whyNotPending(tx, request));

        const acc = db.schema.accounts;
        const [account] = await tx.select().from(acc).where(eq(acc.id, request.accountId)).limit(1);
        if (
          !account ||
          account.beneficiaryId !== request.beneficiaryId ||
          account.districtCode !== request.districtCode
        ) {
          // The request was made against this very account; anything else is corrupt data, not a user error.
          throw new Error(`change request ${id} does not match its account`);
        }
        let afterAccount = account;
        if (decision.result === 'approved') {
          [afterAccount] = await tx
            .update(acc)
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
            .where(eq(acc.id, account.id))
            .returning();
        }
        await writeAudit(
          tx,
          at,
          actor,
          `change_request.${decision.result === 'approved' ? 'approve' : 'reject'}`,
          `change_request:${id}`,
          {
            accountId: account.id,
            districtCode: request.districtCode,
            opinion,
            before: accountSnapshot(account),
            after: accountSnapshot(afterAccount),
          },
        );
        await outcomeNotice(tx, request, afterAccount, { ...decision, opinion: opinion ?? '' }, at);
        return { id, status: decision.result };
      });
    },
  };
}
export type Review = ReturnType<typeof createReview>;
