import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { expectError, person, type TestEnv, testAccount, useTestEnv } from './helpers.ts';
import { addPeople, PEOPLE_SEED } from './people.ts';

/** Face login of any person (the sandbox identity platform vouches for whoever the test names). */
async function login(env: TestEnv, p: { name: string; idNumber: string }, ip: string) {
  const face = (await fetch(`${env.sandbox.url}/identity/face-sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: p.name, idNumber: p.idNumber }),
  }).then((r) => r.json())) as { faceToken: string };
  // Each person from their own address: the per-address limit of face logins is not what this test is about.
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/auth/face',
    remoteAddress: ip,
    payload: { faceToken: face.faceToken },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().token as string;
}

const submit = (env: TestEnv, token: string, body: object, ip = '127.0.0.1') =>
  env.app.inject({
    method: 'POST',
    url: '/api/me/change-requests',
    remoteAddress: ip,
    headers: env.auth(token),
    payload: body,
  });

async function verificationsOf(env: TestEnv, accountNumber: string) {
  const v = env.app.db.schema.bankVerifications;
  const [row] = await env.app.db.read
    .select({ n: count() })
    .from(v)
    .where(eq(v.accountNumberIdx, env.app.ctx.crypto.blindIndex(accountNumber)));
  return row?.n ?? 0;
}

describe('15 people submit the one card the bank refuses, all at once (finding 1)', () => {
  const env = useTestEnv({ bankProxy: true, bankTimeoutMs: 5000 });

  it('records exactly 5 verifications of that card, asks the bank 5 times, and answers the other 10 with 429', async () => {
    const closed = testAccount('closed').accountNumber;
    const people = await addPeople(env.app.ctx, 0, 15);
    const tokens = await Promise.all(people.map((p, i) => login(env, p, `10.1.0.${i + 1}`)));
    // The bank takes a moment, so every request has passed its own checks before any answer comes back.
    await env.setBankMode('slow', 200);
    const calls = env.bankProxy.forwarded;
    // The demo data has an old verification of this card (周建国's failed request, days ago): outside the day.
    const before = await verificationsOf(env, closed);
    const answers = await Promise.all(
      tokens.map((t, i) =>
        submit(
          env,
          t,
          { cardType: 'bank_card', accountNumber: closed, bankCode: 'CRCBANK', districtCode: '500105', consent: true },
          `10.1.0.${i + 1}`,
        ),
      ),
    );
    await env.setBankMode('normal');

    const statuses = answers.map((r) => r.statusCode).sort();
    expect(statuses, answers.map((r) => r.body).join('\n')).toEqual([...Array(5).fill(201), ...Array(10).fill(429)]);
    for (const r of answers.filter((a) => a.statusCode === 201)) {
      expect(r.json().status).toBe('failed');
      expect(r.json().failureReason).toContain('已销户');
    }
    for (const r of answers.filter((a) => a.statusCode === 429)) {
      expect(expectError(r, 429, 'RATE_LIMITED').message).toContain('验证次数');
    }
    expect((await verificationsOf(env, closed)) - before).toBe(5);
    expect(env.bankProxy.forwarded - calls).toBe(5);
  });
});

describe('one person submits 20 times at once, spread over mobile and PC (finding 1)', () => {
  const env = useTestEnv({ bankProxy: true, bankTimeoutMs: 5000 });

  it('sends exactly one verification to the bank; one request is pending, 19 answers are 409', async () => {
    const tan = person('tan-mei');
    const token = await login(env, tan, '10.2.0.1');
    const body = {
      cardType: 'bank_card',
      accountNumber: tan.accounts[1].accountNumber,
      bankCode: 'CRCBANK',
      districtCode: '500105',
      consent: true,
    };
    await env.setBankMode('slow', 200);
    const calls = env.bankProxy.forwarded;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        env.app.inject({
          method: 'POST',
          url: '/api/me/change-requests',
          headers: { ...env.auth(token), 'x-ykt-channel': i % 2 ? 'pc' : 'mobile' },
          payload: body,
        }),
      ),
    );
    await env.setBankMode('normal');

    expect(env.bankProxy.forwarded - calls).toBe(1);
    const statuses = answers.map((r) => r.statusCode).sort();
    expect(statuses, answers.map((r) => r.body).join('\n')).toEqual([201, ...Array(19).fill(409)]);
    expect(answers.find((r) => r.statusCode === 201)?.json().status).toBe('pending');
    for (const r of answers.filter((a) => a.statusCode === 409)) expectError(r, 409, 'REQUEST_IN_PROGRESS');
    expect(await verificationsOf(env, body.accountNumber)).toBe(1);
    const cr = env.app.db.schema.changeRequests;
    const tanId = (await env.app.services.beneficiaries.byIdNumber(tan.idNumber))?.id as number;
    const [pending] = await env.app.db.read
      .select({ n: count() })
      .from(cr)
      .where(and(eq(cr.beneficiaryId, tanId), eq(cr.status, 'pending')));
    expect(pending?.n).toBe(1);
  });
});

describe('account numbers have one form before any limit or index (finding 6)', () => {
  const env = useTestEnv({ bankProxy: true, sandbox: { scale: { seed: PEOPLE_SEED, people: 100 } } });

  it('refuses "0" + a 16-digit card number with a clear Chinese message, without asking the bank', async () => {
    const tan = person('tan-mei');
    const token = await login(env, tan, '10.3.0.1');
    const calls = env.bankProxy.forwarded;
    const res = await submit(env, token, {
      cardType: 'bank_card',
      accountNumber: `0${tan.accounts[1].accountNumber}`,
      bankCode: 'CRCBANK',
      districtCode: '500105',
      consent: true,
    });
    const error = expectError(res, 400, 'VALIDATION_FAILED');
    expect(error.fields).toEqual({ accountNumber: '银行卡号不能以0开头，请核对后重新输入' });
    expect(env.bankProxy.forwarded).toBe(calls);
    expect(await verificationsOf(env, `0${tan.accounts[1].accountNumber}`)).toBe(0);
  });

  it('counts "６２１２ ５８３０…" (full-width, grouped) and "6212-5830-…" against the same card as "62125830…"', async () => {
    // Five people try one 重庆农商行 card, written three ways; the card's limit (5 a day) holds for all of them.
    const card = testAccount('closed').accountNumber; // 16 digits, BIN 621258
    const wide = [...card].map((d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).join('');
    const ways = [
      card,
      wide.replace(/(.{4})(?!$)/gu, '$1 '),
      card.replace(/(\d{4})(?!$)/g, '$1-'),
      `\u3000${wide.slice(0, 8)} ${card.slice(8)}`,
      card.replace(/(\d{4})(?!$)/g, '$1 '),
    ];
    const people = await addPeople(env.app.ctx, 20, 6);
    const before = await verificationsOf(env, card);
    const tokens = await Promise.all(people.map((p, i) => login(env, p, `10.4.0.${i + 1}`)));
    const body = (accountNumber: string) => ({
      cardType: 'bank_card',
      accountNumber,
      bankCode: 'CRCBANK',
      districtCode: '500105',
      consent: true,
    });
    for (const [i, written] of ways.entries()) {
      const res = await submit(env, tokens[i], body(written), `10.4.0.${i + 1}`);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().status).toBe('failed');
      // What is stored and shown is the one form.
      expect(res.json().accountNumber).toBe(`${card.slice(0, 4)}********${card.slice(-4)}`);
    }
    expect((await verificationsOf(env, card)) - before).toBe(5);
    // The sixth try, written the full-width way, is the same card's sixth verification.
    const calls = env.bankProxy.forwarded;
    expectError(await submit(env, tokens[5], body(wide), '10.4.0.6'), 429, 'RATE_LIMITED');
    expect(env.bankProxy.forwarded).toBe(calls);
  });

  it('finds a request in the review queue by the number written with full-width digits or hyphens', async () => {
    const p = (await addPeople(env.app.ctx, 40, 1))[0];
    const token = await login(env, p, '10.5.0.1');
    const res = await submit(env, token, {
      cardType: 'bank_card',
      accountNumber: p.spare.accountNumber,
      bankCode: p.spare.bankCode,
      districtCode: '500105',
      consent: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('pending');
    const cw = await env.loginCaseworker('jiangbei');
    const wide = [...p.spare.accountNumber].map((d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).join('');
    for (const q of [p.spare.accountNumber, wide, p.spare.accountNumber.replace(/(\d{4})(?!$)/g, '$1-')]) {
      const list = await env.app.inject({
        method: 'GET',
        url: `/api/review/change-requests?accountNumber=${encodeURIComponent(q)}`,
        headers: env.auth(cw),
      });
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().items.map((i: { id: number }) => i.id)).toEqual([res.json().id]);
    }
  });
});
