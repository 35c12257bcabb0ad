import { startSandbox } from '@ykt/sandbox';
import { ACCOUNT_UNUSABLE_MESSAGES } from '@ykt/shared';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { parseConfig } from '../src/config.ts';
import { seedDemo } from '../src/demo/seedDemo.ts';
import { generateDataKey } from '../src/lib/fieldCrypto.ts';
import { nextRunAt, parseDailyTime } from '../src/plugins/app/scheduler.ts';
import { demoWorld, freshDatabase, manualClock, person, type TestEnv, testAccount } from './helpers.ts';
import {
  accountById,
  accountOf,
  addAccount,
  allAccounts,
  allAudit,
  allNotifications,
  auditLeaks,
  JIANGBEI,
  MUNICIPAL,
  setBankAccount,
  useReviewEnv,
  WANZHOU,
} from './reviewHelpers.ts';

/** A made-up person whose only account is the sandbox's unknown test number (bank: not_found). */
const LIU_FANG = { name: '刘芳', idNumber: '500112197506112140' };
const WANG_YU_DISTRICT = '500103';
const LIU_FANG_DISTRICT = '500112';

const SYSTEM = { type: 'system' as const, id: 'test' };

/** 王宇 and 刘芳 get an account each (ids after the seeded ones): one the bank knows as normal, one it does not know. */
async function addExtraAccounts(env: TestEnv) {
  const wang = person('wang-yu');
  const wangAccount = await addAccount(env, wang, WANG_YU_DISTRICT, wang.accounts[0]);
  const unknown = testAccount('not_found');
  const liuAccount = await addAccount(env, LIU_FANG, LIU_FANG_DISTRICT, unknown);
  return { wangAccount, liuAccount };
}

const startRun = (env: TestEnv, token: string) =>
  env.app.inject({ method: 'POST', url: '/api/review/validation-runs', headers: env.auth(token) });

/**
 * The invariant of invalidation: an account is invalid exactly when a notification of its owner names its district
 * and an audit row names it (冉桂英's seeded invalid card has no audit row: it predates the service). One notice
 * may name several districts (one card, domain rule 12). Nothing half-done.
 */
async function expectNothingHalfDone(env: TestEnv) {
  const notes = (await allNotifications(env)).filter(
    (x) => x.kind !== 'review_approved' && x.kind !== 'review_rejected',
  );
  const audits = (await allAudit(env)).filter((a) => a.action === 'account.invalidate');
  const ran = (await accountOf(env, 'ran-guiying', '500242')).id;
  for (const a of await allAccounts(env)) {
    const n = notes.filter(
      (x) => x.beneficiaryId === a.beneficiaryId && x.districtCodes.split(',').includes(a.districtCode),
    );
    const au = audits.filter((x) => x.target === `account:${a.id}`);
    if (a.status === 'invalid') {
      expect(n.length, `notification of invalid account ${a.id}`).toBeGreaterThan(0);
      if (a.id !== ran) expect(au.length, `audit of invalid account ${a.id}`).toBe(n.length);
      expect(n.some((x) => x.occurredAt === a.invalidAt && x.message === a.invalidReason)).toBe(true);
    } else {
      expect(n, `valid account ${a.id} has no notification`).toHaveLength(0);
      expect(au, `valid account ${a.id} has no invalidation audit`).toHaveLength(0);
    }
  }
}

describe('nextRunAt (Asia/Shanghai, UTC+8)', () => {
  it('today when the time has not come yet in Shanghai, tomorrow once it has', () => {
    // 01:59 in Shanghai is 17:59 UTC the day before.
    expect(nextRunAt(new Date('2026-11-27T17:59:00Z'), '02:00').toISOString()).toBe('2026-11-27T18:00:00.000Z');
    expect(nextRunAt(new Date('2026-11-27T18:00:00Z'), '02:00').toISOString()).toBe('2026-11-28T18:00:00.000Z');
    expect(nextRunAt(new Date('2026-11-27T18:00:00.001Z'), '02:00').toISOString()).toBe('2026-11-28T18:00:00.000Z');
    // 10:00 UTC is 18:00 in Shanghai: 23:30 Shanghai is still today there.
    expect(nextRunAt(new Date('2026-11-28T10:00:00Z'), '23:30').toISOString()).toBe('2026-11-28T15:30:00.000Z');
    // 16:30 UTC is 00:30 Shanghai of the next day: 00:15 has passed there, so the day after.
    expect(nextRunAt(new Date('2026-11-28T16:30:00Z'), '00:15').toISOString()).toBe('2026-11-29T16:15:00.000Z');
  });

  it('rolls over month and year ends', () => {
    expect(nextRunAt(new Date('2026-12-31T19:00:00Z'), '02:00').toISOString()).toBe('2027-01-01T18:00:00.000Z');
    expect(nextRunAt(new Date('2028-02-28T19:00:00Z'), '02:00').toISOString()).toBe('2028-02-29T18:00:00.000Z');
  });

  it('refuses malformed times', () => {
    for (const bad of ['2:00', '24:00', '12:60', 'noon', '', '02:00:60', '02:00:']) {
      expect(parseDailyTime(bad), bad).toBeUndefined();
      expect(() => nextRunAt(new Date(), bad)).toThrow();
    }
    expect(parseDailyTime('23:59')).toEqual({ hours: 23, minutes: 59, seconds: 0 });
    expect(parseDailyTime('02:00:30')).toEqual({ hours: 2, minutes: 0, seconds: 30 });
  });
});

describe('a validation run with the bank', () => {
  const env = useReviewEnv({ validationBatchSize: 2, validationBatchPauseMs: 0 });

  it('invalidates the closed, frozen and unknown accounts, skips locked ones, and leaves normal ones valid', async () => {
    const { wangAccount, liuAccount } = await addExtraAccounts(env);
    const tan = person('tan-mei').accounts[0];
    const zhou = person('zhou-jianguo').accounts[0];
    await setBankAccount(env, tan.accountNumber, tan.bankCode, 'closed');
    await setBankAccount(env, zhou.accountNumber, zhou.bankCode, 'frozen');
    const chenBefore = await accountOf(env, 'chen-jing', JIANGBEI);
    const liBefore = await accountOf(env, 'li-qiang', WANZHOU);

    const token = await env.loginCaseworker('chongqing');
    const res = await startRun(env, token);
    expect(res.statusCode, res.body).toBe(200);
    const run = res.json();
    // Valid: 谭梅 x2, 陈静 (locked), 李强 (locked), 周建国, 王宇, 刘芳.
    expect(run).toMatchObject({
      trigger: 'manual',
      status: 'completed',
      checked: 5,
      invalidated: 4,
      skipped: 2,
      error: null,
    });
    expect(run.finishedAt).toBeTruthy();

    expect((await accountOf(env, 'tan-mei', JIANGBEI)).status).toBe('invalid');
    expect((await accountOf(env, 'tan-mei', MUNICIPAL)).status).toBe('invalid');
    expect((await accountOf(env, 'zhou-jianguo', WANZHOU)).status).toBe('invalid');
    expect((await accountById(env, liuAccount.id))?.status).toBe('invalid');
    expect((await accountById(env, wangAccount.id))?.status).toBe('valid');
    expect(await accountOf(env, 'chen-jing', JIANGBEI)).toEqual(chenBefore);
    expect(await accountOf(env, 'li-qiang', WANZHOU)).toEqual(liBefore);

    // A run started by hand is a 手动验证, worded once (not "定时验证：账户验证：…"); one notice per card.
    const notes = await allNotifications(env);
    const tanNotes = notes.filter((n) => n.accountNumberMasked === '6212********2465');
    expect(tanNotes).toHaveLength(1);
    expect(tanNotes[0]).toMatchObject({
      kind: 'manual_validation',
      districtCodes: [MUNICIPAL, JIANGBEI].sort().join(','),
      message: `手动验证：${ACCOUNT_UNUSABLE_MESSAGES.closed}`,
    });
    const byAccount = new Map(notes.map((n) => [n.accountId, n]));
    expect(byAccount.get((await accountOf(env, 'zhou-jianguo', WANZHOU)).id)?.message).toBe(
      `手动验证：${ACCOUNT_UNUSABLE_MESSAGES.frozen}`,
    );
    expect(byAccount.get(liuAccount.id)?.message).toBe(`手动验证：${ACCOUNT_UNUSABLE_MESSAGES.not_found}`);
    await expectNothingHalfDone(env);
    expect(await auditLeaks(env, [LIU_FANG.idNumber])).toEqual([]);

    // 谭梅 sees it: her one card, used in both districts, is 无效卡, with one notice naming both districts.
    const citizen = await env.loginCitizen('tan-mei');
    const card = (await env.app.inject({ url: '/api/me/card', headers: env.auth(citizen) })).json();
    expect(card.cards).toHaveLength(1);
    expect(card.cards[0].status).toBe('invalid');
    expect(card.unreadNotifications).toBe(1);
    const seen = (await env.app.inject({ url: '/api/me/notifications', headers: env.auth(citizen) })).json().items;
    expect(seen).toHaveLength(1);
    expect(seen[0].districts.map((d: { code: string }) => d.code).sort()).toEqual([MUNICIPAL, JIANGBEI].sort());
  });

  it('the next run checks only the accounts still valid; the runs are listed newest first for any caseworker', async () => {
    const token = await env.loginCaseworker('chongqing');
    const res = await startRun(env, token);
    expect(res.json()).toMatchObject({ status: 'completed', checked: 1, invalidated: 0, skipped: 2 });

    const jiangbei = await env.loginCaseworker('jiangbei');
    const list = await env.app.inject({ url: '/api/review/validation-runs', headers: env.auth(jiangbei) });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((r: { id: number; checked: number }) => r.checked)).toEqual([1, 5]);
  });

  it('a district caseworker may not start a run (it covers every district): 403', async () => {
    const jiangbei = await env.loginCaseworker('jiangbei');
    const res = await startRun(env, jiangbei);
    expect(res.statusCode).toBe(403);
    expect((await env.app.services.validationRuns.list()).items).toHaveLength(2);
  });
});

describe('a run interrupted by the bank going down', () => {
  // Batch size 1: the run asks the bank once per account, so the bank can go down between two accounts.
  const env = useReviewEnv({ validationBatchSize: 1, validationBatchPauseMs: 0 });

  it('stops cleanly (failed, error recorded, nothing half-done); the next run carries on from where it stopped and completes', async () => {
    const { wangAccount, liuAccount } = await addExtraAccounts(env);
    const zhou = person('zhou-jianguo').accounts[0];
    await setBankAccount(env, zhou.accountNumber, zhou.bankCode, 'frozen');
    const zhouAccount = await accountOf(env, 'zhou-jianguo', WANZHOU);

    // Record which numbers the bank is asked about.
    const asked: string[][] = [];
    const bank = env.app.ctx.bank;
    const original = bank.accountStatus.bind(bank);
    bank.accountStatus = async (accounts) => {
      asked.push(accounts.map((a) => a.accountNumber));
      return original(accounts);
    };

    // Order of the valid accounts: 谭梅 x2, 陈静 (locked), 李强 (locked), 周建国 (frozen), 王宇, 刘芳 (unknown).
    // The bank goes down right after 周建国's batch.
    const first = await env.app.services.validationRuns.start('manual', SYSTEM, {
      async afterBatch(_n, progress) {
        if (progress.invalidated === 1) await env.setBankMode('down');
      },
    });
    expect(first).toMatchObject({ status: 'failed', checked: 3, invalidated: 1, skipped: 2 });
    expect(first.error).toContain('银行系统暂时无法连接');
    expect(first.finishedAt).toBeTruthy();
    expect((await accountById(env, zhouAccount.id))?.status).toBe('invalid'); // done before the failure: stays done
    expect((await accountById(env, wangAccount.id))?.status).toBe('valid');
    expect((await accountById(env, liuAccount.id))?.status).toBe('valid'); // never reached
    await expectNothingHalfDone(env);
    const vr = env.app.db.schema.validationRuns;
    const [stored] = await env.app.db.read.select().from(vr).where(eq(vr.id, first.id));
    const cursor = stored?.cursor;
    expect(cursor).toBe(zhouAccount.id);

    // Started while the bank is still down: 503, recorded as failed, and the cursor is kept.
    const token = await env.loginCaseworker('chongqing');
    const down = await startRun(env, token);
    expect(down.statusCode).toBe(503);
    expect(down.json().error.code).toBe('BANK_UNAVAILABLE');
    expect(down.json().error.message).toContain('下次验证将从中断处继续');
    const runs = (await env.app.services.validationRuns.list()).items;
    expect(runs[0]).toMatchObject({ status: 'failed', checked: 0, invalidated: 0 });

    // Back up: the next run starts after 周建国, so 谭梅's card is not asked again.
    await env.setBankMode('normal');
    asked.length = 0;
    const next = await startRun(env, token);
    expect(next.statusCode, next.body).toBe(200);
    expect(next.json()).toMatchObject({ status: 'completed', checked: 2, invalidated: 1, skipped: 0 });
    expect(asked.flat()).toEqual([person('wang-yu').accounts[0].accountNumber, testAccount('not_found').accountNumber]);
    expect((await accountById(env, liuAccount.id))?.status).toBe('invalid');
    expect((await accountById(env, wangAccount.id))?.status).toBe('valid');
    await expectNothingHalfDone(env);
    // Exactly one notification per invalidated account: nothing was done twice.
    expect((await allNotifications(env)).filter((n) => n.accountId === zhouAccount.id)).toHaveLength(1);

    // After a completed run the next one starts from the beginning again.
    asked.length = 0;
    const fresh = await env.app.services.validationRuns.start('manual', SYSTEM);
    expect(fresh).toMatchObject({ status: 'completed', checked: 3, skipped: 2 });
    expect(asked.flat()).toContain(person('tan-mei').accounts[0].accountNumber);
  });
});

describe('never two runs at once', () => {
  const env = useReviewEnv({ validationBatchPauseMs: 0 });

  it('two starts at once: one runs, the other is refused with 409 VALIDATION_RUN_IN_PROGRESS', async () => {
    const token = await env.loginCaseworker('chongqing');
    // The bank answers slowly (still within the gateway timeout), so the first run is surely still going.
    await env.setBankMode('slow', 300);
    try {
      const answers = await Promise.all([startRun(env, token), startRun(env, token)]);
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
      const refused = answers.find((a) => a.statusCode === 409)?.json();
      expect(refused.error).toEqual({ code: 'VALIDATION_RUN_IN_PROGRESS', message: '账户验证正在进行中，请稍后再试' });
      expect((await env.app.services.validationRuns.list()).items).toHaveLength(1);
    } finally {
      await env.setBankMode('normal');
    }
  });

  it('the scheduled run is refused too while a manual one is going, and the database holds the rule', async () => {
    await env.setBankMode('slow', 300);
    try {
      const runs = env.app.services.validationRuns;
      const first = runs.start('manual', SYSTEM);
      await expect(runs.start('schedule', SYSTEM)).rejects.toThrow('账户验证正在进行中');
      // Once the first run holds the slot in the database (its row says running)...
      await expect.poll(async () => (await runs.list()).items[0]?.status).toBe('running');
      // Even past the service, the database refuses a second running row (partial unique index).
      const now = new Date().toISOString();
      const second = env.app.db.unitOfWork(async (tx) => {
        await tx
          .insert(env.app.db.schema.validationRuns)
          .values({ trigger: 'schedule', status: 'running', startedAt: now, heartbeatAt: now });
      });
      await expect(second).rejects.toSatisfy((err) => env.app.db.isUniqueViolation(err));
      expect((await first).status).toBe('completed');
      expect((await runs.start('schedule', SYSTEM)).status).toBe('completed');
    } finally {
      await env.setBankMode('normal');
    }
  });
});

describe('the scheduler', () => {
  // 01:59:59.8 in Shanghai: the daily 02:00 run is due in 200 ms.
  const clock = manualClock(new Date('2026-11-27T17:59:59.800Z'));
  const env = useReviewEnv({ validationSchedule: '02:00', clock });

  it('starts the run at the configured time and re-arms for the next day (not again today)', async () => {
    const runs = env.app.services.validationRuns;
    await expect
      .poll(async () => (await runs.list()).items.find((r) => r.status === 'completed'), { timeout: 10_000 })
      .toBeTruthy();
    const [run] = (await runs.list()).items;
    expect(run).toMatchObject({ trigger: 'schedule', status: 'completed', checked: 3, skipped: 2 });
    // The clock has not moved: a naive re-arm would fire again at once.
    await new Promise((r) => setTimeout(r, 600));
    expect((await runs.list()).items).toHaveLength(1);
  });
});

describe('configuration and lifecycle', () => {
  const baseConfig = async (over: object = {}) =>
    parseConfig({
      ...(await freshDatabase()).config,
      dataKey: generateDataKey(),
      jwtSecret: 'test-secret-test-secret-test-secret-123',
      identityUrl: 'http://127.0.0.1:9',
      bankUrl: 'http://127.0.0.1:9',
      gatewayAppKey: 'sandbox-app-key',
      logLevel: 'silent',
      ...over,
    });

  it('a malformed schedule stops the start with a clear error', async () => {
    await expect(buildApp({ config: await baseConfig({ validationSchedule: '2am' }) })).rejects.toThrow(
      'YKT_VALIDATION_SCHEDULE',
    );
  });

  it('closing the app stops a running run after its batch, recorded as failed (resumable)', async () => {
    const sandbox = await startSandbox({ port: 0 });
    const app = await buildApp({
      config: await baseConfig({
        bankUrl: sandbox.url,
        identityUrl: sandbox.url,
        bankTimeoutMs: 2000,
        validationBatchSize: 1,
        validationBatchPauseMs: 0,
        validationSchedule: '',
      }),
    });
    try {
      await seedDemo(app.ctx, demoWorld);
      await app.ready();
      await fetch(`${sandbox.url}/bank/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mode: 'slow', delayMs: 1000 }),
      });
      // One account per batch, a second per bank answer: 5 accounts would take 5 s. Close once the first is done.
      let firstBatch: () => void = () => {};
      const firstBatchDone = new Promise<void>((resolve) => {
        firstBatch = resolve;
      });
      const run = app.services.validationRuns.start('manual', SYSTEM, { afterBatch: () => firstBatch() });
      await firstBatchDone;
      await app.close();
      const done = await run;
      expect(done).toMatchObject({ status: 'failed', errorCode: 'INTERRUPTED' });
      expect(done.error).toContain('服务停止');
      // Stopped at a batch boundary, long before the end: what was checked stays checked, the rest waits.
      expect(done.checked).toBeGreaterThanOrEqual(1);
      expect(done.checked).toBeLessThan(5);
    } finally {
      await sandbox.close();
    }
  });

  it('a run left "running" by an instance that died is taken over once its heartbeat is stale; a live one is not', async () => {
    const config = await baseConfig({ validationSchedule: '' });
    const app = await buildApp({ config });
    try {
      const vr = app.db.schema.validationRuns;
      const runs = app.services.validationRuns;
      const started = new Date(Date.now() - 10 * 60_000).toISOString();
      // Another instance's run that beat a second ago: still alive, so a start here is refused.
      const [live] = await app.db.unitOfWork((tx) =>
        tx
          .insert(vr)
          .values({
            trigger: 'schedule',
            status: 'running',
            startedAt: started,
            heartbeatAt: new Date().toISOString(),
            cursor: 7,
          })
          .returning(),
      );
      await expect(runs.start('manual', SYSTEM)).rejects.toThrow('账户验证正在进行中');
      // Its heartbeat stops (the instance died 10 minutes ago): the next start marks it failed and carries on
      // from its cursor (past every account of this empty database, so it completes at once).
      await app.db.unitOfWork((tx) => tx.update(vr).set({ heartbeatAt: started }).where(eq(vr.id, live.id)));
      const next = await runs.start('manual', SYSTEM);
      expect(next).toMatchObject({ status: 'completed', checked: 0 });
      const [dead] = await app.db.read.select().from(vr).where(eq(vr.id, live.id));
      expect(dead).toMatchObject({ status: 'failed', errorCode: 'INTERRUPTED' });
      const [resumed] = await app.db.read.select().from(vr).where(eq(vr.id, next.id));
      expect(resumed.cursor).toBe(7);
      expect(runs.running()).toBe(false);
    } finally {
      await app.close();
    }
  });
});
