import { caseworkerLoginAnswer, caseworkerLoginBody, caseworkerProfile } from '@ykt/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { unauthenticated } from '../../../lib/errors.ts';
import { errors } from './common.ts';

/** Caseworker login (password, scrypt), logout and profile. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { caseworkers } = app.services;

  app.post(
    '/api/review/auth/login',
    {
      schema: {
        tags: ['review'],
        summary: '经办人登录',
        description:
          '5 failed logins per username within 15 minutes: further attempts answer 429 until the window has passed.',
        body: caseworkerLoginBody,
        response: { 200: caseworkerLoginAnswer, ...errors(400, 401, 429) },
      },
      // Per address, on top of the per-username limit of failed logins.
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req) => {
      const { session, caseworker } = await caseworkers.login(req.body.username, req.body.password, req.ip);
      return { ...app.signSession(session), caseworker: caseworkers.profile(caseworker) };
    },
  );

  app.post(
    '/api/review/auth/logout',
    {
      schema: {
        tags: ['review'],
        summary: '经办人退出',
        response: { 204: z.null().describe('signed out'), ...errors(401, 403) },
      },
      onRequest: app.requireRole('caseworker'),
    },
    async (req, reply) => {
      caseworkers.logout(req.session, req.ip);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/review/me',
    {
      schema: { tags: ['review'], summary: '当前经办人', response: { 200: caseworkerProfile, ...errors(401, 403) } },
      onRequest: app.requireRole('caseworker'),
    },
    async (req) => {
      const cw = caseworkers.byId(req.session.subjectId);
      if (!cw) throw unauthenticated();
      return caseworkers.profile(cw);
    },
  );
};
export default routes;
