import { districtName, MUNICIPAL_CODE } from '@ykt/shared';
import { and, asc, count, desc, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { ReadDb } from '../db/database.ts';
import { DomainError, forbidden, notFound, rateLimited, unauthenticated } from '../lib/errors.ts';
import { hashPassword, verifyPassword } from '../lib/passwords.ts';
import { addSeconds, iso } from '../lib/time.ts';
import { writeAudit } from './audit.ts';
import type { Actor, ServiceContext } from './context.ts';
import type { SessionRow, Sessions } from './sessions.ts';

type Caseworker = typeof import('../db/pg/schema.ts').caseworkers.$inferSelect;

/** The districts a caseworker may see and act on (domain rule 9): 500000 sees every district. */
export interface Scope {
  caseworkerId: number;
  districtCode: string;
  /** True for the municipal (500000) caseworker. */
  all: boolean;
}

/**
 * Brute force is kept out without handing an outsider a lock on somebody else's account:
 * - from one address, 5 failed logins of one username within 15 minutes refuse that username from that address;
 * - from everywhere together, 20 failures within 15 minutes refuse that username from every address this
 *   caseworker has not logged in from successfully in the last 30 days: their own office PC still gets in.
 */
export const LOGIN_LIMITS = {
  perAddress: 5,
  perUsername: 20,
  windowSeconds: 15 * 60,
  trustedAddressDays: 30,
} as const;

export const caseworkerActorId = (id: number) => `caseworker:${id}`;

export function createCaseworkers(ctx: ServiceContext, sessions: Sessions) {
  const { db, clock, crypto } = ctx;
  const c = db.schema.caseworkers;
  const la = db.schema.loginAttempts;
  // An unknown username is verified against this hash too, so timing does not tell which usernames exist.
  let dummyHash: Promise<string> | undefined;

  const byUsername = async (username: string) =>
    (await db.read.select().from(c).where(eq(c.username, username)).limit(1))[0];
  const byId = async (id: number) => (await db.read.select().from(c).where(eq(c.id, id)).limit(1))[0];

  /**
   * The key attempts are counted under: the caseworker for a known username; for an unknown one a keyed hash of
   * what was typed (people sometimes type an ID number there, which must not be stored in clear).
   */
  const attemptKey = (username: string, cw: Caseworker | undefined) =>
    cw ? caseworkerActorId(cw.id) : `unknown:${crypto.blindIndex(`caseworker-username:${username}`).slice(0, 16)}`;

  /** When this username last logged in successfully (from this address, or from anywhere): a success starts the count afresh. */
  const lastSuccess = async (d: ReadDb, key: string, ip: string | undefined) =>
    (
      await d
        .select({ at: la.at })
        .from(la)
        .where(and(eq(la.usernameKey, key), eq(la.ok, true), ip ? eq(la.ip, ip) : undefined))
        .orderBy(desc(la.at))
        .limit(1)
    )[0]?.at;

  /**
   * Failed attempts of this username (from this address, or from anywhere) since the window began or the last
   * success; attempts still being checked count as failures.
   */
  async function failures(d: ReadDb, key: string, ip: string | undefined, windowStart: string) {
    const success = await lastSuccess(d, key, ip);
    const since = success && success > windowStart ? success : windowStart;
    const [row] = await d
      .select({ n: count() })
      .from(la)
      .where(
        and(
          eq(la.usernameKey, key),
          or(eq(la.ok, false), isNull(la.ok)),
          gt(la.at, since),
          ip ? eq(la.ip, ip) : undefined,
        ),
      );
    return row?.n ?? 0;
  }

  /** Why this attempt is refused before the password is even checked, or undefined. */
  async function refusal(d: ReadDb, key: string, ip: string, now: Date): Promise<'address' | 'username' | undefined> {
    const windowStart = iso(addSeconds(now, -LOGIN_LIMITS.windowSeconds));
    if ((await failures(d, key, ip, windowStart)) >= LOGIN_LIMITS.perAddress) return 'address';
    if ((await failures(d, key, undefined, windowStart)) >= LOGIN_LIMITS.perUsername) {
      // An address this caseworker logged in from successfully in the last 30 days is their own office.
      const trustedSince = iso(addSeconds(now, -LOGIN_LIMITS.trustedAddressDays * 24 * 3600));
      const last = await lastSuccess(d, key, ip);
      if (!last || last <= trustedSince) return 'username';
    }
    return undefined;
  }

  /**
   * Checks the limits and reserves this attempt in one unit of work, serialised per username (on every instance):
   * of parallel guesses only as many as the limit allows ever reach the password check.
   */
  async function reserveAttempt(key: string, ip: string, actor: Actor): Promise<number> {
    const now = clock.now();
    const refused = await db.unitOfWork(async (tx) => {
      await db.lock(tx, `login:${key}`);
      const why = await refusal(tx, key, ip, now);
      if (why) {
        await writeAudit(tx, iso(now), actor, 'auth.caseworker_login_limited', null, { by: why });
        return { why };
      }
      const [row] = await tx
        .insert(la)
        .values({ usernameKey: key, ip, ok: null, at: iso(now) })
        .returning({ id: la.id });
      return { id: row.id };
    });
    if ('why' in refused) throw rateLimited(`登录失败次数过多，请${LOGIN_LIMITS.windowSeconds / 60}分钟后再试`);
    return refused.id;
  }

  const profile = (cw: Caseworker) => ({
    id: cw.id,
    username: cw.username,
    name: cw.name,
    districtCode: cw.districtCode,
    districtName: districtName(cw.districtCode) ?? cw.districtCode,
    disabled: cw.disabledAt !== null,
  });

  async function setDisabled(scope: Scope, id: number, disabled: boolean, actor: Actor) {
    if (!scope.all) throw forbidden('只有市级经办人可以停用或启用经办人账号');
    if (id === scope.caseworkerId) throw forbidden('不能停用自己的账号');
    const at = iso(clock.now());
    return db.unitOfWork(async (tx) => {
      const [cw] = await tx.select().from(c).where(eq(c.id, id)).limit(1);
      if (!cw) throw notFound('没有找到该经办人');
      const [updated] = await tx
        .update(c)
        .set({ disabledAt: disabled ? (cw.disabledAt ?? at) : null })
        .where(eq(c.id, id))
        .returning();
      // Disabling ends every session of that caseworker at once, on every instance (sessions are rows).
      const ended = disabled ? await sessions.revokeAllIn(tx, 'caseworker', [id], at) : [];
      await writeAudit(tx, at, actor, disabled ? 'caseworker.disable' : 'caseworker.enable', caseworkerActorId(id), {
        sessionsEnded: ended.length,
      });
      return profile(updated);
    });
  }

  return {
    profile,

    /** The logged-in caseworker; one removed since login is no longer authenticated. */
    async current(id: number): Promise<Caseworker> {
      const cw = await byId(id);
      if (!cw) throw unauthenticated();
      return cw;
    },

    /** The scope of a logged-in caseworker; one removed or disabled since login is no longer authenticated. */
    async scope(caseworkerId: number): Promise<Scope> {
      const cw = await byId(caseworkerId);
      if (!cw || cw.disabledAt) throw unauthenticated();
      return { caseworkerId: cw.id, districtCode: cw.districtCode, all: cw.districtCode === MUNICIPAL_CODE };
    },

    /** Password login (scrypt) under the limits above; success, failure and refusal are all audited. */
    async login(usernameInput: string, password: string, ip = 'unknown') {
      const username = usernameInput.trim();
      const cw = await byUsername(username);
      const key = attemptKey(username, cw);
      const actor: Actor = { type: 'caseworker', id: key, ip };
      const attemptId = await reserveAttempt(key, ip, actor);

      dummyHash ??= hashPassword('not-a-real-password');
      const ok = (await verifyPassword(password, cw?.passwordHash ?? (await dummyHash))) && cw !== undefined;

      const at = iso(clock.now());
      if (!ok || !cw) {
        await db.unitOfWork(async (tx) => {
          await tx.update(la).set({ ok: false, at }).where(eq(la.id, attemptId));
          await writeAudit(tx, at, actor, 'auth.caseworker_login_failed', null);
        });
        throw unauthenticated('用户名或密码错误');
      }
      if (cw.disabledAt) {
        await db.unitOfWork(async (tx) => {
          await tx.update(la).set({ ok: false, at }).where(eq(la.id, attemptId));
          await writeAudit(tx, at, actor, 'auth.caseworker_login_disabled', caseworkerActorId(cw.id));
        });
        throw new DomainError('FORBIDDEN', '该账号已停用，请联系市级经办人');
      }
      const session = await db.unitOfWork(async (tx) => {
        await tx.update(la).set({ ok: true, at }).where(eq(la.id, attemptId));
        const s = await sessions.open(tx, 'caseworker', cw.id, 'password');
        await writeAudit(tx, at, actor, 'auth.caseworker_login', caseworkerActorId(cw.id));
        return s;
      });
      return { session, caseworker: cw } satisfies { session: SessionRow; caseworker: Caseworker };
    },

    logout: (session: SessionRow, ip?: string) =>
      sessions.revoke(session.id, { type: 'caseworker', id: caseworkerActorId(session.subjectId), ip }),

    /** 经办人账号 (municipal only): everyone, with their state. */
    async list(scope: Scope) {
      if (!scope.all) throw forbidden('只有市级经办人可以管理经办人账号');
      return { items: (await db.read.select().from(c).orderBy(asc(c.districtCode), asc(c.id))).map(profile) };
    },
    disable: (scope: Scope, id: number, actor: Actor) => setDisabled(scope, id, true, actor),
    enable: (scope: Scope, id: number, actor: Actor) => setDisabled(scope, id, false, actor),

    /** Nightly housekeeping: attempts older than the trusted-address window are of no use. */
    async purgeOldAttempts(): Promise<number> {
      const cutoff = iso(addSeconds(clock.now(), -(LOGIN_LIMITS.trustedAddressDays + 1) * 24 * 3600));
      return db.unitOfWork(
        async (tx) => (await tx.delete(la).where(lt(la.at, cutoff)).returning({ id: la.id })).length,
      );
    },
  };
}
export type Caseworkers = ReturnType<typeof createCaseworkers>;
