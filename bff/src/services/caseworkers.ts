import { districtName, MUNICIPAL_CODE } from '@ykt/shared';
import { and, count, desc, eq, gt } from 'drizzle-orm';
import { schema } from '../db/index.ts';
import { rateLimited, unauthenticated } from '../lib/errors.ts';
import { hashPassword, verifyPassword } from '../lib/passwords.ts';
import { addSeconds, iso } from '../lib/time.ts';
import { writeAudit } from './audit.ts';
import type { Actor, ServiceContext } from './context.ts';
import type { SessionRow, Sessions } from './sessions.ts';

type Caseworker = typeof schema.caseworkers.$inferSelect;

/** The districts a caseworker may see and act on (domain rule 9): 500000 sees every district. */
export interface Scope {
  caseworkerId: number;
  districtCode: string;
  /** True for the municipal (500000) caseworker. */
  all: boolean;
}

/** Failed logins allowed per username within the window; the next attempt answers 429 until the window passes. */
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_SECONDS = 15 * 60;

const LOGIN_OK = 'auth.caseworker_login';
const LOGIN_FAILED = 'auth.caseworker_login_failed';
const LOGIN_LIMITED = 'auth.caseworker_login_limited';

export const caseworkerActorId = (id: number) => `caseworker:${id}`;

export function createCaseworkers(ctx: ServiceContext, sessions: Sessions) {
  const { db, clock, crypto } = ctx;
  const c = schema.caseworkers;
  const a = schema.auditLog;
  // Failed attempts still being verified (scrypt is async): counted too, so parallel guesses cannot slip past the limit.
  const inFlight = new Map<string, number>();
  // An unknown username is verified against this hash too, so timing does not tell which usernames exist.
  let dummyHash: Promise<string> | undefined;

  const byUsername = (username: string) => db.select().from(c).where(eq(c.username, username)).get();
  const byId = (id: number) => db.select().from(c).where(eq(c.id, id)).get();

  /**
   * The key failures are counted under: the caseworker for a known username; for an unknown one a blind index of
   * what was typed (people sometimes type an ID number there, which must not land in the audit log in clear).
   */
  const attemptKey = (username: string, cw: Caseworker | undefined) =>
    cw ? caseworkerActorId(cw.id) : `unknown:${crypto.blindIndex(`caseworker-username:${username}`).slice(0, 16)}`;

  function recentFailures(key: string, now: Date): number {
    const windowStart = iso(addSeconds(now, -LOGIN_WINDOW_SECONDS));
    const lastOk = db
      .select({ at: a.at })
      .from(a)
      .where(and(eq(a.action, LOGIN_OK), eq(a.actor, key)))
      .orderBy(desc(a.at))
      .limit(1)
      .get();
    // A successful login starts the count afresh.
    const since = lastOk && lastOk.at > windowStart ? lastOk.at : windowStart;
    const row = db
      .select({ n: count() })
      .from(a)
      .where(and(eq(a.action, LOGIN_FAILED), eq(a.actor, key), gt(a.at, since)))
      .get();
    return row?.n ?? 0;
  }

  const profile = (cw: Caseworker) => ({
    name: cw.name,
    districtCode: cw.districtCode,
    districtName: districtName(cw.districtCode) ?? cw.districtCode,
  });

  return {
    byId,
    profile,

    /** The scope of a logged-in caseworker; a caseworker removed since login is no longer authenticated. */
    scope(caseworkerId: number): Scope {
      const cw = byId(caseworkerId);
      if (!cw) throw unauthenticated();
      return { caseworkerId: cw.id, districtCode: cw.districtCode, all: cw.districtCode === MUNICIPAL_CODE };
    },

    /**
     * Password login (scrypt). 5 failures per username within 15 minutes: further attempts answer 429 until the
     * window has passed, even with the right password. Success, failure and refusal are all audited.
     */
    async login(
      usernameInput: string,
      password: string,
      ip?: string,
    ): Promise<{ session: SessionRow; caseworker: Caseworker }> {
      const username = usernameInput.trim();
      const cw = byUsername(username);
      const key = attemptKey(username, cw);
      const actor: Actor = { type: 'caseworker', id: key, ip };
      const now = clock.now();

      if (recentFailures(key, now) + (inFlight.get(key) ?? 0) >= LOGIN_MAX_FAILURES) {
        writeAudit(db, iso(now), actor, LOGIN_LIMITED, null);
        throw rateLimited(`登录失败次数过多，请${LOGIN_WINDOW_SECONDS / 60}分钟后再试`);
      }

      inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
      let ok: boolean;
      try {
        dummyHash ??= hashPassword('not-a-real-password');
        const verified = await verifyPassword(password, cw?.passwordHash ?? (await dummyHash));
        ok = verified && cw !== undefined;
      } finally {
        const left = (inFlight.get(key) ?? 1) - 1;
        if (left > 0) inFlight.set(key, left);
        else inFlight.delete(key);
      }

      const at = iso(clock.now());
      if (!ok || !cw) {
        writeAudit(db, at, actor, LOGIN_FAILED, null);
        throw unauthenticated('用户名或密码错误');
      }
      const session = db.transaction((tx) => {
        const s = sessions.open(tx, 'caseworker', cw.id, 'password');
        writeAudit(tx, at, actor, LOGIN_OK, `caseworker:${cw.id}`);
        return s;
      });
      return { session, caseworker: cw };
    },

    logout(session: SessionRow, ip?: string) {
      sessions.revoke(session.id, { type: 'caseworker', id: caseworkerActorId(session.subjectId), ip });
    },
  };
}
export type Caseworkers = ReturnType<typeof createCaseworkers>;
