import {
  changeRequest,
  changeRequestBody,
  changeRequestList,
  changeRequestListQuery,
  errorBody,
  idParam,
  myCard,
  notificationList,
  notificationRead,
  revealedAccounts,
  withdrawAnswer,
} from '@ykt/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../../lib/errors.ts';
import { actorOf } from '../../../plugins/app/auth.ts';
import payments from './payments.ts';

/** The citizen's own things: card, requests, notifications. Auth once for the folder; thin: parse -> service. */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.requireRole('citizen'));
  // Personal answers are never kept by a browser, a proxy or the container's web view.
  app.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
  });
  const { beneficiaries, changeRequests } = app.services;
  const me = (req: { session: { subjectId: number } }) => req.session.subjectId;

  app.get('/api/me/card', { schema: { tags: ['me'], response: { 200: myCard, 404: errorBody } } }, async (req) => {
    const card = await beneficiaries.card(me(req));
    if (!card) throw notFound();
    return card;
  });

  app.get('/api/me/card/reveal', { schema: { tags: ['me'], response: { 200: revealedAccounts } } }, async (req) =>
    beneficiaries.reveal(me(req)),
  );

  app.get(
    '/api/me/change-requests',
    { schema: { tags: ['me'], querystring: changeRequestListQuery, response: { 200: changeRequestList } } },
    async (req) => changeRequests.list(me(req), req.query),
  );

  app.post(
    '/api/me/change-requests',
    {
      schema: {
        tags: ['me'],
        body: changeRequestBody,
        response: { 201: changeRequest, 400: errorBody, 409: errorBody, 429: errorBody, 503: errorBody },
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const channel = req.headers['x-ykt-channel'] === 'pc' ? 'pc' : 'mobile';
      return reply.status(201).send(await changeRequests.submit(me(req), req.body, channel, actorOf(req)));
    },
  );

  app.post(
    '/api/me/change-requests/:id/withdraw',
    { schema: { tags: ['me'], params: idParam, response: { 200: withdrawAnswer, 404: errorBody, 409: errorBody } } },
    async (req) => changeRequests.withdraw(me(req), req.params.id, actorOf(req)),
  );

  app.get('/api/me/notifications', { schema: { tags: ['me'], response: { 200: notificationList } } }, async (req) =>
    beneficiaries.notifications(me(req)),
  );

  app.post(
    '/api/me/notifications/:id/read',
    {
      schema: {
        tags: ['me'],
        params: idParam,
        response: { 200: notificationRead, 404: errorBody },
      },
    },
    async (req) => {
      const read = await beneficiaries.markNotificationRead(me(req), req.params.id);
      if (!read) throw notFound('没有找到这条通知');
      return read;
    },
  );

  // 发放记录: its own file, under this folder's citizen check and no-store header.
  await app.register(payments);
};
export default routes;
