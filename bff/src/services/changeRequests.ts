import {
  bankName,
  type ChangeRequestBody,
  checkChangeRequest,
  districtName,
  maskAccountNumber,
  normalizeAccountNumber,
} from '@ykt/shared';
import { and, count, desc, eq, gt } from 'drizzle-orm';
import { isUniqueViolation, schema } from '../db/index.ts';
import { GatewayUnavailable } from '../gateways/bankGateway.ts';
import { AppError, bankUnavailable, notFound, notPending, rateLimited, validationFailed } from '../lib/errors.ts';
import { addSeconds, iso } from '../lib/time.ts';
import { writeAudit } from './audit.ts';
import type { Actor, ServiceContext } from './context.ts';

type Row = typeof schema.changeRequests.$inferSelect;

/** The bank's negative answers, in words the citizen understands (recorded as 申请失败 with this reason). */
const BANK_REFUSALS: Record<string, string> = {
  mismatch: '银行验证未通过：账户户名或证件号码与开户信息不符',
  closed: '银行验证未通过：该账户已销户',
  frozen: '银行验证未通过：该账户已冻结',
  not_found: '银行验证未通过：账户不存在，请核对账号和开户行',
};

export const requestInProgress = () =>
  new AppError(409, 'REQUEST_IN_PROGRESS', '您已有一条正在办理的变更申请，请等待审核结果或撤销后再申请');

/** A request as the citizen sees it (api.md GET /api/me/change-requests). */
export function citizenView(r: Row) {
  return {
    id: r.id,
    status: r.status,
    cardType: r.cardType,
    bankCode: r.bankCode,
    bankName: bankName(r.bankCode) ?? r.bankCode,
    accountNumber: r.accountNumberMasked,
    districtCode: r.districtCode,
    districtName: districtName(r.districtCode) ?? r.districtCode,
    reason: r.reason,
    appliedAt: r.appliedAt,
    finishedAt: r.finishedAt,
    failureReason: r.failureReason,
    reviewOpinion: r.reviewOpinion,
  };
}

export function createChangeRequests(ctx: ServiceContext) {
  const { db, crypto, clock, config, bank } = ctx;

  const pendingOf = (beneficiaryId: number) =>
    db
      .select({ id: schema.changeRequests.id })
      .from(schema.changeRequests)
      .where(and(eq(schema.changeRequests.beneficiaryId, beneficiaryId), eq(schema.changeRequests.status, 'pending')))
      .get();

  /** Card networks allow about 5 verifications of one card a day; a person gets a bounded number too. */
  function checkVerificationBudget(beneficiaryId: number, accountIdx: string) {
    const since = iso(addSeconds(clock.now(), -24 * 3600));
    const v = schema.bankVerifications;
    const perAccount = db
      .select({ n: count() })
      .from(v)
      .where(and(eq(v.accountNumberIdx, accountIdx), gt(v.at, since)))
      .get();
    if ((perAccount?.n ?? 0) >= config.bankVerificationsPerAccountPerDay) {
      throw rateLimited('该账号今天的验证次数已达上限，请明天再试');
    }
    const perPerson = db
      .select({ n: count() })
      .from(v)
      .where(and(eq(v.beneficiaryId, beneficiaryId), gt(v.at, since)))
      .get();
    if ((perPerson?.n ?? 0) >= config.bankVerificationsPerPersonPerDay) {
      throw rateLimited('您今天提交的次数太多了，请明天再试');
    }
  }

  return {
    list(beneficiaryId: number) {
      const rows = db
        .select()
        .from(schema.changeRequests)
        .where(eq(schema.changeRequests.beneficiaryId, beneficiaryId))
        .orderBy(desc(schema.changeRequests.appliedAt), desc(schema.changeRequests.id))
        .all();
      return { items: rows.map(citizenView) };
    },

    /**
     * Basic validation, then bank verification, then one transaction that records the request
     * (pending, or failed with the bank's reason). The bank being out of reach records nothing.
     */
    async submit(beneficiaryId: number, body: ChangeRequestBody, channel: 'mobile' | 'pc', actor: Actor) {
      const beneficiary = db.query.beneficiaries
        .findFirst({ where: eq(schema.beneficiaries.id, beneficiaryId) })
        .sync();
      if (!beneficiary) throw notFound();
      const accounts = db.select().from(schema.accounts).where(eq(schema.accounts.beneficiaryId, beneficiaryId)).all();
      const currentAccountByDistrict = Object.fromEntries(
        accounts.map((a) => [a.districtCode, crypto.decrypt(a.accountNumberEnc)]),
      );
      const fields = checkChangeRequest(
        { ...body, reason: body.reason ?? undefined },
        { districtCodes: accounts.map((a) => a.districtCode), currentAccountByDistrict },
      );
      if (Object.keys(fields).length > 0) throw validationFailed(fields);
      if (pendingOf(beneficiaryId)) throw requestInProgress();

      const account = accounts.find((a) => a.districtCode === body.districtCode);
      if (!account) throw validationFailed({ districtCode: '所选区县不在您的使用区县中' });
      const accountNumber = normalizeAccountNumber(body.accountNumber);
      const accountIdx = crypto.blindIndex(accountNumber);
      checkVerificationBudget(beneficiaryId, accountIdx);

      let verdict: { result: string; message: string };
      try {
        verdict = await bank.verifyAccount({
          accountNumber,
          bankCode: body.bankCode,
          name: beneficiary.name,
          idNumber: crypto.decrypt(beneficiary.idNumberEnc),
        });
      } catch (err) {
        if (err instanceof GatewayUnavailable) throw bankUnavailable();
        throw err;
      }

      const now = iso(clock.now());
      const ok = verdict.result === 'ok';
      const failureReason = ok ? null : (BANK_REFUSALS[verdict.result] ?? `银行验证未通过：${verdict.message}`);
      try {
        // Synchronous on purpose: better-sqlite3 transactions end at the first await.
        const row = db.transaction((tx) => {
          // 变更前 is the district's account as it is now, not as it was before the bank answered.
          const current = tx.select().from(schema.accounts).where(eq(schema.accounts.id, account.id)).get() ?? account;
          tx.insert(schema.bankVerifications)
            .values({ beneficiaryId, accountNumberIdx: accountIdx, result: verdict.result, at: now })
            .run();
          const created = tx
            .insert(schema.changeRequests)
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
              reason: body.reason?.trim() || null,
              consentAt: now,
              status: ok ? 'pending' : 'failed',
              failureReason,
              appliedAt: now,
              finishedAt: ok ? null : now,
            })
            .returning()
            .get();
          writeAudit(tx, now, actor, 'change_request.submit', `change_request:${created.id}`, {
            outcome: created.status,
            bankResult: verdict.result,
            districtCode: created.districtCode,
            account: created.accountNumberMasked,
            channel,
          });
          return created;
        });
        return citizenView(row);
      } catch (err) {
        // Two submissions at once: the database lets exactly one be pending.
        if (isUniqueViolation(err)) throw requestInProgress();
        throw err;
      }
    },

    withdraw(beneficiaryId: number, id: number, actor: Actor) {
      const now = iso(clock.now());
      return db.transaction((tx) => {
        const row = tx
          .select()
          .from(schema.changeRequests)
          .where(and(eq(schema.changeRequests.id, id), eq(schema.changeRequests.beneficiaryId, beneficiaryId)))
          .get();
        // Another person's request is "not found": never reveal that it exists.
        if (!row) throw notFound('没有找到这条申请');
        const updated = tx
          .update(schema.changeRequests)
          .set({ status: 'withdrawn', finishedAt: now })
          .where(and(eq(schema.changeRequests.id, id), eq(schema.changeRequests.status, 'pending')))
          .run();
        if (updated.changes === 0) throw notPending('这条申请已办结，不能撤销');
        writeAudit(tx, now, actor, 'change_request.withdraw', `change_request:${id}`);
        return { id, status: 'withdrawn' as const };
      });
    },
  };
}
export type ChangeRequests = ReturnType<typeof createChangeRequests>;
