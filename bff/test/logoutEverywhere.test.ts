/**
 * 退出所有设备. The citizen ends every session at once (the phone's and the PC's); a caseworker
 * too; the municipal caseworker can disable a caseworker account, which ends that caseworker's sessions at once and
 * refuses their login (403) until it is enabled again. All of it audited.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type TestEnv, useTestEnv } from './helpers.ts';

const env = useTestEnv();

const get = (url: string, token: string) => env.app.inject({ method: 'GET', url, headers: env.auth(token) });
const post = (url: string, token?: string, payload?: object) =>
  env.app.inject({ method: 'POST', url, headers: token ? env.auth(token) : {}, ...(payload ? { payload } : {}) });

/** The PC's session: a QR ticket scanned and confirmed on the phone, the token fetched by the PC with its secret. */
async function pcSession(e: TestEnv, phone: string) {
  const { ticket, secret } = (await e.app.inject({ method: 'POST', url: '/api/auth/qr-tickets' })).json();
  expect((await post(`/api/auth/qr-tickets/${ticket}/scan`, phone)).statusCode).toBe(200);
  expect((await post(`/api/auth/qr-tickets/${ticket}/confirm`, phone)).statusCode).toBe(200);
  const poll = await e.app.inject({
    method: 'GET',
    url: `/api/auth/qr-tickets/${ticket}`,
    headers: { 'x-qr-secret': secret },
  });
  return poll.json().token as string;
}

async function audit(action: string) {
  const a = env.app.db.schema.auditLog;
  return env.app.db.read.select().from(a).where(eq(a.action, action));
}

describe('退出所有设备 (citizen)', () => {
  it('ends the phone session and the PC session at once; another person is not affected; audited', async () => {
    const phone = await env.loginCitizen('tan-mei');
    const pc = await pcSession(env, phone);
    const secondPhone = await env.loginCitizen('tan-mei');
    const other = await env.loginCitizen('chen-jing');
    for (const t of [phone, pc, secondPhone, other]) expect((await get('/api/me/card', t)).statusCode).toBe(200);

    const out = await post('/api/auth/logout-all', pc);
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json()).toEqual({ ended: 3 });
    for (const t of [phone, pc, secondPhone]) {
      const res = await get('/api/me/card', t);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
    expect((await get('/api/me/card', other)).statusCode).toBe(200);

    const rows = await audit('auth.logout_all');
    expect(rows).toHaveLength(1);
    expect(rows[0].actorType).toBe('citizen');
    expect(JSON.parse(rows[0].detail ?? '{}')).toEqual({ sessions: 3 });
    // A second press has nothing left to end, and is refused like any other call without a session.
    expect((await post('/api/auth/logout-all', phone)).statusCode).toBe(401);
  });
});

describe('caseworker accounts: 退出所有设备, disable and enable', () => {
  const loginAs = (username: string) =>
    env.app.inject({
      method: 'POST',
      url: '/api/review/auth/login',
      payload: { username, password: `${username}-demo-2026` },
    });

  it('a caseworker ends all their own sessions', async () => {
    const a = await env.loginCaseworker('jiangbei');
    const b = await env.loginCaseworker('jiangbei');
    const municipal = await env.loginCaseworker('chongqing');
    const out = await post('/api/review/auth/logout-all', a);
    expect(out.json()).toEqual({ ended: 2 });
    expect((await get('/api/review/me', a)).statusCode).toBe(401);
    expect((await get('/api/review/me', b)).statusCode).toBe(401);
    expect((await get('/api/review/me', municipal)).statusCode).toBe(200);
  });

  it('disabling ends their sessions at once and refuses their login with 403; enabling lets them in again; audited', async () => {
    const municipal = await env.loginCaseworker('chongqing');
    const jiangbei = await env.loginCaseworker('jiangbei');
    const second = await env.loginCaseworker('jiangbei');
    const me = (await get('/api/review/me', jiangbei)).json();

    // Only the municipal caseworker may; not on themself.
    expect((await post(`/api/review/caseworkers/${me.id}/disable`, jiangbei)).statusCode).toBe(403);
    const self = (await get('/api/review/me', municipal)).json();
    expect((await post(`/api/review/caseworkers/${self.id}/disable`, municipal)).statusCode).toBe(403);
    expect((await post('/api/review/caseworkers/999999/disable', municipal)).statusCode).toBe(404);

    const disabled = await post(`/api/review/caseworkers/${me.id}/disable`, municipal);
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json()).toMatchObject({ id: me.id, username: 'jiangbei', disabled: true });
    // At once: the very next request of either session is refused.
    for (const t of [jiangbei, second]) {
      expect((await get('/api/review/change-requests', t)).statusCode).toBe(401);
      expect((await get('/api/review/me', t)).statusCode).toBe(401);
    }
    const s = env.app.db.schema.sessions;
    const live = await env.app.db.read
      .select()
      .from(s)
      .where(and(eq(s.role, 'caseworker'), eq(s.subjectId, me.id)));
    expect(live.every((row) => row.revokedAt !== null)).toBe(true);

    const refused = await loginAs('jiangbei');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({ error: { code: 'FORBIDDEN', message: '该账号已停用，请联系市级经办人' } });
    const list = (await get('/api/review/caseworkers', municipal)).json().items;
    expect(list.find((c: { id: number }) => c.id === me.id).disabled).toBe(true);

    const enabled = await post(`/api/review/caseworkers/${me.id}/enable`, municipal);
    expect(enabled.json()).toMatchObject({ id: me.id, disabled: false });
    const back = await loginAs('jiangbei');
    expect(back.statusCode, back.body).toBe(200);
    expect((await get('/api/review/change-requests', back.json().token)).statusCode).toBe(200);
    // The old sessions stay ended: enabling is not un-revoking.
    expect((await get('/api/review/me', jiangbei)).statusCode).toBe(401);

    const [disableRow] = await audit('caseworker.disable');
    expect(disableRow).toMatchObject({ actor: `caseworker:${self.id}`, target: `caseworker:${me.id}` });
    expect(JSON.parse(disableRow.detail ?? '{}')).toEqual({ sessionsEnded: 2 });
    expect(await audit('caseworker.enable')).toHaveLength(1);
    expect(await audit('auth.caseworker_login_disabled')).toHaveLength(1);
  });
});
