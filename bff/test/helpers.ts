import {
  demoPerson,
  demoWorld,
  type FaultProxy,
  type Sandbox,
  type SandboxOptions,
  startFaultProxy,
  startSandbox,
} from '@ykt/sandbox';
import { errorBody } from '@ykt/shared';
import { count } from 'drizzle-orm';
import type { LightMyRequestResponse, RouteOptions } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { type App, buildApp } from '../src/app.ts';
import { type ConfigInput, parseConfig } from '../src/config.ts';
import { seedDemo } from '../src/demo/seedDemo.ts';
import { generateDataKey } from '../src/lib/fieldCrypto.ts';
import type { Clock } from '../src/lib/time.ts';
import { freshDatabase } from './db.ts';

export { demoWorld, freshDatabase };
export const person = (key: string) => demoPerson(key);
export const testAccount = (expected: string) => {
  const a = demoWorld.testAccounts.find((x) => x.expected === expected);
  if (!a) throw new Error(`no test account ${expected}`);
  return a;
};

/** A clock the test moves by hand. */
export function manualClock(start = new Date('2026-11-28T02:00:00Z')) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(seconds: number) {
      now += seconds * 1000;
    },
  } satisfies Clock & { advance(s: number): void };
}

export interface TestEnv {
  app: App;
  sandbox: Sandbox;
  /** Face login through the sandbox identity platform; answers the bearer token. */
  loginCitizen(key: string | { name: string; idNumber: string }): Promise<string>;
  loginCaseworker(username: 'jiangbei' | 'chongqing'): Promise<string>;
  setBankMode(mode: 'normal' | 'slow' | 'down', delayMs?: number): Promise<void>;
  auth(token: string): { authorization: string };
  /** With `bankProxy: true`: the fault proxy between the BFF and the sandbox bank (`forwarded` counts bank calls). */
  bankProxy: FaultProxy;
}

export interface TestEnvOptions extends Partial<ConfigInput> {
  clock?: Clock;
  seed?: boolean;
  /** Put a fault proxy (mode pass) between the BFF and the sandbox bank, to count or break the bank calls. */
  bankProxy?: boolean;
  /** Sees every route as it is added (the route-table campaigns). */
  onRoute?: (route: RouteOptions) => void;
  /** Options of the sandbox (e.g. generated people it answers for). */
  sandbox?: Omit<SandboxOptions, 'port'>;
}

/**
 * A real app on a real database (a fresh SQLite file, or a fresh PostgreSQL database when the suite runs on
 * PostgreSQL) with the demo data, talking over real HTTP to a real sandbox on an ephemeral port. Call inside a
 * describe block: it registers its own before/after hooks.
 */
export function useTestEnv(overrides: TestEnvOptions = {}): TestEnv {
  const env = {} as TestEnv;
  let drop: (() => Promise<void>) | undefined;
  let proxy: FaultProxy | undefined;
  beforeAll(async () => {
    const { clock, seed, bankProxy, onRoute, sandbox: sandboxOptions, ...configOverrides } = overrides;
    const sandbox = await startSandbox({ slowDelayMs: 2000, ...sandboxOptions, port: 0 });
    proxy = bankProxy ? await startFaultProxy({ upstream: sandbox.url }) : undefined;
    const database = await freshDatabase();
    drop = database.drop;
    const config = parseConfig({
      ...database.config,
      dataKey: generateDataKey(),
      jwtSecret: 'test-secret-test-secret-test-secret-123',
      identityUrl: sandbox.url,
      bankUrl: proxy?.url ?? sandbox.url,
      gatewayAppKey: 'sandbox-app-key',
      bankTimeoutMs: 3000,
      validationSchedule: '',
      logLevel: 'silent',
      ...configOverrides,
    });
    const app = await buildApp({ config, clock, onRoute });
    if (seed !== false) await seedDemo(app.ctx, demoWorld);
    await app.ready();
    Object.assign(env, {
      app,
      sandbox,
      bankProxy: proxy,
      auth: (token: string) => ({ authorization: `Bearer ${token}` }),
      async loginCitizen(who: string | { name: string; idNumber: string }) {
        const p = typeof who === 'string' ? person(who) : who;
        const face = (await fetch(`${sandbox.url}/identity/face-sessions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: p.name, idNumber: p.idNumber }),
        }).then((r) => r.json())) as { faceToken: string };
        const res = await app.inject({ method: 'POST', url: '/api/auth/face', payload: { faceToken: face.faceToken } });
        if (res.statusCode !== 200) throw new Error(`face login failed: ${res.statusCode} ${res.body}`);
        return res.json().token as string;
      },
      async loginCaseworker(username: 'jiangbei' | 'chongqing') {
        const res = await app.inject({
          method: 'POST',
          url: '/api/review/auth/login',
          payload: { username, password: `${username}-demo-2026` },
        });
        if (res.statusCode !== 200) throw new Error(`caseworker login failed: ${res.statusCode} ${res.body}`);
        return res.json().token as string;
      },
      async setBankMode(mode: 'normal' | 'slow' | 'down', delayMs?: number) {
        await fetch(`${sandbox.url}/bank/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ mode, delayMs }),
        });
      },
    });
  });
  afterAll(async () => {
    await env.app?.close();
    await proxy?.close();
    await env.sandbox?.close();
    await drop?.();
  });
  return env;
}

type TableName = keyof import('../src/db/database.ts').Schema;

/** How many rows a table of the test's database holds (read directly: what is really stored). */
export async function countRows(env: Pick<TestEnv, 'app'>, table: TableName): Promise<number> {
  const { db } = env.app;
  const [row] = await db.read.select({ n: count() }).from(db.schema[table] as typeof db.schema.auditLog);
  return row?.n ?? 0;
}

/** What a submission leaves behind: change requests and bank verifications. */
export const recorded = async (env: Pick<TestEnv, 'app'>) => ({
  changeRequests: await countRows(env, 'changeRequests'),
  bankVerifications: await countRows(env, 'bankVerifications'),
});

/** An error answer in the contract's shape (`{error: {code, message, fields?}}`), its message in Chinese. */
export function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  const { error } = errorBody.strict().parse(res.json());
  expect(error.code).toBe(code);
  expect(error.message).toMatch(/\p{Script=Han}/u);
  return error;
}
