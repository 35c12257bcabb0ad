import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoPerson, demoWorld, type Sandbox, startSandbox } from '../src/index.ts';
import { gb11643Valid, luhnValid } from './checkDigits.ts';

const KEY = { 'x-app-key': 'sandbox-app-key' };
let clock = 1_700_000_000_000;
let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ port: 0, now: () => clock });
});
afterAll(() => sb.close());

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = KEY) {
  const res = await fetch(sb.url + path, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const tanMei = demoPerson('tan-mei');

describe('demo world', () => {
  const allAccounts = [...demoWorld.people.flatMap((p) => p.accounts), ...demoWorld.testAccounts];

  it('every demo ID is a valid GB 11643 number matching birth date and gender', () => {
    const ids = [
      ...demoWorld.people.map((p) => p.idNumber),
      ...allAccounts.flatMap((a) => (a.owner ? [a.owner.idNumber] : [])),
    ];
    for (const id of ids) expect(gb11643Valid(id), id).toBe(true);
    for (const p of demoWorld.people) {
      expect(p.idNumber.slice(6, 14)).toBe(p.birthDate.replaceAll('-', ''));
      expect(Number(p.idNumber[16]) % 2 === 1 ? 'male' : 'female').toBe(p.gender);
    }
    expect(tanMei.idNumber.endsWith('1829')).toBe(true);
  });

  it('every demo bank card has 16 or 19 digits, a valid Luhn digit, and is distinct', () => {
    for (const a of allAccounts) {
      expect([16, 19], a.accountNumber).toContain(a.accountNumber.length);
      expect(luhnValid(a.accountNumber), a.accountNumber).toBe(true);
    }
    expect(new Set(allAccounts.map((a) => a.accountNumber)).size).toBe(allAccounts.length);
  });

  it('personas lists the demo people', async () => {
    const r = await call('GET', '/identity/personas');
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(demoWorld.people.length);
    expect(r.body[0]).toEqual({ name: '谭梅', idNumber: tanMei.idNumber, note: tanMei.note });
  });
});

describe('identity platform', () => {
  const newToken = async (idNumber = '11010519491231002X', name = '任何人') => {
    const r = await call('POST', '/identity/face-sessions', { idNumber, name }, {});
    expect(r.status).toBe(201);
    return r.body.faceToken as string;
  };

  it('issues 32-byte base64url tokens for anyone, verifiable exactly once', async () => {
    const token = await newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await call('POST', '/identity/face-tokens/verify', { faceToken: token })).body).toEqual({
      verified: true,
      idNumber: '11010519491231002X',
      name: '任何人',
    });
    expect((await call('POST', '/identity/face-tokens/verify', { faceToken: token })).body).toEqual({
      verified: false,
      reason: 'used',
    });
  });

  it('returns the mobile number on file for demo people, or the one given at the face scan', async () => {
    const known = await newToken(tanMei.idNumber, tanMei.name);
    expect((await call('POST', '/identity/face-tokens/verify', { faceToken: known })).body).toEqual({
      verified: true,
      idNumber: tanMei.idNumber,
      name: tanMei.name,
      mobile: '13800000101',
    });
    const given = await call(
      'POST',
      '/identity/face-sessions',
      { idNumber: '11010519491231002X', name: '任何人', mobile: '13912345678' },
      {},
    );
    expect((await call('POST', '/identity/face-tokens/verify', { faceToken: given.body.faceToken })).body.mobile).toBe(
      '13912345678',
    );
    const bad = await call(
      'POST',
      '/identity/face-sessions',
      { idNumber: tanMei.idNumber, name: tanMei.name, mobile: '023-1234' },
      {},
    );
    expect(bad.status).toBe(400);
  });

  it('gives every demo person a distinct synthetic mobile number', () => {
    const mobiles = demoWorld.people.map((p) => p.mobile);
    for (const m of mobiles) expect(m).toMatch(/^1380000\d{4}$/);
    expect(new Set(mobiles).size).toBe(mobiles.length);
  });

  it('expires tokens after 120 s', async () => {
    const fresh = await newToken(tanMei.idNumber, tanMei.name);
    const stale = await newToken(tanMei.idNumber, tanMei.name);
    clock += 120_000;
    expect((await call('POST', '/identity/face-tokens/verify', { faceToken: fresh })).body.verified).toBe(true);
    clock += 1;
    expect((await call('POST', '/identity/face-tokens/verify', { faceToken: stale })).body).toEqual({
      verified: false,
      reason: 'expired',
    });
  });

  it('answers unknown for a token it never issued', async () => {
    const r = await call('POST', '/identity/face-tokens/verify', { faceToken: 'nope' });
    expect(r).toEqual({ status: 200, body: { verified: false, reason: 'unknown' } });
  });

  it('rejects a bad face-session body with 400', async () => {
    for (const body of [
      { idNumber: '12345', name: '谭梅' },
      { idNumber: tanMei.idNumber },
      { idNumber: tanMei.idNumber, name: '' },
    ]) {
      const r = await call('POST', '/identity/face-sessions', body, {});
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    }
  });
});

describe('bank gateway', () => {
  afterEach(() => call('POST', '/bank/faults', { mode: 'normal' }, {}));

  const verify = (accountNumber: string, bankCode: string, who: { name: string; idNumber: string } = tanMei) =>
    call('POST', '/bank/accounts/verify', { accountNumber, bankCode, name: who.name, idNumber: who.idNumber });

  it.each(demoWorld.testAccounts.map((a) => [a.expected, a] as const))('test account %s', async (expected, a) => {
    const r = await verify(a.accountNumber, a.bankCode);
    expect(r.status).toBe(200);
    expect(r.body.result).toBe(expected);
    expect(r.body.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('verifies the owner of a demo card, and refuses others and a wrong bank code', async () => {
    const card = tanMei.accounts[2];
    expect((await verify(card.accountNumber, card.bankCode)).body).toEqual({ result: 'ok', message: '账户验证通过' });
    const wangYu = demoPerson('wang-yu');
    expect((await verify(card.accountNumber, card.bankCode, wangYu)).body).toEqual({
      result: 'mismatch',
      message: '账户户名或证件号码与开户信息不符',
    });
    expect((await verify(card.accountNumber, 'CCB')).body.result).toBe('not_found');
    const ranOld = demoPerson('ran-guiying').accounts[0];
    expect((await verify(ranOld.accountNumber, ranOld.bankCode)).body).toEqual({
      result: 'closed',
      message: '该账户已销户',
    });
  });

  it('answers status in batches of at most 100', async () => {
    const [ok, closed, frozen, , unknown] = demoWorld.testAccounts;
    const r = await call('POST', '/bank/accounts/status', {
      accounts: [ok, closed, frozen, unknown].map(({ accountNumber, bankCode }) => ({ accountNumber, bankCode })),
    });
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([
      { accountNumber: ok.accountNumber, status: 'normal' },
      { accountNumber: closed.accountNumber, status: 'closed' },
      { accountNumber: frozen.accountNumber, status: 'frozen' },
      { accountNumber: unknown.accountNumber, status: 'not_found' },
    ]);
    const tooMany = Array.from({ length: 101 }, () => ({ accountNumber: ok.accountNumber, bankCode: ok.bankCode }));
    expect((await call('POST', '/bank/accounts/status', { accounts: tooMany })).status).toBe(400);
  });

  it('PUT upserts an account', async () => {
    const number = '6222020000000000000';
    expect((await verify(number, 'ICBC')).body.result).toBe('not_found');
    expect(
      (await call('PUT', `/bank/accounts/${number}`, { bankCode: 'ICBC', status: 'normal', ...tanMei }, {})).status,
    ).toBe(200);
    expect((await verify(number, 'ICBC')).body.result).toBe('ok');
    await call('PUT', `/bank/accounts/${number}`, { bankCode: 'ICBC', status: 'frozen' }, {});
    expect((await verify(number, 'ICBC')).body.result).toBe('frozen');
  });

  it('slow mode delays bank answers, down mode answers 503, normal restores', async () => {
    const ok = demoWorld.testAccounts[0];
    expect((await call('POST', '/bank/faults', { mode: 'slow', delayMs: 300 }, {})).body).toEqual({ mode: 'slow' });
    expect((await call('GET', '/bank/faults', undefined, {})).body).toEqual({ mode: 'slow' });
    let t = performance.now();
    expect((await verify(ok.accountNumber, ok.bankCode)).body.result).toBe('ok');
    expect(performance.now() - t).toBeGreaterThanOrEqual(280);
    t = performance.now();
    expect((await call('GET', '/identity/personas')).status).toBe(200);
    expect(performance.now() - t).toBeLessThan(250);

    await call('POST', '/bank/faults', { mode: 'down' }, {});
    const down = await verify(ok.accountNumber, ok.bankCode);
    expect(down).toEqual({ status: 503, body: { error: { code: 'BANK_DOWN', message: '银行系统维护中' } } });
    const status = await call('POST', '/bank/accounts/status', {
      accounts: [{ accountNumber: ok.accountNumber, bankCode: ok.bankCode }],
    });
    expect(status.status).toBe(503);

    await call('POST', '/bank/faults', { mode: 'normal' }, {});
    t = performance.now();
    expect((await verify(ok.accountNumber, ok.bankCode)).status).toBe(200);
    expect(performance.now() - t).toBeLessThan(250);
  });

  it('close() does not wait for a slow answer', async () => {
    const other = await startSandbox({ port: 0, slowDelayMs: 60_000 });
    await fetch(`${other.url}/bank/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"mode":"slow"}',
    });
    const pending = fetch(`${other.url}/bank/accounts/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...KEY },
      body: JSON.stringify({ accountNumber: demoWorld.testAccounts[0].accountNumber, bankCode: 'CRCBANK', ...tanMei }),
    }).catch(() => 'closed');
    await new Promise((r) => setTimeout(r, 50));
    const t = performance.now();
    await other.close();
    await pending;
    expect(performance.now() - t).toBeLessThan(2000);
  });
});

describe('app key', () => {
  it.each([
    ['/identity/face-tokens/verify', { faceToken: 'x' }],
    [
      '/bank/accounts/verify',
      { accountNumber: '6212583990000016', bankCode: 'CRCBANK', name: '谭梅', idNumber: tanMei.idNumber },
    ],
    ['/bank/accounts/status', { accounts: [] }],
  ])('%s requires x-app-key', async (path, body) => {
    expect((await call('POST', path, body, {})).status).toBe(401);
    const wrong = await call('POST', path, body, { 'x-app-key': 'wrong' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect((await call('POST', path, body)).status).toBe(200);
  });

  it('a custom key replaces the default', async () => {
    const other = await startSandbox({ port: 0, appKey: 'k-123' });
    try {
      const r = await fetch(`${other.url}/bank/accounts/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-app-key': 'k-123' },
        body: '{"accounts":[]}',
      });
      expect(await r.json()).toEqual({ items: [] });
    } finally {
      await other.close();
    }
  });

  it('healthz is open', async () => {
    expect(await call('GET', '/healthz', undefined, {})).toEqual({ status: 200, body: { ok: true } });
  });
});
