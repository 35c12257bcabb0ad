import { ACCOUNT_UNUSABLE_MESSAGES, luhnCheckDigit, maskAccountNumber, parseIdNumber } from '@ykt/shared';
import { eq } from 'drizzle-orm';
import { hashPassword } from '../lib/passwords.ts';
import { addSeconds, iso } from '../lib/time.ts';
import type { ServiceContext } from '../services/index.ts';

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
    await tx.insert(schema.notifications).values({
      beneficiaryId: ran.id,
      accountId: ranAccount.id,
      kind: 'crediting_failure',
      bankCode: ranCard.bankCode,
      accountNumberMasked: ranAccount.accountNumberMasked,
      districtCode: '500242',
      districtCodes: '500242',
      message,
      occurredAt: invalidAt,
    });

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
  });
  return true;
}
