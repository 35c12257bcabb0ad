/**
 * The citizen's whole path against a LISTENING BFF and the running sandbox, over real HTTP with fetch:
 * face login -> card -> districts -> change request -> requests list -> withdraw -> notifications,
 * and the bank being slow or down (503, nothing recorded) and back again.
 */
import { errorBody } from '@ykt/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { person, recorded, useTestEnv } from './helpers.ts';

// The BFF waits 1.5 s for the bank; the slow bank answers after 6 s. (300 ms vs 1 s was tried: under the whole
// test run in parallel a normal bank answer sometimes took longer than 300 ms and the happy path got a 503.)
const BANK_TIMEOUT_MS = 1500;
const SLOW_BANK_MS = 6000;
const env = useTestEnv({ bankTimeoutMs: BANK_TIMEOUT_MS });
let base = '';

beforeAll(async () => {
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  const address = env.app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening on a port');
  base = `http://127.0.0.1:${address.port}`;
});

// ---------------------------------------------------------------- a tiny HTTP client, like the mini-app's

interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers of many shapes, asserted field by field
  body: any;
}

async function http(method: string, path: string, opts: { token?: string; body?: unknown } = {}): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
    },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** The app container's face scan (sandbox identity platform), then the BFF's face login. */
async function faceLogin(key: string) {
  const p = person(key);
  const face = await fetch(`${env.sandbox.url}/identity/face-sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: p.name, idNumber: p.idNumber }),
  });
  expect(face.status).toBe(201);
  const { faceToken } = (await face.json()) as { faceToken: string };
  const login = await http('POST', '/api/auth/face', { body: { faceToken } });
  expect(login.status).toBe(200);
  return login.body as { token: string; expiresAt: string; beneficiary: { name: string } };
}

const tanMei = person('tan-mei');
const toIcbc = {
  cardType: 'bank_card',
  accountNumber: tanMei.accounts[2].accountNumber,
  bankCode: 'ICBC',
  districtCode: '500105',
  reason: '换用工商银行卡',
  consent: true,
};

// ---------------------------------------------------------------- the path

describe('the citizen path over real HTTP', () => {
  it('face login -> card -> districts -> change request -> list -> withdraw -> notifications -> logout', async () => {
    const login = await faceLogin('tan-mei');
    expect(login.beneficiary.name).toBe('*梅');
    const token = login.token;

    const card = await http('GET', '/api/me/card', { token });
    expect(card.status).toBe(200);
    expect(card.body.cards).toHaveLength(1);
    expect(card.body.cards[0].accountNumber).toBe('6212********2465');
    const myDistricts = card.body.cards[0].districts.map((d: { code: string }) => d.code);
    expect(myDistricts).toEqual(['500000', '500105']);

    const districts = await http('GET', '/api/districts');
    expect(districts.status).toBe(200);
    const jiangbei = districts.body.find((d: { code: string }) => d.code === '500105');
    expect(jiangbei).toEqual({ code: '500105', name: '江北区' });

    const banks = await http('GET', '/api/banks');
    expect(banks.body).toContainEqual({ code: 'ICBC', name: '中国工商银行' });

    const submitted = await http('POST', '/api/me/change-requests', { token, body: toIcbc });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({
      status: 'pending',
      bankName: '中国工商银行',
      districtName: '江北区',
      accountNumber: '6222***********4737',
    });

    const whilePending = await http('GET', '/api/me/card', { token });
    expect(whilePending.body.pendingRequestId).toBe(submitted.body.id);
    expect(whilePending.body.cards[0].accountNumber).toBe('6212********2465');

    const list = await http('GET', '/api/me/change-requests', { token });
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toEqual(submitted.body);

    const withdrawn = await http('POST', `/api/me/change-requests/${submitted.body.id}/withdraw`, { token });
    expect(withdrawn).toEqual({ status: 200, body: { id: submitted.body.id, status: 'withdrawn' } });
    const after = await http('GET', '/api/me/change-requests', { token });
    expect(after.body.items[0]).toMatchObject({
      id: submitted.body.id,
      status: 'withdrawn',
      finishedAt: expect.any(String),
    });
    expect((await http('GET', '/api/me/card', { token })).body.pendingRequestId).toBeNull();

    const mine = await http('GET', '/api/me/notifications', { token });
    expect(mine).toEqual({ status: 200, body: { items: [] } });

    const out = await http('POST', '/api/auth/logout', { token });
    expect(out.status).toBe(204);
    const refused = await http('GET', '/api/me/card', { token });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('冉桂英 sees her invalid card and her notification, reads it, and applies for a change', async () => {
    const { token } = await faceLogin('ran-guiying');
    const card = await http('GET', '/api/me/card', { token });
    expect(card.body.cards[0]).toMatchObject({
      status: 'invalid',
      districts: [{ code: '500242', name: '酉阳土家族苗族自治县' }],
    });
    expect(card.body.unreadNotifications).toBe(1);

    const notes = await http('GET', '/api/me/notifications', { token });
    expect(notes.status).toBe(200);
    expect(notes.body.items).toHaveLength(1);
    expect(notes.body.items[0]).toMatchObject({
      kind: 'crediting_failure',
      accountNumber: '6212********1184',
      readAt: null,
    });
    expect(notes.body.items[0].message).toContain('上卡失败');

    const read = await http('POST', `/api/me/notifications/${notes.body.items[0].id}/read`, { token });
    expect(read.status).toBe(200);
    expect((await http('GET', '/api/me/card', { token })).body.unreadNotifications).toBe(0);

    const ran = person('ran-guiying');
    const change = await http('POST', '/api/me/change-requests', {
      token,
      body: {
        cardType: 'bank_card',
        accountNumber: ran.accounts[1].accountNumber,
        bankCode: 'CRCBANK',
        districtCode: '500242',
        consent: true,
      },
    });
    expect(change.status).toBe(201);
    expect(change.body.status).toBe('pending');
  });

  it('answers errors in api.md’s shape over the wire (malformed JSON, bad token)', async () => {
    // Authentication comes first: without a session the caller learns nothing about the body.
    const anonymous = await fetch(`${base}/api/me/change-requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
      body: '{"consent": tru',
    });
    expect(anonymous.status).toBe(401);
    const { token } = await faceLogin('tan-mei');
    const malformed = await fetch(`${base}/api/me/change-requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '{"consent": tru',
    });
    expect(malformed.status).toBe(400);
    expect(errorBody.strict().parse(await malformed.json()).error.code).toBe('VALIDATION_FAILED');

    const bad = await http('GET', '/api/me/card', { token: 'x.y.z' });
    expect(bad.status).toBe(401);
    expect(errorBody.strict().parse(bad.body).error.code).toBe('UNAUTHENTICATED');
  });
});

// ---------------------------------------------------------------- the bank out of reach

describe('bank gateway slow or down', () => {
  let token = '';
  beforeAll(async () => {
    token = (await faceLogin('tan-mei')).token;
  });

  const modes: Array<['slow' | 'down', number | undefined]> = [
    ['slow', SLOW_BANK_MS],
    ['down', undefined],
  ];
  it.each(modes)(
    'bank %s: 503 BANK_UNAVAILABLE, nothing recorded, and the same submission succeeds once the bank is back',
    async (mode, delayMs) => {
      await env.setBankMode(mode, delayMs);
      try {
        const before = await recorded(env);
        const started = Date.now();
        const res = await http('POST', '/api/me/change-requests', { token, body: toIcbc });
        expect(res.status).toBe(503);
        const { error } = errorBody.strict().parse(res.body);
        expect(error.code).toBe('BANK_UNAVAILABLE');
        expect(error.message).toContain('稍后');
        // The citizen does not wait for the slow bank: the BFF gives up after its own timeout.
        if (mode === 'slow') {
          expect(Date.now() - started).toBeGreaterThanOrEqual(BANK_TIMEOUT_MS - 50);
          expect(Date.now() - started).toBeLessThan(SLOW_BANK_MS);
        }
        // No request is recorded; the call that reached the bank counts against the card's daily limit.
        expect(await recorded(env)).toEqual({ ...before, bankVerifications: before.bankVerifications + 1 });
        const card = await http('GET', '/api/me/card', { token });
        expect(card.body.pendingRequestId).toBeNull();
      } finally {
        await env.setBankMode('normal');
      }

      const again = await http('POST', '/api/me/change-requests', { token, body: toIcbc });
      expect(again.status).toBe(201);
      expect(again.body.status).toBe('pending');
      const withdrawn = await http('POST', `/api/me/change-requests/${again.body.id}/withdraw`, { token });
      expect(withdrawn.status).toBe(200);
    },
  );
});
