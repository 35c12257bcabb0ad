import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../src/lib/passwords.ts';
import { manualClock, person } from './helpers.ts';
import { allAudit, auditOf, useReviewEnv } from './reviewHelpers.ts';

const login = (env: ReturnType<typeof useReviewEnv>, username: string, password: string) =>
  env.app.inject({ method: 'POST', url: '/api/review/auth/login', payload: { username, password } });

describe('caseworker login, profile, logout', () => {
  const env = useReviewEnv();

  it('passwords are stored as scrypt hashes, never in clear', async () => {
    const rows = await env.app.db.read.select().from(env.app.db.schema.caseworkers);
    expect(rows.length).toBe(2);
    for (const r of rows) {
      expect(r.passwordHash.startsWith('scrypt$')).toBe(true);
      expect(r.passwordHash).not.toContain('demo-2026');
    }
    expect(
      await verifyPassword('jiangbei-demo-2026', rows.find((r) => r.username === 'jiangbei')?.passwordHash ?? ''),
    ).toBe(true);
  });

  it('login answers a token and the profile; /me answers the profile; logout revokes the session', async () => {
    const res = await login(env, 'jiangbei', 'jiangbei-demo-2026');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.caseworker).toEqual({
      id: expect.any(Number),
      username: 'jiangbei',
      name: '刘洋（江北区财政局）',
      districtCode: '500105',
      districtName: '江北区',
      disabled: false,
    });
    expect(body.token).toBeTypeOf('string');
    expect(body.expiresAt).toBeTypeOf('string');

    const me = await env.app.inject({ url: '/api/review/me', headers: env.auth(body.token) });
    expect(me.json()).toEqual(body.caseworker);
    expect((await auditOf(env, 'auth.caseworker_login')).length).toBe(1);

    const out = await env.app.inject({ method: 'POST', url: '/api/review/auth/logout', headers: env.auth(body.token) });
    expect(out.statusCode).toBe(204);
    const after = await env.app.inject({ url: '/api/review/me', headers: env.auth(body.token) });
    expect(after.statusCode).toBe(401);
  });

  it('a wrong password and an unknown user get the same 401, both audited as failures', async () => {
    const wrong = await login(env, 'chongqing', 'nope');
    const unknown = await login(env, 'nobody', 'nope');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.message).toBe('用户名或密码错误');
    expect((await auditOf(env, 'auth.caseworker_login_failed')).length).toBe(2);
  });

  it('an ID number typed as the username does not land in the audit log', async () => {
    const id = person('tan-mei').idNumber;
    expect((await login(env, id, 'x')).statusCode).toBe(401);
    expect(JSON.stringify(await allAudit(env))).not.toContain(id);
  });

  it('an empty body is a 400 with fields', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/review/auth/login', payload: {} });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['password', 'username']);
  });
});

describe('failed-login limit', () => {
  // Real time as the start, so the JWTs signed during the test are not already expired.
  const clock = manualClock(new Date());
  const env = useReviewEnv({ clock });

  it('5 failures within 15 minutes: the 6th attempt answers 429 even with the right password; audited; lifted after the window', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await login(env, 'jiangbei', `wrong-${i}`);
      expect(res.statusCode, `attempt ${i + 1}`).toBe(401);
    }
    const limited = await login(env, 'jiangbei', 'jiangbei-demo-2026');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(await auditOf(env, 'auth.caseworker_login_failed')).toHaveLength(5);
    expect(await auditOf(env, 'auth.caseworker_login_limited')).toHaveLength(1);

    // Another username is not affected.
    expect((await login(env, 'chongqing', 'chongqing-demo-2026')).statusCode).toBe(200);

    clock.advance(10 * 60);
    expect((await login(env, 'jiangbei', 'jiangbei-demo-2026')).statusCode).toBe(429);
    clock.advance(5 * 60 + 1);
    expect((await login(env, 'jiangbei', 'jiangbei-demo-2026')).statusCode).toBe(200);
  });

  it('a success starts the count afresh', async () => {
    clock.advance(16 * 60);
    for (let i = 0; i < 4; i++) expect((await login(env, 'chongqing', 'bad')).statusCode).toBe(401);
    expect((await login(env, 'chongqing', 'chongqing-demo-2026')).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(env, 'chongqing', 'bad')).statusCode).toBe(401);
    expect((await login(env, 'chongqing', 'chongqing-demo-2026')).statusCode).toBe(200);
  });

  it('parallel guesses cannot slip past the limit', async () => {
    clock.advance(16 * 60);
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => login(env, 'jiangbei', `parallel-${i}`)));
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  });
});

describe('failed-login limit of unknown usernames', () => {
  const env = useReviewEnv();

  it('unknown usernames are limited the same way', async () => {
    for (let i = 0; i < 5; i++) expect((await login(env, 'ghost', 'x')).statusCode).toBe(401);
    expect((await login(env, 'ghost', 'x')).statusCode).toBe(429);
  });
});

describe('nobody can lock a caseworker out from somewhere else', () => {
  const clock = manualClock(new Date());
  const env = useReviewEnv({ clock });
  const from = (remoteAddress: string, username: string, password: string) =>
    env.app.inject({ method: 'POST', url: '/api/review/auth/login', payload: { username, password }, remoteAddress });

  it('five wrong passwords from one address refuse that address only; the caseworker logs in from her own', async () => {
    // 刘洋 logs in from her office PC (10.0.0.5) as every day.
    expect((await from('10.0.0.5', 'jiangbei', 'jiangbei-demo-2026')).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await from('203.0.113.9', 'jiangbei', `guess-${i}`)).statusCode).toBe(401);
    expect((await from('203.0.113.9', 'jiangbei', 'jiangbei-demo-2026')).statusCode).toBe(429);
    expect((await from('10.0.0.5', 'jiangbei', 'jiangbei-demo-2026')).statusCode).toBe(200);
    // A colleague's PC she never used is not refused either: the guesses came from elsewhere.
    expect((await from('10.0.0.6', 'jiangbei', 'jiangbei-demo-2026')).statusCode).toBe(200);
    expect(await auditOf(env, 'auth.caseworker_login_limited')).toHaveLength(1);
  });

  it('twenty wrong passwords from many addresses refuse new addresses, but not her own office of the last 30 days', async () => {
    clock.advance(16 * 60);
    for (let i = 0; i < 20; i++) {
      expect((await from(`198.51.100.${i + 1}`, 'jiangbei', `spray-${i}`)).statusCode).toBe(401);
    }
    expect((await from('198.51.100.200', 'jiangbei', 'jiangbei-demo-2026')).statusCode).toBe(429);
    expect((await from('10.0.0.5', 'jiangbei', 'jiangbei-demo-2026')).statusCode).toBe(200);
    // After 30 days without logging in from there, that office is a stranger again.
    clock.advance(31 * 24 * 3600);
    for (let i = 0; i < 20; i++) await from(`198.51.100.${i + 1}`, 'jiangbei', `spray-${i}`);
    expect((await from('10.0.0.5', 'jiangbei', 'jiangbei-demo-2026')).statusCode).toBe(429);
    const limited = (await auditOf(env, 'auth.caseworker_login_limited')).map((r) => JSON.parse(r.detail ?? '{}').by);
    expect(limited).toEqual(['address', 'username', 'username']);
  });
});
