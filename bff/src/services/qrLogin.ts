import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, lt } from 'drizzle-orm';
import { schema } from '../db/index.ts';
import { AppError, notFound } from '../lib/errors.ts';
import { addSeconds, iso } from '../lib/time.ts';
import { writeAudit } from './audit.ts';
import type { Actor, ServiceContext } from './context.ts';
import type { SessionRow, Sessions } from './sessions.ts';

/** What the phone's 登录确认 page names, so nobody confirms a login they did not ask for. */
export const QR_LOGIN_TARGET = '渝快办PC端 惠民惠农“一卡通”账户自助变更';

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
const qrExpired = (message = '二维码已过期，请在电脑上刷新二维码后重新扫码') =>
  new AppError(410, 'QR_EXPIRED', message);

type Ticket = typeof schema.qrTickets.$inferSelect;

/**
 * PC login by QR code: the PC creates a ticket (256 random bits) and keeps a secret; the app, already
 * face-verified, scans and confirms; the PC's polling (with the secret) then gets a new session token, once.
 */
export function createQrLogin(ctx: ServiceContext, sessions: Sessions) {
  const { db, clock, config } = ctx;
  const t = schema.qrTickets;

  const load = (ticket: string) => db.select().from(t).where(eq(t.ticket, ticket)).get();
  const isLive = (row: Ticket) => clock.now().toISOString() < row.expiresAt;
  /** A ticket past its 300 s that was never confirmed becomes expired for good. */
  const effectiveStatus = (row: Ticket): Ticket['status'] =>
    row.status === 'confirmed' || row.status === 'expired' ? row.status : isLive(row) ? row.status : 'expired';

  return {
    create(publicBaseUrl: string) {
      const now = clock.now();
      const ticket = randomBytes(32).toString('base64url');
      const secret = randomBytes(32).toString('base64url');
      const expiresAt = iso(addSeconds(now, config.qrTtlSeconds));
      db.insert(t)
        .values({ ticket, secretHash: sha256(secret), status: 'waiting', createdAt: iso(now), expiresAt })
        .run();
      const qrContent = `${publicBaseUrl.replace(/\/$/, '')}/m/#/pages/qr-confirm/index?ticket=${ticket}`;
      return { ticket, qrContent, expiresAt, secret };
    },

    /** The PC's polling. Only the holder of the secret learns anything; the token is handed out exactly once. */
    poll(ticket: string, secret: string | undefined): { status: Ticket['status']; session?: SessionRow } {
      const row = load(ticket);
      const given = Buffer.from(sha256(secret ?? ''));
      if (!row || !timingSafeEqual(given, Buffer.from(row.secretHash))) throw notFound('二维码不存在，请刷新');
      const status = effectiveStatus(row);
      if (status !== 'confirmed' || !row.sessionId) return { status };
      const handedOut = db
        .update(t)
        .set({ tokenDeliveredAt: iso(clock.now()) })
        .where(and(eq(t.ticket, ticket), isNull(t.tokenDeliveredAt)))
        .run();
      if (handedOut.changes === 0) return { status };
      const session = sessions.active(row.sessionId);
      return session ? { status, session } : { status };
    },

    scan(ticket: string, beneficiaryId: number) {
      const row = load(ticket);
      if (!row) throw notFound('二维码无效，请在电脑上刷新后重新扫码');
      if (effectiveStatus(row) !== 'waiting' && !(row.status === 'scanned' && row.beneficiaryId === beneficiaryId)) {
        throw qrExpired(row.status === 'confirmed' ? '该二维码已使用，请在电脑上刷新' : undefined);
      }
      db.update(t).set({ status: 'scanned', beneficiaryId }).where(eq(t.ticket, ticket)).run();
      return { status: 'scanned' as const, target: QR_LOGIN_TARGET, expiresAt: row.expiresAt };
    },

    confirm(ticket: string, beneficiaryId: number, actor: Actor) {
      const now = iso(clock.now());
      return db.transaction((tx) => {
        const row = tx.select().from(t).where(eq(t.ticket, ticket)).get();
        if (!row) throw notFound('二维码无效，请在电脑上刷新后重新扫码');
        const status = effectiveStatus(row);
        // Confirm only what this person scanned (or a fresh code), and only while it is live and unused.
        const mine = status === 'waiting' || (status === 'scanned' && row.beneficiaryId === beneficiaryId);
        if (!mine) throw qrExpired(status === 'confirmed' ? '该二维码已使用，请在电脑上刷新' : undefined);
        const session = sessions.open(tx, 'citizen', beneficiaryId, 'qr');
        tx.update(t)
          .set({ status: 'confirmed', beneficiaryId, sessionId: session.id })
          .where(eq(t.ticket, ticket))
          .run();
        writeAudit(tx, now, actor, 'auth.qr_login', null);
        return { status: 'confirmed' as const };
      });
    },

    /** Nightly housekeeping: tickets past their 300 s by more than a day. */
    purgeExpired(): number {
      return db
        .delete(t)
        .where(lt(t.expiresAt, iso(addSeconds(clock.now(), -24 * 3600))))
        .run().changes;
    },

    cancel(ticket: string, beneficiaryId: number) {
      const row = load(ticket);
      if (!row || (row.beneficiaryId !== null && row.beneficiaryId !== beneficiaryId)) throw notFound('二维码无效');
      if (row.status !== 'confirmed') db.update(t).set({ status: 'expired' }).where(eq(t.ticket, ticket)).run();
      return { status: effectiveStatus({ ...row, status: row.status === 'confirmed' ? 'confirmed' : 'expired' }) };
    },
  };
}
