/**
 * The citizen's routes of api.md through `inject`: a real app on a real SQLite database with the demo data,
 * talking over HTTP to a real sandbox (identity platform + bank gateway).
 */
import { createHmac } from 'node:crypto';
import { errorBody } from '@ykt/shared';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { countRows, person, recorded, type TestEnv, testAccount, useTestEnv } from './helpers.ts';

// ---------------------------------------------------------------- helpers

const HAN = /\p{Script=Han}/u;

/** Asserts api.md's error shape: exactly `{error: {code, message (Chinese), fields? (Chinese)}}`. */
function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json();
  expect(Object.keys(body)).toEqual(['error']);
  const { error } = errorBody.strict().parse(body);
  expect(Object.keys(error).every((k) => ['code', 'message', 'fields'].includes(k))).toBe(true);
  expect(error.code).toBe(code);
  expect(error.message).toMatch(HAN);
  for (const message of Object.values(error.fields ?? {})) expect(message).toMatch(HAN);
  return error;
}

/** A signed-in citizen and what they can do, each answering the raw response. */
async function signIn(env: TestEnv, key: string) {
  const token = await env.loginCitizen(key);
  const headers = env.auth(token);
  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    env.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  return {
    token,
    card: () => call('GET', '/api/me/card'),
    reveal: () => call('GET', '/api/me/card/reveal'),
    requests: () => call('GET', '/api/me/change-requests'),
    submit: (body: object) => call('POST', '/api/me/change-requests', body),
    withdraw: (id: number | string) => call('POST', `/api/me/change-requests/${id}/withdraw`),
    notifications: () => call('GET', '/api/me/notifications'),
    read: (id: number | string) => call('POST', `/api/me/notifications/${id}/read`),
    logout: () => call('POST', '/api/auth/logout'),
  };
}
type Citizen = Awaited<ReturnType<typeof signIn>>;

/** A face token from the sandbox identity platform, as the app container hands it over after a face scan. */
async function faceToken(env: TestEnv, p: { name: string; idNumber: string }) {
  const res = await fetch(`${env.sandbox.url}/identity/face-sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: p.name, idNumber: p.idNumber }),
  });
  return ((await res.json()) as { faceToken: string }).faceToken;
}
const faceLogin = (env: TestEnv, token: string) =>
  env.app.inject({ method: 'POST', url: '/api/auth/face', payload: { faceToken: token } });

/**
 * These suites are about answers, not timeouts: the gateways get the product's default 3 s, so a busy machine
 * (the whole test run in parallel) does not turn a normal bank answer into a 503.
 */
const patientGateways = { bankTimeoutMs: 3000 };

const tanMei = person('tan-mei');
const [tanCurrent, tanNewCrc, tanNewIcbc] = tanMei.accounts;

/** 谭梅 changes her 江北区 account to her own 工商银行 card: passes basic and bank validation. */
const tanToIcbc = {
  cardType: 'bank_card',
  accountNumber: tanNewIcbc.accountNumber,
  bankCode: 'ICBC',
  districtCode: '500105',
  reason: '原卡不常用，改用工商银行卡',
  consent: true,
};

/** Withdraws the person's pending request, if any, so the next test starts clean. */
async function withdrawPending(citizen: Citizen) {
  const id = (await citizen.card()).json().pendingRequestId;
  if (id) expect((await citizen.withdraw(id)).statusCode).toBe(200);
}

// ---------------------------------------------------------------- login and logout

describe('POST /api/auth/face and POST /api/auth/logout', () => {
  const env = useTestEnv(patientGateways);

  it('exchanges a face token for a 30-minute session and shows the person masked', async () => {
    const before = Date.now();
    const res = await faceLogin(env, await faceToken(env, tanMei));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.token).toEqual(expect.any(String));
    const ttl = Date.parse(body.expiresAt) - before;
    expect(ttl).toBeGreaterThan(29 * 60_000);
    expect(ttl).toBeLessThanOrEqual(30 * 60_000 + 5_000);
    expect(body.beneficiary).toEqual({
      name: '*梅',
      gender: 'female',
      birthDate: '1980-**-**',
      idNumber: '**************1829',
    });
    expect(res.body).not.toContain(tanMei.idNumber);
    expect(res.body).not.toContain(tanMei.name);
    // The token works on the citizen's routes.
    const card = await env.app.inject({ method: 'GET', url: '/api/me/card', headers: env.auth(body.token) });
    expect(card.statusCode).toBe(200);
  });

  it('refuses a face token that was already used (401) and opens no session', async () => {
    const token = await faceToken(env, tanMei);
    expect((await faceLogin(env, token)).statusCode).toBe(200);
    const sessions = await countRows(env, 'sessions');
    const again = await faceLogin(env, token);
    expectError(again, 401, 'UNAUTHENTICATED');
    expect(await countRows(env, 'sessions')).toBe(sessions);
  });

  it('refuses a face token the identity platform never issued (401)', async () => {
    expectError(await faceLogin(env, 'made-up-face-token'), 401, 'UNAUTHENTICATED');
  });

  it('refuses a face token the identity platform cannot even read (401, not "service down")', async () => {
    expectError(await faceLogin(env, 'x'.repeat(300)), 401, 'UNAUTHENTICATED');
  });

  it('limits face login attempts per client address: the 21st in a minute is 429 RATE_LIMITED', async () => {
    const attempt = (remoteAddress: string) =>
      env.app.inject({ method: 'POST', url: '/api/auth/face', remoteAddress, payload: { faceToken: 'guessed-token' } });
    for (let i = 0; i < 20; i++) expectError(await attempt('10.20.30.40'), 401, 'UNAUTHENTICATED');
    expectError(await attempt('10.20.30.40'), 429, 'RATE_LIMITED');
    // Another phone is not affected.
    expectError(await attempt('10.20.30.41'), 401, 'UNAUTHENTICATED');
  });

  it('answers 400 with a Chinese message for a missing face token', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/face', payload: {} });
    const error = expectError(res, 400, 'VALIDATION_FAILED');
    expect(Object.keys(error.fields ?? {})).toEqual(['faceToken']);
  });

  it('lets a verified person with no account (王宇) log in: no cards, nothing pending, the same person next time', async () => {
    const wang = person('wang-yu');
    const people = await countRows(env, 'beneficiaries');
    const first = await signIn(env, 'wang-yu');
    const card = (await first.card()).json();
    expect(card.cards).toEqual([]);
    expect(card.pendingRequestId).toBeNull();
    expect(card.beneficiary).toMatchObject({ name: '*宇', idNumber: '**************2352', birthDate: '1988-**-**' });
    expect((await first.requests()).json()).toEqual({ items: [], nextCursor: null });
    expect((await first.notifications()).json()).toEqual({ items: [] });
    expect(await countRows(env, 'beneficiaries')).toBe(people + 1);

    // Logging in again finds him by his ID number (blind index) instead of registering him twice.
    await signIn(env, 'wang-yu');
    expect(await countRows(env, 'beneficiaries')).toBe(people + 1);

    // With no 使用区县 he cannot apply for a change.
    const res = await first.submit({ ...tanToIcbc, accountNumber: wang.accounts[0].accountNumber, bankCode: 'CCB' });
    expect(expectError(res, 400, 'VALIDATION_FAILED').fields).toEqual({ districtCode: '所选区县不在您的使用区县中' });
  });

  it('logout answers 204 and the token is refused afterwards, also for logging out again', async () => {
    const tan = await signIn(env, 'tan-mei');
    expect((await tan.card()).statusCode).toBe(200);
    const out = await tan.logout();
    expect(out.statusCode).toBe(204);
    expect(out.body).toBe('');
    expectError(await tan.card(), 401, 'UNAUTHENTICATED');
    expectError(await tan.logout(), 401, 'UNAUTHENTICATED');
  });

  it('logging out one session leaves the person’s other sessions working', async () => {
    const phone = await signIn(env, 'tan-mei');
    const pc = await signIn(env, 'tan-mei');
    await phone.logout();
    expect((await pc.card()).statusCode).toBe(200);
  });
});

describe('POST /api/auth/face with the identity platform out of reach', () => {
  // Nothing listens on port 9 of loopback: every call to the identity platform fails to connect.
  const env = useTestEnv({ identityUrl: 'http://127.0.0.1:9' });

  it('answers 503 with a retry-later message in Chinese, and opens no session', async () => {
    const sessions = await countRows(env, 'sessions');
    const res = await faceLogin(env, 'any-face-token');
    expect(res.statusCode).toBe(503);
    const { error } = errorBody.strict().parse(res.json());
    expect(error.message).toMatch(/稍后/);
    expect(await countRows(env, 'sessions')).toBe(sessions);
  });
});

// ---------------------------------------------------------------- 401 on every citizen route

describe('401 on the citizen routes', () => {
  const env = useTestEnv(patientGateways);
  const routes: Array<{ method: 'GET' | 'POST'; url: string; payload?: object }> = [
    { method: 'GET', url: '/api/me/card' },
    { method: 'GET', url: '/api/me/card/reveal' },
    { method: 'GET', url: '/api/me/change-requests' },
    { method: 'POST', url: '/api/me/change-requests', payload: tanToIcbc },
    { method: 'POST', url: '/api/me/change-requests/1/withdraw' },
    { method: 'GET', url: '/api/me/notifications' },
    { method: 'POST', url: '/api/me/notifications/1/read' },
    { method: 'POST', url: '/api/auth/logout' },
  ];

  /** An HS256 JWT with the right shape, signed with a secret that is not the BFF's. */
  function forgedToken(sid: string) {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sid, role: 'citizen', iat: Math.floor(Date.now() / 1000) })}`;
    return `${head}.${createHmac('sha256', 'not-the-secret-not-the-secret-000000').update(head).digest('base64url')}`;
  }

  let liveSid = '';
  beforeAll(async () => {
    const token = await env.loginCitizen('tan-mei');
    liveSid = env.app.jwt.decode<{ sid: string }>(token)?.sid ?? '';
  });

  const tokens: Array<[string, () => Record<string, string>]> = [
    ['no token', () => ({})],
    ['a token that is not a JWT', () => ({ authorization: 'Bearer not-a-jwt' })],
    ['a scheme other than Bearer', () => ({ authorization: 'Basic dGFuLW1laTpwYXNzd29yZA==' })],
    [
      'a JWT signed with another secret (for a live session)',
      () => ({ authorization: `Bearer ${forgedToken(liveSid)}` }),
    ],
    [
      'a well-signed JWT of a session that does not exist',
      () => env.auth(env.app.jwt.sign({ sid: 'no-such-session', role: 'citizen' })),
    ],
  ];

  for (const [what, headers] of tokens) {
    it.each(routes)(`${what}: $method $url answers 401 UNAUTHENTICATED`, async ({ method, url, payload }) => {
      const before = await recorded(env);
      const res = await env.app.inject({ method, url, headers: headers(), ...(payload ? { payload } : {}) });
      expectError(res, 401, 'UNAUTHENTICATED');
      expect(await recorded(env)).toEqual(before);
    });
  }
});

describe('error answers keep api.md’s shape', () => {
  const env = useTestEnv(patientGateways);
  let tan: Citizen;
  beforeAll(async () => {
    tan = await signIn(env, 'tan-mei');
  });
  const post = (headers: Record<string, string>, payload: string) =>
    env.app.inject({
      method: 'POST',
      url: '/api/me/change-requests',
      headers: { ...env.auth(tan.token), ...headers },
      payload,
    });

  it('an unknown route answers 404 NOT_FOUND', async () => {
    expectError(
      await env.app.inject({ method: 'GET', url: '/api/me/nothing-here', headers: env.auth(tan.token) }),
      404,
      'NOT_FOUND',
    );
  });

  it('a body over the size limit answers 413 REQUEST_TOO_LARGE, records nothing', async () => {
    const before = await recorded(env);
    const huge = JSON.stringify({ ...tanToIcbc, reason: '因'.repeat(40_000) });
    expectError(await post({ 'content-type': 'application/json' }, huge), 413, 'REQUEST_TOO_LARGE');
    expect(await recorded(env)).toEqual(before);
  });

  it('a body that is not JSON answers 400, records nothing', async () => {
    const before = await recorded(env);
    expectError(await post({ 'content-type': 'text/plain' }, 'cardType=bank_card'), 400, 'VALIDATION_FAILED');
    expectError(await post({ 'content-type': 'application/json' }, ''), 400, 'VALIDATION_FAILED');
    expect(await recorded(env)).toEqual(before);
  });
});

// ---------------------------------------------------------------- card, reference data, notifications

describe('GET /api/me/card, /api/me/card/reveal, /api/districts, /api/banks', () => {
  const env = useTestEnv(patientGateways);

  it('shows 谭梅 one card used in two districts, every personal value masked', async () => {
    const tan = await signIn(env, 'tan-mei');
    const res = await tan.card();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      beneficiary: { name: '*梅', gender: 'female', birthDate: '1980-**-**', idNumber: '**************1829' },
      cards: [
        {
          cardType: 'bank_card',
          bankCode: 'CRCBANK',
          bankName: '重庆农村商业银行',
          accountNumber: '6212********2465',
          status: 'valid',
          source: 'ykt',
          invalidReason: null,
          invalidAt: null,
          districts: [
            { code: '500000', name: '重庆市' },
            { code: '500105', name: '江北区' },
          ],
        },
      ],
      pendingRequestId: null,
      unreadNotifications: 0,
    });
    expect(res.body).not.toContain(tanCurrent.accountNumber);
    expect(res.body).not.toContain(tanMei.idNumber);
  });

  it('shows 冉桂英’s card as 无效卡 with the reason, and her unread notification', async () => {
    const ran = await signIn(env, 'ran-guiying');
    const card = (await ran.card()).json();
    expect(card.cards).toHaveLength(1);
    expect(card.cards[0]).toMatchObject({
      status: 'invalid',
      accountNumber: '6212********1184',
      districts: [{ code: '500242', name: '酉阳土家族苗族自治县' }],
    });
    expect(card.cards[0].invalidReason).toContain('上卡失败');
    expect(Date.parse(card.cards[0].invalidAt)).not.toBeNaN();
    expect(card.unreadNotifications).toBe(1);
  });

  it('reveals the full account number to its owner only, once per card', async () => {
    const tan = await signIn(env, 'tan-mei');
    const res = await tan.reveal();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      items: [{ maskedAccountNumber: '6212********2465', accountNumber: tanCurrent.accountNumber }],
    });
    const chen = await signIn(env, 'chen-jing');
    const chens = (await chen.reveal()).body;
    expect(chens).not.toContain(tanCurrent.accountNumber);
    expect(chens).toContain(person('chen-jing').accounts[0].accountNumber);
  });

  it('lists 重庆市 and the 38 区县 (plus the three product-own districts) without login', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/districts' });
    expect(res.statusCode).toBe(200);
    const districts = res.json() as { code: string; name: string }[];
    expect(districts[0]).toEqual({ code: '500000', name: '重庆市' });
    expect(new Set(districts.map((d) => d.code)).size).toBe(districts.length);
    const gbCounties = districts.filter((d) => /^500(1[0-5]\d|2\d\d)$/.test(d.code));
    expect(gbCounties).toHaveLength(38);
    expect(districts).toEqual(
      expect.arrayContaining([
        { code: '500105', name: '江北区' },
        { code: '500242', name: '酉阳土家族苗族自治县' },
        { code: '500190', name: '两江新区' },
      ]),
    );
    for (const d of districts) expect(d.name).toMatch(HAN);
  });

  it('lists the 16 社保卡 partner banks without login', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/banks' });
    expect(res.statusCode).toBe(200);
    const names = (res.json() as { code: string; name: string }[]).map((b) => b.name);
    for (const name of [
      '中国银行',
      '中国农业银行',
      '中国建设银行',
      '中国邮政储蓄银行',
      '中国工商银行',
      '交通银行',
      '重庆农村商业银行',
      '重庆银行',
      '中国民生银行',
      '招商银行',
      '重庆三峡银行',
      '兴业银行',
      '中国光大银行',
      '广发银行',
      '上海浦东发展银行',
      '中信银行',
    ]) {
      expect(names).toContain(name);
    }
  });
});

describe('GET /api/me/notifications and POST /api/me/notifications/:id/read', () => {
  const env = useTestEnv(patientGateways);

  it('shows 冉桂英 her crediting-failure notice, masked; 谭梅 has none', async () => {
    const ran = await signIn(env, 'ran-guiying');
    const res = await ran.notifications();
    expect(res.statusCode).toBe(200);
    const { items } = res.json();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'crediting_failure',
      bankName: '重庆农村商业银行',
      accountNumber: '6212********1184',
      districtCode: '500242',
      districtName: '酉阳土家族苗族自治县',
      readAt: null,
    });
    expect(items[0].message).toContain('上卡失败');
    expect(Date.parse(items[0].occurredAt)).not.toBeNaN();
    expect(res.body).not.toContain(person('ran-guiying').accounts[0].accountNumber);

    const tan = await signIn(env, 'tan-mei');
    expect((await tan.notifications()).json()).toEqual({ items: [] });
  });

  it('answers 404 when someone else marks her notification read, and it stays unread', async () => {
    const ran = await signIn(env, 'ran-guiying');
    const id = (await ran.notifications()).json().items[0].id;
    const tan = await signIn(env, 'tan-mei');
    const theirs = expectError(await tan.read(id), 404, 'NOT_FOUND');
    // Exactly what a notification that does not exist answers: nothing tells the two apart.
    expect(expectError(await tan.read(999_999), 404, 'NOT_FOUND')).toEqual(theirs);
    expect((await ran.notifications()).json().items[0].readAt).toBeNull();
    expect((await ran.card()).json().unreadNotifications).toBe(1);
  });

  it('marks her own notification read once; reading again keeps the first time', async () => {
    const ran = await signIn(env, 'ran-guiying');
    const id = (await ran.notifications()).json().items[0].id;
    const res = await ran.read(id);
    expect(res.statusCode).toBe(200);
    const { readAt } = res.json();
    expect(res.json()).toEqual({ id, readAt: expect.any(String) });
    expect((await ran.notifications()).json().items[0].readAt).toBe(readAt);
    expect((await ran.card()).json().unreadNotifications).toBe(0);
    expect((await ran.read(id)).json().readAt).toBe(readAt);
  });

  it('answers 400 for an id that is not a number', async () => {
    const ran = await signIn(env, 'ran-guiying');
    expectError(await ran.read('abc'), 400, 'VALIDATION_FAILED');
  });
});

// ---------------------------------------------------------------- basic validation

describe('POST /api/me/change-requests: basic validation answers 400 and records nothing', () => {
  const env = useTestEnv(patientGateways);
  let tan: Citizen;
  beforeAll(async () => {
    tan = await signIn(env, 'tan-mei');
  });

  const icbc = tanNewIcbc.accountNumber; // 6222023100025814737, 19 digits, Luhn-valid, ICBC BIN
  const cases: Array<[string, object, string, string]> = [
    ['an unknown card type', { cardType: 'credit_card' }, 'cardType', '请选择卡类型'],
    ['no card type', { cardType: undefined }, 'cardType', '请选择卡类型'],
    ['an empty account number', { accountNumber: '' }, 'accountNumber', '请输入银行账号'],
    [
      'letters in the account number',
      { accountNumber: '6222O23100025814737' },
      'accountNumber',
      '银行账号只能包含数字',
    ],
    [
      // Dashes are separators (one number, one form); a letter among them is not a digit.
      'a letter among the dashes of the account number',
      { accountNumber: '6222-0231-0002-5814-73X' },
      'accountNumber',
      '银行账号只能包含数字',
    ],
    [
      'a bank card number with a leading 0',
      { accountNumber: `0${icbc}` },
      'accountNumber',
      '银行卡号不能以0开头，请核对后重新输入',
    ],
    ['a bank card of 15 digits', { accountNumber: icbc.slice(0, 15) }, 'accountNumber', '银行卡号应为16到19位数字'],
    ['a bank card of 20 digits', { accountNumber: `${icbc}0` }, 'accountNumber', '银行卡号应为16到19位数字'],
    [
      'a bank card with a wrong check digit',
      { accountNumber: `${icbc.slice(0, 18)}0` },
      'accountNumber',
      '银行卡号有误，请核对后重新输入',
    ],
    [
      'a social security card with a wrong check digit',
      { cardType: 'social_security_card', accountNumber: `${icbc.slice(0, 18)}0` },
      'accountNumber',
      '银行卡号有误，请核对后重新输入',
    ],
    [
      'a social security card of 15 digits',
      { cardType: 'social_security_card', accountNumber: icbc.slice(0, 15) },
      'accountNumber',
      '银行卡号应为16到19位数字',
    ],
    [
      'a passbook of 7 digits',
      { cardType: 'passbook', accountNumber: '1234567' },
      'accountNumber',
      '存折账号应为8到30位数字',
    ],
    [
      'a passbook of 31 digits',
      { cardType: 'passbook', accountNumber: '1'.repeat(31) },
      'accountNumber',
      '存折账号应为8到30位数字',
    ],
    ['an unknown bank', { bankCode: 'NOSUCHBANK' }, 'bankCode', '所选开户行不在可选范围内，请重新选择'],
    ['no bank', { bankCode: '' }, 'bankCode', '请选择开户行'],
    ['a card number of another bank (BIN)', { bankCode: 'CRCBANK' }, 'accountNumber', '卡号与开户行不符'],
    ['a district she has no account in', { districtCode: '500242' }, 'districtCode', '所选区县不在您的使用区县中'],
    ['a district that does not exist', { districtCode: '999999' }, 'districtCode', '所选区县不在您的使用区县中'],
    [
      'the account the district already has',
      { accountNumber: tanCurrent.accountNumber, bankCode: 'CRCBANK' },
      'accountNumber',
      '新账号与该区县当前账号相同',
    ],
    [
      'the account the district already has, typed in groups of four',
      { accountNumber: tanCurrent.accountNumber.replace(/(\d{4})(?=\d)/g, '$1 '), bankCode: 'CRCBANK' },
      'accountNumber',
      '新账号与该区县当前账号相同',
    ],
    ['a reason of 201 characters', { reason: '因'.repeat(201) }, 'reason', '变更理由不能超过200个字'],
    ['consent not given', { consent: false }, 'consent', '请阅读并勾选授权说明'],
    ['consent missing', { consent: undefined }, 'consent', '请阅读并勾选授权说明'],
  ];

  it.each(cases)('%s', async (_what, change, field, message) => {
    const before = await recorded(env);
    const res = await tan.submit({ ...tanToIcbc, ...change });
    const error = expectError(res, 400, 'VALIDATION_FAILED');
    expect(error.fields).toEqual({ [field]: message });
    expect(await recorded(env)).toEqual(before);
  });

  it('names every bad field at once', async () => {
    const before = await recorded(env);
    const res = await tan.submit({
      cardType: 'credit_card',
      accountNumber: 'abc',
      bankCode: 'X',
      districtCode: '500242',
      consent: false,
    });
    const error = expectError(res, 400, 'VALIDATION_FAILED');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual([
      'accountNumber',
      'bankCode',
      'cardType',
      'consent',
      'districtCode',
    ]);
    expect(await recorded(env)).toEqual(before);
  });

  it('answers 400 (not 500) for malformed JSON, and records nothing', async () => {
    const before = await recorded(env);
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/me/change-requests',
      headers: { ...env.auth(tan.token), 'content-type': 'application/json' },
      payload: '{"cardType": "bank_card", ',
    });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(await recorded(env)).toEqual(before);
  });

  it('answers 400 for a body that is not an object, or fields of the wrong type', async () => {
    const notObject = await env.app.inject({
      method: 'POST',
      url: '/api/me/change-requests',
      headers: { ...env.auth(tan.token), 'content-type': 'application/json' },
      payload: '"6222023100025814737"',
    });
    expectError(notObject, 400, 'VALIDATION_FAILED');
    const wrongTypes = expectError(
      await tan.submit({ ...tanToIcbc, accountNumber: 6222023100, consent: 'yes' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(wrongTypes.fields).toMatchObject({ accountNumber: '请输入银行账号', consent: '请阅读并勾选授权说明' });
  });

  it('left no request behind: her card has nothing pending and her list is empty', async () => {
    expect((await tan.card()).json().pendingRequestId).toBeNull();
    expect((await tan.requests()).json()).toEqual({ items: [], nextCursor: null });
  });
});

// ---------------------------------------------------------------- submission, bank refusals, withdraw

describe('POST /api/me/change-requests, GET /api/me/change-requests, POST .../:id/withdraw', () => {
  const env = useTestEnv(patientGateways);
  let tan: Citizen;
  beforeAll(async () => {
    tan = await signIn(env, 'tan-mei');
  });

  it('records a pending request; the card still shows the old account and points at the request', async () => {
    const before = await recorded(env);
    const res = await tan.submit(tanToIcbc);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toEqual({
      id: expect.any(Number),
      status: 'pending',
      channel: 'mobile',
      cardType: 'bank_card',
      bankCode: 'ICBC',
      bankName: '中国工商银行',
      accountNumber: '6222***********4737',
      districtCode: '500105',
      districtName: '江北区',
      reason: tanToIcbc.reason,
      appliedAt: expect.any(String),
      verifiedAt: expect.any(String),
      finishedAt: null,
      failureReason: null,
      reviewOpinion: null,
      // What happens next: review, which usually takes this many working days in 江北区.
      reviewDays: 5,
    });
    expect(res.body).not.toContain(tanNewIcbc.accountNumber);
    expect(await recorded(env)).toEqual({
      changeRequests: before.changeRequests + 1,
      bankVerifications: before.bankVerifications + 1,
    });

    const card = (await tan.card()).json();
    expect(card.pendingRequestId).toBe(created.id);
    expect(card.cards).toHaveLength(1);
    expect(card.cards[0]).toMatchObject({ accountNumber: '6212********2465', bankCode: 'CRCBANK' });
    expect(card.cards[0].districts.map((d: { code: string }) => d.code)).toEqual(['500000', '500105']);

    const list = await tan.requests();
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0]).toEqual(created);
    expect(list.body).not.toContain(tanNewIcbc.accountNumber);
  });

  it('refuses a second request while one is pending: 409 REQUEST_IN_PROGRESS, nothing recorded', async () => {
    const pending = (await tan.card()).json().pendingRequestId;
    expect(pending).toEqual(expect.any(Number));
    const before = await recorded(env);
    const res = await tan.submit({
      ...tanToIcbc,
      accountNumber: tanNewCrc.accountNumber,
      bankCode: 'CRCBANK',
      districtCode: '500000',
    });
    expectError(res, 409, 'REQUEST_IN_PROGRESS');
    expect(await recorded(env)).toEqual(before);
    expect((await tan.card()).json().pendingRequestId).toBe(pending);
  });

  it('refuses 陈静 a new request while her earlier one is pending (409)', async () => {
    const chen = await signIn(env, 'chen-jing');
    const before = await recorded(env);
    const res = await chen.submit({
      cardType: 'bank_card',
      accountNumber: testAccount('ok').accountNumber,
      bankCode: 'CRCBANK',
      districtCode: '500105',
      consent: true,
    });
    expectError(res, 409, 'REQUEST_IN_PROGRESS');
    expect(await recorded(env)).toEqual(before);
  });

  it('withdraws the pending request; withdrawing it again answers 409 NOT_PENDING', async () => {
    const id = (await tan.card()).json().pendingRequestId;
    const res = await tan.withdraw(id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id, status: 'withdrawn' });

    const item = (await tan.requests()).json().items.find((r: { id: number }) => r.id === id);
    expect(item.status).toBe('withdrawn');
    expect(Date.parse(item.finishedAt)).toBeGreaterThanOrEqual(Date.parse(item.appliedAt));
    expect((await tan.card()).json().pendingRequestId).toBeNull();

    expectError(await tan.withdraw(id), 409, 'NOT_PENDING');
    expect((await tan.requests()).json().items.find((r: { id: number }) => r.id === id).status).toBe('withdrawn');
  });

  it('answers 404 for another person’s request, exactly like a request that does not exist', async () => {
    const chen = await signIn(env, 'chen-jing');
    const chensId = (await chen.card()).json().pendingRequestId;
    expect(chensId).toEqual(expect.any(Number));
    const theirs = expectError(await tan.withdraw(chensId), 404, 'NOT_FOUND');
    expect(expectError(await tan.withdraw(999_999), 404, 'NOT_FOUND')).toEqual(theirs);
    // Hers is untouched.
    expect((await chen.requests()).json().items[0]).toMatchObject({ id: chensId, status: 'pending' });
    expect((await chen.card()).json().pendingRequestId).toBe(chensId);
  });

  it('answers 409 NOT_PENDING for withdrawing a finished request (周建国’s approved one)', async () => {
    const zhou = await signIn(env, 'zhou-jianguo');
    const approved = (await zhou.requests()).json().items.find((r: { status: string }) => r.status === 'approved');
    expectError(await zhou.withdraw(approved.id), 409, 'NOT_PENDING');
    expect((await zhou.requests()).json().items.find((r: { id: number }) => r.id === approved.id).status).toBe(
      'approved',
    );
  });

  it('lists 周建国’s finished requests newest first, with results and masked numbers', async () => {
    const zhou = await signIn(env, 'zhou-jianguo');
    const res = await zhou.requests();
    const { items } = res.json();
    expect(items.map((r: { status: string }) => r.status)).toEqual(['failed', 'rejected', 'approved']);
    const times = items.map((r: { appliedAt: string }) => Date.parse(r.appliedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(items[0].failureReason).toContain('销户');
    expect(items[1].reviewOpinion).toContain('不予通过');
    expect(items[2].reviewOpinion).toContain('同意');
    for (const r of items) {
      expect(r.finishedAt).toEqual(expect.any(String));
      expect(r.accountNumber).toMatch(/^\d{4}\*+\d{4}$/);
    }
    for (const a of person('zhou-jianguo').accounts) expect(res.body).not.toContain(a.accountNumber);
  });

  it('answers 400 for a withdraw id that is not a number', async () => {
    expectError(await tan.withdraw('abc'), 400, 'VALIDATION_FAILED');
  });

  const refusals: Array<[string, RegExp]> = [
    ['mismatch', /不符/],
    ['closed', /销户/],
    ['frozen', /冻结/],
    ['not_found', /不存在/],
  ];
  it.each(refusals)(
    'records a bank refusal (%s) as 申请失败, finished at once, with a Chinese reason',
    async (outcome, words) => {
      const before = await recorded(env);
      const account = testAccount(outcome);
      const res = await tan.submit({ ...tanToIcbc, accountNumber: account.accountNumber, bankCode: account.bankCode });
      expect(res.statusCode, res.body).toBe(201);
      const created = res.json();
      expect(created.status).toBe('failed');
      expect(created.failureReason).toMatch(HAN);
      expect(created.failureReason).toMatch(words);
      expect(created.finishedAt).toBe(created.appliedAt);
      expect(await recorded(env)).toEqual({
        changeRequests: before.changeRequests + 1,
        bankVerifications: before.bankVerifications + 1,
      });
      // She sees it in 事项办理, and it does not block a new request.
      expect((await tan.requests()).json().items[0]).toEqual(created);
      expect((await tan.card()).json().pendingRequestId).toBeNull();
    },
  );

  it('accepts an account number typed in groups of four', async () => {
    const res = await tan.submit({
      ...tanToIcbc,
      accountNumber: tanNewCrc.accountNumber.replace(/(\d{4})(?=\d)/g, '$1 '),
      bankCode: 'CRCBANK',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'pending', accountNumber: '6212********7313' });
    await withdrawPending(tan);
  });

  it('accepts a reason of exactly 200 characters, and no reason at all', async () => {
    const reason = `${'因'.repeat(198)}𠀀𠀁`; // characters outside the BMP count as one each
    const long = await tan.submit({ ...tanToIcbc, reason });
    expect(long.statusCode, long.body).toBe(201);
    expect(long.json().reason).toBe(reason);
    await withdrawPending(tan);

    const { reason: _omit, ...withoutReason } = tanToIcbc;
    const none = await tan.submit({ ...withoutReason, districtCode: '500000' });
    expect(none.statusCode, none.body).toBe(201);
    expect(none.json()).toMatchObject({ reason: null, districtCode: '500000', districtName: '重庆市' });
    await withdrawPending(tan);
  });

  it('accepts a social security card, and a passbook number with no check digit (the bank then decides)', async () => {
    const ssc = await tan.submit({
      ...tanToIcbc,
      cardType: 'social_security_card',
      accountNumber: tanNewCrc.accountNumber,
      bankCode: 'CRCBANK',
    });
    expect(ssc.statusCode, ssc.body).toBe(201);
    expect(ssc.json()).toMatchObject({ status: 'pending', cardType: 'social_security_card' });
    await withdrawPending(tan);

    const passbook = await tan.submit({
      ...tanToIcbc,
      cardType: 'passbook',
      accountNumber: '50010512345678',
      bankCode: 'CRCBANK',
    });
    expect(passbook.statusCode, passbook.body).toBe(201);
    expect(passbook.json()).toMatchObject({ cardType: 'passbook', status: 'failed' });
    expect(passbook.json().failureReason).toMatch(/不存在/);
  });

  it('writes audit rows for login, submission (with outcome), withdrawal and logout, without full numbers', async () => {
    const zhou = await signIn(env, 'zhou-jianguo');
    const sub = await zhou.submit({
      cardType: 'bank_card',
      accountNumber: person('zhou-jianguo').accounts[1].accountNumber,
      bankCode: 'CCB',
      districtCode: '500101',
      consent: true,
    });
    expect(sub.statusCode, sub.body).toBe(201);
    await zhou.withdraw(sub.json().id);
    expect((await zhou.logout()).statusCode).toBe(204);
    const zhouId = (await env.app.services.beneficiaries.byIdNumber(person('zhou-jianguo').idNumber))?.id;
    const { auditLog } = env.app.db.schema;
    const rows = await env.app.db.read
      .select()
      .from(auditLog)
      .where(eq(auditLog.actor, `beneficiary:${zhouId}`));
    const actions = rows.map((r) => r.action);
    expect(actions).toContain('auth.face_login');
    expect(actions.slice(-3)).toEqual(['change_request.submit', 'change_request.withdraw', 'auth.logout']);
    const submitRow = rows.find((r) => r.action === 'change_request.submit');
    expect(JSON.parse(submitRow?.detail ?? '{}')).toMatchObject({ outcome: 'pending' });
    expect(submitRow?.ip).toBeTruthy();
    expect(JSON.stringify(rows)).not.toContain(person('zhou-jianguo').accounts[1].accountNumber);
    expect(JSON.stringify(rows)).not.toContain(person('zhou-jianguo').idNumber);
  });
});
