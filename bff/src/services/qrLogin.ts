import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, inArray, isNull, lt } from 'drizzle-orm';
import { DomainError, notFound } from '../lib/errors.ts';
import { addSeconds, iso } from '../lib/time.ts';
import { writeAudit } from './audit.ts';
import type { Actor, ServiceContext } from './context.ts';
import type { SessionRow, Sessions } from './sessions.ts';

/** What the phone's 登录确认 page names, so nobody confirms a login they did not ask for. */
export const QR_LOGIN_TARGET = '渝快办PC端 惠民惠农“一卡通”账户自助变更';

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
const qrExpired = (message = '二维码已过期，请在电脑上刷新二维码后重新扫码') => new DomainError('QR_EXPIRED', message);
const USED = '该二维码已使用，请在电脑上刷新后重新扫码';
const CANCELLED = '该二维码已取消，请在电脑上刷新后重新扫码';

type Ticket = typeof import('../db/pg/schema.ts').qrTickets.$inferSelect;
export type TicketStatus = Ticket['status'];

/**
 * PC login by QR code: the PC creates a ticket (256 random bits) and keeps a secret; the app, already
 * face-verified, scans and confirms (or cancels); the PC's polling (with the secret) then gets a new session
 * token, once, and the ticket is used. States: waiting -> scanned -> confirmed -> used, or expired / cancelled.
 */
export function createQrLogin(ctx: ServiceContext, sessions: Sessions) {
  const { db, clock, config } = ctx;
  const t = db.schema.qrTickets;

  const load = async (ticket: string) => (await db.read.select().from(t).where(eq(t.ticket, ticket)).limit(1))[0];
  const isLive = (row: Ticket) => iso(clock.now()) < row.expiresAt;
  /** A ticket past its 300 s that was never confirmed is expired for good. */
  const effectiveStatus = (row: Ticket): TicketStatus =>
    row.status === 'waiting' || row.status === 'scanned' ? (isLive(row) ? row.status : 'expired') : row.status;
  const holdsSecret = (row: Ticket, secret: string | undefined) =>
    timingSafeEqual(Buffer.from(sha256(secret ?? '')), Buffer.from(row.secretHash));
  /** What the phone is told when it can no longer act on a code. */
  const deadEnd = (status: TicketStatus) =>
    status === 'confirmed' || status === 'used'
      ? qrExpired(USED)
      : status === 'cancelled'
        ? qrExpired(CANCELLED)
        : qrExpired();

  return {
    /** `publicBaseUrl` comes from configuration, never from the request (a forged Host must not steer phones). */
    async create(publicBaseUrl: string) {
      const now = clock.now();
      const ticket = randomBytes(32).toString('base64url');
      const secret = randomBytes(32).toString('base64url');
      const expiresAt = iso(addSeconds(now, config.qrTtlSeconds));
      await db.unitOfWork((tx) =>
        tx.insert(t).values({ ticket, secretHash: sha256(secret), status: 'waiting', createdAt: iso(now), expiresAt }),
      );
      const qrContent = `${publicBaseUrl.replace(/\/$/, '')}/m/#/pages/qr-confirm/index?ticket=${ticket}`;
      return { ticket, qrContent, expiresAt, secret };
    },

    /** The PC's polling. Only the holder of the secret learns anything; the token is handed out exactly once. */
    async poll(ticket: string, secret: string | undefined): Promise<{ status: TicketStatus; session?: SessionRow }> {
      const row = await load(ticket);
      if (!row || !holdsSecret(row, secret)) throw notFound('二维码不存在，请刷新');
      const status = effectiveStatus(row);
      if (status !== 'confirmed' || !row.sessionId) return { status };
      const handedOut = await db.unitOfWork((tx) =>
        tx
          .update(t)
          .set({ status: 'used', tokenDeliveredAt: iso(clock.now()) })
          .where(and(eq(t.ticket, ticket), eq(t.status, 'confirmed'), isNull(t.tokenDeliveredAt)))
          .returning({ ticket: t.ticket }),
      );
      if (handedOut.length === 0) return { status: 'used' };
      const session = await sessions.active(row.sessionId);
      return session ? { status, session } : { status: 'used' };
    },

    async scan(ticket: string, beneficiaryId: number) {
      const row = await load(ticket);
      if (!row) throw notFound('二维码无效，请在电脑上刷新后重新扫码');
      const status = effectiveStatus(row);
      const mine = status === 'waiting' || (status === 'scanned' && row.beneficiaryId === beneficiaryId);
      if (!mine) throw status === 'scanned' ? qrExpired('该二维码已被他人扫描，请在电脑上刷新') : deadEnd(status);
      const scanned = await db.unitOfWork((tx) =>
        tx
          .update(t)
          .set({ status: 'scanned', beneficiaryId })
          .where(and(eq(t.ticket, ticket), inArray(t.status, ['waiting', 'scanned'])))
          .returning({ ticket: t.ticket, beneficiaryId: t.beneficiaryId }),
      );
      if (scanned.length === 0) throw deadEnd((await load(ticket))?.status ?? 'expired');
      return { status: 'scanned' as const, target: QR_LOGIN_TARGET, expiresAt: row.expiresAt };
    },

    async confirm(ticket: string, beneficiaryId: number, actor: Actor) {
      const now = iso(clock.now());
      return db.unitOfWork(async (tx) => {
        const [row] = await tx.select().from(t).where(eq(t.ticket, ticket)).limit(1);
        if (!row) throw notFound('二维码无效，请在电脑上刷新后重新扫码');
        const status = effectiveStatus(row);
        // Confirm only what this person scanned (or a fresh code), and only while it is live and unused.
        const mine = status === 'waiting' || (status === 'scanned' && row.beneficiaryId === beneficiaryId);
        if (!mine) throw status === 'scanned' ? qrExpired('该二维码已被他人扫描，请在电脑上刷新') : deadEnd(status);
        const session = await sessions.open(tx, 'citizen', beneficiaryId, 'qr');
        const confirmed = await tx
          .update(t)
          .set({ status: 'confirmed', beneficiaryId, sessionId: session.id })
          .where(and(eq(t.ticket, ticket), inArray(t.status, ['waiting', 'scanned'])))
          .returning({ ticket: t.ticket });
        if (confirmed.length === 0) throw qrExpired(USED);
        await writeAudit(tx, now, actor, 'auth.qr_login', null);
        return { status: 'confirmed' as const };
      });
    },

    /**
     * 取消: by the person who scanned the code on their phone, or by the PC that holds the secret. Anyone else who
     * read the code off a screen gets "not found" and the ticket is untouched.
     */
    async cancel(ticket: string, by: { beneficiaryId: number } | { secret: string }) {
      const row = await load(ticket);
      const allowed = row && ('secret' in by ? holdsSecret(row, by.secret) : row.beneficiaryId === by.beneficiaryId);
      if (!row || !allowed) throw notFound('二维码无效');
      const status = effectiveStatus(row);
      if (status !== 'waiting' && status !== 'scanned') return { status };
      await db.unitOfWork((tx) =>
        tx
          .update(t)
          .set({ status: 'cancelled' })
          .where(and(eq(t.ticket, ticket), inArray(t.status, ['waiting', 'scanned']))),
      );
      return { status: 'cancelled' as const };
    },

    /** Nightly housekeeping: tickets past their 300 s by more than a day. */
    async purgeExpired(): Promise<number> {
      const cutoff = iso(addSeconds(clock.now(), -24 * 3600));
      return db.unitOfWork(
        async (tx) => (await tx.delete(t).where(lt(t.expiresAt, cutoff)).returning({ ticket: t.ticket })).length,
      );
    },
  };
}
