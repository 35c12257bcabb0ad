import { setTimeout as sleep } from 'node:timers/promises';
import { ACCOUNT_UNUSABLE_MESSAGES } from '@ykt/shared';
import { and, asc, desc, eq, gt, gte, inArray, lt, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type AccountState, GatewayUnavailable } from '../gateways/bankGateway.ts';
import { DomainError } from '../lib/errors.ts';
import { addSeconds, iso } from '../lib/time.ts';
import { type Account, invalidateAccounts, isLocked, sameCardAccounts } from './accounts.ts';
import { writeAudit } from './audit.ts';
import type { Actor, ServiceContext } from './context.ts';

type Run = typeof import('../db/pg/schema.ts').validationRuns.$inferSelect;
export type RunTrigger = Run['trigger'];
type ErrorCode = NonNullable<Run['errorCode']>;

export const validationRunInProgress = () =>
  new DomainError('VALIDATION_RUN_IN_PROGRESS', '账户验证正在进行中，请稍后再试');
/** The scheduled run of this occurrence ran (or runs) on another instance. */
export const scheduledRunDone = () => new DomainError('VALIDATION_RUN_IN_PROGRESS', '本次定时验证已由其他服务实例执行');

/** A run whose heartbeat is older than this belongs to an instance that is gone (a live one beats every batch). */
const STALE_AFTER_SECONDS = 120;

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
  errorCode: r.errorCode,
});

const SYSTEM: Actor = { type: 'system', id: 'validation-run' };

const sqlAdd = (column: SQLWrapper, n: number): SQL => sql`${column} + ${n}`;

/**
 * Account validation with the bank: every valid account's status is asked in batches, at a pace the gateway
 * allows, and the closed, frozen and unknown ones are invalidated — every district's account of that card at once,
 * with one notice (domain rule 12). One run at a time across every instance (a partial unique index); a run whose
 * instance died is recognised by its stopped heartbeat. A gateway failure stops the run cleanly: every invalidation
 * is its own unit of work, so what was done stays done; the next run carries on from the cursor.
 */
export function createValidationRuns(ctx: ServiceContext) {
  const { db, crypto, clock, config, bank } = ctx;
  const vr = db.schema.validationRuns;
  const acc = db.schema.accounts;
  const cr = db.schema.changeRequests;
  let current: Promise<RunView> | undefined;
  let stopping = false;

  const byId = async (id: number) => (await db.read.select().from(vr).where(eq(vr.id, id)).limit(1))[0] as Run;

  /**
   * Claims the one running slot; a second start, here or on another instance, is refused. A scheduled start names
   * its occurrence: when a scheduled run already started for it (on any instance; one that fired late, paused or
   * busy, finds the other's run finished), it is refused too, so each nightly occurrence makes one run.
   */
  async function begin(trigger: RunTrigger, actor: Actor, occurrence?: Date): Promise<Run> {
    const now = clock.now();
    const at = iso(now);
    try {
      return await db.unitOfWork(async (tx) => {
        // A "running" run whose heartbeat stopped will never finish: its instance is gone.
        await tx
          .update(vr)
          .set({
            status: 'failed',
            finishedAt: at,
            errorCode: 'INTERRUPTED',
            error: '服务中断，本次验证未完成，下次验证将从中断处继续',
          })
          .where(and(eq(vr.status, 'running'), lt(vr.heartbeatAt, iso(addSeconds(now, -STALE_AFTER_SECONDS)))));
        const [running] = await tx.select({ id: vr.id }).from(vr).where(eq(vr.status, 'running')).limit(1);
        if (running) throw validationRunInProgress();
        if (occurrence) {
          // A timer may fire a moment early: a scheduled run started within a minute before counts too.
          const since = iso(addSeconds(occurrence, -60));
          const [ran] = await tx
            .select({ id: vr.id })
            .from(vr)
            .where(and(eq(vr.trigger, 'schedule'), gte(vr.startedAt, since)))
            .limit(1);
          if (ran) throw scheduledRunDone();
        }
        // Carry on where a failed run stopped; after a completed run start from the beginning.
        const [last] = await tx.select().from(vr).orderBy(desc(vr.id)).limit(1);
        const cursor = last?.status === 'failed' ? last.cursor : 0;
        const [run] = await tx
          .insert(vr)
          .values({ trigger, status: 'running', startedAt: at, heartbeatAt: at, cursor })
          .returning();
        await writeAudit(tx, at, actor, 'validation_run.start', `validation_run:${run.id}`, {
          trigger,
          resumeFrom: cursor,
        });
        return run;
      });
    } catch (err) {
      if (db.isUniqueViolation(err)) throw validationRunInProgress();
      throw err;
    }
  }

  async function finish(runId: number, failure?: { code: ErrorCode; message: string }): Promise<RunView> {
    const at = iso(clock.now());
    return db.unitOfWork(async (tx) => {
      const [run] = await tx
        .update(vr)
        .set({
          status: failure ? 'failed' : 'completed',
          finishedAt: at,
          error: failure?.message ?? null,
          errorCode: failure?.code ?? null,
        })
        .where(eq(vr.id, runId))
        .returning();
      await writeAudit(tx, at, SYSTEM, `validation_run.${failure ? 'fail' : 'complete'}`, `validation_run:${runId}`, {
        checked: run.checked,
        invalidated: run.invalidated,
        skipped: run.skipped,
        errorCode: failure?.code ?? null,
      });
      return runView(run);
    });
  }

  /**
   * Invalidates the card the bank refused, in its own unit of work: every district's account of that person with
   * that number, after checking again that it is still the same valid account and its owner is not locked (it may
   * have changed while the bank was asked). Returns how many accounts became invalid.
   */
  async function invalidateCard(run: Run, checked: Account, state: Exclude<AccountState, 'normal'>): Promise<number> {
    const at = iso(clock.now());
    const actor: Actor = { type: 'system', id: `validation-run:${run.id}` };
    const kind = run.trigger === 'schedule' ? 'scheduled_validation' : 'manual_validation';
    return db.unitOfWork(async (tx) => {
      const [account] = await tx.select().from(acc).where(eq(acc.id, checked.id)).limit(1);
      if (account?.status !== 'valid' || account.accountNumberIdx !== checked.accountNumberIdx) return 0;
      if (account.bankCode !== checked.bankCode || (await isLocked(tx, account.beneficiaryId))) return 0;
      const card = (await sameCardAccounts(tx, account)).filter((a) => a.bankCode === account.bankCode);
      await invalidateAccounts(tx, card, kind, ACCOUNT_UNUSABLE_MESSAGES[state], actor, at);
      return card.length;
    });
  }

  async function execute(run: Run, hooks: RunHooks): Promise<RunView> {
    let cursor = run.cursor;
    let batchNumber = 0;
    try {
      for (;;) {
        if (stopping) {
          return await finish(run.id, {
            code: 'INTERRUPTED',
            message: '服务停止，本次验证中断，下次验证将从中断处继续',
          });
        }
        const batch = await db.read
          .select()
          .from(acc)
          .where(and(eq(acc.status, 'valid'), gt(acc.id, cursor)))
          .orderBy(asc(acc.id))
          .limit(config.validationBatchSize);
        if (batch.length === 0) return await finish(run.id);
        batchNumber++;

        // Domain rule 6: accounts of a beneficiary with a pending 渝快办 change are left alone (counted as skipped).
        const owners = [...new Set(batch.map((a) => a.beneficiaryId))];
        const lockedOwners = new Set(
          (
            await db.read
              .select({ b: cr.beneficiaryId })
              .from(cr)
              .where(and(inArray(cr.beneficiaryId, owners), eq(cr.status, 'pending')))
          ).map((r) => r.b),
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
            return await finish(run.id, {
              code: 'BANK_UNAVAILABLE',
              message: '银行系统暂时无法连接，本次验证中断，下次验证将从中断处继续',
            });
          }
        }

        let invalidated = 0;
        for (const a of toCheck) {
          const state = states.get(numbers.get(a.id) as string);
          if (state && state !== 'normal') invalidated += await invalidateCard(run, a, state);
        }
        cursor = batch[batch.length - 1].id;
        const [progress] = await db.unitOfWork((tx) =>
          tx
            .update(vr)
            .set({
              checked: sqlAdd(vr.checked, toCheck.length),
              invalidated: sqlAdd(vr.invalidated, invalidated),
              skipped: sqlAdd(vr.skipped, batch.length - toCheck.length),
              cursor,
              heartbeatAt: iso(clock.now()),
            })
            .where(eq(vr.id, run.id))
            .returning(),
        );
        await hooks.afterBatch?.(batchNumber, runView(progress));
        if (batch.length === config.validationBatchSize && config.validationBatchPauseMs > 0) {
          await sleep(config.validationBatchPauseMs);
        }
      }
    } catch (err) {
      // Never leave a run "running": record the failure, then let the caller log the unexpected error.
      await finish(run.id, {
        code: 'INTERNAL',
        message: '验证过程中发生系统错误，本次验证中断，下次验证将从中断处继续',
      }).catch(() => undefined);
      throw err;
    }
  }

  return {
    /**
     * Starts a run now and resolves with it when done (status completed, or failed with the error). A second
     * start while one runs rejects with 409 VALIDATION_RUN_IN_PROGRESS; so does a scheduled start (`occurrence`,
     * the scheduler's) whose occurrence already has its run.
     */
    async start(
      trigger: RunTrigger,
      actor: Actor,
      hooks: RunHooks = {},
      opts: { occurrence?: Date } = {},
    ): Promise<RunView> {
      if (stopping || current) throw validationRunInProgress();
      const claim = begin(trigger, actor, opts.occurrence);
      // Held from the first moment, so a second start in the same tick is refused here already.
      const p = claim.then((run) => execute(run, hooks));
      current = p;
      p.finally(() => {
        if (current === p) current = undefined;
      }).catch(() => undefined);
      return p;
    },

    async list(limit = 50) {
      return { items: (await db.read.select().from(vr).orderBy(desc(vr.id)).limit(limit)).map(runView) };
    },

    get: async (id: number) => runView(await byId(id)),

    running: () => current !== undefined,

    /** On shutdown: the running run stops after its current batch (recorded as failed, resumable). */
    async shutdown() {
      stopping = true;
      await current?.catch(() => undefined);
    },
  };
}
export type ValidationRuns = ReturnType<typeof createValidationRuns>;
