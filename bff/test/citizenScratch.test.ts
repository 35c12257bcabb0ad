import { describe, it } from 'vitest';
import { useTestEnv, person } from './helpers.ts';

describe('scratch', () => {
  const env = useTestEnv();
  it('explores', async () => {
    const t = await env.loginCitizen('tan-mei');
    const h = env.auth(t);
    const r = await env.app.inject({ method: 'POST', url: '/api/me/change-requests', headers: h, payload: { cardType: 'bank_card', accountNumber: '6212583000527313', bankCode: 'CRCBANK', districtCode: '500105' } });
    console.log(r.statusCode, r.body);
    const r2 = await env.app.inject({ method: 'POST', url: '/api/me/change-requests', headers: { ...h, 'content-type': 'application/json' }, payload: '{bad' });
    console.log(r2.statusCode, r2.body);
    const r3 = await env.app.inject({ method: 'POST', url: '/api/me/change-requests/abc/withdraw', headers: h });
    console.log(r3.statusCode, r3.body);
    const r4 = await env.app.inject({ method: 'GET', url: '/api/me/card', headers: h });
    console.log(r4.statusCode, r4.body);
    const body = { cardType: 'bank_card', bankCode: 'CRCBANK', districtCode: '500105', consent: true };
    const [a, b] = await Promise.all([
      env.app.inject({ method: 'POST', url: '/api/me/change-requests', headers: h, payload: { ...body, accountNumber: '6212583000527313' } }),
      env.app.inject({ method: 'POST', url: '/api/me/change-requests', headers: h, payload: { ...body, accountNumber: '6222023100025814737', bankCode: 'ICBC' } }),
    ]);
    console.log(a.statusCode, a.body, b.statusCode, b.body);
    const r5 = await env.app.inject({ method: 'POST', url: '/api/me/change-requests', headers: h, payload: { cardType: 'x', accountNumber: 5, bankCode: 'CRCBANK', districtCode: '500105', consent: 'yes' } });
    console.log(r5.statusCode, r5.body);
    const r6 = await env.app.inject({ method: 'POST', url: '/api/auth/face', payload: {} });
    console.log(r6.statusCode, r6.body);
    const r7 = await env.app.inject({ method: 'POST', url: '/api/auth/face', payload: {faceToken: 'nope'} });
    console.log(r7.statusCode, r7.body);
  });
});
