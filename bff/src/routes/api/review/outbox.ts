import { outboxList, outboxQuery } from '@ykt/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errors } from './common.ts';

/** 消息发送记录: the SMS / 渝快办 push messages of outcomes and 无效卡, for the municipal caseworker. */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/review/outbox',
    {
      schema: {
        tags: ['review'],
        summary: '消息发送记录（市级经办人）',
        description: 'Newest first, keyset pages (cursor / nextCursor); `status` filters; mobile numbers masked.',
        querystring: outboxQuery,
        response: { 200: outboxList, ...errors(400, 401, 403) },
      },
    },
    async (req) => app.services.outbox.list(req.scope, req.query),
  );
};
export default routes;
