import { setTimeout as sleep } from 'node:timers/promises';
import { and, asc, desc, eq, gt, inArray, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { isUniqueViolation, schema } from '../db/index.ts';
import { type AccountState, GatewayUnavailable } from '../gateways/bankGateway.ts';
import { AppError } from '../lib/errors.ts';
import { iso } from '../lib/time.ts';
import { type Accounts, invalidateAccount, isLocked } from './accounts.ts';
import { writeAudit } from './audit.ts';
import type { Actor, ServiceContext } from './context.ts';

type Run = typeof schema.validationRuns.$inferSelect;
type Account = typeof schema.accounts.$inferSelect;
export type RunTrigger = Run['trigger'];

export const validationRunInProgress = () =>
  new AppError(409, 'VALIDATION_RUN_IN_PROGRESS', '账户验证正在进行中，请稍后再试');

/** The 说明 the citizen reads when the bank says an account can no longer receive money. */
export const BANK_STATE_MESSAGES: Record<Exclude<AccountState, 'normal'>, string> = {
  closed: '该账户已销户，补贴资金无法发放到此账户，请尽快申请变更账号',
  frozen: '该账户已冻结，补贴资金无法发放到此账户，请尽快申请变更账号',
  not_found: '银行查无此账户，补贴资金无法发放，请尽快申请变更账号',
};

/** Test seam: called after each batch has been checked and recorded (e.g. to take the bank down mid-run). */
export interface RunHooks {
  afterBatch?(batchNumber: number, run: RunView): void | Promise<void>;
}

export type RunView = ReturnType<typeof runView>;
const runView = (r: Run) => ({
  id: r.id,
  trigger: r.trigger,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
  status: r.status,
  checked: r.checked,
  invalidated: r.invalidated,
  skipped: r.skipped,
  error: r.error,
});

const SYSTEM: Actor = { type: 'system', id: 'validation-run' };

/**
 * Account validation with the bank (issue 6): every valid account's status is asked in batches, at a pace the
 * gateway allows, and the closed, frozen and unknown ones are invalidated. One run at a time (the database holds
 * it with a partial unique index). A gateway failure stops the run cleanly: every invalidation is its own
 * transaction, so what was done stays done and nothing is half-done; the next run carries on from the cursor.
 */
export function createValidationRuns(ctx: ServiceContext, _accounts: Accounts) {
  const { db, crypto, clock, config, bank } = ctx;
  const vr = schema.validationRuns;
  let current: Promise<RunView> | undefined;
  let stopping = false;

  // A run still "running" in the database belongs to a process that is gone: it will never finish.
  db.update(vr)
    .set({ status: 'failed', finishedAt: iso(clock.now()), error: '服务重启，本次验证中断，下次验证将从中断处继续' })
    .where(eq(vr.status, 'running'))
    .run();

  const byId = (id: number) => db.select().from(vr).where(eq(vr.id, id)).get() as Run;

  /** Claims the one running slot (synchronously, so a second start in the same tick is already refused). */
  function begin(trigger: RunTrigger, actor: Actor): Run {
    const at = iso(clock.now());
    try {
      return db.transaction((tx) => {
        if (tx.select({ id: vr.id }).from(vr).where(eq(vr.status, 'running')).get()) throw validationRunInProgress();
        // Carry on where a failed run stopped; after a completed run start from the beginning.
        const last = tx.select().from(vr).orderBy(desc(vr.id)).limit(1).get();
        const cursor = last?.status === 'failed' ? last.cursor : 0;
        const run = tx.insert(vr).values({ trigger, status: 'running', startedAt: at, cursor }).returning().get();
        writeAudit(tx, at, actor, 'validation_run.start', `validation_run:${run.id}`, { trigger, resumeFrom: cursor });
        return run;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw validationRunInProgress();
      throw err;
    }
  }

  function finish(runId: number, status: 'completed' | 'failed', error: string | null): RunView {
    const at = iso(clock.now());
    return db.transaction((tx) => {
      tx.update(vr).set({ status, finishedAt: at, error }).where(eq(vr.id, runId)).run();
      const run = tx.select().from(vr).where(eq(vr.id, runId)).get() as Run;
      writeAudit(
        tx,
        at,
        SYSTEM,
        `validation_run.${status === 'completed' ? 'complete' : 'fail'}`,
        `validation_run:${runId}`,
        {
          checked: run.checked,
          invalidated: run.invalidated,
          skipped: run.skipped,
          error,
        },
      );
      return runView(run);
    });
  }

  /**
   * Invalidates one account the bank refused, in its own transaction, after checking again that it is still the
   * same valid account and not locked (it may have changed while the bank was asked).
   */
  function invalidateChecked(run: Run, checked: Account, state: Exclude<AccountState, 'normal'>): boolean {
    const at = iso(clock.now());
    const actor: Actor = { type: 'system', id: `validation-run:${run.id}` };
    return db.transaction((tx) => {
      const account = tx.select().from(schema.accounts).where(eq(schema.accounts.id, checked.id)).get();
      if (account?.status !== 'valid' || account.accountNumberIdx !== checked.accountNumberIdx) return false;
      if (account.bankCode !== checked.bankCode || isLocked(tx, account.beneficiaryId)) return false;
      const prefix = run.trigger === 'schedule' ? '定时验证：' : '账户验证：';
      invalidateAccount(tx, account, 'scheduled_validation', `${prefix}${BANK_STATE_MESSAGES[state]}`, actor, at);
      return true;
    });
  }

  async function execute(started: Run, hooks: RunHooks): Promise<RunView> {
    const run = started;
    let cursor = run.cursor;
    let batchNumber = 0;
    const acc = schema.accounts;
    try {
      for (;;) {
        if (stopping) return finish(run.id, 'failed', '服务停止，本次验证中断，下次验证将从中断处继续');
        const batch = db
          .select()
          .from(acc)
          .where(and(eq(acc.status, 'valid'), gt(acc.id, cursor)))
          .orderBy(asc(acc.id))
          .limit(config.validationBatchSize)
          .all();
        if (batch.length === 0) return finish(run.id, 'completed', null);
        batchNumber++;

        // Domain rule 6: accounts of a beneficiary with a pending 渝快办 change are left alone (counted as skipped).
        const owners = [...new Set(batch.map((a) => a.beneficiaryId))];
        const lockedOwners = new Set(
          db
            .select({ b: schema.changeRequests.beneficiaryId })
            .from(schema.changeRequests)
            .where(
              and(inArray(schema.changeRequests.beneficiaryId, owners), eq(schema.changeRequests.status, 'pending')),
            )
            .all()
            .map((r) => r.b),
        );
        const toCheck = batch.filter((a) => !lockedOwners.has(a.beneficiaryId));

        // One card can serve several districts: ask the bank once per number.
        const numbers = new Map<number, string>(toCheck.map((a) => [a.id, crypto.decrypt(a.accountNumberEnc)]));
        const unique = new Map<string, { accountNumber: string; bankCode: string }>();
        for (const a of toCheck) {
          const accountNumber = numbers.get(a.id) as string;
          unique.set(`${accountNumber}|${a.bankCode}`, { accountNumber, bankCode: a.bankCode });
        }
        let states = new Map<string, AccountState>();
        if (unique.size > 0) {
          try {
            const answer = await bank.accountStatus([...unique.values()]);
            states = new Map(answer.map((r) => [r.accountNumber, r.status]));
          } catch (err) {
            if (!(err instanceof GatewayUnavailable)) throw err;
            return finish(
              run.id,
              'failed',
              `银行系统暂时无法连接（${err.message}），本次验证中断，下次验证将从中断处继续`,
            );
          }
        }

        let invalidated = 0;
        for (const a of toCheck) {
          const state = states.get(numbers.get(a.id) as string);
          if (state && state !== 'normal' && invalidateChecked(run, a, state)) invalidated++;
        }
        cursor = batch[batch.length - 1].id;
        const progress = db
          .update(vr)
          .set({
            checked: sqlAdd(vr.checked, toCheck.length),
            invalidated: sqlAdd(vr.invalidated, invalidated),
            skipped: sqlAdd(vr.skipped, batch.length - toCheck.length),
            cursor,
          })
          .where(eq(vr.id, run.id))
          .returning()
          .get();
        await hooks.afterBatch?.(batchNumber, runView(progress));
        if (batch.length === config.validationBatchSize && config.validationBatchPauseMs > 0) {
          await sleep(config.validationBatchPauseMs);
        }
      }
    } catch (err) {
      // Never leave a run "running": record the failure, then let the caller log the unexpected error.
      finish(run.id, 'failed', '验证过程中发生系统错误，本次验证中断，下次验证将从中断处继续');
      throw err;
    }
  }

  return {
    /**
     * Starts a run now and resolves with it when done (status completed, or failed with the error). A second
     * start while one runs throws 409 VALIDATION_RUN_IN_PROGRESS synchronously.
     */
    start(trigger: RunTrigger, actor: Actor, hooks: RunHooks = {}): Promise<RunView> {
      if (stopping) throw validationRunInProgress();
      const run = begin(trigger, actor);
      const p = execute(run, hooks).finally(() => {
        if (current === p) current = undefined;
      });
      current = p;
      return p;
    },

    list(limit = 50) {
      return { items: db.select().from(vr).orderBy(desc(vr.id)).limit(limit).all().map(runView) };
    },

    get: (id: number) => runView(byId(id)),

    running: () => current !== undefined,

    /** On shutdown: the running run stops after its current batch (recorded as failed, resumable). */
    async shutdown() {
      stopping = true;
      await current?.catch(() => undefined);
    },
  };
}
export type ValidationRuns = ReturnType<typeof createValidationRuns>;

function sqlAdd(column: SQLWrapper, n: number): SQL {
  return sql`${column} + ${n}`;
}
