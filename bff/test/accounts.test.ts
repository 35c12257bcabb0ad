import { describe, expect, it } from 'vitest';
import { person } from './helpers.ts';
import {
  accountById,
  accountOf,
  allAccounts,
  allNotifications,
  auditLeaks,
  auditOf,
  JIANGBEI,
  MUNICIPAL,
  pendingRequestOf,
  useReviewEnv,
  WANZHOU,
} from './reviewHelpers.ts';

/** A Luhn-valid 重庆农商行 (CRCBANK, BIN 621258) number no demo person owns. */
const COUNTER_CARD = '6212583990000016';

describe('accounts list: scope, source, lock', () => {
  const env = useReviewEnv();

  it('the 江北区 caseworker lists only 江北区 accounts, with source and the lock of 陈静’s pending change', async () => {
    const token = await env.loginCaseworker('jiangbei');
    const res = await env.app.inject({ url: '/api/review/accounts', headers: env.auth(token) });
    expect(res.statusCode).toBe(200);
    const { items, total } = res.json();
    expect(total).toBe(2);
    expect(items.every((a: { districtCode: string }) => a.districtCode === JIANGBEI)).toBe(true);
    const chen = items.find((a: { beneficiary: { name: string } }) => a.beneficiary.name === '陈静');
    const tan = items.find((a: { beneficiary: { name: string } }) => a.beneficiary.name === '谭梅');
    expect(chen).toMatchObject({ locked: true, source: 'ykt', status: 'valid', bankName: '中国农业银行' });
    expect(tan).toMatchObject({ locked: false, source: 'ykt' });
    expect(chen.beneficiary.idNumber).toBe(`**************${person('chen-jing').idNumber.slice(-4)}`);
    expect(chen.accountNumber).toBe('6228***********6529');
    expect(res.body).not.toContain(person('chen-jing').accounts[0].accountNumber);
    expect(res.body).not.toContain(person('chen-jing').idNumber);

    // Another district's account: not in the list, not by filter, not by id.
    const wanzhou = await env.app.inject({
      url: `/api/review/accounts?districtCode=${WANZHOU}`,
      headers: env.auth(token),
    });
    expect(wanzhou.json()).toEqual({ items: [], total: 0, totalExact: true, nextCursor: null });
    const li = await accountOf(env, 'li-qiang', WANZHOU);
    expect((await env.app.inject({ url: `/api/review/accounts/${li.id}`, headers: env.auth(token) })).statusCode).toBe(
      404,
    );
  });

  it('the municipal caseworker sees every district; 周建国’s account came from 渝快办', async () => {
    const token = await env.loginCaseworker('chongqing');
    const res = await env.app.inject({ url: '/api/review/accounts?pageSize=100', headers: env.auth(token) });
    const { items, total } = res.json();
    expect(total).toBe((await allAccounts(env)).length);
    const zhou = items.find((a: { beneficiary: { name: string } }) => a.beneficiary.name === '周建国');
    expect(zhou.source).toBe('yukuaiban');
    const ran = items.find((a: { beneficiary: { name: string } }) => a.beneficiary.name === '冉桂英');
    expect(ran.status).toBe('invalid');
    expect(ran.invalidReason).toContain('上卡失败');
  });

  it('filters by ID number, account number, name and district', async () => {
    const token = await env.loginCaseworker('chongqing');
    const q = async (query: string) =>
      (await env.app.inject({ url: `/api/review/accounts?${query}`, headers: env.auth(token) })).json() as {
        items: { beneficiary: { name: string }; districtCode: string }[];
        total: number;
      };
    const tan = person('tan-mei');
    expect((await q(`idNumber=${tan.idNumber}`)).total).toBe(2);
    expect((await q(`idNumber=${tan.idNumber.slice(-4)}`)).total).toBe(2);
    expect((await q(`accountNumber=${tan.accounts[0].accountNumber}`)).total).toBe(2);
    expect(
      (await q(`accountNumber=${tan.accounts[0].accountNumber}&districtCode=${MUNICIPAL}`)).items.map(
        (i) => i.districtCode,
      ),
    ).toEqual([MUNICIPAL]);
    expect((await q(`name=${encodeURIComponent('周')}`)).items.map((i) => i.beneficiary.name)).toEqual(['周建国']);
  });
});

describe('counter edit (PATCH)', () => {
  const env = useReviewEnv();

  it('validates with the shared rules: 400 with the same words as the citizen form, nothing written', async () => {
    const token = await env.loginCaseworker('jiangbei');
    const tan = await accountOf(env, 'tan-mei', JIANGBEI);
    const before = await allAccounts(env);
    const patch = (payload: object) =>
      env.app.inject({ method: 'PATCH', url: `/api/review/accounts/${tan.id}`, headers: env.auth(token), payload });

    const luhn = await patch({ accountNumber: '6212583990000017' });
    expect(luhn.statusCode).toBe(400);
    expect(luhn.json().error.fields.accountNumber).toBe('银行卡号有误，请核对后重新输入');
    const mismatch = await patch({ accountNumber: COUNTER_CARD, bankCode: 'ICBC' });
    expect(mismatch.json().error.fields.accountNumber).toBe('卡号与开户行不符');
    const bank = await patch({ bankCode: 'NOBANK' });
    expect(bank.json().error.fields.bankCode).toBeTruthy();
    const card = await patch({ cardType: 'credit_card' });
    expect(card.json().error.fields.cardType).toBe('请选择卡类型');
    const empty = await patch({});
    expect(empty.statusCode).toBe(400);
    expect(await allAccounts(env)).toEqual(before);
    expect(await auditOf(env, 'account.edit')).toHaveLength(0);
  });

  it('a valid edit changes that account only, source becomes 一卡通系统, audited with before/after masked', async () => {
    const chongqing = await env.loginCaseworker('chongqing');
    const zhou = await accountOf(env, 'zhou-jianguo', WANZHOU);
    expect(zhou.source).toBe('yukuaiban');
    const before = await allAccounts(env);
    const res = await env.app.inject({
      method: 'PATCH',
      url: `/api/review/accounts/${zhou.id}`,
      headers: env.auth(chongqing),
      payload: { accountNumber: '6212 5839 9000 0016', bankCode: 'CRCBANK' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: zhou.id,
      source: 'ykt',
      bankCode: 'CRCBANK',
      accountNumber: '6212********0016',
      locked: false,
    });
    const after = await allAccounts(env);
    expect(after.filter((a) => a.id !== zhou.id)).toEqual(before.filter((a) => a.id !== zhou.id));
    const row = await accountById(env, zhou.id);
    expect(env.app.ctx.crypto.decrypt(row?.accountNumberEnc ?? '')).toBe(COUNTER_CARD);
    expect(row?.accountNumberIdx).toBe(env.app.ctx.crypto.blindIndex(COUNTER_CARD));

    const [audit] = await auditOf(env, 'account.edit');
    const detail = JSON.parse(audit.detail ?? '{}');
    expect(detail.before).toMatchObject({ bankCode: 'BOC', account: zhou.accountNumberMasked, source: 'yukuaiban' });
    expect(detail.after).toMatchObject({ bankCode: 'CRCBANK', account: '6212********0016', source: 'ykt' });
    expect(await auditLeaks(env, [COUNTER_CARD])).toEqual([]);
  });

  it('a new card makes an invalid account valid again (冉桂英, 上卡失败)', async () => {
    const chongqing = await env.loginCaseworker('chongqing');
    const ran = await accountOf(env, 'ran-guiying', '500242');
    expect(ran.status).toBe('invalid');
    const res = await env.app.inject({
      method: 'PATCH',
      url: `/api/review/accounts/${ran.id}`,
      headers: env.auth(chongqing),
      payload: { accountNumber: person('ran-guiying').accounts[1].accountNumber },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'valid', invalidReason: null, invalidAt: null });
  });

  it('out of scope: 404 and nothing changes', async () => {
    const jiangbei = await env.loginCaseworker('jiangbei');
    const li = await accountOf(env, 'li-qiang', WANZHOU);
    const res = await env.app.inject({
      method: 'PATCH',
      url: `/api/review/accounts/${li.id}`,
      headers: env.auth(jiangbei),
      payload: { cardType: 'passbook' },
    });
    expect(res.statusCode).toBe(404);
    expect(await accountById(env, li.id)).toEqual(li);
  });
});

describe('the lock of a pending 渝快办 change (domain rule 6)', () => {
  const env = useReviewEnv();

  it('423 ACCOUNT_LOCKED on edit and manual invalidation while pending; nothing written', async () => {
    const token = await env.loginCaseworker('jiangbei');
    const chen = await accountOf(env, 'chen-jing', JIANGBEI);
    const before = await allAccounts(env);
    const notes = (await allNotifications(env)).length;

    const edit = await env.app.inject({
      method: 'PATCH',
      url: `/api/review/accounts/${chen.id}`,
      headers: env.auth(token),
      payload: { cardType: 'passbook' },
    });
    expect(edit.statusCode).toBe(423);
    expect(edit.json().error).toEqual({ code: 'ACCOUNT_LOCKED', message: '存在渝快办账号变更待审核数据，不允许操作' });

    const invalidate = await env.app.inject({
      method: 'POST',
      url: `/api/review/accounts/${chen.id}/invalidate`,
      headers: env.auth(token),
      payload: { message: '电话核实该卡已停用' },
    });
    expect(invalidate.statusCode).toBe(423);
    expect(invalidate.json().error.code).toBe('ACCOUNT_LOCKED');

    expect(await allAccounts(env)).toEqual(before);
    expect((await allNotifications(env)).length).toBe(notes);
    expect(await auditOf(env, 'account.edit')).toHaveLength(0);
    expect(await auditOf(env, 'account.invalidate')).toHaveLength(0);
  });

  it('after the decision (here: rejected) edit and invalidation are allowed again', async () => {
    const token = await env.loginCaseworker('jiangbei');
    const chen = await accountOf(env, 'chen-jing', JIANGBEI);
    const request = await pendingRequestOf(env, 'chen-jing');
    const decided = await env.app.inject({
      method: 'POST',
      url: `/api/review/change-requests/${request.id}/decision`,
      headers: env.auth(token),
      payload: { result: 'rejected', opinion: '请携带新卡到柜台办理' },
    });
    expect(decided.statusCode).toBe(200);

    const list = (
      await env.app.inject({
        url: `/api/review/accounts?idNumber=${person('chen-jing').idNumber}`,
        headers: env.auth(token),
      })
    ).json();
    expect(list.items[0].locked).toBe(false);

    const edit = await env.app.inject({
      method: 'PATCH',
      url: `/api/review/accounts/${chen.id}`,
      headers: env.auth(token),
      payload: { accountNumber: person('chen-jing').accounts[1].accountNumber },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json().source).toBe('ykt');

    const invalidate = await env.app.inject({
      method: 'POST',
      url: `/api/review/accounts/${chen.id}/invalidate`,
      headers: env.auth(token),
      payload: { message: '电话核实该卡已停用' },
    });
    expect(invalidate.statusCode).toBe(200);
    expect(invalidate.json().status).toBe('invalid');
  });

  it('a new pending request locks again (citizen submits through the API)', async () => {
    const citizen = await env.loginCitizen('tan-mei');
    const submitted = await env.app.inject({
      method: 'POST',
      url: '/api/me/change-requests',
      headers: env.auth(citizen),
      payload: {
        cardType: 'bank_card',
        bankCode: 'ICBC',
        accountNumber: '6222023100025814737',
        districtCode: MUNICIPAL,
        consent: true,
      },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const token = await env.loginCaseworker('jiangbei');
    // Locked for every account of the beneficiary, also the 江北区 one the request does not target.
    const tan = await accountOf(env, 'tan-mei', JIANGBEI);
    const res = await env.app.inject({
      method: 'PATCH',
      url: `/api/review/accounts/${tan.id}`,
      headers: env.auth(token),
      payload: { cardType: 'social_security_card' },
    });
    expect(res.statusCode).toBe(423);
  });
});
