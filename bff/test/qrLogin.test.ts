import { describe, expect, it } from 'vitest';
import { manualClock, useTestEnv } from './helpers.ts';

const clock = manualClock();
const env = useTestEnv({ clock, qrTtlSeconds: 300 });

async function newTicket() {
  const res = await env.app.inject({ method: 'POST', url: '/api/auth/qr-tickets' });
  expect(res.statusCode).toBe(201);
  return res.json() as { ticket: string; qrContent: string; expiresAt: string; secret: string };
}
const poll = (t: { ticket: string; secret: string }, secret = t.secret) =>
  env.app.inject({ method: 'GET', url: `/api/auth/qr-tickets/${t.ticket}`, headers: { 'x-qr-secret': secret } });
const act = (token: string, ticket: string, step: 'scan' | 'confirm' | 'cancel') =>
  env.app.inject({ method: 'POST', url: `/api/auth/qr-tickets/${ticket}/${step}`, headers: env.auth(token) });

describe('PC login by QR code', () => {
  it('goes waiting -> scanned -> confirmed, and the PC gets a working session token exactly once', async () => {
    const t = await newTicket();
    expect(Buffer.from(t.ticket, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(t.qrContent).toContain(`/m/#/pages/qr-confirm/index?ticket=${t.ticket}`);
    expect((await poll(t)).json()).toEqual({ status: 'waiting' });

    const phone = await env.loginCitizen('tan-mei');
    const scanned = await act(phone, t.ticket, 'scan');
    expect(scanned.statusCode).toBe(200);
    expect(scanned.json().target).toContain('惠民惠农');
    expect((await poll(t)).json()).toEqual({ status: 'scanned' });

    expect((await act(phone, t.ticket, 'confirm')).statusCode).toBe(200);
    const first = (await poll(t)).json();
    expect(first.status).toBe('confirmed');
    expect(first.token).toEqual(expect.any(String));
    // Handed out once: from then on the code is 已使用 (used), and no poll gets a token again.
    const second = (await poll(t)).json();
    expect(second).toEqual({ status: 'used' });
    expect((await act(phone, t.ticket, 'scan')).json().error.message).toBe('该二维码已使用，请在电脑上刷新后重新扫码');

    // The PC's token is a session of its own, for the same person.
    const card = await env.app.inject({ method: 'GET', url: '/api/me/card', headers: env.auth(first.token) });
    expect(card.statusCode).toBe(200);
    expect(card.json().beneficiary.name).toBe('*梅');
  });

  it('refuses a confirmed ticket a second time (no reuse)', async () => {
    const t = await newTicket();
    const phone = await env.loginCitizen('tan-mei');
    await act(phone, t.ticket, 'scan');
    await act(phone, t.ticket, 'confirm');
    const again = await act(phone, t.ticket, 'confirm');
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('QR_EXPIRED');
    expect((await act(phone, t.ticket, 'scan')).statusCode).toBe(410);
  });

  it('expires 300 s after creation: still good at 299 s, 410 QR_EXPIRED after', async () => {
    const t = await newTicket();
    const phone = await env.loginCitizen('chen-jing');
    clock.advance(299);
    expect((await act(phone, t.ticket, 'scan')).statusCode).toBe(200);
    clock.advance(2);
    expect((await poll(t)).json()).toEqual({ status: 'expired' });
    const late = await act(phone, t.ticket, 'confirm');
    expect(late.statusCode).toBe(410);
    expect(late.json().error.message).toContain('过期');
  });

  it('needs a face-verified citizen session to scan or confirm', async () => {
    const t = await newTicket();
    const anonymous = await env.app.inject({ method: 'POST', url: `/api/auth/qr-tickets/${t.ticket}/confirm` });
    expect(anonymous.statusCode).toBe(401);
    const caseworker = await env.loginCaseworker('jiangbei').catch(() => null);
    if (caseworker) expect((await act(caseworker, t.ticket, 'confirm')).statusCode).toBe(403);
    expect((await poll(t)).json()).toEqual({ status: 'waiting' });
  });

  it('gives nothing to another PC that only saw the QR code', async () => {
    const t = await newTicket();
    const phone = await env.loginCitizen('tan-mei');
    await act(phone, t.ticket, 'scan');
    await act(phone, t.ticket, 'confirm');
    const thief = await poll(t, 'a-guess-that-is-not-the-secret');
    expect(thief.statusCode).toBe(404);
    expect(thief.json().token).toBeUndefined();
    const noSecret = await env.app.inject({ method: 'GET', url: `/api/auth/qr-tickets/${t.ticket}` });
    expect(noSecret.statusCode).toBe(404);
    // The rightful PC still gets its token.
    expect((await poll(t)).json().token).toEqual(expect.any(String));
  });

  it('does not let a second person confirm what the first one scanned, and 取消 ends the ticket', async () => {
    const t = await newTicket();
    const tan = await env.loginCitizen('tan-mei');
    const chen = await env.loginCitizen('chen-jing');
    await act(tan, t.ticket, 'scan');
    expect((await act(chen, t.ticket, 'confirm')).statusCode).toBe(410);
    // Only the person who scanned it may cancel: 陈静 read the code off the screen, and gets "not found".
    expect((await act(chen, t.ticket, 'cancel')).statusCode).toBe(404);
    expect((await act(tan, t.ticket, 'cancel')).json()).toEqual({ status: 'cancelled' });
    // The PC learns why: 已在手机上取消.
    expect((await poll(t)).json()).toEqual({ status: 'cancelled' });
    expect((await act(tan, t.ticket, 'confirm')).statusCode).toBe(410);
  });
});

describe('housekeeping', () => {
  it('purges sessions and QR tickets that ended more than a day ago, and keeps live ones', async () => {
    const old = await newTicket();
    const oldPhone = await env.loginCitizen('tan-mei');
    clock.advance(2 * 24 * 3600);
    const fresh = await newTicket();
    const phone = await env.loginCitizen('tan-mei');
    const { sessions, qrLogin } = env.app.services;
    expect(await sessions.purgeExpired()).toBeGreaterThan(0);
    expect(await qrLogin.purgeExpired()).toBeGreaterThan(0);
    expect((await poll(old)).statusCode).toBe(404);
    expect((await poll(fresh)).json()).toEqual({ status: 'waiting' });
    const stale = await env.app.inject({ url: '/api/me/card', headers: env.auth(oldPhone) });
    expect(stale.statusCode).toBe(401);
    expect((await env.app.inject({ url: '/api/me/card', headers: env.auth(phone) })).statusCode).toBe(200);
  });
});
