import { describe, expect, it } from 'vitest';
import { person } from './helpers.ts';
import {
  accountOf,
  allAccounts,
  allAudit,
  allRequests,
  auditLeaks,
  auditOf,
  JIANGBEI,
  MUNICIPAL,
  pendingRequestOf,
  useReviewEnv,
  WANZHOU,
} from './reviewHelpers.ts';

const TAN_NEW_CARD = { cardType: 'bank_card', bankCode: 'ICBC', accountNumber: '6222023100025814737' };

describe('review queue: scope, query, masking, detail', () => {
  const env = useReviewEnv();

  it('a 江北区 caseworker cannot list, read or decide 李强’s 万州区 request: 404, and it stays pending', async () => {
    const token = await env.loginCaseworker('jiangbei');
    const li = await pendingRequestOf(env, 'li-qiang');

    const list = await env.app.inject({
      url: '/api/review/change-requests?showCompleted=true&pageSize=100',
      headers: env.auth(token),
    });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: number; districtCode: string; beneficiary: { name: string } }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.districtCode === JIANGBEI)).toBe(true);
    expect(items.some((i) => i.id === li.id)).toBe(false);

    const byId = await env.app.inject({
      url: `/api/review/change-requests?showCompleted=true&idNumber=${person('li-qiang').idNumber}`,
      headers: env.auth(token),
    });
    expect(byId.json()).toEqual({ items: [], total: 0, totalExact: true, nextCursor: null });

    const read = await env.app.inject({ url: `/api/review/change-requests/${li.id}`, headers: env.auth(token) });
    expect(read.statusCode).toBe(404);
    expect(read.json().error.code).toBe('NOT_FOUND');

    const decide = await env.app.inject({
      method: 'POST',
      url: `/api/review/change-requests/${li.id}/decision`,
      headers: env.auth(token),
      payload: { result: 'approved', opinion: '' },
    });
    expect(decide.statusCode).toBe(404);
    expect((await pendingRequestOf(env, 'li-qiang')).status).toBe('pending');
    // The same answer as for an id that does not exist at all.
    const none = await env.app.inject({ url: '/api/review/change-requests/99999', headers: env.auth(token) });
    expect(none.statusCode).toBe(404);
    expect(none.json()).toEqual(read.json());
  });

  it('the municipal caseworker sees every district; pending only unless 显示完结', async () => {
    const token = await env.loginCaseworker('chongqing');
    const pending = (await env.app.inject({ url: '/api/review/change-requests', headers: env.auth(token) })).json();
    expect(pending.items.map((i: { status: string }) => i.status)).toEqual(['pending', 'pending']);
    expect(new Set(pending.items.map((i: { districtCode: string }) => i.districtCode))).toEqual(
      new Set([JIANGBEI, WANZHOU]),
    );
    // Newest first: 李强 applied 5 h ago, 陈静 20 h ago.
    expect(pending.items.map((i: { applicantName: string }) => i.applicantName)).toEqual(['李强', '陈静']);

    const all = (
      await env.app.inject({ url: '/api/review/change-requests?showCompleted=true', headers: env.auth(token) })
    ).json();
    const statuses = all.items.map((i: { status: string }) => i.status).sort();
    // 周建国's approved and rejected ones are there; his 申请失败 never reached review.
    expect(statuses).toEqual(['approved', 'pending', 'pending', 'rejected']);
    expect(all.total).toBe(4);
  });

  it('list rows show the full name but a masked ID and account number', async () => {
    const token = await env.loginCaseworker('jiangbei');
    const res = await env.app.inject({ url: '/api/review/change-requests', headers: env.auth(token) });
    const [chen] = res.json().items;
    const p = person('chen-jing');
    expect(chen.beneficiary).toEqual({ name: '陈静', idNumber: `**************${p.idNumber.slice(-4)}` });
    expect(chen.source).toBe('yukuaiban');
    expect(chen.bankName).toBe('中国农业银行');
    expect(chen.accountNumber).toBe('6228***********8470');
    expect(res.body).not.toContain(p.idNumber);
    expect(res.body).not.toContain(p.accounts[1].accountNumber);
  });

  it('queries by ID number (full or last 4), new account number, names and bank; paging', async () => {
    const token = await env.loginCaseworker('chongqing');
    const q = async (query: string) => {
      const res = await env.app.inject({
        url: `/api/review/change-requests?showCompleted=true&${query}`,
        headers: env.auth(token),
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as {
        items: { id: number; beneficiary: { name: string } }[];
        total: number;
        nextCursor: string | null;
      };
    };
    const names = (r: { items: { beneficiary: { name: string } }[] }) => r.items.map((i) => i.beneficiary.name);
    expect(names(await q(`idNumber=${person('chen-jing').idNumber}`))).toEqual(['陈静']);
    expect(names(await q(`idNumber=${person('zhou-jianguo').idNumber.slice(-4)}`))).toEqual(['周建国', '周建国']);
    expect(names(await q(`accountNumber=${person('li-qiang').accounts[1].accountNumber}`))).toEqual(['李强']);
    // Grouped by 4 as people copy it.
    const grouped = person('li-qiang')
      .accounts[1].accountNumber.replace(/(\d{4})/g, '$1 ')
      .trim();
    expect(names(await q(`accountNumber=${encodeURIComponent(grouped)}`))).toEqual(['李强']);
    // 姓名 / 申请人姓名: the whole name or its beginning, never any substring.
    expect(names(await q(`name=${encodeURIComponent('陈')}`))).toEqual(['陈静']);
    expect(names(await q(`name=${encodeURIComponent('陈静')}`))).toEqual(['陈静']);
    expect((await q(`name=${encodeURIComponent('静')}`)).total).toBe(0);
    expect(names(await q(`applicantName=${encodeURIComponent('周')}`))).toEqual(['周建国', '周建国']);
    expect(names(await q(`applicantName=${encodeURIComponent('李强')}`))).toEqual(['李强']);
    expect(names(await q(`bankName=${encodeURIComponent('农业')}`))).toEqual(['陈静']);
    expect((await q(`bankName=${encodeURIComponent('不存在的银行')}`)).total).toBe(0);
    // A wildcard typed into a name is a character, not "anything".
    expect((await q(`name=${encodeURIComponent('%')}`)).total).toBe(0);

    // Keyset pages: each page follows the cursor of the one before; together they are the whole list, once.
    const all = await q('pageSize=100');
    expect(all.total).toBe(4);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof q>> = await q(`pageSize=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.total).toBe(4);
      expect(page.items).toHaveLength(1);
      seen.push(page.items[0].id);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i) => i.id));
    // A cursor that was tampered with is a clear 400, not a 500.
    const tampered = await env.app.inject({
      url: '/api/review/change-requests?cursor=not-a-cursor',
      headers: env.auth(token),
    });
    expect(tampered.statusCode).toBe(400);
    expect(tampered.json().error.fields.cursor).toBeTruthy();

    const partial = await env.app.inject({
      url: '/api/review/change-requests?idNumber=500105',
      headers: env.auth(token),
    });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().error.fields.idNumber).toBeTruthy();
  });

  it('the detail shows 变更前 (the snapshot) and 变更后 with full account numbers and a masked ID, and the read is audited', async () => {
    const token = await env.loginCaseworker('jiangbei');
    const chen = await pendingRequestOf(env, 'chen-jing');
    const p = person('chen-jing');
    const res = await env.app.inject({ url: `/api/review/change-requests/${chen.id}`, headers: env.auth(token) });
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.before).toEqual({
      name: '陈静',
      idNumber: `**************${p.idNumber.slice(-4)}`,
      cardType: 'bank_card',
      bankName: '中国农业银行',
      accountNumber: p.accounts[0].accountNumber,
    });
    expect(d.after).toEqual({
      name: '陈静',
      idNumber: `**************${p.idNumber.slice(-4)}`,
      cardType: 'bank_card',
      bankName: '中国农业银行',
      accountNumber: p.accounts[1].accountNumber,
    });
    expect(d.status).toBe('pending');
    expect(d.reviewerName).toBeNull();
    const views = (await auditOf(env, 'change_request.view')).filter((a) => a.target === `change_request:${chen.id}`);
    expect(views.length).toBeGreaterThan(0);
    expect(await auditLeaks(env)).toEqual([]);
  });
});

describe('decision transaction', () => {
  const env = useReviewEnv();

  it('approve: that district’s account takes the new card (source 渝快办) and nothing else changes; the citizen sees it', async () => {
    const citizen = await env.loginCitizen('tan-mei');
    const submitted = await env.app.inject({
      method: 'POST',
      url: '/api/me/change-requests',
      headers: env.auth(citizen),
      payload: { ...TAN_NEW_CARD, districtCode: JIANGBEI, reason: '改用工商银行卡', consent: true },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const requestId = submitted.json().id as number;

    const before = await allAccounts(env);
    const requestsBefore = await allRequests(env);
    const target = await accountOf(env, 'tan-mei', JIANGBEI);
    const token = await env.loginCaseworker('jiangbei');
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/review/change-requests/${requestId}/decision`,
      headers: env.auth(token),
      payload: { result: 'approved', opinion: '已核对，同意变更' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id: requestId, status: 'approved' });

    const after = await allAccounts(env);
    // Every other account row is exactly as it was — including 谭梅's own 重庆市 account on the same old card.
    expect(after.filter((a) => a.id !== target.id)).toEqual(before.filter((a) => a.id !== target.id));
    const changed = after.find((a) => a.id === target.id);
    const { crypto } = env.app.ctx;
    expect(changed).toMatchObject({
      cardType: 'bank_card',
      bankCode: 'ICBC',
      accountNumberIdx: crypto.blindIndex(TAN_NEW_CARD.accountNumber),
      accountNumberMasked: '6222***********4737',
      source: 'yukuaiban',
      status: 'valid',
    });
    expect(crypto.decrypt(changed?.accountNumberEnc ?? '')).toBe(TAN_NEW_CARD.accountNumber);

    // The request is finished with reviewer, opinion and time; other requests untouched.
    const requestsAfter = await allRequests(env);
    const finished = requestsAfter.find((r) => r.id === requestId);
    expect(finished).toMatchObject({ status: 'approved', reviewOpinion: '已核对，同意变更' });
    expect(finished?.reviewerId).toBeTypeOf('number');
    expect(finished?.finishedAt).toBeTruthy();
    expect(requestsAfter.filter((r) => r.id !== requestId)).toEqual(requestsBefore.filter((r) => r.id !== requestId));

    // Audited with before and after, masked.
    const [audit] = await auditOf(env, 'change_request.approve');
    expect(audit.target).toBe(`change_request:${requestId}`);
    const detail = JSON.parse(audit.detail ?? '{}');
    expect(detail.before.account).toBe(target.accountNumberMasked);
    expect(detail.after.account).toBe('6222***********4737');
    expect(detail.after.source).toBe('yukuaiban');
    expect(await auditLeaks(env)).toEqual([]);

    // The citizen: no pending request, 江北区 now on the ICBC card (from 渝快办), 重庆市 still on the old one.
    const card = (await env.app.inject({ url: '/api/me/card', headers: env.auth(citizen) })).json();
    expect(card.pendingRequestId).toBeNull();
    const jiangbei = card.cards.find((c: { districts: { code: string }[] }) =>
      c.districts.some((d) => d.code === JIANGBEI),
    );
    expect(jiangbei).toMatchObject({ bankCode: 'ICBC', source: 'yukuaiban', status: 'valid' });
    const municipal = card.cards.find((c: { districts: { code: string }[] }) =>
      c.districts.some((d) => d.code === MUNICIPAL),
    );
    expect(municipal.bankCode).toBe('CRCBANK');

    // The detail keeps 变更前 readable after the account changed.
    const detailRes = (
      await env.app.inject({ url: `/api/review/change-requests/${requestId}`, headers: env.auth(token) })
    ).json();
    expect(detailRes.before.accountNumber).toBe(person('tan-mei').accounts[0].accountNumber);
    expect(detailRes.reviewerName).toBe('刘洋（江北区财政局）');
    expect(detailRes.reviewOpinion).toBe('已核对，同意变更');
  });

  it('a second decision on the same request answers 409 NOT_PENDING and changes nothing', async () => {
    const token = await env.loginCaseworker('jiangbei');
    const [approved] = (await allRequests(env)).filter((r) => r.status === 'approved' && r.districtCode === JIANGBEI);
    const accounts = await allAccounts(env);
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/review/change-requests/${approved.id}/decision`,
      headers: env.auth(token),
      payload: { result: 'rejected', opinion: '改主意了' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('NOT_PENDING');
    expect(await allAccounts(env)).toEqual(accounts);
    expect((await allRequests(env)).find((r) => r.id === approved.id)?.status).toBe('approved');
  });

  it('reject requires an opinion (400, nothing written) and then leaves every account as it was', async () => {
    const token = await env.loginCaseworker('jiangbei');
    const chen = await pendingRequestOf(env, 'chen-jing');
    const accounts = await allAccounts(env);
    const auditCount = (await allAudit(env)).length;

    const noOpinion = await env.app.inject({
      method: 'POST',
      url: `/api/review/change-requests/${chen.id}/decision`,
      headers: env.auth(token),
      payload: { result: 'rejected', opinion: '  ' },
    });
    expect(noOpinion.statusCode).toBe(400);
    expect(noOpinion.json().error.fields.opinion).toBe('审核不通过时请填写审核意见');
    expect((await pendingRequestOf(env, 'chen-jing')).status).toBe('pending');
    expect((await allAudit(env)).length).toBe(auditCount);

    const res = await env.app.inject({
      method: 'POST',
      url: `/api/review/change-requests/${chen.id}/decision`,
      headers: env.auth(token),
      payload: { result: 'rejected', opinion: '新卡户名与本人不符，请核实' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: chen.id, status: 'rejected' });
    expect(await allAccounts(env)).toEqual(accounts);
    expect((await allRequests(env)).find((r) => r.id === chen.id)).toMatchObject({
      status: 'rejected',
      reviewOpinion: '新卡户名与本人不符，请核实',
    });
    expect(await auditOf(env, 'change_request.reject')).toHaveLength(1);

    // The citizen reads the opinion in 事项办理.
    const citizen = await env.loginCitizen('chen-jing');
    const mine = (await env.app.inject({ url: '/api/me/change-requests', headers: env.auth(citizen) })).json();
    expect(mine.items[0]).toMatchObject({
      id: chen.id,
      status: 'rejected',
      reviewOpinion: '新卡户名与本人不符，请核实',
    });
  });
});

describe('two caseworkers deciding at once', () => {
  const env = useReviewEnv();

  it('exactly one wins (200), the other gets 409; the account changes once', async () => {
    const [jiangbei, chongqing] = await Promise.all([
      env.loginCaseworker('jiangbei'),
      env.loginCaseworker('chongqing'),
    ]);
    const chen = await pendingRequestOf(env, 'chen-jing');
    const decide = (token: string, result: 'approved' | 'rejected') =>
      env.app.inject({
        method: 'POST',
        url: `/api/review/change-requests/${chen.id}/decision`,
        headers: env.auth(token),
        payload: { result, opinion: result === 'rejected' ? '不同意' : '同意' },
      });
    const answers = await Promise.all([decide(jiangbei, 'approved'), decide(chongqing, 'rejected')]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.statusCode === 200)?.json().status;
    const final = (await allRequests(env)).find((r) => r.id === chen.id);
    expect(final?.status).toBe(winner);
    expect(
      (await auditOf(env, 'change_request.approve')).length + (await auditOf(env, 'change_request.reject')).length,
    ).toBe(1);
    const account = await accountOf(env, 'chen-jing', JIANGBEI);
    expect(account.accountNumberIdx).toBe(
      env.app.ctx.crypto.blindIndex(person('chen-jing').accounts[winner === 'approved' ? 1 : 0].accountNumber),
    );
  });

  it('the same caseworker sending the decision twice at once: one 200, one 409', async () => {
    const token = await env.loginCaseworker('chongqing');
    const li = await pendingRequestOf(env, 'li-qiang');
    const decide = () =>
      env.app.inject({
        method: 'POST',
        url: `/api/review/change-requests/${li.id}/decision`,
        headers: env.auth(token),
        payload: { result: 'approved', opinion: '' },
      });
    const answers = await Promise.all([decide(), decide(), decide()]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409]);
    expect(
      (await auditOf(env, 'change_request.approve')).filter((a) => a.target === `change_request:${li.id}`),
    ).toHaveLength(1);
  });
});

describe('roles', () => {
  const env = useReviewEnv();

  it('a citizen token on review routes answers 403; no token 401', async () => {
    const citizen = await env.loginCitizen('tan-mei');
    for (const [method, url] of [
      ['GET', '/api/review/change-requests'],
      ['GET', '/api/review/me'],
      ['GET', '/api/review/accounts'],
      ['POST', '/api/review/change-requests/1/decision'],
      ['PATCH', '/api/review/accounts/1'],
      ['POST', '/api/review/accounts/1/invalidate'],
      ['POST', '/api/review/validation-runs'],
      ['GET', '/api/review/audit'],
    ] as const) {
      const payload =
        method === 'GET'
          ? undefined
          : url.endsWith('decision')
            ? { result: 'approved' }
            : url.includes('accounts')
              ? { message: 'x', bankCode: 'ICBC' }
              : undefined;
      const res = await env.app.inject({ method, url, headers: env.auth(citizen), payload });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      const anon = await env.app.inject({ method, url, payload });
      expect(anon.statusCode, `${method} ${url} anonymous`).toBe(401);
    }
  });

  it('a caseworker token on citizen routes answers 403', async () => {
    const token = await env.loginCaseworker('chongqing');
    for (const url of ['/api/me/card', '/api/me/change-requests', '/api/me/notifications']) {
      const res = await env.app.inject({ url, headers: env.auth(token) });
      expect(res.statusCode, url).toBe(403);
    }
    const submit = await env.app.inject({
      method: 'POST',
      url: '/api/me/change-requests',
      headers: env.auth(token),
      payload: { ...TAN_NEW_CARD, districtCode: JIANGBEI, consent: true },
    });
    expect(submit.statusCode).toBe(403);
  });

  it('only the municipal caseworker reads the audit log', async () => {
    const jiangbei = await env.loginCaseworker('jiangbei');
    expect((await env.app.inject({ url: '/api/review/audit', headers: env.auth(jiangbei) })).statusCode).toBe(403);
    expect((await env.app.inject({ url: '/api/review/audit.csv', headers: env.auth(jiangbei) })).statusCode).toBe(403);
  });

  it('filters the audit log by an action or by its family, also a family whose code has an underscore', async () => {
    const city = await env.loginCaseworker('chongqing');
    const li = await pendingRequestOf(env, 'li-qiang');
    // A view of a request (change_request.view) and a login (auth.caseworker_login) are in the log now.
    expect(
      (await env.app.inject({ url: `/api/review/change-requests/${li.id}`, headers: env.auth(city) })).statusCode,
    ).toBe(200);
    const listed = async (action: string) => {
      const res = await env.app.inject({
        url: `/api/review/audit?pageSize=100&action=${encodeURIComponent(action)}`,
        headers: env.auth(city),
      });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { action: string }[]).map((i) => i.action);
    };
    const actions = async (action: string) => [...new Set(await listed(action))].sort();
    expect(await actions('change_request.view')).toEqual(['change_request.view']);
    const family = await listed('change_request');
    expect(family).toContain('change_request.view');
    expect(family.every((a) => a.startsWith('change_request.'))).toBe(true);
    const auth = await actions('auth');
    expect(auth).toContain('auth.caseworker_login');
    expect(auth.every((a) => a.startsWith('auth.'))).toBe(true);
    // A family is the part before the dot: "change" is no family, and "_" is a character, not a wildcard.
    expect(await actions('change')).toEqual([]);
    expect(await actions('change_reques_')).toEqual([]);
    const csv = (await env.app.inject({ url: '/api/review/audit.csv?action=change_request', headers: env.auth(city) }))
      .body;
    expect(csv.trim().split('\n')).toHaveLength(1 + family.length); // the header and the family's rows
  });

  it('names who acted in the audit log: the caseworker by name, the citizen masked', async () => {
    await env.loginCitizen('tan-mei');
    const city = await env.loginCaseworker('chongqing');
    const res = await env.app.inject({ url: '/api/review/audit?pageSize=100', headers: env.auth(city) });
    const items = res.json().items as { action: string; actorName: string }[];
    expect(items.find((i) => i.action === 'auth.face_login')?.actorName).toMatch(/^\*梅（享受人\d+）$/);
    const csv = (await env.app.inject({ url: '/api/review/audit.csv', headers: env.auth(city) })).body;
    expect(csv).toContain('王敏（重庆市财政局）');
    expect(csv).not.toContain('谭梅');
  });
});
