import { errorBody, faceLoginAnswer, faceLoginBody } from '@ykt/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../plugins/app/auth.ts';

/** Face login (mobile), logout, and 退出所有设备. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { auth, sessions } = app.services;

  app.post(
    '/api/auth/face',
    {
      schema: {
        tags: ['auth'],
        body: faceLoginBody,
        response: { 200: faceLoginAnswer, 401: errorBody, 429: errorBody, 503: errorBody },
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req) => {
      const { session, beneficiary } = await auth.faceLogin(req.body.faceToken, req.ip);
      return { ...app.signSession(session), beneficiary };
    },
  );

  const citizen = { onRequest: app.requireRole('citizen') };
  app.post('/api/auth/logout', { ...citizen, schema: { tags: ['auth'] } }, async (req, reply) => {
    await sessions.revoke(req.session.id, actorOf(req));
    return reply.status(204).send();
  });

  app.post(
    '/api/auth/logout-all',
    {
      ...citizen,
      schema: {
        tags: ['auth'],
        summary: '退出所有设备',
        description: 'Ends every session of the caller (phone and PC), this one included.',
        response: { 200: z.object({ ended: z.number().int() }) },
      },
    },
    async (req) => ({ ended: await sessions.revokeAll('citizen', req.session.subjectId, actorOf(req)) }),
  );
};
export default routes;
