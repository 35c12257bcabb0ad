/**
 * Campaign: kill -9 of the BFF process during a burst of writes.
 * The BFF runs as its own process (`node --import tsx bff/src/server.ts`) on the suite's database — a SQLite file,
 * or a PostgreSQL database when the suite runs on PostgreSQL — with the sandbox in this process over HTTP. Citizens
 * submit and withdraw, caseworkers approve and reject; once enough writes were answered the process is killed with
 * SIGKILL while requests are in flight, restarted on the same database, and the burst goes on; twice. Then: every
 * write answered 2xx is there, no approval is half-applied, at most one request per person is pending, and the
 * sessions made before the crashes still work.
 */
import { type Sandbox, startSandbox } from '@ykt/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  prepareDatabase,
  runBurst,
  sharedSettings,
} from './burst.ts';
import { type BffProcess, startBff } from './processes.ts';

const PEOPLE = 10;
const ROUNDS = 2;
/** Writes answered per round before the kill. */
const WRITES_BEFORE_KILL = 24;

let sandbox: Sandbox;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let settings: Record<string, string>;
const running = new Set<BffProcess>();

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, scale: { seed: PEOPLE_SEED, people: PEOPLE } });
  database = await freshDatabase();
  settings = sharedSettings(database.config, sandbox.url);
}, 60_000);

afterAll(async () => {
  for (const p of running) await p.kill9();
  await sandbox?.close();
  await database?.drop();
});

async function start(name: string) {
  const p = await startBff(name, settings);
  running.add(p);
  p.exited.then(() => running.delete(p));
  return p;
}

describe(`kill -9 of the BFF during a burst of submissions, withdrawals and decisions`, () => {
  it(`loses no answered write and half-applies no approval (${ROUNDS} crashes)`, async () => {
    const added = await prepareDatabase(settings, PEOPLE);
    let bff = await start('bff');
    const people: BurstPerson[] = [];
    for (const p of added) {
      people.push({ ...p, ip: nextAddress(), token: await citizenToken(bff.url, sandbox.url, p) });
    }
    const caseworkers = [
      { ip: nextAddress(), token: await caseworkerToken(bff.url, 'jiangbei') },
      { ip: nextAddress(), token: await caseworkerToken(bff.url, 'chongqing') },
    ];
    const ledger = newLedger();

    for (let round = 1; round <= ROUNDS; round++) {
      const target = acked(ledger) + WRITES_BEFORE_KILL;
      let killed: Promise<void> | undefined;
      const victim = bff;
      await runBurst({
        instances: [victim],
        people,
        caseworkers,
        ledger,
        // The kill comes from inside the burst, the moment the count is reached: requests are in flight.
        until: () => {
          if (acked(ledger) >= target) killed ??= victim.kill9();
          return killed !== undefined;
        },
      });
      await killed;
      expect(await victim.exited).toBeNull(); // killed by the signal, no exit code: nothing of it ran on the way out

      bff = await start(`bff after crash ${round}`);
      // The sessions made before the crash are rows: they still work after it.
      const card = await http(bff.url, 'GET', '/api/me/card', { token: people[0].token, ip: people[0].ip });
      expect(card.status, JSON.stringify(card.body)).toBe(200);
      const me = await http(bff.url, 'GET', '/api/review/me', caseworkers[0]);
      expect(me.status).toBe(200);
    }

    // After the last restart the service still takes writes: a caseworker decides what the crash left pending.
    const queue = await http(bff.url, 'GET', '/api/review/change-requests?pageSize=50', caseworkers[1]);
    expect(queue.status).toBe(200);
    for (const item of queue.body.items as { id: number }[]) {
      const d = await http(bff.url, 'POST', `/api/review/change-requests/${item.id}/decision`, {
        ...caseworkers[1],
        body: { result: 'approved' },
      });
      expect(d.status, JSON.stringify(d.body)).toBe(200);
      ledger.decisions.push({ id: item.id, result: 'approved', via: bff.name });
    }
    await bff.stop();

    expect(ledger.unexpected, 'answers no caller should get').toEqual([]);
    expect(ledger.submits.length).toBeGreaterThan(ROUNDS * 3);
    expect(ledger.decisions.some((d) => d.result === 'approved')).toBe(true);
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
      `crash (${database.dialect}): ${ROUNDS} kill -9, ${acked(ledger)} answered writes (${ledger.submits.length} submissions, ${ledger.withdraws.length} withdrawals, ${ledger.decisions.length} decisions), ${ledger.unanswered} cut by the kill`,
    );
  }, 240_000);
});
