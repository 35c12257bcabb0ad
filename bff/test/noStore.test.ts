/**
 * Full account numbers and every other personal answer (tokens and the QR secret included) are
 * never kept by a browser, a proxy or the container's web view: `Cache-Control: no-store`, on success and on error.
 * (The authorization matrix checks the same on every answer of every route it calls.)
 */
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { person, useTestEnv } from './helpers.ts';

const SERVICE_KEY = 'no-store-test-service-key-0123';
const env = useTestEnv({ yktServiceKey: SERVICE_KEY });

function expectNoStore(res: LightMyRequestResponse, status: number, what: string) {
  expect(res.statusCode, `${what}: ${res.body}`).toBe(status);
  expect(res.headers['cache-control'], what).toBe('no-store');
}

describe('Cache-Control: no-store on personal answers', () => {
  it('/api/me/card/reveal, the review detail and the caseworker lists (full account numbers)', async () => {
    const tan = await env.loginCitizen('tan-mei');
    const cw = await env.loginCaseworker('jiangbei');
    const get = (url: string, token: string) => env.app.inject({ method: 'GET', url, headers: env.auth(token) });

    const reveal = await get('/api/me/card/reveal', tan);
    expectNoStore(reveal, 200, 'reveal');
    expect(reveal.json().items[0].accountNumber).toBe(person('tan-mei').accounts[0].accountNumber);

    const queue = await get('/api/review/change-requests', cw);
    expectNoStore(queue, 200, 'review queue');
    const id = queue.json().items[0].id;
    const detail = await get(`/api/review/change-requests/${id}`, cw);
    expectNoStore(detail, 200, 'review detail');
    expect(detail.json().after.accountNumber).toMatch(/^\d{16,19}$/);
    expectNoStore(await get('/api/review/accounts', cw), 200, 'accounts');
    expectNoStore(await get('/api/review/change-requests/999999', cw), 404, 'detail not found');
  });

  it('every citizen answer, success and error', async () => {
    const tan = await env.loginCitizen('tan-mei');
    for (const url of ['/api/me/card', '/api/me/change-requests', '/api/me/notifications']) {
      expectNoStore(await env.app.inject({ method: 'GET', url, headers: env.auth(tan) }), 200, url);
      expectNoStore(await env.app.inject({ method: 'GET', url }), 401, `${url} anonymous`);
    }
  });

  it('answers carrying a token, a masked person or the QR secret', async () => {
    const face = (await fetch(`${env.sandbox.url}/identity/face-sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: person('tan-mei').name, idNumber: person('tan-mei').idNumber }),
    }).then((r) => r.json())) as { faceToken: string };
    const login = await env.app.inject({ method: 'POST', url: '/api/auth/face', payload: face });
    expectNoStore(login, 200, 'face login (token, masked person)');

    const ticket = await env.app.inject({ method: 'POST', url: '/api/auth/qr-tickets' });
    expectNoStore(ticket, 201, 'QR ticket (the PC secret)');
    const { ticket: t, secret } = ticket.json();
    const phone = env.auth(login.json().token);
    expect(
      (await env.app.inject({ method: 'POST', url: `/api/auth/qr-tickets/${t}/confirm`, headers: phone })).statusCode,
    ).toBe(200);
    const poll = await env.app.inject({
      method: 'GET',
      url: `/api/auth/qr-tickets/${t}`,
      headers: { 'x-qr-secret': secret },
    });
    expectNoStore(poll, 200, 'QR poll (the PC token)');
    expect(poll.json().token).toBeTypeOf('string');

    const cw = await env.app.inject({
      method: 'POST',
      url: '/api/review/auth/login',
      payload: { username: 'jiangbei', password: 'jiangbei-demo-2026' },
    });
    expectNoStore(cw, 200, 'caseworker login (token)');

    const accounts = await env.app.inject({
      method: 'GET',
      url: '/api/review/accounts',
      headers: env.auth(cw.json().token),
    });
    const report = await env.app.inject({
      method: 'POST',
      url: `/api/review/accounts/${accounts.json().items[0].id}/crediting-failures`,
      headers: { 'x-ykt-service-key': SERVICE_KEY },
      payload: { message: '上卡失败：测试' },
    });
    expectNoStore(report, 200, '上卡失败 report (the account and its owner)');
  });
});
