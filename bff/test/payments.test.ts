/**
 * 发放记录 (../shared/design/payments.md): the 一卡通 system's payment batches (all or nothing, idempotent,
 * failed lines invalidating cards in the same transaction) and the year pages the citizen and the caseworker read.
 */
import { idCheckDigit, luhnCheckDigit, maskAccountNumber, paymentYearPage } from '@ykt/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../src/app.ts';
import { parseConfig } from '../src/config.ts';
import { seedDemo } from '../src/demo/seedDemo.ts';
import { generateDataKey } from '../src/lib/fieldCrypto.ts';
import { countRows, demoWorld, expectError, freshDatabase, manualClock, person, type TestEnv } from './helpers.ts';
import {
  accountById,
  accountOf,
  allAccounts,
  allAudit,
  allNotifications,
  auditLeaks,
  beneficiaryId,
  fullNumbers,
  JIANGBEI,
  MUNICIPAL,
  pendingRequestOf,
  SERVICE_KEY,
  useReviewEnv,
  WANZHOU,
} from './reviewHelpers.ts';

// ---------------------------------------------------------------- helpers

const KEY = { 'x-ykt-service-key': SERVICE_KEY };
const URL_BATCHES = '/api/review/payment-batches';
const YOUYANG = '500242';

type Line = {
  idNumber: string;
  name: string;
  bankCode: string;
  accountNumber: string;
  amountFen: number;
  result: 'paid' | 'failed';
  failureCode?: string;
  failureReason?: string;
};

/** A line paid to a demo person's current card (accounts[0]), or any other of theirs. */
const line = (
  key: string,
  over: Partial<Line> = {},
  card: { bankCode: string; accountNumber: string } = person(key).accounts[0],
): Line => ({
  idNumber: person(key).idNumber,
  name: person(key).name,
  bankCode: card.bankCode,
  accountNumber: card.accountNumber,
  amountFen: 10_000,
  result: 'paid',
  ...over,
});
const failed = (key: string, failureCode: string, failureReason = '账户已销户', over: Partial<Line> = {}) =>
  line(key, { result: 'failed', failureCode, failureReason, ...over });

let batchSeq = 0;
/** A batch with lines numbered 1..n, paid in November 2026 unless told otherwise. */
const batch = <L extends object>(districtCode: string, lines: L[], over: Record<string, unknown> = {}) => ({
  batchId: `T-${districtCode}-${++batchSeq}`,
  districtCode,
  itemCode: 'GDDL',
  period: '2026年度',
  paidAt: '2026-11-20T02:00:00.000Z',
  lines: lines.map((l, k) => ({ lineNo: k + 1, ...l })),
  ...over,
});

const post = (env: TestEnv, body: unknown, headers: Record<string, string> = KEY) =>
  env.app.inject({ method: 'POST', url: URL_BATCHES, headers, payload: body as object });

/** Everything a batch can leave behind, to prove a refused one left nothing. */
async function footprint(env: TestEnv) {
  return {
    batches: await countRows(env, 'paymentBatches'),
    payments: await countRows(env, 'payments'),
    notifications: await countRows(env, 'notifications'),
    outbox: await countRows(env, 'outbox'),
    audit: await countRows(env, 'auditLog'),
    accounts: (await allAccounts(env)).map((a) => `${a.id}:${a.status}:${a.invalidReason}`),
  };
}

const paymentsOf = async (env: TestEnv, beneficiary: number) => {
  const t = env.app.db.schema.payments;
  return (await env.app.db.read.select().from(t)).filter((p) => p.beneficiaryId === beneficiary);
};
const outboxOf = async (env: TestEnv, beneficiary: number) => {
  const t = env.app.db.schema.outbox;
  return (await env.app.db.read.select().from(t)).filter((o) => o.beneficiaryId === beneficiary);
};

async function myPayments(env: TestEnv, token: string, query = '') {
  const res = await env.app.inject({ url: `/api/me/payments${query}`, headers: env.auth(token) });
  expect(res.statusCode, res.body).toBe(200);
  return { res, page: paymentYearPage.parse(res.json()) };
}

/** A made-up person with a valid ID (area 500105, born on `birth`, sequence `seq`) and a Luhn-valid 农商行 card. */
function madeUpPerson(birth: string, seq: number) {
  const first17 = `500105${birth}${String(seq).padStart(3, '0')}`;
  const body = `621258${birth.slice(2)}${String(seq).padStart(3, '0')}`;
  return {
    name: `测试${seq}`,
    idNumber: first17 + idCheckDigit(first17),
    bankCode: 'CRCBANK',
    accountNumber: body + luhnCheckDigit(body),
  };
}

/** Many made-up people with an account in one district, straight into the records (multi-row, one unit of work). */
async function addPeople(env: TestEnv, districtCode: string, people: ReturnType<typeof madeUpPerson>[]) {
  const { db, crypto } = env.app.ctx;
  const t = db.schema;
  const at = new Date().toISOString();
  return db.unitOfWork(async (tx) => {
    const ids: number[] = [];
    for (let i = 0; i < people.length; i += 500) {
      const part = people.slice(i, i + 500);
      const rows = await tx
        .insert(t.beneficiaries)
        .values(
          part.map((p) => ({
            name: p.name,
            gender: 'female' as const,
            birthYear: Number(p.idNumber.slice(6, 10)),
            idNumberEnc: crypto.encrypt(p.idNumber),
            idNumberIdx: crypto.blindIndex(p.idNumber),
            idLast4Idx: crypto.idLast4Index(p.idNumber),
            createdAt: at,
          })),
        )
        .returning({ id: t.beneficiaries.id });
      const accounts = await tx
        .insert(t.accounts)
        .values(
          part.map((p, k) => ({
            beneficiaryId: rows[k].id,
            districtCode,
            cardType: 'bank_card' as const,
            bankCode: p.bankCode,
            accountNumberEnc: crypto.encrypt(p.accountNumber),
            accountNumberIdx: crypto.blindIndex(p.accountNumber),
            accountNumberMasked: maskAccountNumber(p.accountNumber),
            createdAt: at,
            updatedAt: at,
          })),
        )
        .returning({ id: t.accounts.id });
      ids.push(...accounts.map((a) => a.id));
    }
    return ids;
  });
}

// ---------------------------------------------------------------- intake: credentials, validation, idempotency

describe('payment batch intake', () => {
  const env = useReviewEnv({ yktServiceKey: SERVICE_KEY, clock: manualClock() });

  it('needs the 一卡通 system’s service key: none, a wrong one and a caseworker token are refused, nothing recorded', async () => {
    const token = await env.loginCaseworker('chongqing');
    const before = await footprint(env);
    const body = batch(JIANGBEI, [line('tan-mei')]);
    expectError(await post(env, body, {}), 401, 'UNAUTHENTICATED');
    expectError(await post(env, body, { 'x-ykt-service-key': 'not-the-key' }), 401, 'UNAUTHENTICATED');
    expectError(await post(env, body, env.auth(token)), 401, 'UNAUTHENTICATED');
    expect(await footprint(env)).toEqual(before);
  });

  it('refuses a batch with bad lines as a whole (400), naming each bad line by its lineNo; nothing recorded', async () => {
    const before = await footprint(env);
    const body = batch(JIANGBEI, [
      line('tan-mei'),
      line('chen-jing', { idNumber: '500105199107220685' }), // check digit wrong
      line('tan-mei', { amountFen: 12.5 }),
      line('tan-mei', { result: 'failed', failureReason: '账户已销户' }), // no failure code
      line('tan-mei', { amountFen: 0 }),
      line('chen-jing', { result: 'failed', failureCode: 'OTHER' }), // no reason
      line('chen-jing', { accountNumber: '6212 5830' }),
    ]);
    // Numbered from 11: the answer names lineNo, not the position in the array.
    body.lines = body.lines.map((l) => ({ ...l, lineNo: l.lineNo + 10 }));
    const error = expectError(await post(env, body), 400, 'VALIDATION_FAILED');
    expect(error.fields).toEqual({
      'lines[12].idNumber': '身份证号校验位不正确',
      'lines[13].amountFen': '金额应为正整数（分）',
      'lines[14].failureCode': '失败行须有失败代码',
      'lines[15].amountFen': '金额应为正整数（分）',
      'lines[16].failureReason': '失败行须有银行的失败原因',
      'lines[17].accountNumber': '银行账号应为6-32位数字',
    });
    expect(await footprint(env)).toEqual(before);
  });

  it('refuses an unknown 补贴项目, an unknown district, duplicate line numbers and an empty batch', async () => {
    const before = await footprint(env);
    const unknownItem = expectError(
      await post(env, batch(JIANGBEI, [line('tan-mei')], { itemCode: 'XXXX' })),
      400,
      'VALIDATION_FAILED',
    );
    expect(unknownItem.fields).toEqual({ itemCode: '未知的补贴项目' });
    const unknownDistrict = expectError(await post(env, batch('500199', [line('tan-mei')])), 400, 'VALIDATION_FAILED');
    expect(unknownDistrict.fields).toEqual({ districtCode: '未知的区县代码' });
    const dup = batch(JIANGBEI, [line('tan-mei'), line('chen-jing')]);
    dup.lines[1].lineNo = 1;
    expect(expectError(await post(env, dup), 400, 'VALIDATION_FAILED').fields).toEqual({
      'lines[1].lineNo': '行号重复',
    });
    expect(expectError(await post(env, batch(JIANGBEI, [])), 400, 'VALIDATION_FAILED').fields).toEqual({
      lines: '一批至少有1行',
    });
    expect(await footprint(env)).toEqual(before);
  });

  it('refuses the whole batch when a line’s person has no account in the batch’s district (by blind index)', async () => {
    const before = await footprint(env);
    // 周建国 is 万州区's, not 江北区's; 王宇 has no account at all; a valid ID nobody has.
    const body = batch(JIANGBEI, [
      line('tan-mei'),
      line('zhou-jianguo'),
      line('wang-yu', {}, { bankCode: 'CRCBANK', accountNumber: '6212583000182465' }),
      line('tan-mei', { idNumber: madeUpPerson('19990101', 7).idNumber }),
    ]);
    const error = expectError(await post(env, body), 400, 'VALIDATION_FAILED');
    expect(error.fields).toEqual({
      'lines[2].idNumber': '该区县没有此身份证号的补贴对象',
      'lines[3].idNumber': '该区县没有此身份证号的补贴对象',
      'lines[4].idNumber': '该区县没有此身份证号的补贴对象',
    });
    expect(await footprint(env)).toEqual(before);
  });

  it('records a batch once: the same content again answers the same and records nothing new', async () => {
    const body = batch(JIANGBEI, [line('tan-mei', { amountFen: 46_800 }), line('chen-jing', { amountFen: 31_250 })]);
    const first = await post(env, body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({
      batchId: body.batchId,
      lines: 2,
      paid: 2,
      failed: 0,
      invalidated: 0,
      amountFen: 78_050,
      paidFen: 78_050,
    });
    const after = await footprint(env);

    const again = await post(env, body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    // The same lines in another order, ID in lower case, spaces around the name: the same canonical content.
    const reordered = {
      ...body,
      lines: [...body.lines].reverse().map((l) => ({ ...l, name: ` ${l.name} `, idNumber: l.idNumber.toLowerCase() })),
    };
    expect((await post(env, reordered)).json()).toEqual(first.json());
    expect(await footprint(env)).toEqual(after);

    // The batch is audited, without a full number.
    const audit = (await allAudit(env)).filter((a) => a.action === 'payment_batch.receive');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: 'system', target: `payment_batch:${body.batchId}` });
    expect(JSON.parse(audit[0].detail ?? '{}')).toMatchObject({ lines: 2, paid: 2, amountFen: 78_050 });
    expect(await auditLeaks(env)).toEqual([]);
  });

  it('answers 409 BATCH_CONFLICT to the same batchId with other content, recording nothing', async () => {
    const body = batch(JIANGBEI, [line('tan-mei', { amountFen: 100 })]);
    expect((await post(env, body)).statusCode).toBe(200);
    const before = await footprint(env);
    const changed = { ...body, lines: [{ ...body.lines[0], amountFen: 101 }] };
    expectError(await post(env, changed), 409, 'BATCH_CONFLICT');
    expectError(await post(env, { ...body, period: '2025年度' }), 409, 'BATCH_CONFLICT');
    expectError(
      await post(env, { ...body, lines: [...body.lines, { ...line('chen-jing'), lineNo: 2 }] }),
      409,
      'BATCH_CONFLICT',
    );
    expect(await footprint(env)).toEqual(before);
  });

  it('takes the same new batch posted twice at once as one batch', async () => {
    const body = batch(JIANGBEI, [line('tan-mei', { amountFen: 777 })]);
    const before = await countRows(env, 'payments');
    const [a, b] = await Promise.all([post(env, body), post(env, body)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json()).toEqual(b.json());
    expect(await countRows(env, 'payments')).toBe(before + 1);
  });

  it('stores account numbers encrypted and blind-indexed, free text redacted, never a full number in clear', async () => {
    const newCard = person('chen-jing').accounts[1].accountNumber;
    const body = batch(JIANGBEI, [
      failed('chen-jing', 'NAME_MISMATCH', `户名不符，卡号${newCard}，证件${person('chen-jing').idNumber}`, {
        accountNumber: newCard,
      }),
    ]);
    expect((await post(env, body)).statusCode).toBe(200);
    const rows = await paymentsOf(env, await beneficiaryId(env, 'chen-jing'));
    const row = rows.find((r) => r.batchId === body.batchId);
    expect(row).toBeDefined();
    expect(env.app.ctx.crypto.decrypt(row?.accountNumberEnc ?? '')).toBe(newCard);
    expect(row?.accountNumberIdx).toBe(env.app.ctx.crypto.blindIndex(newCard));
    expect(row?.accountNumberMasked).toBe(maskAccountNumber(newCard));
    const text = JSON.stringify(await env.app.db.read.select().from(env.app.db.schema.payments));
    for (const n of fullNumbers()) expect(text).not.toContain(n);
    expect(row?.failureReason).toContain('户名不符');
  });
});

// ---------------------------------------------------------------- failed lines: invalidation

describe('failed lines invalidate cards, in the same transaction', () => {
  const env = useReviewEnv({ yktServiceKey: SERVICE_KEY, clock: manualClock() });

  it('ACCOUNT_CLOSED: every district’s account of that card becomes 无效卡 with one notice naming the districts', async () => {
    const tan = await beneficiaryId(env, 'tan-mei');
    const j = await accountOf(env, 'tan-mei', JIANGBEI);
    const m = await accountOf(env, 'tan-mei', MUNICIPAL);
    const notices = (await allNotifications(env)).length;
    const body = batch(JIANGBEI, [
      line('chen-jing'),
      failed('tan-mei', 'ACCOUNT_CLOSED', '账户已销户', { amountFen: 46_800 }),
    ]);
    const res = await post(env, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      lines: 2,
      paid: 1,
      failed: 1,
      invalidated: 2,
      amountFen: 56_800,
      paidFen: 10_000,
    });

    for (const a of [j, m]) {
      expect(await accountById(env, a.id)).toMatchObject({ status: 'invalid', invalidReason: '上卡失败：账户已销户' });
    }
    const added = (await allNotifications(env)).slice(notices);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ beneficiaryId: tan, kind: 'crediting_failure', districtCodes: '500000,500105' });
    const [row] = (await paymentsOf(env, tan)).filter((p) => p.batchId === body.batchId);
    expect(row).toMatchObject({ status: 'failed', failureCode: 'ACCOUNT_CLOSED', notificationId: added[0].id });

    // One outside message, not two: the failed payment's (last 4 only) says what was not paid and why.
    const messages = await outboxOf(env, tan);
    expect(messages.map((o) => o.template)).toEqual(['payment_failed']);
    expect(JSON.parse(messages[0].params)).toEqual({
      itemName: '耕地地力保护补贴',
      period: '2026年度',
      amountFen: 46_800,
      bankCode: 'CRCBANK',
      last4: person('tan-mei').accounts[0].accountNumber.slice(-4),
      reason: '账户已销户',
    });

    // The citizen sees the failed line, linked to the notice.
    const { page } = await myPayments(env, await env.loginCitizen('tan-mei'), '?year=2026');
    const item = page.items.find((i) => i.status === 'failed');
    expect(item).toMatchObject({
      itemCode: 'GDDL',
      failureReason: '账户已销户',
      failureCode: 'ACCOUNT_CLOSED',
      notificationId: added[0].id,
      districtCode: JIANGBEI,
      accountNumber: j.accountNumberMasked,
    });
  });

  it('another failure code touches only that district’s account', async () => {
    const li = await accountOf(env, 'li-qiang', WANZHOU);
    const zhou = await accountOf(env, 'zhou-jianguo', WANZHOU);
    const res = await post(
      env,
      batch(WANZHOU, [failed('zhou-jianguo', 'NAME_MISMATCH', '户名不符'), line('li-qiang')]),
    );
    expect(res.json()).toMatchObject({ failed: 1, invalidated: 1 });
    expect(await accountById(env, zhou.id)).toMatchObject({ status: 'invalid', invalidReason: '上卡失败：户名不符' });
    expect((await accountById(env, li.id))?.status).toBe('valid');
  });

  it('a failed line whose number is no longer the district’s account is recorded, not invalidated', async () => {
    // 李强's current card is accounts[0]; the line failed on another number of his (say, the card before).
    const li = await accountOf(env, 'li-qiang', WANZHOU);
    const before = await footprint(env);
    const old = person('li-qiang').accounts[1];
    const body = batch(
      WANZHOU,
      [failed('li-qiang', 'OTHER', '账户状态异常', {})].map((l) => ({ ...l, ...old })),
    );
    const res = await post(env, body);
    expect(res.json()).toMatchObject({ failed: 1, invalidated: 0 });
    expect(await accountById(env, li.id)).toMatchObject({ status: 'valid', invalidReason: null });
    const after = await footprint(env);
    expect(after.notifications).toBe(before.notifications);
    // Nothing to tell him about a card he no longer uses here.
    expect(after.outbox).toBe(before.outbox);
    expect(after.payments).toBe(before.payments + 1);
    const [row] = (await paymentsOf(env, li.beneficiaryId)).filter((p) => p.batchId === body.batchId);
    expect(row).toMatchObject({
      status: 'failed',
      notificationId: null,
      accountNumberMasked: maskAccountNumber(old.accountNumber),
    });
  });

  it('is accepted while a 渝快办 change is pending (a failed payment is a fact); the request stays pending', async () => {
    const chen = await accountOf(env, 'chen-jing', JIANGBEI);
    const pending = await pendingRequestOf(env, 'chen-jing');
    // 陈静's card was paid in the first test; this time it fails.
    const res = await post(env, batch(JIANGBEI, [failed('chen-jing', 'ACCOUNT_FROZEN', '账户已冻结')]));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ invalidated: 1 });
    expect(await accountById(env, chen.id)).toMatchObject({ status: 'invalid', invalidReason: '上卡失败：账户已冻结' });
    expect((await pendingRequestOf(env, 'chen-jing')).id).toBe(pending.id);
  });

  it('a failure after the invalidation (mid-batch) leaves nothing: no payment, no invalid card, no notice', async () => {
    const ran = await accountOf(env, 'ran-guiying', YOUYANG);
    // 冉桂英's seeded account is invalid already; make it valid again so the batch has something to invalidate.
    await env.app.db.unitOfWork(async (tx) => {
      const { eq } = await import('drizzle-orm');
      await tx
        .update(env.app.db.schema.accounts)
        .set({ status: 'valid', invalidReason: null, invalidAt: null })
        .where(eq(env.app.db.schema.accounts.id, ran.id));
    });
    const before = await footprint(env);
    const crypto = env.app.ctx.crypto;
    const encrypt = crypto.encrypt;
    const poisoned = '6212583000999990';
    // Storing line 2 fails, after line 1 has invalidated her card inside the same unit of work.
    crypto.encrypt = (plain: string) => {
      if (plain === poisoned) throw new Error('disk full');
      return encrypt(plain);
    };
    try {
      const body = batch(YOUYANG, [
        failed('ran-guiying', 'ACCOUNT_CLOSED'),
        line('ran-guiying', { accountNumber: poisoned }),
      ]);
      expectError(await post(env, body), 500, 'INTERNAL');
      expect(await footprint(env)).toEqual(before);
      expect((await accountById(env, ran.id))?.status).toBe('valid');
      // Once the fault is gone the same batch goes through whole.
      crypto.encrypt = encrypt;
      const ok = await post(env, body);
      expect(ok.json()).toMatchObject({ lines: 2, failed: 1, invalidated: 1 });
      expect((await accountById(env, ran.id))?.status).toBe('invalid');
    } finally {
      crypto.encrypt = encrypt;
    }
  });
});

// ---------------------------------------------------------------- reading: citizen and caseworker

describe('发放记录 pages', () => {
  // 2026-11-28: the demo data has 周建国's 低保 for 2023-11 .. 2026-10 and 耕地地力保护补贴 for 2023 .. 2025.
  const env = useReviewEnv({ yktServiceKey: SERVICE_KEY, clock: manualClock() });

  it('the citizen sees their own year, newest first, the latest year with records by default, never cached', async () => {
    expectError(await env.app.inject({ url: '/api/me/payments' }), 401, 'UNAUTHENTICATED');
    const token = await env.loginCitizen('zhou-jianguo');
    const { res, page } = await myPayments(env, token);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(page.years).toEqual([2026, 2025, 2024, 2023]);
    expect(page.year).toBe(2026);
    expect(page.count).toBe(10);
    expect(page.totalFen).toBe(10 * 68_000);
    expect(page.byItem).toEqual([
      {
        itemCode: 'DBJ',
        itemName: '城乡居民最低生活保障金',
        totalFen: 680_000,
        count: 10,
        failedCount: 0,
        failedFen: 0,
      },
    ]);
    expect(page.items.map((i) => i.period)).toEqual(
      ['10', '9', '8', '7', '6', '5', '4', '3', '2', '1'].map((m) => `2026年${m}月`),
    );
    expect(page.items[0]).toMatchObject({
      itemName: '城乡居民最低生活保障金',
      department: '民政局',
      amountFen: 68_000,
      paidAt: '2026-10-15T02:00:00.000Z',
      status: 'paid',
      failureReason: null,
      bankName: '中国银行',
      districtCode: WANZHOU,
      districtName: '万州区',
    });
    expect(page.items[0].accountNumber).toMatch(/^\d{4}\*+\d{4}$/);

    const y2023 = (await myPayments(env, token, '?year=2023')).page;
    expect(y2023).toMatchObject({ year: 2023, count: 2, totalFen: 2 * 62_000, years: [2026, 2025, 2024, 2023] });
    // Before his change was approved the money went to his old 农商行 card.
    expect(new Set(y2023.items.map((i) => i.bankName))).toEqual(new Set(['重庆农村商业银行']));

    const empty = (await myPayments(env, token, '?year=2019')).page;
    expect(empty).toMatchObject({
      year: 2019,
      count: 0,
      totalFen: 0,
      byItem: [],
      items: [],
      years: [2026, 2025, 2024, 2023],
    });
    expectError(
      await env.app.inject({ url: '/api/me/payments?year=20x6', headers: env.auth(token) }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('冉桂英 sees the failed 高龄 payment behind her 无效卡, linked to her 上卡失败 notice', async () => {
    const token = await env.loginCitizen('ran-guiying');
    const { page } = await myPayments(env, token);
    const failedLine = page.items[0];
    expect(failedLine).toMatchObject({
      itemCode: 'GLBT',
      status: 'failed',
      failureCode: 'ACCOUNT_CLOSED',
      amountFen: 20_000,
    });
    const notices = (await env.app.inject({ url: '/api/me/notifications', headers: env.auth(token) })).json().items as {
      id: number;
      kind: string;
    }[];
    expect(notices.find((n) => n.id === failedLine.notificationId)?.kind).toBe('crediting_failure');
    const glbt = page.byItem.find((b) => b.itemCode === 'GLBT');
    expect(glbt).toMatchObject({ failedCount: 1, failedFen: 20_000 });
  });

  it('a person without records gets the current year, empty', async () => {
    const token = await env.loginCitizen('wang-yu');
    const { page } = await myPayments(env, token);
    expect(page).toEqual({
      years: [],
      year: 2026,
      totalFen: 0,
      count: 0,
      failedCount: 0,
      failedFen: 0,
      byItem: [],
      items: [],
    });
  });

  it('never shows another person’s records', async () => {
    const batchBody = batch(JIANGBEI, [line('chen-jing', { amountFen: 99_999 })]);
    expect((await post(env, batchBody)).statusCode).toBe(200);
    for (const key of ['tan-mei', 'chen-jing', 'zhou-jianguo', 'li-qiang', 'ran-guiying']) {
      const own = new Set((await paymentsOf(env, await beneficiaryId(env, key))).map((p) => p.id));
      const token = await env.loginCitizen(key);
      const { page } = await myPayments(env, token);
      for (const y of page.years) {
        const items = (await myPayments(env, token, `?year=${y}`)).page.items;
        for (const i of items) expect(own.has(i.id), `${key} sees payment ${i.id}`).toBe(true);
      }
    }
    // A citizen token does not open the caseworker route either.
    const tan = await accountOf(env, 'tan-mei', JIANGBEI);
    const token = await env.loginCitizen('tan-mei');
    expectError(
      await env.app.inject({ url: `/api/review/accounts/${tan.id}/payments`, headers: env.auth(token) }),
      403,
      'FORBIDDEN',
    );
  });

  it('a caseworker sees one account’s person and district, within their districts (404 outside)', async () => {
    const jiangbei = env.auth(await env.loginCaseworker('jiangbei'));
    const municipal = env.auth(await env.loginCaseworker('chongqing'));
    const tanJ = await accountOf(env, 'tan-mei', JIANGBEI);
    const tanM = await accountOf(env, 'tan-mei', MUNICIPAL);
    const zhou = await accountOf(env, 'zhou-jianguo', WANZHOU);

    const res = await env.app.inject({ url: `/api/review/accounts/${tanJ.id}/payments?year=2025`, headers: jiangbei });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const page = paymentYearPage.parse(res.json());
    expect(page).toMatchObject({ year: 2025, count: 1, totalFen: 46_800, years: [2025, 2024, 2023] });
    expect(page.items.every((i) => i.districtCode === JIANGBEI)).toBe(true);

    // Her municipal account: the same person, another district, no payments there.
    for (const id of [tanM.id, zhou.id]) {
      expectError(
        await env.app.inject({ url: `/api/review/accounts/${id}/payments`, headers: jiangbei }),
        404,
        'NOT_FOUND',
      );
    }
    expectError(
      await env.app.inject({ url: '/api/review/accounts/999999/payments', headers: municipal }),
      404,
      'NOT_FOUND',
    );
    const m = paymentYearPage.parse(
      (await env.app.inject({ url: `/api/review/accounts/${tanM.id}/payments`, headers: municipal })).json(),
    );
    expect(m).toMatchObject({ years: [], count: 0, items: [] });

    // Filter by 补贴项目.
    const dbj = paymentYearPage.parse(
      (
        await env.app.inject({
          url: `/api/review/accounts/${zhou.id}/payments?itemCode=DBJ&year=2024`,
          headers: municipal,
        })
      ).json(),
    );
    expect(dbj).toMatchObject({ year: 2024, count: 12, totalFen: 12 * 64_000 });
    const none = paymentYearPage.parse(
      (
        await env.app.inject({ url: `/api/review/accounts/${zhou.id}/payments?itemCode=GDDL`, headers: municipal })
      ).json(),
    );
    expect(none).toMatchObject({ years: [], count: 0, items: [] });
    expectError(
      await env.app.inject({ url: `/api/review/accounts/${zhou.id}/payments?itemCode=NOPE`, headers: municipal }),
      400,
      'VALIDATION_FAILED',
    );
  });
});

// ---------------------------------------------------------------- totals: property

describe('year totals equal the sums of their lines (property)', () => {
  const env = useReviewEnv({ yktServiceKey: SERVICE_KEY, clock: manualClock() });
  let municipal: Record<string, string>;
  beforeAll(async () => {
    municipal = env.auth(await env.loginCaseworker('chongqing'));
  });

  const arbLine = fc.record({
    amountFen: fc.oneof(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 10_000_000_000 })),
    failed: fc.boolean(),
  });
  const arbBatch = fc.record({
    itemCode: fc.constantFrom('GDDL', 'DBJ', 'GLBT', 'CJSH'),
    paidAt: fc
      .integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2026, 10, 27) })
      .map((t) => new Date(t).toISOString()),
    lines: fc.array(arbLine, { minLength: 1, maxLength: 6 }),
  });

  let seq = 0;
  it('for any set of batches: totalFen, count and byItem are the sums of the lines, per year', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbBatch, { minLength: 1, maxLength: 5 }), async (batches) => {
        const who = madeUpPerson('19600202', ++seq);
        const [accountId] = await addPeople(env, JIANGBEI, [who]);
        const lines: { year: number; itemCode: string; amountFen: number; failed: boolean }[] = [];
        for (const b of batches) {
          const body = batch(
            JIANGBEI,
            b.lines.map((l) =>
              l.failed
                ? { ...who, amountFen: l.amountFen, result: 'failed', failureCode: 'OTHER', failureReason: '其他' }
                : { ...who, amountFen: l.amountFen, result: 'paid' },
            ),
            { itemCode: b.itemCode, paidAt: b.paidAt },
          );
          const res = await post(env, body);
          expect(res.statusCode, res.body).toBe(200);
          const year = new Date(Date.parse(b.paidAt) + 8 * 3600_000).getUTCFullYear();
          for (const l of b.lines) lines.push({ year, itemCode: b.itemCode, ...l });
        }
        const years = [...new Set(lines.map((l) => l.year))].sort((a, b) => b - a);
        for (const year of years) {
          const res = await env.app.inject({
            url: `/api/review/accounts/${accountId}/payments?year=${year}`,
            headers: municipal,
          });
          const page = paymentYearPage.parse(res.json());
          expect(page.years).toEqual(years);
          const mine = lines.filter((l) => l.year === year);
          const sum = (xs: typeof mine) => xs.reduce((s, l) => s + l.amountFen, 0);
          const paid = mine.filter((l) => !l.failed);
          const failedLines = mine.filter((l) => l.failed);
          // Against the generated lines...
          expect(page.totalFen).toBe(sum(paid));
          expect(page.count).toBe(paid.length);
          expect(page.failedFen).toBe(sum(failedLines));
          expect(page.failedCount).toBe(failedLines.length);
          // ...and against the page's own lines.
          expect(page.items).toHaveLength(mine.length);
          const shownPaid = page.items.filter((i) => i.status === 'paid');
          expect(page.totalFen).toBe(shownPaid.reduce((s, i) => s + i.amountFen, 0));
          for (const item of page.byItem) {
            const of = page.items.filter((i) => i.itemCode === item.itemCode);
            expect(item.totalFen).toBe(of.filter((i) => i.status === 'paid').reduce((s, i) => s + i.amountFen, 0));
            expect(item.count).toBe(of.filter((i) => i.status === 'paid').length);
            expect(item.failedFen).toBe(of.filter((i) => i.status === 'failed').reduce((s, i) => s + i.amountFen, 0));
            expect(item.failedCount).toBe(of.filter((i) => i.status === 'failed').length);
          }
          expect(page.byItem.map((b) => b.itemCode).sort()).toEqual([...new Set(mine.map((l) => l.itemCode))].sort());
          // Newest first.
          const times = page.items.map((i) => i.paidAt);
          expect([...times].sort().reverse()).toEqual(times);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('a year longer than one page: the page holds the newest 1,000 lines, the totals cover all of them', async () => {
    const who = madeUpPerson('19600303', 1);
    const [accountId] = await addPeople(env, JIANGBEI, [who]);
    const monthly = Array.from({ length: 1_000 }, (_, k) => ({ ...who, amountFen: 10_000 + k, result: 'paid' }));
    const later = [
      { ...who, amountFen: 7, result: 'paid' },
      { ...who, amountFen: 11, result: 'failed', failureCode: 'OTHER', failureReason: '其他' },
    ];
    for (const body of [
      batch(JIANGBEI, monthly, { itemCode: 'DBJ', paidAt: '2025-03-01T02:00:00.000Z' }),
      batch(JIANGBEI, later, { itemCode: 'GLBT', paidAt: '2025-09-01T02:00:00.000Z' }),
      batch(JIANGBEI, [{ ...who, amountFen: 500, result: 'paid' }], {
        itemCode: 'GDDL',
        paidAt: '2024-05-01T02:00:00.000Z',
      }),
    ])
      expect((await post(env, body)).statusCode).toBe(200);
    const page = paymentYearPage.parse(
      (
        await env.app.inject({ url: `/api/review/accounts/${accountId}/payments?year=2025`, headers: municipal })
      ).json(),
    );
    const monthlyFen = monthly.reduce((s, l) => s + l.amountFen, 0);
    expect(page.items).toHaveLength(1_000);
    expect(page.items.slice(0, 2).map((i) => i.itemCode)).toEqual(['GLBT', 'GLBT']);
    expect(page).toMatchObject({ totalFen: monthlyFen + 7, count: 1_001, failedFen: 11, failedCount: 1 });
    expect(page.byItem).toEqual([
      expect.objectContaining({ itemCode: 'DBJ', totalFen: monthlyFen, count: 1_000, failedCount: 0 }),
      expect.objectContaining({ itemCode: 'GLBT', totalFen: 7, count: 1, failedFen: 11, failedCount: 1 }),
    ]);
    expect(page.years).toEqual([2025, 2024]);
    // The year before, behind those 1,002 lines: found, whole, with its own totals.
    const before = paymentYearPage.parse(
      (
        await env.app.inject({ url: `/api/review/accounts/${accountId}/payments?year=2024`, headers: municipal })
      ).json(),
    );
    expect(before).toMatchObject({ years: [2025, 2024], year: 2024, totalFen: 500, count: 1, failedCount: 0 });
    expect(before.items.map((i) => i.amountFen)).toEqual([500]);
  });
});

// ---------------------------------------------------------------- a full-size batch

describe('a 10,000-line batch', () => {
  const env = useReviewEnv({ yktServiceKey: SERVICE_KEY, clock: manualClock() });
  const people = Array.from({ length: 10_000 }, (_, i) =>
    madeUpPerson(`${1940 + (i % 50)}0303`, Math.floor(i / 50) + 1),
  );
  let accountIds: number[] = [];
  beforeAll(async () => {
    accountIds = await addPeople(env, YOUYANG, people);
  }, 120_000);
  afterAll(() => undefined);

  it('is accepted whole, with its failed lines invalidating their cards', { timeout: 120_000 }, async () => {
    const lines = people.map((p, i) =>
      i % 1000 === 999
        ? { ...p, amountFen: 30_000 + i, result: 'failed', failureCode: 'ACCOUNT_CLOSED', failureReason: '账户已销户' }
        : { ...p, amountFen: 30_000 + i, result: 'paid' },
    );
    const body = batch(YOUYANG, lines, { itemCode: 'GDDL', period: '2026年度' });
    const before = await countRows(env, 'payments');
    const res = await post(env, body);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    const amount = lines.reduce((s, l) => s + l.amountFen, 0);
    expect(res.json()).toEqual({
      batchId: body.batchId,
      lines: 10_000,
      paid: 9_990,
      failed: 10,
      invalidated: 10,
      amountFen: amount,
      paidFen: amount - lines.filter((l) => l.result === 'failed').reduce((s, l) => s + l.amountFen, 0),
    });
    expect(await countRows(env, 'payments')).toBe(before + 10_000);
    expect((await accountById(env, accountIds[999]))?.status).toBe('invalid');
    expect((await accountById(env, accountIds[998]))?.status).toBe('valid');
    // Again: the same answer, nothing new.
    expect((await post(env, body)).json()).toEqual(res.json());
    expect(await countRows(env, 'payments')).toBe(before + 10_000);
  });
});

// ---------------------------------------------------------------- the log

describe('the log', () => {
  const lines: string[] = [];
  let app: App;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const database = await freshDatabase();
    drop = database.drop;
    const config = parseConfig({
      ...database.config,
      dataKey: generateDataKey(),
      jwtSecret: 'test-secret-test-secret-test-secret-123',
      identityUrl: 'http://127.0.0.1:9',
      bankUrl: 'http://127.0.0.1:9',
      gatewayAppKey: 'sandbox-app-key',
      validationSchedule: '',
      logLevel: 'silent',
      yktServiceKey: SERVICE_KEY,
    });
    // A logger of our own that writes into `lines`: the app's redaction must still apply to it.
    app = await buildApp({ config, logger: { level: 'trace', stream: { write: (l: string) => lines.push(l) } } });
    await seedDemo(app.ctx, demoWorld);
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('carries no ID or account number of a batch: accepted, refused, conflicting, or a body logged by mistake', async () => {
    const env = { app } as TestEnv;
    const good = batch(JIANGBEI, [line('tan-mei'), failed('chen-jing', 'OTHER', '账户状态异常')]);
    expect((await post(env, good)).statusCode).toBe(200);
    const bad = batch(JIANGBEI, [line('tan-mei', { amountFen: -1 }), line('zhou-jianguo')]);
    expect((await post(env, bad)).statusCode).toBe(400);
    expect((await post(env, batch(JIANGBEI, [line('zhou-jianguo')]))).statusCode).toBe(400);
    expect((await post(env, { ...good, lines: [{ ...good.lines[0], amountFen: 1 }] })).statusCode).toBe(409);
    // Should a handler ever log the body, the lines' numbers and names are redacted all the same.
    app.log.info({ body: good }, 'a batch');
    const text = lines.join('\n');
    expect(text).toContain('a batch');
    expect(text).toContain('/api/review/payment-batches');
    for (const n of fullNumbers()) expect(text).not.toContain(n);
    expect(text).not.toContain('谭梅');
  });
});
