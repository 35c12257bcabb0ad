import { caseworkerProfile, idParam } from '@ykt/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../plugins/app/auth.ts';
import { errors } from './common.ts';

/** The caseworker themself (profile, logout, 退出所有设备) and, for the municipal one, everyone's accounts. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { caseworkers, sessions } = app.services;

  app.get(
    '/api/review/me',
    { schema: { tags: ['review'], summary: '当前经办人', response: { 200: caseworkerProfile, ...errors(401, 403) } } },
    async (req) => caseworkers.profile(await caseworkers.current(req.session.subjectId)),
  );

  app.post(
    '/api/review/auth/logout',
    { schema: { tags: ['review'], summary: '经办人退出', response: { 204: z.null(), ...errors(401, 403) } } },
    async (req, reply) => {
      await caseworkers.logout(req.session, req.ip);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/review/auth/logout-all',
    {
      schema: {
        tags: ['review'],
        summary: '退出所有设备',
        response: { 200: z.object({ ended: z.number().int() }), ...errors(401, 403) },
      },
    },
    async (req) => ({ ended: await sessions.revokeAll('caseworker', req.session.subjectId, actorOf(req)) }),
  );

  app.get(
    '/api/review/caseworkers',
    {
      schema: {
        tags: ['review'],
        summary: '经办人账号（市级经办人）',
        response: { 200: z.object({ items: z.array(caseworkerProfile) }), ...errors(401, 403) },
      },
    },
    async (req) => caseworkers.list(req.scope),
  );

  for (const [action, summary] of [
    ['disable', '停用经办人账号（其所有登录立即失效）'],
    ['enable', '启用经办人账号'],
  ] as const) {
    app.post(
      `/api/review/caseworkers/:id/${action}`,
      {
        schema: {
          tags: ['review'],
          summary,
          params: idParam,
          response: { 200: caseworkerProfile, ...errors(401, 403, 404) },
        },
      },
      async (req) => caseworkers[action](req.scope, req.params.id, actorOf(req)),
    );
  }
};
export default routes;
