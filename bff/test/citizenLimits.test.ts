/**
 * What time does to a citizen: sessions expire after sessionTtlSeconds, and bank verifications are limited to
 * 5 per account number and 20 per person in 24 h (card networks' risk rules). The app runs on a hand-moved clock.
 */
import { randomInt } from 'node:crypto';
import { luhnCheckDigit } from '@ykt/shared';
import { describe, expect, it } from 'vitest';
import { expectError, manualClock, person, recorded, type TestEnv, useTestEnv } from './helpers.ts';

// ---------------------------------------------------------------- helpers

/** Opens a fresh 重庆农商行 card (BIN 621258, Luhn-valid) in the sandbox bank, owned by `owner` (or anyone). */
async function openBankAccount(env: TestEnv, owner: { name: string; idNumber: string } | null) {
  const body = `621258${String(randomInt(0, 1e9)).padStart(9, '0')}`;
  const accountNumber = body + luhnCheckDigit(body);
  const res = await fetch(`${env.sandbox.url}/bank/accounts/${accountNumber}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ bankCode: 'CRCBANK', status: 'normal', ...(owner ?? {}) }),
  });
  expect(res.status).toBe(200);
  return accountNumber;
}

const tanMei = person('tan-mei');
const changeTo = (accountNumber: string, districtCode = '500105') => ({
  cardType: 'bank_card',
  accountNumber,
  bankCode: 'CRCBANK',
  districtCode,
  consent: true,
});

function as(env: TestEnv, token: string) {
  const headers = env.auth(token);
  return {
    card: () => env.app.inject({ method: 'GET', url: '/api/me/card', headers }),
    submit: (body: object) =>
      env.app.inject({ method: 'POST', url: '/api/me/change-requests', headers, payload: body }),
    withdraw: (id: number) =>
      env.app.inject({ method: 'POST', url: `/api/me/change-requests/${id}/withdraw`, headers }),
  };
}

// ---------------------------------------------------------------- session expiry

describe('session expiry', () => {
  const clock = manualClock();
  const env = useTestEnv({ clock, bankTimeoutMs: 3000, sessionTtlSeconds: 1800 });

  it('keeps a session for 30 minutes and refuses it (401) one second after', async () => {
    const tan = as(env, await env.loginCitizen('tan-mei'));
    expect((await tan.card()).statusCode).toBe(200);
    clock.advance(1799);
    expect((await tan.card()).statusCode).toBe(200);
    clock.advance(2);
    expectError(await tan.card(), 401, 'UNAUTHENTICATED');
    // Logging in again gives a working session.
    const again = as(env, await env.loginCitizen('tan-mei'));
    expect((await again.card()).statusCode).toBe(200);
  });

  it('answers expiresAt of the login on the service clock, 30 minutes ahead', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/auth/face',
      payload: {
        faceToken: await fetch(`${env.sandbox.url}/identity/face-sessions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: tanMei.name, idNumber: tanMei.idNumber }),
        })
          .then((r) => r.json())
          .then((b) => (b as { faceToken: string }).faceToken),
      },
    });
    expect(Date.parse(res.json().expiresAt) - clock.now().getTime()).toBe(1800 * 1000);
  });

  it('an expired session cannot submit, and nothing is recorded', async () => {
    const tan = as(env, await env.loginCitizen('tan-mei'));
    clock.advance(1801);
    const before = await recorded(env);
    expectError(await tan.submit(changeTo(tanMei.accounts[1].accountNumber)), 401, 'UNAUTHENTICATED');
    expect(await recorded(env)).toEqual(before);
  });
});

// ---------------------------------------------------------------- 5 per account number per 24 h

describe('bank verifications: at most 5 per account number in 24 h', () => {
  const clock = manualClock();
  const env = useTestEnv({ clock, bankTimeoutMs: 3000 });

  it('answers the 6th verification of one number 429 RATE_LIMITED, for anyone, until 24 h have passed', async () => {
    const newCard = await openBankAccount(env, null);
    let tan = as(env, await env.loginCitizen('tan-mei'));
    // Apply and change her mind, five times: five bank verifications of the same number.
    for (let i = 0; i < 5; i++) {
      const res = await tan.submit(changeTo(newCard));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().status).toBe('pending');
      expect((await tan.withdraw(res.json().id)).statusCode).toBe(200);
      clock.advance(60);
    }

    const before = await recorded(env);
    const sixth = expectError(await tan.submit(changeTo(newCard)), 429, 'RATE_LIMITED');
    expect(sixth.message).toContain('验证次数');
    expect(await recorded(env)).toEqual(before);
    expect((await tan.card()).json().pendingRequestId).toBeNull();

    // The limit is the number's, not the person's: 冉桂英 trying the same number is refused too...
    const ran = as(env, await env.loginCitizen('ran-guiying'));
    expectError(await ran.submit(changeTo(newCard, '500242')), 429, 'RATE_LIMITED');
    // ...while another number still goes through for 谭梅.
    const other = await tan.submit(changeTo(await openBankAccount(env, null)));
    expect(other.statusCode, other.body).toBe(201);
    expect((await tan.withdraw(other.json().id)).statusCode).toBe(200);

    // 24 h after the first of the five, the oldest one has left the window. (Her session expired meanwhile.)
    clock.advance(24 * 3600 - 5 * 60 - 1);
    tan = as(env, await env.loginCitizen('tan-mei'));
    expectError(await tan.submit(changeTo(newCard)), 429, 'RATE_LIMITED');
    clock.advance(2);
    const freed = await tan.submit(changeTo(newCard));
    expect(freed.statusCode, freed.body).toBe(201);
    expect(freed.json().status).toBe('pending');
  });
});

// ---------------------------------------------------------------- 20 per person per 24 h

describe('bank verifications: at most 20 per person in 24 h', () => {
  const clock = manualClock();
  const env = useTestEnv({ clock, bankTimeoutMs: 3000, bankVerificationsPerPersonPerDay: 20 });

  it('answers a person’s 21st verification 429 even with a new number, and frees it after 24 h', async () => {
    const tan = as(env, await env.loginCitizen('tan-mei'));
    // Twenty numbers the bank does not know: each is a failed request, none blocks the next.
    for (let i = 0; i < 20; i++) {
      const body = `621258${String(800_000_000 + i).padStart(9, '0')}`;
      const res = await tan.submit(changeTo(body + luhnCheckDigit(body)));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().status).toBe('failed');
    }
    const before = await recorded(env);
    const own = await openBankAccount(env, { name: tanMei.name, idNumber: tanMei.idNumber });
    const refused = expectError(await tan.submit(changeTo(own)), 429, 'RATE_LIMITED');
    expect(refused.message).toContain('明天');
    expect(await recorded(env)).toEqual(before);

    // Another person is not affected.
    const ran = as(env, await env.loginCitizen('ran-guiying'));
    const hers = await ran.submit(changeTo(person('ran-guiying').accounts[1].accountNumber, '500242'));
    expect(hers.statusCode, hers.body).toBe(201);

    clock.advance(24 * 3600 + 1);
    const tanTomorrow = as(env, await env.loginCitizen('tan-mei'));
    const ok = await tanTomorrow.submit(changeTo(own));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().status).toBe('pending');
  });
});
