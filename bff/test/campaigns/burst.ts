/**
 * A burst of writes against BFF processes over real HTTP, for the crash and two-instance campaigns: citizens submit
 * changes (and withdraw some), caseworkers decide what is pending, every answer is written down, and afterwards the
 * database is checked against what was answered: every 2xx write is there, no approval is half-applied, at most one
 * request per person is pending.
 */
import { setTimeout as pause } from 'node:timers/promises';
import { demoWorld } from '@ykt/sandbox';
import { and, eq } from 'drizzle-orm';
import { buildApp } from '../../src/app.ts';
import { type ConfigInput, parseConfig } from '../../src/config.ts';
import { type DataStore, openDataStore } from '../../src/db/database.ts';
import { seedDemo } from '../../src/demo/seedDemo.ts';
import { generateDataKey } from '../../src/lib/fieldCrypto.ts';
import { type AddedPerson, addPeople } from '../people.ts';
import type { BffProcess } from './processes.ts';

export const SERVICE_KEY = 'campaign-ykt-service-key-0123456789';

/** The YKT_* settings every instance of one test shares (one database, one data key, one JWT secret). */
export function sharedSettings(db: { databasePath: string; databaseUrl?: string }, sandboxUrl: string) {
  return {
    ...(db.databaseUrl ? { YKT_DATABASE_URL: db.databaseUrl } : { YKT_DATABASE_PATH: db.databasePath }),
    YKT_DATABASE_POOL_SIZE: '6',
    YKT_DATA_KEY: generateDataKey(),
    YKT_JWT_SECRET: `${generateDataKey()}${generateDataKey()}`,
    YKT_IDENTITY_URL: sandboxUrl,
    YKT_BANK_URL: sandboxUrl,
    YKT_GATEWAY_APP_KEY: 'sandbox-app-key',
    YKT_SERVICE_KEY: SERVICE_KEY,
    YKT_BANK_TIMEOUT_MS: '5000',
    YKT_VALIDATION_SCHEDULE: '',
    // Each simulated person and caseworker comes from their own address (X-Forwarded-For), as in the field.
    YKT_TRUST_PROXY: 'true',
  } satisfies Record<string, string>;
}

const configOf = (s: Record<string, string>): ConfigInput => ({
  databasePath: s.YKT_DATABASE_PATH ?? 'unused.db',
  databaseUrl: s.YKT_DATABASE_URL,
  dataKey: s.YKT_DATA_KEY,
  jwtSecret: s.YKT_JWT_SECRET,
  identityUrl: s.YKT_IDENTITY_URL,
  bankUrl: s.YKT_BANK_URL,
  gatewayAppKey: s.YKT_GATEWAY_APP_KEY,
  validationSchedule: '',
  logLevel: 'silent',
});

/** The demo data and `people` generated people (江北区 accounts) in the database, before any instance starts. */
export async function prepareDatabase(settings: Record<string, string>, people: number): Promise<AddedPerson[]> {
  const app = await buildApp({ config: parseConfig(configOf(settings)) });
  try {
    await seedDemo(app.ctx, demoWorld);
    return await addPeople(app.ctx, 0, people, '500105');
  } finally {
    await app.close();
  }
}

/** The database as the instances see it, opened by the test (after the instances stopped, for SQLite). */
export function openStore(settings: Record<string, string>): Promise<DataStore> {
  return openDataStore({ url: settings.YKT_DATABASE_URL, path: settings.YKT_DATABASE_PATH ?? '', poolSize: 2 });
}

// ---------------------------------------------------------------------------------------------------------------

export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers of many shapes
  body: any;
}

let addressCounter = 0;
export const nextAddress = () => {
  addressCounter++;
  return `172.${16 + ((addressCounter >> 16) & 15)}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
};

/** One request over HTTP; rejects only when no answer came (connection refused or cut: the instance died). */
export async function http(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; ip?: string } = {},
): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      'x-forwarded-for': opts.ip ?? nextAddress(),
    },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
    // A safety net only (a request never answered would hang the test); the assertions never depend on it.
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: kept as text
  }
  return { status: res.status, body };
}

export async function citizenToken(base: string, sandboxUrl: string, p: { name: string; idNumber: string }) {
  const face = (await fetch(`${sandboxUrl}/identity/face-sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: p.name, idNumber: p.idNumber }),
  }).then((r) => r.json())) as { faceToken: string };
  const r = await http(base, 'POST', '/api/auth/face', { body: { faceToken: face.faceToken } });
  if (r.status !== 200) throw new Error(`face login: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token as string;
}

export async function caseworkerToken(base: string, username: 'jiangbei' | 'chongqing') {
  const r = await http(base, 'POST', '/api/review/auth/login', {
    body: { username, password: `${username}-demo-2026` },
  });
  if (r.status !== 200) throw new Error(`caseworker login: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token as string;
}

// ---------------------------------------------------------------------------------------------------------------

export interface Ledger {
  /** Submissions answered 201, with the status answered. */
  submits: { id: number; beneficiaryId: number; status: string; via: string }[];
  withdraws: { id: number; via: string }[];
  decisions: { id: number; result: 'approved' | 'rejected'; via: string }[];
  /** Requests that got no answer (the instance died under them): their outcome is unknown, either is fine. */
  unanswered: number;
  /** Answers no caller should ever get (5xx, or a status the burst does not expect). */
  unexpected: string[];
}

export const newLedger = (): Ledger => ({ submits: [], withdraws: [], decisions: [], unanswered: 0, unexpected: [] });
export const acked = (l: Ledger) => l.submits.length + l.withdraws.length + l.decisions.length;

export interface BurstPerson extends AddedPerson {
  token: string;
  ip: string;
}

/**
 * Runs the burst until `until()` says stop: each person's loop submits (to the card not on their account), withdraws
 * a third of what went pending, and waits while a request is pending; each caseworker loop decides what is pending
 * in their queue (two thirds approved). Requests go to the live instances in turn; an instance that stops answering
 * is left out from then on. Resolves when every loop has ended.
 */
export async function runBurst(opts: {
  instances: BffProcess[];
  people: BurstPerson[];
  caseworkers: { token: string; ip: string }[];
  ledger: Ledger;
  until: () => boolean;
}) {
  const { people, caseworkers, ledger, until } = opts;
  const dead = new Set<BffProcess>();
  let turn = 0;
  const pick = () => {
    const live = opts.instances.filter((i) => !dead.has(i));
    turn++;
    return live.length ? live[turn % live.length] : undefined;
  };
  /** One request to the next live instance; undefined when it got no answer. */
  async function send(method: string, path: string, o: { token: string; ip: string; body?: unknown }) {
    const target = pick();
    if (!target) return undefined;
    try {
      const r = await http(target.url, method, path, o);
      if (r.status >= 500)
        ledger.unexpected.push(`${method} ${path} via ${target.name}: ${r.status} ${JSON.stringify(r.body)}`);
      return { ...r, via: target.name };
    } catch {
      ledger.unanswered++;
      if (target.pid && (await isGone(target))) dead.add(target);
      return undefined;
    }
  }

  async function person(p: BurstPerson) {
    let to = p.spare;
    const body = () => ({
      cardType: 'bank_card',
      accountNumber: to.accountNumber,
      bankCode: to.bankCode,
      districtCode: p.districtCode,
      consent: true,
    });
    while (!until() && pick()) {
      const r = await send('POST', '/api/me/change-requests', { token: p.token, ip: p.ip, body: body() });
      if (!r) continue;
      if (r.status === 201) {
        ledger.submits.push({ id: r.body.id, beneficiaryId: p.beneficiaryId, status: r.body.status, via: r.via });
        if (r.body.status !== 'pending') {
          to = to === p.spare ? p.current : p.spare;
          continue;
        }
        if (Math.random() < 1 / 3) {
          const w = await send('POST', `/api/me/change-requests/${r.body.id}/withdraw`, { token: p.token, ip: p.ip });
          if (w?.status === 200) ledger.withdraws.push({ id: r.body.id, via: w.via });
          else if (w && w.status !== 409) ledger.unexpected.push(`withdraw: ${w.status} ${JSON.stringify(w.body)}`);
        }
      } else if (r.status === 400 && JSON.stringify(r.body).includes('当前账号相同')) {
        to = to === p.spare ? p.current : p.spare;
      } else if (r.status === 409) {
        // Pending (a caseworker will decide) or still being submitted (a reservation of an instance that died):
        // look again a moment later.
        await pause(30);
      } else if (r.status === 429) {
        return; // this person's verifications for the day are used up
      } else if (r.status !== 400) {
        ledger.unexpected.push(`submit: ${r.status} ${JSON.stringify(r.body)}`);
      }
    }
  }

  async function caseworker(cw: { token: string; ip: string }) {
    while (!until() && pick()) {
      const list = await send('GET', '/api/review/change-requests?pageSize=20', cw);
      if (!list) continue;
      if (list.status !== 200) {
        ledger.unexpected.push(`queue: ${list.status} ${JSON.stringify(list.body)}`);
        continue;
      }
      if (list.body.items.length === 0) await pause(20);
      for (const item of list.body.items as { id: number }[]) {
        if (until()) return;
        const result = Math.random() < 2 / 3 ? 'approved' : 'rejected';
        const d = await send('POST', `/api/review/change-requests/${item.id}/decision`, {
          ...cw,
          body: { result, opinion: result === 'rejected' ? '崩溃测试：不予通过' : '' },
        });
        if (d?.status === 200) ledger.decisions.push({ id: item.id, result, via: d.via });
        else if (d && d.status !== 409) ledger.unexpected.push(`decide: ${d.status} ${JSON.stringify(d.body)}`);
      }
    }
  }

  await Promise.all([...people.map(person), ...caseworkers.map(caseworker)]);
}

/** Whether the instance's process has gone (a request that got no answer from a live one is just retried later). */
async function isGone(p: BffProcess) {
  return Promise.race([p.exited.then(() => true), pause(200).then(() => false)]);
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * What the database must say after everything that was answered: every 2xx write present; every approved request
 * fully applied (its account carries the newest approved number, with source 渝快办, its audit and its notice
 * written); every decided one audited and noticed; at most one pending request per person.
 */
export async function checkLedger(store: DataStore, ledger: Ledger, burstPeople: number[]): Promise<string[]> {
  const problems: string[] = [];
  const t = store.schema;
  const requests = new Map((await store.read.select().from(t.changeRequests)).map((r) => [r.id, r]));
  const audit = await store.read.select({ action: t.auditLog.action, target: t.auditLog.target }).from(t.auditLog);
  const audited = new Set(audit.map((a) => `${a.action}|${a.target}`));
  const notices = await store.read
    .select({ requestId: t.notifications.requestId, kind: t.notifications.kind })
    .from(t.notifications);
  const noticed = new Set(notices.map((n) => `${n.kind}|${n.requestId}`));

  for (const s of ledger.submits) {
    const r = requests.get(s.id);
    if (!r) problems.push(`submission ${s.id} answered 201 (${s.via}) is missing`);
    else if (r.beneficiaryId !== s.beneficiaryId) problems.push(`submission ${s.id} belongs to someone else`);
    else if (s.status === 'failed' && r.status !== 'failed')
      problems.push(`submission ${s.id} answered failed is ${r.status}`);
    else if (!audited.has(`change_request.submit|change_request:${s.id}`))
      problems.push(`submission ${s.id} not audited`);
  }
  for (const w of ledger.withdraws) {
    const r = requests.get(w.id);
    if (r?.status !== 'withdrawn')
      problems.push(`withdrawal of ${w.id} answered 200 (${w.via}) but it is ${r?.status}`);
  }
  for (const d of ledger.decisions) {
    const r = requests.get(d.id);
    if (r?.status !== d.result)
      problems.push(`decision ${d.result} of ${d.id} answered 200 (${d.via}) but it is ${r?.status}`);
    else if (!r.reviewerId || !r.finishedAt) problems.push(`decided ${d.id} lacks reviewer or time`);
  }

  // Every request of the burst decided, answered or not: all of its effects or none. (The demo data's finished
  // requests were loaded as records, without audit rows or notices of their own.)
  const accounts = new Map((await store.read.select().from(t.accounts)).map((a) => [a.id, a]));
  const newestApproved = new Map<number, typeof requests extends Map<number, infer R> ? R : never>();
  const ofBurst = new Set(burstPeople);
  const decided = new Set(ledger.decisions.map((d) => d.id));
  for (const r of requests.values()) {
    if (!ofBurst.has(r.beneficiaryId) && !decided.has(r.id)) continue;
    if (r.status === 'approved' || r.status === 'rejected') {
      const verb = r.status === 'approved' ? 'approve' : 'reject';
      if (!audited.has(`change_request.${verb}|change_request:${r.id}`))
        problems.push(`${r.status} ${r.id} not audited`);
      if (!noticed.has(`review_${r.status}|${r.id}`))
        problems.push(`${r.status} ${r.id} has no notice for the citizen`);
    }
    if (r.status === 'approved') {
      const seen = newestApproved.get(r.accountId);
      if (
        !seen ||
        (r.finishedAt ?? '') > (seen.finishedAt ?? '') ||
        ((r.finishedAt ?? '') === (seen.finishedAt ?? '') && r.id > seen.id)
      ) {
        newestApproved.set(r.accountId, r);
      }
    }
  }
  for (const [accountId, r] of newestApproved) {
    const a = accounts.get(accountId);
    if (!a || a.accountNumberIdx !== r.accountNumberIdx || a.bankCode !== r.bankCode || a.source !== 'yukuaiban') {
      problems.push(`approval ${r.id} half-applied: account ${accountId} does not carry its new number`);
    }
  }

  const pendingBy = new Map<number, number>();
  for (const r of requests.values())
    if (r.status === 'pending') pendingBy.set(r.beneficiaryId, (pendingBy.get(r.beneficiaryId) ?? 0) + 1);
  for (const [b, n] of pendingBy) if (n > 1) problems.push(`beneficiary ${b} has ${n} pending requests`);
  return problems;
}

/** The requests of one person, pending ones (the two-instance test's "exactly one"). */
export async function pendingOf(store: DataStore, beneficiaryId: number) {
  const cr = store.schema.changeRequests;
  return store.read
    .select({ id: cr.id })
    .from(cr)
    .where(and(eq(cr.beneficiaryId, beneficiaryId), eq(cr.status, 'pending')));
}
