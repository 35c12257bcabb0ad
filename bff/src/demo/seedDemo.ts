import { luhnCheckDigit, maskAccountNumber, parseIdNumber } from '@ykt/shared';
import { schema } from '../db/index.ts';
import { hashPassword } from '../lib/passwords.ts';
import { addSeconds, iso } from '../lib/time.ts';
import type { ServiceContext } from '../services/index.ts';

/** The sandbox's demo world as far as the 一卡通 records need it (structural, so the BFF does not depend on it). */
export interface DemoWorldPeople {
  people: { key: string; name: string; idNumber: string; accounts: { accountNumber: string; bankCode: string }[] }[];
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
  if (db.query.caseworkers.findFirst({ where: (c, { eq }) => eq(c.username, 'jiangbei') }).sync()) return false;
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

  db.transaction((tx) => {
    DEMO_CASEWORKERS.forEach((c, i) => {
      tx.insert(schema.caseworkers)
        .values({
          username: c.username,
          passwordHash: hashes[i],
          name: c.name,
          districtCode: c.districtCode,
          createdAt: iso(now),
        })
        .run();
    });
    const addPerson = (key: string) => {
      const p = person(key);
      const parsed = parseIdNumber(p.idNumber, now);
      if (!parsed.ok) throw new Error(`demo ID of ${key}: ${parsed.message}`);
      return tx
        .insert(schema.beneficiaries)
        .values({
          name: p.name,
          gender: parsed.gender,
          birthDate: parsed.birthDate,
          idNumberEnc: crypto.encrypt(p.idNumber),
          idNumberIdx: crypto.blindIndex(p.idNumber),
          idNumberLast4: p.idNumber.slice(-4),
          createdAt: ago(24 * 400),
        })
        .returning()
        .get();
    };
    const addAccount = (
      beneficiaryId: number,
      districtCode: string,
      bankCode: string,
      accountNumber: string,
      extra: Partial<typeof schema.accounts.$inferInsert> = {},
    ) =>
      tx
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
        .get();
    type RequestInsert = typeof schema.changeRequests.$inferInsert;
    const addRequest = (
      b: { id: number; name: string },
      account: typeof schema.accounts.$inferSelect,
      to: { bankCode: string; accountNumber: string },
      prev: { bankCode: string; accountNumber: string },
      extra: Partial<RequestInsert> & Pick<RequestInsert, 'status' | 'appliedAt'>,
    ) =>
      tx
        .insert(schema.changeRequests)
        .values({
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
          ...extra,
        })
        .run();

    // 谭梅: one 重庆农商行 card used in two districts (the manual's screenshots).
    const tan = addPerson('tan-mei');
    const tanCard = person('tan-mei').accounts[0];
    addAccount(tan.id, '500000', tanCard.bankCode, tanCard.accountNumber);
    addAccount(tan.id, '500105', tanCard.bankCode, tanCard.accountNumber);

    // 冉桂英 (酉阳): her card failed to be credited, so it is invalid and she has a notification.
    const ran = addPerson('ran-guiying');
    const ranCard = person('ran-guiying').accounts[0];
    const invalidAt = ago(30);
    const message = '上卡失败：该账户已销户，补贴资金无法发放到此账户，请尽快申请变更账号';
    const ranAccount = addAccount(ran.id, '500242', ranCard.bankCode, ranCard.accountNumber, {
      status: 'invalid',
      invalidReason: message,
      invalidAt,
    });
    tx.insert(schema.notifications)
      .values({
        beneficiaryId: ran.id,
        accountId: ranAccount.id,
        kind: 'crediting_failure',
        bankCode: ranCard.bankCode,
        accountNumberMasked: ranAccount.accountNumberMasked,
        districtCode: '500242',
        message,
        occurredAt: invalidAt,
      })
      .run();

    // 陈静 (江北区): a pending change, waiting in the 江北区 caseworker's queue.
    const chen = addPerson('chen-jing');
    const [chenOld, chenNew] = person('chen-jing').accounts;
    const chenAccount = addAccount(chen.id, '500105', chenOld.bankCode, chenOld.accountNumber);
    addRequest(chen, chenAccount, chenNew, chenOld, { status: 'pending', appliedAt: ago(20) });

    // 李强 (万州区): pending too; only the municipal caseworker sees it.
    const li = addPerson('li-qiang');
    const [liOld, liNew] = person('li-qiang').accounts;
    const liAccount = addAccount(li.id, '500101', liOld.bankCode, liOld.accountNumber);
    addRequest(li, liAccount, liNew, liOld, { status: 'pending', appliedAt: ago(5) });

    // 周建国 (万州区): finished requests — approved (his current card came from it), rejected, failed.
    const zhou = addPerson('zhou-jianguo');
    const [zhouCard, zhouOther] = person('zhou-jianguo').accounts;
    const zhouAccount = addAccount(zhou.id, '500101', zhouCard.bankCode, zhouCard.accountNumber, {
      source: 'yukuaiban',
    });
    const old = { bankCode: 'CRCBANK', accountNumber: oldCard };
    const reviewer = tx.query.caseworkers.findFirst({ where: (c, { eq }) => eq(c.username, 'chongqing') }).sync();
    addRequest(zhou, zhouAccount, zhouCard, old, {
      status: 'approved',
      appliedAt: ago(24 * 60),
      finishedAt: ago(24 * 59),
      reviewerId: reviewer?.id,
      reviewOpinion: '资料齐全，同意变更',
    });
    addRequest(zhou, zhouAccount, zhouOther, zhouCard, {
      status: 'rejected',
      appliedAt: ago(24 * 20),
      finishedAt: ago(24 * 19),
      reviewerId: reviewer?.id,
      reviewOpinion: '经电话核实，本人暂不需要变更，不予通过',
    });
    if (closedTestCard) {
      addRequest(zhou, zhouAccount, closedTestCard, zhouCard, {
        status: 'failed',
        appliedAt: ago(24 * 3),
        finishedAt: ago(24 * 3),
        failureReason: '银行验证未通过：该账户已销户',
      });
    }
  });
  return true;
}
