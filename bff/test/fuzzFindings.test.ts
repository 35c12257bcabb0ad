/**
 * What the fuzz campaign found (bff/test/campaigns/fuzz.test.ts), each pinned by a plain test. All were 500s on
 * PostgreSQL only (SQLite takes the same values without complaint), and one could stop the process:
 * - an id over 2^31 − 1 in a path (`/api/review/accounts/4503599627370496`): PostgreSQL's integer refuses it;
 * - a NUL character (`%00`, "\u0000") in a path, a query or a JSON string: PostgreSQL refuses it in any text value;
 *   in the audit CSV's query it made the stream fail with nobody listening: an unhandled 'error', a hung answer;
 * - a forged keyset cursor (an empty string where a time belongs, an id over 2^31 − 1).
 */
import { errorBody } from '@ykt/shared';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { useTestEnv } from './helpers.ts';

const SERVICE_KEY = 'fuzz-findings-service-key-0123456789';
const env = useTestEnv({ yktServiceKey: SERVICE_KEY });
const cursor = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');

function expect400(res: LightMyRequestResponse, field?: string) {
  expect(res.statusCode, res.body).toBe(400);
  const { error } = errorBody.strict().parse(res.json());
  expect(error.code).toBe('VALIDATION_FAILED');
  expect(error.message).toMatch(/\p{Script=Han}/u);
  if (field) expect(Object.keys(error.fields ?? {})).toContain(field);
}

describe('bad input the fuzz found: 400, never 500', () => {
  it('ids over 2^31 − 1 in a path', async () => {
    const city = env.auth(await env.loginCaseworker('chongqing'));
    const citizen = env.auth(await env.loginCitizen('chen-jing'));
    const big = '4503599627370496';
    for (const [method, url, headers, payload] of [
      ['GET', `/api/review/accounts/${big}`, city],
      ['GET', `/api/review/change-requests/${big}`, city],
      ['POST', `/api/review/change-requests/${big}/decision`, city, { result: 'approved' }],
      ['PATCH', `/api/review/accounts/${big}`, city, { bankCode: 'ICBC' }],
      ['POST', `/api/review/accounts/${big}/invalidate`, city, { message: '测试' }],
      ['POST', `/api/review/caseworkers/${big}/disable`, city],
      ['POST', `/api/me/change-requests/${big}/withdraw`, citizen],
      ['POST', `/api/me/notifications/2147483648/read`, citizen],
      [
        'POST',
        `/api/review/accounts/${big}/crediting-failures`,
        { 'x-ykt-service-key': SERVICE_KEY },
        { message: 'x' },
      ],
    ] as const) {
      expect400(await env.app.inject({ method, url, headers, ...(payload ? { payload } : {}) }), 'id');
    }
    // The largest id is still just "not found".
    expect((await env.app.inject({ url: '/api/review/accounts/2147483647', headers: city })).statusCode).toBe(404);
  });

  it('a NUL character in a path, a query or a JSON string', async () => {
    const city = env.auth(await env.loginCaseworker('chongqing'));
    const citizen = env.auth(await env.loginCitizen('chen-jing'));
    expect400(
      await env.app.inject({
        method: 'POST',
        url: '/api/auth/qr-tickets/%00aaaaaaaaaaaaaaaaaaaa/scan',
        headers: citizen,
      }),
      'ticket',
    );
    expect400(await env.app.inject({ url: '/api/review/change-requests?name=%E5%BC%A0%00', headers: city }), 'name');
    expect400(await env.app.inject({ url: '/api/review/audit?action=a%00', headers: city }), 'action');
    expect400(
      await env.app.inject({
        method: 'POST',
        url: '/api/review/auth/login',
        payload: { username: 'jiangbei\u0000', password: 'x' },
      }),
      'username',
    );
    expect400(
      await env.app.inject({
        method: 'POST',
        url: '/api/me/change-requests',
        headers: citizen,
        payload: {
          cardType: 'bank_card',
          accountNumber: '6212583990000016',
          bankCode: 'CRCBANK',
          districtCode: '500105',
          reason: '换卡\u0000',
          consent: true,
        },
      }),
      'reason',
    );
  });

  it('a NUL in the QR ticket of a poll: counted by the rate limit (a hashed key) and refused, not a 500', async () => {
    for (const ticket of [
      '%00aaaaaaaaaaaaaaaaaaaa',
      `${'%20'.repeat(4)}%00${'%20'.repeat(11)}`,
      `${'票'.repeat(20)}`,
    ]) {
      const res = await env.app.inject({ url: `/api/auth/qr-tickets/${ticket}`, headers: { 'x-qr-secret': 'x' } });
      expect(res.statusCode, res.body).toBeLessThan(500);
      expect(errorBody.strict().parse(res.json()).error.message).toMatch(/\p{Script=Han}/u);
    }
  });

  it('the routes of the docs and static plugins answer errors in the contract too (a NUL in /docs/json?%00: 500)', async () => {
    for (const url of ['/docs/json?%00', '/docs/static/%00', '/docs/static/..%2f..%2fpackage.json']) {
      const res = await env.app.inject({ url });
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(500);
      if (res.statusCode >= 400) expect(errorBody.strict().parse(res.json()).error.message).toMatch(/\p{Script=Han}/u);
    }
  });

  it('the audit CSV with a NUL in its query answers 400 instead of failing mid-stream', async () => {
    const city = env.auth(await env.loginCaseworker('chongqing'));
    expect400(await env.app.inject({ url: '/api/review/audit.csv?action=%00', headers: city }), 'action');
  });

  it('forged keyset cursors', async () => {
    const city = env.auth(await env.loginCaseworker('chongqing'));
    const citizen = env.auth(await env.loginCitizen('chen-jing'));
    for (const key of [[''], ['', 0], ['abc', 1], ['2026-01-01T00:00:00.000Z', 2147483648], ['x\u0000', 1]]) {
      expect400(
        await env.app.inject({ url: `/api/me/change-requests?cursor=${cursor(key)}`, headers: citizen }),
        'cursor',
      );
      expect400(
        await env.app.inject({ url: `/api/review/change-requests?cursor=${cursor(key)}`, headers: city }),
        'cursor',
      );
    }
    // The accounts list pages by district code (text) and id.
    for (const key of [[''], ['500105', 2147483648], ['x\u0000', 1], [1, 1]]) {
      expect400(await env.app.inject({ url: `/api/review/accounts?cursor=${cursor(key)}`, headers: city }), 'cursor');
    }
    expect400(
      await env.app.inject({ url: `/api/review/audit?cursor=${cursor([9007199254740991])}`, headers: city }),
      'cursor',
    );
    // A real cursor still pages.
    const first = await env.app.inject({ url: '/api/review/audit?pageSize=1', headers: city });
    const next = await env.app.inject({
      url: `/api/review/audit?pageSize=1&cursor=${first.json().nextCursor}`,
      headers: city,
    });
    expect(next.statusCode, next.body).toBe(200);
    const list = await env.app.inject({
      url: '/api/review/change-requests?status=completed&pageSize=1',
      headers: city,
    });
    const page2 = await env.app.inject({
      url: `/api/review/change-requests?status=completed&pageSize=1&cursor=${list.json().nextCursor}`,
      headers: city,
    });
    expect(page2.statusCode, page2.body).toBe(200);
  });
});

describe('the audit CSV when the database fails mid-stream', () => {
  it('ends the answer (an error, not a hang) and leaves no unhandled stream error', async () => {
    const city = env.auth(await env.loginCaseworker('chongqing'));
    const unhandled: unknown[] = [];
    const onError = (err: unknown) => unhandled.push(err);
    process.on('uncaughtException', onError);
    // The export's own reads fail (as when the connection drops after the answer began); everything else works.
    const read = env.app.db.read;
    const select = read.select.bind(read);
    const spy = vi.spyOn(read, 'select').mockImplementation(((...args: Parameters<typeof select>) => {
      if (new Error().stack?.includes('auditLog.ts')) throw new Error('connection to the database lost');
      return select(...args);
    }) as typeof select);
    try {
      const res = await env.app.inject({ url: '/api/review/audit.csv', headers: city });
      expect(res.statusCode).toBe(500);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['content-disposition']).toBeUndefined();
      expect(errorBody.strict().parse(res.json()).error).toEqual({ code: 'INTERNAL', message: '系统繁忙，请稍后再试' });
    } finally {
      spy.mockRestore();
      process.off('uncaughtException', onError);
    }
    expect(unhandled).toEqual([]);
    // And the export works again.
    const ok = await env.app.inject({ url: '/api/review/audit.csv', headers: city });
    expect(ok.statusCode).toBe(200);
    expect(ok.body.startsWith('\uFEFF编号')).toBe(true);
  });
});
