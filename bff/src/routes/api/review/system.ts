import { creditingFailureBody, idParam, reviewAccount } from '@ykt/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireServiceKey, SERVICE_KEY_HEADER, serviceActor } from '../../../plugins/app/serviceKey.ts';
import { errors } from './common.ts';

/** What the 一卡通 system itself calls, with its service key (caseworker tokens are not accepted here). */
const routes: FastifyPluginAsyncZod = async (app) => {
  // onRequest: the credential is checked before the body is even parsed.
  app.addHook('onRequest', requireServiceKey(app.config.yktServiceKey));
  const { accounts } = app.services;

  app.post(
    '/api/review/accounts/:id/crediting-failures',
    {
      schema: {
        tags: ['review'],
        summary: '上卡失败报告（一卡通系统）',
        description: `For the 一卡通 payment system, authenticated by the service credential in header \`${SERVICE_KEY_HEADER}\` (env YKT_SERVICE_KEY; refused when none is configured). Every district. The account becomes invalid and its owner gets a 系统通知 (kind crediting_failure); with failureCode ACCOUNT_CLOSED / ACCOUNT_FROZEN / ACCOUNT_NOT_FOUND every district's account of that person with that number does, with one notice. Accepted while a 渝快办 change is pending: the failed payment is a fact, and an approved change makes the account valid again.`,
        params: idParam,
        body: creditingFailureBody,
        response: { 200: reviewAccount, ...errors(400, 401, 404) },
      },
    },
    async (req) =>
      accounts.reportCreditingFailure(req.params.id, req.body.message, req.body.failureCode, serviceActor(req)),
  );
};
export default routes;
