import { maskMobile } from '@ykt/shared';
import { and, desc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { GatewayRejected, GatewayUnavailable, type NotifyGateway } from '../gateways/notifyGateway.ts';
import { forbidden } from '../lib/errors.ts';
import { addSeconds, iso } from '../lib/time.ts';
import type { Scope } from './caseworkers.ts';
import type { ServiceContext } from './context.ts';
import { after, decodeCursor, encodeCursor } from './paging.ts';

type Row = typeof import('../db/pg/schema.ts').outbox.$inferSelect;

/** How many messages one pass claims, how long a claim holds, and when to stop trying. */
export const OUTBOX = { batch: 20, leaseSeconds: 60, giveUpAfterHours: 48, maxBackoffSeconds: 600 } as const;

/** 5 s, 10 s, 20 s … at most 10 minutes between tries while the channel is down. */
export const backoffSeconds = (attempts: number) =>
  Math.min(OUTBOX.maxBackoffSeconds, 5 * 2 ** Math.max(0, attempts - 1));

/**
 * The outbox: messages outside the app (SMS / 渝快办 push), written in the same transaction as their event
 * (services/notices.ts), sent here. Each pass claims due rows with a lease (an update that only takes rows nobody
 * holds, so two instances never claim the same row), sends each with the row id as idempotency key (a retry after
 * a timeout never texts twice), and records sent, retries later with backoff, or gives up. Sending never blocks an
 * event: a decision is committed whatever the channel does.
 */
export function createOutbox(ctx: ServiceContext, notify: NotifyGateway) {
  const { db, clock, crypto } = ctx;
  const o = db.schema.outbox;
  const b = db.schema.beneficiaries;

  /** Claims up to OUTBOX.batch due rows for this pass. */
  async function claim(now: Date): Promise<Row[]> {
    const at = iso(now);
    return db.unitOfWork(async (tx) => {
      const due = tx
        .select({ id: o.id })
        .from(o)
        .where(and(eq(o.status, 'pending'), lte(o.nextAttemptAt, at), or(isNull(o.leaseUntil), lte(o.leaseUntil, at))))
        .orderBy(o.id)
        .limit(OUTBOX.batch);
      // Re-checked on update: of two instances racing for a row, the second finds it leased and takes nothing.
      return tx
        .update(o)
        .set({ leaseUntil: iso(addSeconds(now, OUTBOX.leaseSeconds)), attempts: sql`${o.attempts} + 1` })
        .where(and(inArray(o.id, due), eq(o.status, 'pending'), or(isNull(o.leaseUntil), lte(o.leaseUntil, at))))
        .returning();
    });
  }

  async function record(id: number, set: Partial<Row>) {
    await db.unitOfWork((tx) =>
      tx
        .update(o)
        .set({ ...set, leaseUntil: null })
        .where(eq(o.id, id)),
    );
  }

  async function send(row: Row): Promise<'sent' | 'retry' | 'failed' | 'skipped'> {
    const now = clock.now();
    const [person] = await db.read.select({ mobileEnc: b.mobileEnc }).from(b).where(eq(b.id, row.beneficiaryId));
    if (!person?.mobileEnc) {
      // Nobody to text: the 系统通知 in the app is all there is.
      await record(row.id, { status: 'skipped', lastError: 'no mobile number' });
      return 'skipped';
    }
    try {
      const { messageId } = await notify.send({
        to: crypto.decrypt(person.mobileEnc),
        template: row.template,
        params: JSON.parse(row.params),
        key: `outbox-${row.id}`,
      });
      await record(row.id, { status: 'sent', messageId, sentAt: iso(clock.now()), lastError: null });
      return 'sent';
    } catch (err) {
      if (err instanceof GatewayRejected) {
        await record(row.id, { status: 'failed', lastError: `${err.status} ${err.code}` });
        return 'failed';
      }
      if (!(err instanceof GatewayUnavailable)) throw err;
      const tooOld = row.createdAt < iso(addSeconds(now, -OUTBOX.giveUpAfterHours * 3600));
      await record(row.id, {
        status: tooOld ? 'failed' : 'pending',
        nextAttemptAt: iso(addSeconds(now, backoffSeconds(row.attempts))),
        lastError: err.message,
      });
      return tooOld ? 'failed' : 'retry';
    }
  }

  const view = (r: Row & { mobileEnc: string | null }) => ({
    id: r.id,
    template: r.template,
    to: r.mobileEnc ? maskMobile(crypto.decrypt(r.mobileEnc)) : null,
    status: r.status,
    attempts: r.attempts,
    createdAt: r.createdAt,
    sentAt: r.sentAt,
    nextAttemptAt: r.status === 'pending' ? r.nextAttemptAt : null,
    lastError: r.lastError,
  });

  return {
    /** One pass: claim what is due and send it. Answers what happened, for the log. */
    async deliver() {
      const rows = await claim(clock.now());
      const outcome = { sent: 0, retry: 0, failed: 0, skipped: 0 };
      for (const row of rows) outcome[await send(row)]++;
      return outcome;
    },

    /** 消息发送记录 for the municipal caseworker: newest first, a page after the cursor; numbers masked. */
    async list(scope: Scope, q: { status?: Row['status']; cursor?: string; pageSize: number }) {
      if (!scope.all) throw forbidden('消息发送记录仅供市级经办人查看');
      const cursor = decodeCursor<[number]>(q.cursor, ['n']);
      const rows = await db.read
        .select({ row: o, mobileEnc: b.mobileEnc })
        .from(o)
        .innerJoin(b, eq(b.id, o.beneficiaryId))
        .where(
          and(
            q.status ? eq(o.status, q.status) : undefined,
            cursor ? after([sql`${o.id}`], cursor, 'desc') : undefined,
          ),
        )
        .orderBy(desc(o.id))
        .limit(q.pageSize + 1);
      const page = rows.slice(0, q.pageSize);
      const last = page[page.length - 1];
      return {
        items: page.map((r) => view({ ...r.row, mobileEnc: r.mobileEnc })),
        nextCursor: rows.length > q.pageSize && last ? encodeCursor([last.row.id]) : null,
      };
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
