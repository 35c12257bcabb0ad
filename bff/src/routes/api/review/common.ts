import { errorBody } from '@ykt/shared';
import type { FastifyRequest } from 'fastify';
import type { Scope } from '../../../services/caseworkers.ts';

/** `{status: errorBody}` for the error answers a route documents in the OpenAPI. */
export function errors(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => [s, errorBody])) as Record<number, typeof errorBody>;
}

/** The logged-in caseworker's districts (after requireRole('caseworker')). */
export const scopeOf = (req: FastifyRequest): Scope => req.server.services.caseworkers.scope(req.session.subjectId);
