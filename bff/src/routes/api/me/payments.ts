import { errorBody, myPaymentsQuery, paymentYearPage } from '@ykt/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** 发放记录: the citizen's own payments, a year at a time (registered inside /api/me: citizen only, no-store). */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { payments } = app.services;

  app.get(
    '/api/me/payments',
    {
      schema: {
        tags: ['me'],
        summary: '发放记录',
        description:
          'One year of the caller’s own payments, newest first, with the year’s totals (paid lines: totalFen / count; failed lines apart: failedCount / failedFen) and totals per 补贴项目. Without `year`: the latest year that has records (the current year when there are none). `years`: every year with records, newest first. Amounts in 分.',
        querystring: myPaymentsQuery,
        response: { 200: paymentYearPage, 400: errorBody },
      },
    },
    async (req) => payments.ofCitizen(req.session.subjectId, req.query),
  );
};
export default routes;
