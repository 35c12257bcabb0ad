import { decisionAnswer, decisionBody, idParam, reviewDetail, reviewList, reviewQuery } from '@ykt/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../../plugins/app/auth.ts';
import { errors } from './common.ts';

/** 账号变更审核: the queue, the detail with before/after, the decision. Only the caller's districts (404 otherwise). */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { review } = app.services;

  app.get(
    '/api/review/change-requests',
    {
      schema: {
        tags: ['review'],
        summary: '变更申请查询',
        description:
          'idNumber: the full 18 characters or the last 4; accountNumber: the full new account number (both encrypted at rest, matched by blind index). name / applicantName: the whole name or its beginning. bankName: contains. status: pending (default) | completed (显示完结; also showCompleted=true) | failed (申请失败, read-only). Keyset pages: pass the answer\'s nextCursor as cursor; total is capped (totalExact false: "at least").',
        querystring: reviewQuery,
        response: { 200: reviewList, ...errors(400, 401, 403) },
      },
    },
    async (req) => review.list(req.scope, req.query),
  );

  app.get(
    '/api/review/change-requests/:id',
    {
      schema: {
        tags: ['review'],
        summary: '变更申请详情（变更前 / 变更后，银行验证，渠道）',
        params: idParam,
        response: { 200: reviewDetail, ...errors(401, 403, 404) },
      },
    },
    async (req) => review.detail(req.scope, req.params.id, actorOf(req)),
  );

  app.post(
    '/api/review/change-requests/:id/decision',
    {
      schema: {
        tags: ['review'],
        summary: '审核（通过 / 不通过）',
        description:
          'One transaction, with a 系统通知 to the citizen (and an SMS queued). 409 NOT_PENDING when the request is no longer pending; its message says who decided and when, or that the citizen withdrew it.',
        params: idParam,
        body: decisionBody,
        response: { 200: decisionAnswer, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => review.decide(req.scope, req.params.id, req.body, actorOf(req)),
  );
};
export default routes;
