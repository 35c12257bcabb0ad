import { accountEditBody, accountQuery, idParam, messageBody, reviewAccount, reviewAccountList } from '@ykt/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../../plugins/app/auth.ts';
import { errors, scopeOf } from './common.ts';
import { requireServiceKey, SERVICE_KEY_HEADER, serviceActor } from './serviceKey.ts';

/** 一卡通账号: list with source and lock, counter edit, manual invalidation, and the 一卡通 system's 上卡失败 report. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { accounts } = app.services;
  const caseworker = app.requireRole('caseworker');

  app.get(
    '/api/review/accounts',
    {
      schema: {
        tags: ['review'],
        summary: '一卡通账号查询',
        description: '`locked`: the beneficiary has a pending 渝快办 change, so edit and invalidation answer 423.',
        querystring: accountQuery,
        response: { 200: reviewAccountList, ...errors(400, 401, 403) },
      },
      onRequest: caseworker,
    },
    async (req) => accounts.list(scopeOf(req), req.query),
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
      onRequest: caseworker,
    },
    async (req) => accounts.get(scopeOf(req), req.params.id),
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
      onRequest: caseworker,
    },
    async (req) => accounts.edit(scopeOf(req), req.params.id, req.body, actorOf(req)),
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
      onRequest: caseworker,
    },
    async (req) => accounts.invalidateManually(scopeOf(req), req.params.id, req.body.message, actorOf(req)),
  );

  app.post(
    '/api/review/accounts/:id/crediting-failures',
    {
      schema: {
        tags: ['review'],
        summary: '上卡失败报告（一卡通系统）',
        description: `For the 一卡通 payment system, authenticated by the service credential in header \`${SERVICE_KEY_HEADER}\` (env YKT_SERVICE_KEY; refused when none is configured); caseworker tokens are not accepted. Every district. The account becomes invalid and its owner gets a 系统通知 (kind crediting_failure). Accepted while a 渝快办 change is pending: the failed payment is a fact, and an approved change makes the account valid again.`,
        params: idParam,
        body: messageBody,
        response: { 200: reviewAccount, ...errors(400, 401, 404) },
      },
      // onRequest: the credential is checked before the body is even parsed.
      onRequest: requireServiceKey(app.ctx.config.yktServiceKey),
    },
    async (req) => accounts.reportCreditingFailure(req.params.id, req.body.message, serviceActor(req)),
  );
};
export default routes;
