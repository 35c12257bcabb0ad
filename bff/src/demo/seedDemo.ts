import {
  ACCOUNT_UNUSABLE_MESSAGES,
  luhnCheckDigit,
  maskAccountNumber,
  type PaymentBatchBody,
  parseIdNumber,
} from '@ykt/shared';
import { eq } from 'drizzle-orm';
import { hashPassword } from '../lib/passwords.ts';
import { addSeconds, iso } from '../lib/time.ts';
import type { ServiceContext } from '../services/index.ts';
import { chongqingYear, storeBatch } from '../services/payments.ts';

/** The sandbox's demo world as far as the 一卡通 records need it (structural, so the BFF does not depend on it). */
export interface DemoWorldPeople {
  people: {
    key: string;
    name: string;
    idNumber: string;
    mobile?: string;
    accounts: { accountNumber: string; bankCode: string }[];
  }[];
  testAccounts: { accountNumber: string; bankCode: string; status: string; owner: unknown }[];
}

export const DEMO_CASEWORKERS = [
  { username: 'jiangbei', password: 'jiangbei-demo-2026', name: '刘洋（江北区财政局）', districtCode: '500105' },
  { username: 'chongqing', password: 'chongqing-demo-2026', name: '王敏（重庆市财政局）', districtCode: '500000' },
];

/**
 * Loads the demo records on first start (domain.md, last section). Idempotent: a database that already has the
 * demo caseworkers is left alone. Synthetic people only.
 */
export async function seedDemo(ctx: Pick<ServiceContext, 'db' | 'crypto' | 'clock'>, world: DemoWorldPeople) {
  const { db, crypto, clock } = ctx;
  const schema = db.schema;
  const [seeded] = await db.read
    .select({ id: schema.caseworkers.id })
    .from(schema.caseworkers)
    .where(eq(schema.caseworkers.username, 'jiangbei'))
    .limit(1);
  if (seeded) return false;
  const hashes = await Promise.all(DEMO_CASEWORKERS.map((c) => hashPassword(c.password)));
  const now = clock.now();
  const ago = (hours: number) => iso(addSeconds(now, -hours * 3600));
  const person = (key: string) => {
    const p = world.people.find((x) => x.key === key);
    if (!p) throw new Error(`demo world lacks ${key}`);
    return p;
  };
  const closedTestCard = world.testAccounts.find((a) => a.status === 'closed' && a.owner === null);
  // An old card 周建国 had before his approved change: a made-up, Luhn-valid CRCBANK number.
  const oldCard = `621258300009900${luhnCheckDigit('621258300009900')}`;

  await db.unitOfWork(async (tx) => {
    const caseworkers = await tx
      .insert(schema.caseworkers)
      .values(
        DEMO_CASEWORKERS.map((c, i) => ({
          username: c.username,
          passwordHash: hashes[i],
          name: c.name,
          districtCode: c.districtCode,
          createdAt: iso(now),
        })),
      )
      .returning();
    const reviewer = caseworkers.find((c) => c.username === 'chongqing');
    const addPerson = async (key: string) => {
      const p = person(key);
      const parsed = parseIdNumber(p.idNumber, now);
      if (!parsed.ok) throw new Error(`demo ID of ${key}: ${parsed.message}`);
      const [row] = await tx
        .insert(schema.beneficiaries)
        .values({
          name: p.name,
          gender: parsed.gender,
          birthYear: Number(parsed.birthDate.slice(0, 4)),
          idNumberEnc: crypto.encrypt(p.idNumber),
          idNumberIdx: crypto.blindIndex(p.idNumber),
          idLast4Idx: crypto.idLast4Index(p.idNumber),
          mobileEnc: p.mobile ? crypto.encrypt(p.mobile) : null,
          createdAt: ago(24 * 400),
        })
        .returning();
      return row;
    };
    const addAccount = async (
      beneficiaryId: number,
      districtCode: string,
      bankCode: string,
      accountNumber: string,
      extra: Partial<typeof schema.accounts.$inferInsert> = {},
    ) =>
      (
        await tx
          .insert(schema.accounts)
          .values({
            beneficiaryId,
            districtCode,
            cardType: 'bank_card',
            bankCode,
            accountNumberEnc: crypto.encrypt(accountNumber),
            accountNumberIdx: crypto.blindIndex(accountNumber),
            accountNumberMasked: maskAccountNumber(accountNumber),
            createdAt: ago(24 * 400),
            updatedAt: ago(24 * 30),
            ...extra,
          })
          .returning()
      )[0];
    type RequestInsert = typeof schema.changeRequests.$inferInsert;
    const addRequest = async (
      b: { id: number; name: string },
      account: typeof schema.accounts.$inferSelect,
      to: { bankCode: string; accountNumber: string },
      prev: { bankCode: string; accountNumber: string },
      extra: Partial<RequestInsert> & Pick<RequestInsert, 'status' | 'appliedAt'>,
      bankResult = 'ok',
    ) => {
      // The bank verification the request rests on, answered a few seconds after it was made.
      const answeredAt = iso(addSeconds(new Date(extra.appliedAt), -3));
      const [verification] = await tx
        .insert(schema.bankVerifications)
        .values({
          beneficiaryId: b.id,
          accountNumberIdx: crypto.blindIndex(to.accountNumber),
          result: bankResult,
          at: iso(addSeconds(new Date(extra.appliedAt), -5)),
          answeredAt,
        })
        .returning({ id: schema.bankVerifications.id });
      await tx.insert(schema.changeRequests).values({
        beneficiaryId: b.id,
        accountId: account.id,
        districtCode: account.districtCode,
        applicantName: b.name,
        channel: 'mobile',
        cardType: 'bank_card',
        bankCode: to.bankCode,
        accountNumberEnc: crypto.encrypt(to.accountNumber),
        accountNumberIdx: crypto.blindIndex(to.accountNumber),
        accountNumberMasked: maskAccountNumber(to.accountNumber),
        prevCardType: 'bank_card',
        prevBankCode: prev.bankCode,
        prevAccountNumberEnc: crypto.encrypt(prev.accountNumber),
        prevAccountNumberMasked: maskAccountNumber(prev.accountNumber),
        reason: '停用旧卡，启用新卡',
        consentAt: extra.appliedAt,
        verificationId: verification.id,
        ...extra,
      });
    };

    // 谭梅: one 重庆农商行 card used in two districts (the manual's screenshots).
    const tan = await addPerson('tan-mei');
    const tanCard = person('tan-mei').accounts[0];
    await addAccount(tan.id, '500000', tanCard.bankCode, tanCard.accountNumber);
    await addAccount(tan.id, '500105', tanCard.bankCode, tanCard.accountNumber);

    // 冉桂英 (酉阳): her card failed to be credited, so it is invalid and she has a notification.
    const ran = await addPerson('ran-guiying');
    const ranCard = person('ran-guiying').accounts[0];
    const invalidAt = ago(30);
    const message = `上卡失败：${ACCOUNT_UNUSABLE_MESSAGES.closed}`;
    const ranAccount = await addAccount(ran.id, '500242', ranCard.bankCode, ranCard.accountNumber, {
      status: 'invalid',
      invalidReason: message,
      invalidAt,
    });
    const [ranNotice] = await tx
      .insert(schema.notifications)
      .values({
        beneficiaryId: ran.id,
        accountId: ranAccount.id,
        kind: 'crediting_failure',
        bankCode: ranCard.bankCode,
        accountNumberMasked: ranAccount.accountNumberMasked,
        districtCode: '500242',
        districtCodes: '500242',
        message,
        occurredAt: invalidAt,
      })
      .returning({ id: schema.notifications.id });

    // 陈静 (江北区): a pending change, waiting in the 江北区 caseworker's queue.
    const chen = await addPerson('chen-jing');
    const [chenOld, chenNew] = person('chen-jing').accounts;
    const chenAccount = await addAccount(chen.id, '500105', chenOld.bankCode, chenOld.accountNumber);
    await addRequest(chen, chenAccount, chenNew, chenOld, { status: 'pending', appliedAt: ago(20) });

    // 李强 (万州区): pending too; only the municipal caseworker sees it.
    const li = await addPerson('li-qiang');
    const [liOld, liNew] = person('li-qiang').accounts;
    const liAccount = await addAccount(li.id, '500101', liOld.bankCode, liOld.accountNumber);
    await addRequest(li, liAccount, liNew, liOld, { status: 'pending', appliedAt: ago(5), channel: 'pc' });

    // 周建国 (万州区): finished requests — approved (his current card came from it), rejected, failed.
    const zhou = await addPerson('zhou-jianguo');
    const [zhouCard, zhouOther] = person('zhou-jianguo').accounts;
    const zhouAccount = await addAccount(zhou.id, '500101', zhouCard.bankCode, zhouCard.accountNumber, {
      source: 'yukuaiban',
    });
    const old = { bankCode: 'CRCBANK', accountNumber: oldCard };
    await addRequest(zhou, zhouAccount, zhouCard, old, {
      status: 'approved',
      appliedAt: ago(24 * 60),
      finishedAt: ago(24 * 59),
      reviewerId: reviewer?.id,
      reviewOpinion: '资料齐全，同意变更',
    });
    await addRequest(zhou, zhouAccount, zhouOther, zhouCard, {
      status: 'rejected',
      appliedAt: ago(24 * 20),
      finishedAt: ago(24 * 19),
      reviewerId: reviewer?.id,
      reviewOpinion: '经电话核实，本人暂不需要变更，不予通过',
    });
    if (closedTestCard) {
      await addRequest(
        zhou,
        zhouAccount,
        closedTestCard,
        zhouCard,
        {
          status: 'failed',
          appliedAt: ago(24 * 3),
          finishedAt: ago(24 * 3),
          failureReason: '银行验证未通过：该账户已销户，请换一张本人名下正常使用的银行卡',
        },
        'closed',
      );
    }

    // 发放记录: three years of payments (payments.md), written as the 一卡通 system's batches would have left them.
    const beneficiaryOf = new Map(
      (
        [
          ['tan-mei', tan],
          ['ran-guiying', ran],
          ['chen-jing', chen],
          ['li-qiang', li],
          ['zhou-jianguo', zhou],
        ] as const
      ).map(([key, b]) => [person(key).idNumber, b.id]),
    );
    const batches = demoPaymentBatches(world, now, { ranInvalidAt: invalidAt, zhouChangedAt: ago(24 * 59), oldCard });
    for (const batch of batches) {
      const resolved = batch.body.lines.map((line) => {
        const beneficiaryId = beneficiaryOf.get(line.idNumber);
        if (beneficiaryId === undefined) throw new Error('demo payment for a person without a record');
        // The one failed line is 冉桂英's: the payment behind her 上卡失败 notice.
        return { line, beneficiaryId, notificationId: line.result === 'failed' ? ranNotice.id : null };
      });
      await storeBatch(db, tx, crypto, batch.body, resolved, batch.invalidated, batch.body.paidAt);
    }
  });
  return true;
}

/** 10:00 in Chongqing on a day of a month (month 1..12; overflowing months roll into the next years). */
const chongqingTen = (year: number, month: number, day: number) =>
  new Date(Date.UTC(year, month - 1, day, 2)).toISOString();

/**
 * The demo's payment batches, deterministic relative to `now` (Chongqing calendar):
 * - 耕地地力保护补贴 (GDDL), yearly in mid-January, for the farmers 谭梅 and 陈静 (江北区), 冉桂英 (酉阳县) and 李强
 *   (万州区), for the three years before this one (this year's arrives when the sandbox posts it);
 * - 城乡居民最低生活保障金 (DBJ), monthly on the 15th, for 周建国 (万州区), the last 36 months: into his old card
 *   until his change was approved, into the new one since;
 * - 高龄失能老人养老服务补贴 (GLBT), monthly, for 冉桂英 (born 1952): 35 months paid, then this month's failed on
 *   her closed card (ACCOUNT_CLOSED) at the moment her card became 无效卡, the payment behind her 上卡失败 notice.
 */
export function demoPaymentBatches(
  world: DemoWorldPeople,
  now: Date,
  at: { ranInvalidAt: string; zhouChangedAt: string; oldCard: string },
): { body: PaymentBatchBody; invalidated: number }[] {
  const p = (key: string) => {
    const x = world.people.find((y) => y.key === key);
    if (!x) throw new Error(`demo world lacks ${key}`);
    return x;
  };
  const line = (key: string, amountFen: number, card = p(key).accounts[0]) => ({
    idNumber: p(key).idNumber,
    name: p(key).name,
    bankCode: card.bankCode,
    accountNumber: card.accountNumber,
    amountFen,
    result: 'paid' as 'paid' | 'failed',
  });
  const batch = (
    districtCode: string,
    itemCode: string,
    period: string,
    key: string,
    paidAt: string,
    lines: ReturnType<typeof line>[],
  ) => ({
    batchId: `${districtCode}-${itemCode}-${key}-DEMO`,
    districtCode,
    itemCode,
    period,
    paidAt,
    lines: lines.map((l, k) => ({ lineNo: k + 1, ...l })),
  });
  const out: { body: PaymentBatchBody; invalidated: number }[] = [];
  const year = chongqingYear(now);

  for (let y = year - 3; y < year; y++) {
    const paidAt = chongqingTen(y, 1, 15);
    const gddl = (district: string, lines: ReturnType<typeof line>[]) =>
      out.push({ body: batch(district, 'GDDL', `${y}年度`, String(y), paidAt, lines), invalidated: 0 });
    gddl('500105', [line('tan-mei', 46_800), line('chen-jing', 31_250)]);
    gddl('500242', [line('ran-guiying', 52_300)]);
    gddl('500101', [line('li-qiang', 55_640)]);
  }

  const monthOf = (time: Date | string) => {
    const local = new Date(new Date(time).getTime() + 8 * 3600_000);
    return { y: local.getUTCFullYear(), m: local.getUTCMonth() + 1 };
  };
  const month = (y: number, m: number, back: number) => {
    const d = new Date(Date.UTC(y, m - 1 - back, 1));
    return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1 };
  };
  const key = (x: { y: number; m: number }) => `${x.y}-${String(x.m).padStart(2, '0')}`;
  const label = (x: { y: number; m: number }) => `${x.y}年${x.m}月`;

  // 周建国's 低保: the 36 months before this one; the 低保 standard went up each January.
  const thisMonth = monthOf(now);
  const zhouOld = { bankCode: 'CRCBANK', accountNumber: at.oldCard };
  for (let back = 36; back >= 1; back--) {
    const x = month(thisMonth.y, thisMonth.m, back);
    const paidAt = chongqingTen(x.y, x.m, 15);
    const card = paidAt < at.zhouChangedAt ? zhouOld : p('zhou-jianguo').accounts[0];
    const amount = 68_000 - (year - x.y) * 2_000;
    out.push({
      body: batch('500101', 'DBJ', label(x), key(x), paidAt, [line('zhou-jianguo', amount, card)]),
      invalidated: 0,
    });
  }

  // 冉桂英's 高龄 subsidy: paid for 35 months, then the month her card turned out to be closed.
  const failedMonth = monthOf(at.ranInvalidAt);
  for (let back = 35; back >= 1; back--) {
    const x = month(failedMonth.y, failedMonth.m, back);
    out.push({
      body: batch('500242', 'GLBT', label(x), key(x), chongqingTen(x.y, x.m, 15), [line('ran-guiying', 20_000)]),
      invalidated: 0,
    });
  }
  const failed = {
    ...line('ran-guiying', 20_000),
    result: 'failed' as const,
    failureCode: 'ACCOUNT_CLOSED' as const,
    failureReason: '账户已销户',
  };
  out.push({
    body: batch('500242', 'GLBT', label(failedMonth), key(failedMonth), at.ranInvalidAt, [failed]),
    invalidated: 1,
  });
  return out;
}
