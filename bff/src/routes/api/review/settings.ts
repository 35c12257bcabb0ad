import { districtSettingBody, districtSettingList } from '@ykt/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../plugins/app/auth.ts';
import { errors } from './common.ts';

/** 审核时限: how long review usually takes, per district (set by the municipal caseworker; citizens are told). */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { settings } = app.services;

  app.get(
    '/api/review/settings/review-days',
    {
      schema: {
        tags: ['review'],
        summary: '各区县审核时限',
        response: { 200: districtSettingList, ...errors(401, 403) },
      },
    },
    async () => settings.list(),
  );

  app.put(
    '/api/review/settings/review-days/:districtCode',
    {
      schema: {
        tags: ['review'],
        summary: '设置区县审核时限（市级经办人）',
        params: z.object({ districtCode: z.string().regex(/^\d{6}$/, '区县代码应为6位数字') }),
        body: districtSettingBody,
        response: { 200: districtSettingList.shape.items.element, ...errors(400, 401, 403) },
      },
    },
    async (req) => settings.setReviewDays(req.scope, req.params.districtCode, req.body.reviewDays, actorOf(req)),
  );
};
export default routes;
