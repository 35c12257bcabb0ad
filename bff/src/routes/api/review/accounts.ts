import { accountEditBody, accountQuery, idParam, messageBody, reviewAccount, reviewAccountList } from '@ykt/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../../plugins/app/auth.ts';
import { errors } from './common.ts';

/** 一卡通账号: list with source and lock, counter edit, manual invalidation. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { accounts } = app.services;

  app.get(
    '/api/review/accounts',
    {
      schema: {
        tags: ['review'],
        summary: '一卡通账号查询',
        description:
          '`locked`: the beneficiary has a pending 渝快办 change (`lockedByRequestId`), so edit and invalidation answer 423. name: the whole name or its beginning. Keyset pages (cursor / nextCursor), capped total.',
        querystring: accountQuery,
        response: { 200: reviewAccountList, ...errors(400, 401, 403) },
      },
    },
    async (req) => accounts.list(req.scope, req.query),
  );

  app.get(
    '/api/review/accounts/:id',
    {
      schema: {
        tags: ['review'],
        summary: '一卡通账号',
        params: idParam,
        response: { 200: reviewAccount, ...errors(401, 403, 404) },
      },
    },
    async (req) => accounts.get(req.scope, req.params.id),
  );

  app.patch(
    '/api/review/accounts/:id',
    {
      schema: {
        tags: ['review'],
        summary: '柜台变更账号',
        description:
          'Validated with the shared rules; source becomes 一卡通系统; a new number or bank makes the account valid again. 423 while locked.',
        params: idParam,
        body: accountEditBody,
        response: { 200: reviewAccount, ...errors(400, 401, 403, 404, 423) },
      },
    },
    async (req) => accounts.edit(req.scope, req.params.id, req.body, actorOf(req)),
  );

  app.post(
    '/api/review/accounts/:id/invalidate',
    {
      schema: {
        tags: ['review'],
        summary: '人工验证：设为无效',
        description:
          'The account becomes invalid and its owner gets a 系统通知 (kind manual_validation). 423 while locked.',
        params: idParam,
        body: messageBody,
        response: { 200: reviewAccount, ...errors(400, 401, 403, 404, 423) },
      },
    },
    async (req) => accounts.invalidateManually(req.scope, req.params.id, req.body.message, actorOf(req)),
  );
};
export default routes;
