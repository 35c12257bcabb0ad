import { decisionAnswer, decisionBody, idParam, reviewDetail, reviewList, reviewQuery } from '@ykt/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../../plugins/app/auth.ts';
import { errors, scopeOf } from './common.ts';

/** 账号变更审核: the queue, the detail with before/after, the decision. Only the caller's districts (404 otherwise). */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.requireRole('caseworker'));
  const { review } = app.services;

  app.get(
    '/api/review/change-requests',
    {
      schema: {
        tags: ['review'],
        summary: '变更申请查询',
        description:
          'idNumber: the full 18 characters or the last 4; accountNumber: the full new account number (both are encrypted at rest and matched by blind index). name / applicantName / bankName: contains. showCompleted=false (default): pending only.',
        querystring: reviewQuery,
        response: { 200: reviewList, ...errors(400, 401, 403) },
      },
    },
    async (req) => review.list(scopeOf(req), req.query),
  );

  app.get(
    '/api/review/change-requests/:id',
    {
      schema: {
        tags: ['review'],
        summary: '变更申请详情（变更前 / 变更后）',
        params: idParam,
        response: { 200: reviewDetail, ...errors(401, 403, 404) },
      },
    },
    async (req) => review.detail(scopeOf(req), req.params.id, actorOf(req)),
  );

  app.post(
    '/api/review/change-requests/:id/decision',
    {
      schema: {
        tags: ['review'],
        summary: '审核（通过 / 不通过）',
        description:
          'One transaction. 409 NOT_PENDING when the request is no longer pending (e.g. another caseworker decided first).',
        params: idParam,
        body: decisionBody,
        response: { 200: decisionAnswer, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => review.decide(scopeOf(req), req.params.id, req.body, actorOf(req)),
  );
};
export default routes;
