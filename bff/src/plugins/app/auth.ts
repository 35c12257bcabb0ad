import jwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { forbidden, unauthenticated } from '../../lib/errors.ts';
import type { Actor } from '../../services/index.ts';
import type { Role, SessionRow } from '../../services/sessions.ts';

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sid: string; role: Role };
    user: { sid: string; role: Role };
  }
}
declare module 'fastify' {
  interface FastifyRequest {
    session: SessionRow;
  }
  interface FastifyInstance {
    /** onRequest hook: a valid JWT whose server-side session is live and of this role. */
    requireRole(role: Role): (req: FastifyRequest) => Promise<void>;
    signSession(session: SessionRow): { token: string; expiresAt: string };
  }
}

/** The actor of the audit trail for this request. */
export const actorOf = (req: FastifyRequest): Actor => ({
  type: req.session.role,
  id: req.session.role === 'citizen' ? `beneficiary:${req.session.subjectId}` : `caseworker:${req.session.subjectId}`,
  ip: req.ip,
});

/** Sessions are server-side rows; the JWT carries only the session id, so logout and expiry hold on every instance. */
export default fp(
  async (app: FastifyInstance) => {
    // Verified tokens are cached (fast-jwt's LRU, keyed by a hash of the token): the session row is still checked on
    // every request, so a logout or a disabled caseworker takes effect at once.
    await app.register(jwt, {
      secret: app.config.jwtSecret,
      sign: { algorithm: 'HS256' },
      verify: { cache: 10_000 },
    });
    app.decorateRequest('session', null as unknown as SessionRow);

    // The session row is the authority on expiry; the JWT's own exp just mirrors it (on the service's clock).
    app.decorate('signSession', (session: SessionRow) => ({
      token: app.jwt.sign(
        { sid: session.id, role: session.role },
        { expiresIn: Math.max(1, Math.round((Date.parse(session.expiresAt) - app.clock.now().getTime()) / 1000)) },
      ),
      expiresAt: session.expiresAt,
    }));

    app.decorate('requireRole', (role: Role) => async (req: FastifyRequest) => {
      try {
        await req.jwtVerify();
      } catch {
        throw unauthenticated();
      }
      const session = await app.services.sessions.active(req.user.sid);
      if (!session) throw unauthenticated();
      // A caseworker token on a citizen route (or the reverse) is a valid login with the wrong role.
      if (session.role !== role) throw forbidden();
      req.session = session;
    });
  },
  { name: 'auth', dependencies: ['config', 'services'] },
);
