import {
  bankName,
  type ChangeRequestBody,
  checkChangeRequest,
  districtName,
  maskAccountNumber,
  normalizeAccountNumber,
  redactLongNumbers,
} from '@ykt/shared';
import { and, count, desc, eq, gt, lt, sql } from 'drizzle-orm';
import { GatewayUnavailable } from '../gateways/bankGateway.ts';
import { bankUnavailable, DomainError, notFound, notPending, rateLimited, validationFailed } from '../lib/errors.ts';
import { addSeconds, iso } from '../lib/time.ts';
import { writeAudit } from './audit.ts';
import type { Actor, ServiceContext } from './context.ts';
import { after, decodeCursor, encodeCursor } from './paging.ts';
import { reviewDaysOf } from './settings.ts';

type Schema = typeof import('../db/pg/schema.ts');
type Row = Schema['changeRequests']['$inferSelect'];

/** The bank's negative answers, in words the citizen understands (recorded as 申请失败 with this reason). */
export const BANK_REFUSALS: Record<string, string> = {
  mismatch: '银行验证未通过：账户户名或证件号码与开户信息不符，请使用本人名下的账户',
  closed: '银行验证未通过：该账户已销户，请换一张本人名下正常使用的银行卡',
  frozen: '银行验证未通过：该账户已冻结，请联系开户银行，或换一张本人名下的银行卡',
  not_found: '银行验证未通过：账户不存在，请核对账号和开户行',
};

export const requestInProgress = () =>
  new DomainError('REQUEST_IN_PROGRESS', '您已有一条正在办理的变更申请，请等待审核结果或撤销后再申请');
const submissionInFlight = () => new DomainError('REQUEST_IN_PROGRESS', '您的申请正在提交中，请稍候查看结果');

/** A request as the citizen sees it (api.md GET /api/me/change-requests, plus its timeline). */
export function citizenView(r: Row, verifiedAt: string | null, reviewDays: number | null) {
  return {
    id: r.id,
    status: r.status,
    channel: r.channel,
    cardType: r.cardType,
    bankCode: r.bankCode,
    bankName: bankName(r.bankCode) ?? r.bankCode,
    accountNumber: r.accountNumberMasked,
    districtCode: r.districtCode,
    districtName: districtName(r.districtCode) ?? r.districtCode,
    reason: r.reason,
    appliedAt: r.appliedAt,
    verifiedAt,
    finishedAt: r.finishedAt,
    failureReason: r.failureReason,
    reviewOpinion: r.reviewOpinion,
    /** While pending: how many working days review usually takes in this district. */
    reviewDays: r.status === 'pending' ? reviewDays : null,
  };
}

export function createChangeRequests(ctx: ServiceContext) {
  const { db, crypto, clock, config, bank } = ctx;
  const cr = db.schema.changeRequests;
  const v = db.schema.bankVerifications;
  const acc = db.schema.accounts;

  /**
   * Reserves one bank verification before the bank is asked, in one unit of work serialised per person and per
   * card: at most one submission of a person in flight (held by a unique index across instances), the day's limits
   * of the card (the card networks allow about 5) and of the person counted with every reservation made, so
   * parallel requests cannot ask the bank more often than the limits say.
   */
  async function reserveVerification(beneficiaryId: number, accountIdx: string): Promise<number> {
    const now = clock.now();
    const since = iso(addSeconds(now, -24 * 3600));
    // A reservation older than any answer could take belongs to a process that died while asking: counted, ended.
    const stale = iso(addSeconds(now, -(config.bankTimeoutMs / 1000 + 30)));
    try {
      return await db.unitOfWork(async (tx) => {
        await db.lock(tx, `person:${beneficiaryId}`, `card:${accountIdx}`);
        const [pending] = await tx
          .select({ id: cr.id })
          .from(cr)
          .where(and(eq(cr.beneficiaryId, beneficiaryId), eq(cr.status, 'pending')))
          .limit(1);
        if (pending) throw requestInProgress();
        await tx
          .update(v)
          .set({ result: 'unanswered', answeredAt: iso(now) })
          .where(and(eq(v.beneficiaryId, beneficiaryId), eq(v.result, 'pending'), lt(v.at, stale)));
        const [perCard] = await tx
          .select({ n: count() })
          .from(v)
          .where(and(eq(v.accountNumberIdx, accountIdx), gt(v.at, since)));
        if ((perCard?.n ?? 0) >= config.bankVerificationsPerAccountPerDay) {
          throw rateLimited('该账号今天的验证次数已达上限，请明天再试');
        }
        const [perPerson] = await tx
          .select({ n: count() })
          .from(v)
          .where(and(eq(v.beneficiaryId, beneficiaryId), gt(v.at, since)));
        if ((perPerson?.n ?? 0) >= config.bankVerificationsPerPersonPerDay) {
          throw rateLimited('您今天提交的次数太多了，请明天再试');
        }
        const [reserved] = await tx
          .insert(v)
          .values({ beneficiaryId, accountNumberIdx: accountIdx, result: 'pending', at: iso(now) })
          .returning({ id: v.id });
        return reserved.id;
      });
    } catch (err) {
      if (db.isUniqueViolation(err)) throw submissionInFlight();
      throw err;
    }
  }

  return {
    /** 事项办理: the person's requests, newest first, a page at a time. */
    async list(beneficiaryId: number, q: { cursor?: string; pageSize?: number } = {}) {
      const pageSize = q.pageSize ?? 20;
      const cursor = decodeCursor<[string, number]>(q.cursor, ['t', 'n']);
      const rows = await db.read
        .select({ request: cr, verifiedAt: v.answeredAt })
        .from(cr)
        .leftJoin(v, eq(v.id, cr.verificationId))
        .where(
          and(
            eq(cr.beneficiaryId, beneficiaryId),
            cursor ? after([sql`${cr.appliedAt}`, sql`${cr.id}`], cursor, 'desc') : undefined,
          ),
        )
        .orderBy(desc(cr.appliedAt), desc(cr.id))
        .limit(pageSize + 1);
      const page = rows.slice(0, pageSize);
      const pending = page.find((r) => r.request.status === 'pending');
      const reviewDays = pending ? await reviewDaysOf(db.read, pending.request.districtCode) : null;
      const last = page[page.length - 1];
      return {
        items: page.map((r) => citizenView(r.request, r.verifiedAt, reviewDays)),
        nextCursor: rows.length > pageSize && last ? encodeCursor([last.request.appliedAt, last.request.id]) : null,
      };
    },

    /**
     * Basic validation, a reserved bank verification, the bank's answer, then one unit of work that records the
     * request (pending, or failed with the bank's reason). The bank being out of reach records no request.
     */
    async submit(beneficiaryId: number, body: ChangeRequestBody, channel: 'mobile' | 'pc', actor: Actor) {
      const [beneficiary] = await db.read
        .select()
        .from(db.schema.beneficiaries)
        .where(eq(db.schema.beneficiaries.id, beneficiaryId))
        .limit(1);
      if (!beneficiary) throw notFound();
      const accounts = await db.read.select().from(acc).where(eq(acc.beneficiaryId, beneficiaryId));
      const currentAccountByDistrict = Object.fromEntries(
        accounts.map((a) => [a.districtCode, crypto.decrypt(a.accountNumberEnc)]),
      );
      const fields = checkChangeRequest(
        { ...body, reason: body.reason ?? undefined },
        { districtCodes: accounts.map((a) => a.districtCode), currentAccountByDistrict },
      );
      if (Object.keys(fields).length > 0) throw validationFailed(fields);
      const account = accounts.find((a) => a.districtCode === body.districtCode);
      if (!account) throw validationFailed({ districtCode: '所选区县不在您的使用区县中' });

      // One number, one form, before any limit or index: spaces and full-width digits never make another card.
      const accountNumber = normalizeAccountNumber(body.accountNumber);
      const accountIdx = crypto.blindIndex(accountNumber);
      const verificationId = await reserveVerification(beneficiaryId, accountIdx);

      let verdict: { result: string; message: string };
      try {
        verdict = await bank.verifyAccount({
          accountNumber,
          bankCode: body.bankCode,
          name: beneficiary.name,
          idNumber: crypto.decrypt(beneficiary.idNumberEnc),
        });
      } catch (err) {
        // Every call that reached the bank counts against the limits (it may have been verified there, and the card
        // networks count it); one that never connected does not. The reservation is ended either way.
        const reached = !(err instanceof GatewayUnavailable) || err.reached;
        await db.unitOfWork((tx) =>
          reached
            ? tx
                .update(v)
                .set({ result: 'unanswered', answeredAt: iso(clock.now()) })
                .where(eq(v.id, verificationId))
            : tx.delete(v).where(eq(v.id, verificationId)),
        );
        if (err instanceof GatewayUnavailable) throw bankUnavailable();
        throw err;
      }

      const now = iso(clock.now());
      const ok = verdict.result === 'ok';
      const failureReason = ok ? null : (BANK_REFUSALS[verdict.result] ?? `银行验证未通过：${verdict.message}`);
      try {
        const row = await db.unitOfWork(async (tx) => {
          // Under the person's lock, like the reservation: on PostgreSQL a parallel submission's reservation would
          // otherwise check "nothing pending" before this commits, wait on the in-flight index, and once this
          // reservation is answered ask the bank a second time (20 parallel submissions made 2 bank calls).
          await db.lock(tx, `person:${beneficiaryId}`);
          await tx.update(v).set({ result: verdict.result, answeredAt: now }).where(eq(v.id, verificationId));
          // 变更前 is the district's account as it is now, not as it was before the bank answered.
          const [current = account] = await tx.select().from(acc).where(eq(acc.id, account.id)).limit(1);
          const [created] = await tx
            .insert(cr)
            .values({
              beneficiaryId,
              accountId: account.id,
              districtCode: account.districtCode,
              applicantName: beneficiary.name,
              channel,
              cardType: body.cardType as Row['cardType'],
              bankCode: body.bankCode,
              accountNumberEnc: crypto.encrypt(accountNumber),
              accountNumberIdx: accountIdx,
              accountNumberMasked: maskAccountNumber(accountNumber),
              prevCardType: current.cardType,
              prevBankCode: current.bankCode,
              prevAccountNumberEnc: current.accountNumberEnc,
              prevAccountNumberMasked: current.accountNumberMasked,
              // Free text never keeps a full number someone typed into it.
              reason: redactLongNumbers(body.reason?.trim() ?? '') || null,
              consentAt: now,
              status: ok ? 'pending' : 'failed',
              failureReason,
              verificationId,
              appliedAt: now,
              finishedAt: ok ? null : now,
            })
            .returning();
          await writeAudit(tx, now, actor, 'change_request.submit', `change_request:${created.id}`, {
            outcome: created.status,
            bankResult: verdict.result,
            districtCode: created.districtCode,
            account: created.accountNumberMasked,
            channel,
          });
          return created;
        });
        return citizenView(row, now, ok ? await reviewDaysOf(db.read, row.districtCode) : null);
      } catch (err) {
        // A pending request that appeared meanwhile (another channel): the database lets exactly one be pending.
        if (db.isUniqueViolation(err)) throw requestInProgress();
        throw err;
      }
    },

    async withdraw(beneficiaryId: number, id: number, actor: Actor) {
      const now = iso(clock.now());
      return db.unitOfWork(async (tx) => {
        const [row] = await tx
          .select({ id: cr.id })
          .from(cr)
          .where(and(eq(cr.id, id), eq(cr.beneficiaryId, beneficiaryId)))
          .limit(1);
        // Another person's request is "not found": never reveal that it exists.
        if (!row) throw notFound('没有找到这条申请');
        const updated = await tx
          .update(cr)
          .set({ status: 'withdrawn', finishedAt: now })
          .where(and(eq(cr.id, id), eq(cr.status, 'pending')))
          .returning({ id: cr.id });
        if (updated.length === 0) throw notPending('这条申请已办结，不能撤销');
        await writeAudit(tx, now, actor, 'change_request.withdraw', `change_request:${id}`);
        return { id, status: 'withdrawn' as const };
      });
    },
  };
}
export type ChangeRequests = ReturnType<typeof createChangeRequests>;
