import { errorBody } from '@ykt/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Scope } from '../../../services/caseworkers.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in caseworker's districts (set by the caseworker folder's hook). */
    scope: Scope;
  }
}

/** `{status: errorBody}` for the error answers a route documents in the OpenAPI. */
export function errors(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => [s, errorBody])) as Record<number, typeof errorBody>;
}

/**
 * Auth once for the caseworker routes: a live caseworker session (a citizen token answers 403; a caseworker disabled
 * since login, 401), its districts on `req.scope`, and answers never cached (they carry personal data).
 */
export function caseworkerOnly(app: FastifyInstance) {
  const requireCaseworker = app.requireRole('caseworker');
  app.decorateRequest('scope', null as unknown as Scope);
  app.addHook('onRequest', async (req: FastifyRequest) => {
    await requireCaseworker(req);
    req.scope = await app.services.caseworkers.scope(req.session.subjectId);
  });
  app.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
  });
}
