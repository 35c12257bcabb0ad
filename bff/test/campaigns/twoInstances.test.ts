/**
 * Two BFF processes on one PostgreSQL database. 20 parallel submissions of one person spread over both
 * make exactly one pending request (and one bank call); a session made on A works on B and a logout on B ends it on
 * A; the nightly schedule fires on both and makes one run, even when one instance fires late (it is paused with
 * SIGSTOP over the moment and resumed after the other's run ended); kill -9 of A during a burst of submissions and
 * decisions leaves B answering, every write answered 2xx present and no approval half-applied.
 * PostgreSQL only: SQLite is one process's embedded database (skipped there, with this message).
 */
import { type FaultProxy, type Sandbox, startFaultProxy, startSandbox } from '@ykt/sandbox';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase } from '../db.ts';
import { PEOPLE_SEED } from '../people.ts';
import {
  acked,
  type BurstPerson,
  caseworkerToken,
  checkLedger,
  citizenToken,
  http,
  newLedger,
  nextAddress,
  openStore,
  pendingOf,
  prepareDatabase,
  runBurst,
  sharedSettings,
} from './burst.ts';
import { type BffProcess, startBff } from './processes.ts';

const PEOPLE = 10;
const postgres = inject('pgUrl') !== '';
/** How far ahead the nightly run is set, so both instances are up and armed before it. */
const SCHEDULE_LEAD_MS = 20_000;

let sandbox: Sandbox;
let bankProxy: FaultProxy;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let settings: Record<string, string>;
let added: Awaited<ReturnType<typeof prepareDatabase>>;
let occurrence: Date;
let a: BffProcess;
let b: BffProcess;
const running = new Set<BffProcess>();

/** "HH:MM:SS" in Asia/Shanghai of a second at least `leadMs` ahead. */
function scheduleAhead(leadMs: number) {
  const at = new Date(Math.ceil((Date.now() + leadMs) / 1000) * 1000);
  return { at, hhmm: new Date(at.getTime() + 8 * 3600_000).toISOString().slice(11, 19) };
}

async function start(name: string, extra: Record<string, string> = {}) {
  const p = await startBff(name, { ...settings, ...extra });
  running.add(p);
  p.exited.then(() => running.delete(p));
  return p;
}

describe.skipIf(!postgres)('two BFF instances on one PostgreSQL database', () => {
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, slowDelayMs: 300, scale: { seed: PEOPLE_SEED, people: PEOPLE } });
    // Both instances reach the bank through one proxy, which counts the calls.
    bankProxy = await startFaultProxy({ upstream: sandbox.url });
    database = await freshDatabase();
    settings = { ...sharedSettings(database.config, sandbox.url), YKT_BANK_URL: bankProxy.url };
    added = await prepareDatabase(settings, PEOPLE);
    const schedule = scheduleAhead(SCHEDULE_LEAD_MS);
    occurrence = schedule.at;
    [a, b] = await Promise.all([
      start('A', { YKT_VALIDATION_SCHEDULE: schedule.hhmm }),
      start('B', { YKT_VALIDATION_SCHEDULE: schedule.hhmm }),
    ]);
  }, 120_000);

  afterAll(async () => {
    for (const p of running) {
      try {
        process.kill(p.pid, 'SIGCONT');
      } catch {
        // gone already
      }
      await p.kill9();
    }
    await bankProxy?.close();
    await sandbox?.close();
    await database?.drop();
  });

  it('20 parallel submissions of one person over both instances: exactly one pending, one bank call', async () => {
    const p = added[0];
    const ip = nextAddress();
    const token = await citizenToken(a.url, sandbox.url, p);
    await fetch(`${sandbox.url}/bank/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'slow', delayMs: 300 }),
    });
    const calls = bankProxy.forwarded;
    const body = {
      cardType: 'bank_card',
      accountNumber: p.spare.accountNumber,
      bankCode: p.spare.bankCode,
      districtCode: p.districtCode,
      consent: true,
    };
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        http(i % 2 ? b.url : a.url, 'POST', '/api/me/change-requests', { token, ip, body }),
      ),
    );
    await fetch(`${sandbox.url}/bank/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'normal' }),
    });
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses, JSON.stringify(answers.map((r) => r.body))).toEqual([201, ...Array(19).fill(409)]);
    expect(answers.find((r) => r.status === 201)?.body.status).toBe('pending');
    expect(bankProxy.forwarded - calls).toBe(1);
    const store = await openStore(settings);
    try {
      expect(await pendingOf(store, p.beneficiaryId)).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('a session made on A works on B, and a logout on B ends it on A (citizen and caseworker)', async () => {
    const citizen = await citizenToken(a.url, sandbox.url, added[1]);
    expect((await http(b.url, 'GET', '/api/me/card', { token: citizen })).status).toBe(200);
    expect((await http(b.url, 'POST', '/api/auth/logout', { token: citizen })).status).toBe(204);
    expect((await http(a.url, 'GET', '/api/me/card', { token: citizen })).status).toBe(401);

    const jiangbei = await caseworkerToken(a.url, 'jiangbei');
    const municipal = await caseworkerToken(b.url, 'chongqing');
    expect((await http(b.url, 'GET', '/api/review/me', { token: jiangbei })).status).toBe(200);
    // Disabled on B, refused at once on A; enabled again on A, a new login on B works.
    const me = (await http(a.url, 'GET', '/api/review/me', { token: jiangbei })).body;
    expect((await http(b.url, 'POST', `/api/review/caseworkers/${me.id}/disable`, { token: municipal })).status).toBe(
      200,
    );
    expect((await http(a.url, 'GET', '/api/review/me', { token: jiangbei })).status).toBe(401);
    expect((await http(a.url, 'POST', `/api/review/caseworkers/${me.id}/enable`, { token: municipal })).status).toBe(
      200,
    );
    const again = await caseworkerToken(b.url, 'jiangbei');
    expect((await http(a.url, 'GET', '/api/review/me', { token: again })).status).toBe(200);
  });

  it('the nightly schedule fires on both instances and makes one run, even when one fires late', async () => {
    // Both armed for the same moment (else the machine took longer than the lead to start them: say so).
    for (const p of [a, b]) {
      const armed = await p.waitForLog((l) => l.msg === 'validation run scheduled');
      expect(armed.nextRunAt, `${p.name} started after ${occurrence.toISOString()} (lead ${SCHEDULE_LEAD_MS} ms)`).toBe(
        occurrence.toISOString(),
      );
    }
    const fired = (p: BffProcess) =>
      p.waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('scheduled validation run'));
    // B is paused over the moment (as a busy or swapping machine would) while A runs; resumed after, its timer
    // fires late, when A's run has already ended.
    const paused = Date.now() < occurrence.getTime() - 1000;
    if (paused) process.kill(b.pid, 'SIGSTOP');
    const first = await fired(a);
    if (paused) process.kill(b.pid, 'SIGCONT');
    const second = await fired(b);

    const store = await openStore(settings);
    try {
      const vr = store.schema.validationRuns;
      const runs = await store.read.select().from(vr).where(eq(vr.trigger, 'schedule'));
      expect(runs, `A: ${first.msg}; B: ${second.msg}`).toHaveLength(1);
      expect(runs[0].status).toBe('completed');
      expect([first.msg, second.msg].filter((m) => m === 'scheduled validation run finished')).toHaveLength(1);
    } finally {
      await store.close();
    }
  }, 150_000);

  it('kill -9 of A during a burst of submissions and decisions: B goes on answering, nothing answered is lost', async () => {
    const people: BurstPerson[] = [];
    for (const p of added.slice(2)) {
      people.push({ ...p, ip: nextAddress(), token: await citizenToken(a.url, sandbox.url, p) });
    }
    const caseworkers = [
      { ip: nextAddress(), token: await caseworkerToken(a.url, 'jiangbei') },
      { ip: nextAddress(), token: await caseworkerToken(b.url, 'chongqing') },
    ];
    const ledger = newLedger();
    let killed: Promise<void> | undefined;
    let answeredAtKill = 0;
    await runBurst({
      instances: [a, b],
      people,
      caseworkers,
      ledger,
      until: () => {
        if (!killed && acked(ledger) >= 20) {
          answeredAtKill = acked(ledger);
          killed = a.kill9();
        }
        // After the kill, B alone carries on for 20 more answered writes.
        return killed !== undefined && acked(ledger) >= answeredAtKill + 20;
      },
    });
    await killed;
    expect(ledger.unexpected, 'answers no caller should get').toEqual([]);
    const viaB = [...ledger.submits, ...ledger.withdraws, ...ledger.decisions].filter((w) => w.via === 'B').length;
    expect(viaB).toBeGreaterThanOrEqual(20);
    expect((await http(b.url, 'GET', '/readyz')).status).toBe(200);

    const store = await openStore(settings);
    try {
      expect(
        await checkLedger(
          store,
          ledger,
          added.map((p) => p.beneficiaryId),
        ),
      ).toEqual([]);
    } finally {
      await store.close();
    }
    console.log(
      `two instances: ${acked(ledger)} answered writes (${viaB} via B), ${ledger.unanswered} cut by the kill of A`,
    );
  }, 150_000);
});

describe.skipIf(postgres)('two BFF instances', () => {
  it.skip('run on PostgreSQL only (YKT_TEST_DB=postgres): SQLite is one process’s embedded database', () => {});
});
