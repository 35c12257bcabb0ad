import { describe, expect, it } from 'vitest';
import { person, type TestEnv } from './helpers.ts';
import {
  accountById,
  accountOf,
  allAccounts,
  allAudit,
  allNotifications,
  auditLeaks,
  auditOf,
  JIANGBEI,
  MUNICIPAL,
  pendingRequestOf,
  SERVICE_KEY,
  useReviewEnv,
  WANZHOU,
} from './reviewHelpers.ts';

interface Notification {
  id: number;
  kind: string;
  bankName: string;
  accountNumber: string;
  districtCode: string;
  districtName: string;
  message: string;
  occurredAt: string;
  readAt: string | null;
}
interface Card {
  bankCode: string;
  accountNumber: string;
  status: string;
  invalidReason: string | null;
  districts: { code: string }[];
}

async function citizenView(env: TestEnv, key: string) {
  const token = await env.loginCitizen(key);
  const notifications = (await env.app.inject({ url: '/api/me/notifications', headers: env.auth(token) })).json()
    .items as Notification[];
  const card = (await env.app.inject({ url: '/api/me/card', headers: env.auth(token) })).json() as {
    cards: Card[];
    unreadNotifications: number;
  };
  const cardOf = (district: string) => card.cards.find((c) => c.districts.some((d) => d.code === district));
  return { token, notifications, card, cardOf };
}

const reportFailure = (
  env: TestEnv,
  accountId: number,
  headers: Record<string, string>,
  message = '代发失败：账户状态异常',
) =>
  env.app.inject({
    method: 'POST',
    url: `/api/review/accounts/${accountId}/crediting-failures`,
    headers,
    payload: { message },
  });

describe('manual validation (手动验证) by a caseworker', () => {
  const env = useReviewEnv({ yktServiceKey: SERVICE_KEY });

  it('makes the account invalid, writes a notification the citizen sees, and the card shows 无效卡', async () => {
    const token = await env.loginCaseworker('jiangbei');
    const target = await accountOf(env, 'tan-mei', JIANGBEI);
    const before = await allAccounts(env);
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/review/accounts/${target.id}/invalidate`,
      headers: env.auth(token),
      payload: { message: '经电话核实，该卡已挂失' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: target.id,
      status: 'invalid',
      invalidReason: '手动验证：经电话核实，该卡已挂失',
    });

    const after = await allAccounts(env);
    expect(after.filter((a) => a.id !== target.id)).toEqual(before.filter((a) => a.id !== target.id));
    const row = await accountById(env, target.id);
    expect(row).toMatchObject({ status: 'invalid', invalidReason: '手动验证：经电话核实，该卡已挂失' });
    expect(row?.invalidAt).toBeTruthy();

    const view = await citizenView(env, 'tan-mei');
    expect(view.notifications).toHaveLength(1);
    expect(view.notifications[0]).toMatchObject({
      kind: 'manual_validation',
      bankName: '重庆农村商业银行',
      accountNumber: target.accountNumberMasked,
      districtCode: JIANGBEI,
      districtName: '江北区',
      message: '手动验证：经电话核实，该卡已挂失',
      occurredAt: row?.invalidAt,
      readAt: null,
    });
    expect(view.card.unreadNotifications).toBe(1);
    // The same card in 重庆市 is still valid: two card faces now.
    expect(view.cardOf(JIANGBEI)).toMatchObject({
      status: 'invalid',
      invalidReason: '手动验证：经电话核实，该卡已挂失',
    });
    expect(view.cardOf(MUNICIPAL)?.status).toBe('valid');

    const [audit] = await auditOf(env, 'account.invalidate');
    expect(audit).toMatchObject({ actorType: 'caseworker', target: `account:${target.id}` });
    expect(JSON.parse(audit.detail ?? '{}')).toMatchObject({
      kind: 'manual_validation',
      account: target.accountNumberMasked,
    });

    // The citizen marks it read.
    const read = await env.app.inject({
      method: 'POST',
      url: `/api/me/notifications/${view.notifications[0].id}/read`,
      headers: env.auth(view.token),
    });
    expect(read.statusCode).toBe(200);
    expect((await citizenView(env, 'tan-mei')).card.unreadNotifications).toBe(0);
  });

  it('an empty message is refused (400) and out-of-scope accounts are 404', async () => {
    const token = await env.loginCaseworker('jiangbei');
    const zhou = await accountOf(env, 'zhou-jianguo', WANZHOU);
    const empty = await env.app.inject({
      method: 'POST',
      url: `/api/review/accounts/${zhou.id}/invalidate`,
      headers: env.auth(token),
      payload: { message: ' ' },
    });
    expect(empty.statusCode).toBe(400);
    const other = await env.app.inject({
      method: 'POST',
      url: `/api/review/accounts/${zhou.id}/invalidate`,
      headers: env.auth(token),
      payload: { message: '核实停用' },
    });
    expect(other.statusCode).toBe(404);
    expect((await accountById(env, zhou.id))?.status).toBe('valid');
  });
});

describe('上卡失败 report of the 一卡通 system', () => {
  const env = useReviewEnv({ yktServiceKey: SERVICE_KEY });

  it('without the service key: 401 — no key, a wrong key, or a caseworker token instead', async () => {
    const zhou = await accountOf(env, 'zhou-jianguo', WANZHOU);
    const caseworker = await env.loginCaseworker('chongqing');
    const attempts: Record<string, string>[] = [
      {},
      { 'x-ykt-service-key': 'wrong-key-wrong-key-wrong' },
      { 'x-ykt-service-key': '' },
      env.auth(caseworker),
    ];
    for (const headers of attempts) {
      const res = await reportFailure(env, zhou.id, headers);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
    // Checked before the body: a bad body without the key is still 401.
    const badBody = await env.app.inject({
      method: 'POST',
      url: `/api/review/accounts/${zhou.id}/crediting-failures`,
      payload: {},
    });
    expect(badBody.statusCode).toBe(401);
    expect((await accountById(env, zhou.id))?.status).toBe('valid');
    expect((await allNotifications(env)).filter((n) => n.accountId === zhou.id)).toHaveLength(0);
  });

  it('with the key: the account becomes invalid, the citizen gets the notification and sees 无效卡', async () => {
    const zhou = await accountOf(env, 'zhou-jianguo', WANZHOU);
    const res = await reportFailure(env, zhou.id, { 'x-ykt-service-key': SERVICE_KEY }, '该账户已销户');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'invalid', invalidReason: '上卡失败：该账户已销户' });

    const view = await citizenView(env, 'zhou-jianguo');
    expect(view.notifications[0]).toMatchObject({
      kind: 'crediting_failure',
      bankName: '中国银行',
      accountNumber: zhou.accountNumberMasked,
      districtCode: WANZHOU,
      message: '上卡失败：该账户已销户',
    });
    expect(view.cardOf(WANZHOU)?.status).toBe('invalid');
    const [audit] = await auditOf(env, 'account.invalidate');
    expect(audit).toMatchObject({ actorType: 'system', actor: 'ykt-system' });
  });

  it('an unknown account is 404', async () => {
    const res = await reportFailure(env, 99999, { 'x-ykt-service-key': SERVICE_KEY });
    expect(res.statusCode).toBe(404);
  });

  it('is accepted while a 渝快办 change is pending (a fact, not an operation); the approved change makes the account valid again', async () => {
    const chen = await accountOf(env, 'chen-jing', JIANGBEI);
    const request = await pendingRequestOf(env, 'chen-jing');
    const res = await reportFailure(env, chen.id, { 'x-ykt-service-key': SERVICE_KEY }, '该账户已冻结');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'invalid', locked: true });
    const before = await citizenView(env, 'chen-jing');
    expect(before.cardOf(JIANGBEI)?.status).toBe('invalid');
    expect(before.notifications.map((n) => n.kind)).toEqual(['crediting_failure']);

    const token = await env.loginCaseworker('jiangbei');
    const decided = await env.app.inject({
      method: 'POST',
      url: `/api/review/change-requests/${request.id}/decision`,
      headers: env.auth(token),
      payload: { result: 'approved', opinion: '' },
    });
    expect(decided.statusCode).toBe(200);
    expect(await accountById(env, chen.id)).toMatchObject({
      status: 'valid',
      invalidReason: null,
      invalidAt: null,
      source: 'yukuaiban',
    });
    const after = await citizenView(env, 'chen-jing');
    expect(after.cardOf(JIANGBEI)).toMatchObject({
      status: 'valid',
      bankCode: 'ABC',
      accountNumber: '6228***********8470',
    });
  });
});

describe('上卡失败 without a configured service key', () => {
  const env = useReviewEnv();

  it('is refused whatever key is sent', async () => {
    const zhou = await accountOf(env, 'zhou-jianguo', WANZHOU);
    expect((await reportFailure(env, zhou.id, { 'x-ykt-service-key': SERVICE_KEY })).statusCode).toBe(401);
    expect((await reportFailure(env, zhou.id, { 'x-ykt-service-key': 'undefined' })).statusCode).toBe(401);
  });
});

describe('an invalid card, the citizen’s change, and the approval', () => {
  const env = useReviewEnv({ yktServiceKey: SERVICE_KEY });

  it('冉桂英’s 无效卡: she applies for her new card, the municipal caseworker approves, the card is valid again', async () => {
    const view = await citizenView(env, 'ran-guiying');
    expect(view.card.cards[0].status).toBe('invalid');
    const newCard = person('ran-guiying').accounts[1];
    const submitted = await env.app.inject({
      method: 'POST',
      url: '/api/me/change-requests',
      headers: env.auth(view.token),
      payload: {
        cardType: 'bank_card',
        bankCode: newCard.bankCode,
        accountNumber: newCard.accountNumber,
        districtCode: '500242',
        consent: true,
      },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    expect(submitted.json().status).toBe('pending');

    // 江北区 cannot approve a 酉阳县 request.
    const jiangbei = await env.loginCaseworker('jiangbei');
    const denied = await env.app.inject({
      method: 'POST',
      url: `/api/review/change-requests/${submitted.json().id}/decision`,
      headers: env.auth(jiangbei),
      payload: { result: 'approved', opinion: '' },
    });
    expect(denied.statusCode).toBe(404);

    const token = await env.loginCaseworker('chongqing');
    const decided = await env.app.inject({
      method: 'POST',
      url: `/api/review/change-requests/${submitted.json().id}/decision`,
      headers: env.auth(token),
      payload: { result: 'approved', opinion: '同意变更' },
    });
    expect(decided.statusCode).toBe(200);
    const after = await citizenView(env, 'ran-guiying');
    expect(after.card.cards).toHaveLength(1);
    expect(after.card.cards[0]).toMatchObject({
      status: 'valid',
      invalidReason: null,
      accountNumber: '6212********5645',
    });
    // The notification history stays, and the decision is told in a notice of its own, naming the new card.
    expect(after.notifications.map((n: { kind: string }) => n.kind)).toEqual(['review_approved', 'crediting_failure']);
    expect(after.notifications[0].message).toBe(
      '您申请的酉阳土家族苗族自治县补贴账户变更已审核通过。酉阳土家族苗族自治县补贴改发至 重庆农村商业银行 …5645。审核意见：同意变更。',
    );
  });

  it('no audit row anywhere holds a full ID or account number', async () => {
    expect((await allAudit(env)).length).toBeGreaterThan(3);
    expect(await auditLeaks(env)).toEqual([]);
  });
});
