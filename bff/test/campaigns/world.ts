/**
 * The world the route-table campaigns (authorization matrix, fuzz) run in: a real app on a fresh database with the
 * demo data, built front ends (stand-ins) so their routes exist, a 万州区 caseworker and a spare caseworker beside
 * the demo ones, every route collected as it is added, and a token (or credential) for each kind of caller.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { HTTPMethods, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { hashPassword } from '../../src/lib/passwords.ts';
import { person, type TestEnv, useTestEnv } from '../helpers.ts';
import { CALLERS, type Call, type Caller, type Fixtures, fillPattern } from './matrix.ts';

export const SERVICE_KEY = 'campaign-ykt-service-key-0123456789';
const WANZHOU = { username: 'wanzhou', password: 'wanzhou-campaign-2026', districtCode: '500101' };
const SPARE = { username: 'spare', password: 'spare-campaign-2026', districtCode: '500105' };

export interface RouteInfo {
  method: string;
  url: string;
  schema?: Record<string, unknown>;
}

export interface World {
  env: TestEnv;
  routes: RouteInfo[];
  fixtures: Fixtures;
  /** The path parameters a pattern is called with when its row does not say. */
  paramsFor(pattern: string): Record<string, string>;
  /** Headers that make a request come from this caller. */
  headersOf(caller: Caller): Record<string, string>;
  /** Log every token caller in again (after a row that ended sessions). */
  relogin(): Promise<void>;
  /** One request as this caller; each caller has its own address, so per-address limits do not mix them up. */
  call(caller: Caller, method: string, pattern: string, call: Call): Promise<LightMyRequestResponse>;
}

let addressCounter = 0;
/** A fresh address per login, so the per-address login limits never decide a matrix cell. */
const nextAddress = () => {
  addressCounter++;
  return `10.${200 + (addressCounter >> 16)}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
};

export function useCampaignWorld(): World {
  const routes: RouteInfo[] = [];
  const dists = mkdtempSync(join(tmpdir(), 'ykt-dists-'));
  for (const d of ['m', 'web']) mkdirSync(join(dists, d));
  writeFileSync(join(dists, 'm', 'index.html'), '<!doctype html><title>m</title>');
  writeFileSync(join(dists, 'web', 'portal.html'), '<!doctype html><title>pc</title>');
  writeFileSync(join(dists, 'web', 'review.html'), '<!doctype html><title>review</title>');

  const env = useTestEnv({
    yktServiceKey: SERVICE_KEY,
    miniappDist: join(dists, 'm'),
    webDist: join(dists, 'web'),
    onRoute: (r) => {
      for (const method of [r.method].flat()) routes.push({ method, url: r.url, schema: r.schema as never });
    },
  });
  afterAll(() => rmSync(dists, { recursive: true, force: true }));

  const tokens = {} as Record<Caller, string | undefined>;
  const ip = {} as Record<Caller, string>;
  for (const c of CALLERS) ip[c] = nextAddress();
  const fixtures = {} as Fixtures;
  /** `:id` by route family (prefix of the pattern); `:districtCode` is 江北区. */
  const resourceOf: Record<string, number> = {};
  let chenId = 0;
  let chenAccountId = 0;

  async function faceToken(key: string) {
    const p = person(key);
    const r = (await fetch(`${env.sandbox.url}/identity/face-sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: p.name, idNumber: p.idNumber }),
    }).then((x) => x.json())) as { faceToken: string };
    return r.faceToken;
  }
  async function citizenLogin(key: string) {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/auth/face',
      remoteAddress: nextAddress(),
      payload: { faceToken: await faceToken(key) },
    });
    if (res.statusCode !== 200) throw new Error(`face login of ${key}: ${res.statusCode} ${res.body}`);
    return res.json().token as string;
  }
  async function caseworkerLogin(username: string, password: string) {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/review/auth/login',
      remoteAddress: nextAddress(),
      payload: { username, password },
    });
    if (res.statusCode !== 200) throw new Error(`login of ${username}: ${res.statusCode} ${res.body}`);
    return res.json().token as string;
  }

  async function relogin() {
    tokens.anonymous = undefined;
    tokens.serviceKey = undefined;
    tokens.citizen = await citizenLogin('chen-jing');
    tokens.otherCitizen = await citizenLogin('ran-guiying');
    tokens.cwInScope = await caseworkerLogin('jiangbei', 'jiangbei-demo-2026');
    tokens.cwOutOfScope = await caseworkerLogin(WANZHOU.username, WANZHOU.password);
    tokens.municipal = await caseworkerLogin('chongqing', 'chongqing-demo-2026');

    // Tampered: the citizen's token with its payload made the municipal caseworker's session; signature kept.
    const [head, , signature] = (tokens.citizen as string).split('.');
    const municipalSid = (env.app.jwt.decode(tokens.municipal as string) as { sid: string }).sid;
    const payload = Buffer.from(JSON.stringify({ sid: municipalSid, role: 'caseworker' })).toString('base64url');
    tokens.tampered = `${head}.${payload}.${signature}`;

    // Expired: a session row that ended an hour ago, behind a JWT that is itself still valid.
    const s = env.app.db.schema.sessions;
    const now = env.app.clock.now().getTime();
    const expiredSid = `expired-${now}-${Math.random().toString(36).slice(2)}`;
    await env.app.db.unitOfWork((tx) =>
      tx.insert(s).values({
        id: expiredSid,
        role: 'citizen',
        subjectId: chenId,
        channel: 'face',
        createdAt: new Date(now - 2 * 3600_000).toISOString(),
        expiresAt: new Date(now - 3600_000).toISOString(),
      }),
    );
    tokens.expired = env.app.jwt.sign({ sid: expiredSid, role: 'citizen' }, { expiresIn: 3600 });

    // Logged out: a session of the citizen ended by logout.
    tokens.loggedOut = await citizenLogin('chen-jing');
    const out = await env.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { authorization: `Bearer ${tokens.loggedOut}` },
    });
    if (out.statusCode !== 204) throw new Error(`logout: ${out.statusCode}`);
  }

  beforeAll(async () => {
    const { db } = env.app;
    const t = db.schema;
    const createdAt = env.app.clock.now().toISOString();
    const [, spare] = await db.unitOfWork(async (tx) =>
      tx
        .insert(t.caseworkers)
        .values(
          await Promise.all(
            [WANZHOU, SPARE].map(async (c) => ({
              username: c.username,
              passwordHash: await hashPassword(c.password),
              name: `${c.username}（测试）`,
              districtCode: c.districtCode,
              createdAt,
            })),
          ),
        )
        .returning(),
    );

    const chen = await env.app.services.beneficiaries.byIdNumber(person('chen-jing').idNumber);
    const tan = await env.app.services.beneficiaries.byIdNumber(person('tan-mei').idNumber);
    if (!chen || !tan) throw new Error('demo people missing');
    chenId = chen.id;
    const cr = t.changeRequests;
    const [template] = await db.read
      .select()
      .from(cr)
      .where(and(eq(cr.beneficiaryId, chen.id), eq(cr.status, 'pending')));
    if (!template) throw new Error('陈静 has no pending request in the demo data');
    chenAccountId = template.accountId;
    const [tanJiangbei] = await db.read
      .select()
      .from(t.accounts)
      .where(and(eq(t.accounts.beneficiaryId, tan.id), eq(t.accounts.districtCode, '500105')));
    const [notice] = await db.unitOfWork((tx) =>
      tx
        .insert(t.notifications)
        .values({
          beneficiaryId: chen.id,
          accountId: chenAccountId,
          kind: 'manual_validation',
          bankCode: 'ABC',
          accountNumberMasked: template.prevAccountNumberMasked,
          districtCode: '500105',
          districtCodes: '500105',
          message: '人工验证：测试通知',
          occurredAt: createdAt,
        })
        .returning(),
    );

    // Per route family, the one resource its `:id` names (江北区 data; the citizen's own).
    resourceOf['/api/me/notifications/'] = notice.id;
    resourceOf['/api/review/change-requests/'] = template.id;
    resourceOf['/api/review/accounts/'] = tanJiangbei.id;
    resourceOf['/api/review/caseworkers/'] = spare.id;

    fixtures.freshPending = async () => {
      const now = env.app.clock.now().toISOString();
      return db.unitOfWork(async (tx) => {
        await tx
          .update(cr)
          .set({ status: 'withdrawn', finishedAt: now })
          .where(and(eq(cr.beneficiaryId, chenId), eq(cr.status, 'pending')));
        const { id: _id, ...copy } = template;
        const [made] = await tx
          .insert(cr)
          .values({ ...copy, status: 'pending', appliedAt: now, finishedAt: null })
          .returning({ id: cr.id });
        return made.id;
      });
    };
    fixtures.faceToken = () => faceToken('chen-jing');
    fixtures.ticket = async () => {
      const res = await env.app.inject({ method: 'POST', url: '/api/auth/qr-tickets', remoteAddress: nextAddress() });
      if (res.statusCode !== 201) throw new Error(`QR ticket: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    fixtures.scannedTicket = async () => {
      const t2 = await fixtures.ticket();
      const res = await env.app.inject({
        method: 'POST',
        url: `/api/auth/qr-tickets/${t2.ticket}/scan`,
        headers: { authorization: `Bearer ${tokens.citizen}` },
      });
      if (res.statusCode !== 200) throw new Error(`scan: ${res.statusCode} ${res.body}`);
      return t2;
    };
    fixtures.login = { username: WANZHOU.username, password: WANZHOU.password };
    await relogin();
  });

  function headersOf(caller: Caller): Record<string, string> {
    if (caller === 'serviceKey') return { 'x-ykt-service-key': SERVICE_KEY };
    const token = tokens[caller];
    return token ? { authorization: `Bearer ${token}` } : {};
  }

  /** The parameters of a pattern: `:id` is the resource of its family, `:districtCode` 江北区. */
  function paramsFor(pattern: string): Record<string, string> {
    const family = Object.keys(resourceOf).find((prefix) => pattern.startsWith(prefix));
    return { districtCode: '500105', ...(family ? { id: String(resourceOf[family]) } : {}) };
  }

  return {
    env,
    routes,
    fixtures,
    paramsFor,
    headersOf,
    relogin,
    async call(caller, method, pattern, c) {
      return env.app.inject({
        method: method as HTTPMethods,
        url: c.url ?? fillPattern(pattern, paramsFor(pattern)),
        remoteAddress: ip[caller],
        headers: { ...headersOf(caller), ...c.headers },
        ...(c.payload !== undefined ? { payload: c.payload as object } : {}),
      });
    },
  };
}
