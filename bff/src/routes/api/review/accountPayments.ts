import { accountPaymentsQuery, idParam, paymentYearPage } from '@ykt/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errors } from './common.ts';

/** 发放记录 of one 一卡通账号 for the caseworker: that account's person and district, within their districts. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { payments } = app.services;

  app.get(
    '/api/review/accounts/:id/payments',
    {
      schema: {
        tags: ['review'],
        summary: '发放记录（账号）',
        description:
          'The payments of the account’s person in the account’s district, one year at a time (default: the latest year with records), optionally one 补贴项目 (`itemCode`). Same shape as GET /api/me/payments; 404 for an account outside the caseworker’s districts.',
        params: idParam,
        querystring: accountPaymentsQuery,
        response: { 200: paymentYearPage, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => payments.ofAccount(req.scope, req.params.id, req.query),
  );
};
export default routes;
