import {
  creditingFailureBody,
  idParam,
  MAX_BATCH_LINES,
  paymentBatchAnswer,
  paymentBatchBody,
  paymentBatchFields,
  reviewAccount,
} from '@ykt/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { validationFailed } from '../../../lib/errors.ts';
import { requireServiceKey, SERVICE_KEY_HEADER, serviceActor } from '../../../plugins/app/serviceKey.ts';
import { errors } from './common.ts';

/** What the 一卡通 system itself calls, with its service key (caseworker tokens are not accepted here). */
const routes: FastifyPluginAsyncZod = async (app) => {
  // onRequest: the credential is checked before the body is even parsed.
  app.addHook('onRequest', requireServiceKey(app.config.yktServiceKey));
  const { accounts, payments } = app.services;

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

  app.post(
    '/api/review/payment-batches',
    {
      schema: {
        tags: ['review'],
        summary: '发放结果（一卡通系统）',
        description: `For the 一卡通 payment system, with its service key in header \`${SERVICE_KEY_HEADER}\` (as for 上卡失败 reports). One batch: one district, one 补贴项目, one period, 1..${MAX_BATCH_LINES} lines, all or nothing: any bad line answers 400 with \`fields\` naming the lines by their lineNo (\`lines[3].idNumber\`) and nothing is recorded. Idempotent by batchId: the same canonical content (lines in lineNo order) answers the same counts and records nothing new; other content under the same batchId answers 409 BATCH_CONFLICT. A failed line invalidates the account of that person in that district when it is still that number (with failureCode ACCOUNT_CLOSED / ACCOUNT_FROZEN / ACCOUNT_NOT_FOUND every district's account of that person with that number, one notice naming them), in the same transaction; accepted while a 渝快办 change is pending.`,
        body: paymentBatchBody,
        response: { 200: paymentBatchAnswer, ...errors(400, 401, 409, 413) },
      },
      // 10,000 lines of about 200 bytes: well over the app's 64 KB default.
      bodyLimit: 8 * 1024 * 1024,
      // The lines are named by their lineNo in the 400 answer, not by the first segment of the path.
      attachValidation: true,
    },
    async (req) => {
      if (req.validationError) {
        const parsed = paymentBatchBody.safeParse(req.body);
        const fields = parsed.success ? { _: '格式不正确' } : paymentBatchFields(parsed.error.issues, req.body);
        throw validationFailed(fields, '发放批次有误，整批未记录，请按提示修改后重新发送');
      }
      return payments.receiveBatch(req.body, serviceActor(req));
    },
  );
};
export default routes;
