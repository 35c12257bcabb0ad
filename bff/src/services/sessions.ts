import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { schema } from '../db/index.ts';
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

/** Server-side sessions: the JWT carries only the session id, so logout and expiry are real. */
export function createSessions(ctx: ServiceContext) {
  const { db, clock, config } = ctx;
  const s = schema.sessions;
  const findActive = db
    .select()
    .from(s)
    .where(and(eq(s.id, sql.placeholder('id')), isNull(s.revokedAt), gt(s.expiresAt, sql.placeholder('now'))))
    .prepare();

  return {
    /** Inserts the row; call inside the caller's transaction when other rows go with it. */
    open(
      tx: Pick<typeof db, 'insert'>,
      role: Role,
      subjectId: number,
      channel: 'face' | 'qr' | 'password',
    ): SessionRow {
      const now = clock.now();
      const row = {
        id: randomBytes(18).toString('base64url'),
        role,
        subjectId,
        channel,
        createdAt: iso(now),
        expiresAt: iso(addSeconds(now, config.sessionTtlSeconds)),
      };
      tx.insert(schema.sessions).values(row).run();
      return row;
    },
    active(id: string): SessionRow | undefined {
      return findActive.get({ id, now: iso(clock.now()) }) as SessionRow | undefined;
    },
    /** Nightly housekeeping: sessions that ended more than a day ago are of no use to anyone. */
    purgeExpired(): number {
      const dayAgo = iso(addSeconds(clock.now(), -24 * 3600));
      return db.delete(s).where(lt(s.expiresAt, dayAgo)).run().changes;
    },
    /** Logout: the session ends and the audit says so, in one transaction. */
    revoke(id: string, actor: Actor) {
      const at = iso(clock.now());
      db.transaction((tx) => {
        tx.update(s)
          .set({ revokedAt: at })
          .where(and(eq(s.id, id), isNull(s.revokedAt)))
          .run();
        writeAudit(tx, at, actor, 'auth.logout', null);
      });
    },
  };
}
export type Sessions = ReturnType<typeof createSessions>;
