import { randomBytes } from 'node:crypto';
import { and, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import { type Tx, tablesOf } from '../db/database.ts';
import { addSeconds, iso } from '../lib/time.ts';
import { writeAudit } from './audit.ts';
import type { Actor, ServiceContext } from './context.ts';

export type Role = 'citizen' | 'caseworker';
export interface SessionRow {
  id: string;
  role: Role;
  subjectId: number;
  expiresAt: string;
}

/** Server-side sessions: the JWT carries only the session id, so logout and expiry are real on every instance. */
export function createSessions(ctx: ServiceContext) {
  const { db, clock, config } = ctx;
  const s = db.schema.sessions;
  // Every authenticated request asks this: prepared once.
  const findActive = db.read
    .select({ id: s.id, role: s.role, subjectId: s.subjectId, expiresAt: s.expiresAt })
    .from(s)
    .where(and(eq(s.id, sql.placeholder('id')), isNull(s.revokedAt), gt(s.expiresAt, sql.placeholder('now'))))
    .limit(1)
    .prepare('session_active');

  /** Ends the given sessions (or every live one of a subject) and audits it, in the caller's unit of work. */
  async function revokeWhere(tx: Tx, where: ReturnType<typeof and>, at: string) {
    const t = tablesOf(tx).sessions;
    return tx
      .update(t)
      .set({ revokedAt: at })
      .where(and(where, isNull(t.revokedAt)))
      .returning({ id: t.id });
  }

  return {
    /** Inserts the row; call inside the caller's unit of work when other rows go with it. */
    async open(tx: Tx, role: Role, subjectId: number, channel: 'face' | 'qr' | 'password'): Promise<SessionRow> {
      const now = clock.now();
      const row = {
        id: randomBytes(18).toString('base64url'),
        role,
        subjectId,
        channel,
        createdAt: iso(now),
        expiresAt: iso(addSeconds(now, config.sessionTtlSeconds)),
      };
      await tx.insert(tablesOf(tx).sessions).values(row);
      return row;
    },

    async active(id: string): Promise<SessionRow | undefined> {
      const [row] = await findActive.execute({ id, now: iso(clock.now()) });
      return row;
    },

    /** Nightly housekeeping: sessions that ended more than a day ago are of no use to anyone. */
    async purgeExpired(): Promise<number> {
      const dayAgo = iso(addSeconds(clock.now(), -24 * 3600));
      return db.unitOfWork(
        async (tx) => (await tx.delete(s).where(lt(s.expiresAt, dayAgo)).returning({ id: s.id })).length,
      );
    },

    /** Logout: the session ends and the audit says so, in one unit of work. */
    async revoke(id: string, actor: Actor) {
      const at = iso(clock.now());
      await db.unitOfWork(async (tx) => {
        await revokeWhere(tx, eq(s.id, id), at);
        await writeAudit(tx, at, actor, 'auth.logout', null);
      });
    },

    /** 退出所有设备: every live session of this person (or caseworker) ends at once. */
    async revokeAll(role: Role, subjectId: number, actor: Actor, action = 'auth.logout_all') {
      const at = iso(clock.now());
      return db.unitOfWork(async (tx) => {
        const ended = await revokeWhere(tx, and(eq(s.role, role), eq(s.subjectId, subjectId)), at);
        await writeAudit(tx, at, actor, action, `${role === 'citizen' ? 'beneficiary' : 'caseworker'}:${subjectId}`, {
          sessions: ended.length,
        });
        return ended.length;
      });
    },

    /** Within the caller's unit of work: ends a subject's sessions (a caseworker disabled). */
    revokeAllIn: (tx: Tx, role: Role, subjectIds: number[], at: string) =>
      revokeWhere(
        tx,
        and(eq(tablesOf(tx).sessions.role, role), inArray(tablesOf(tx).sessions.subjectId, subjectIds)),
        at,
      ),
  };
}
export type Sessions = ReturnType<typeof createSessions>;
