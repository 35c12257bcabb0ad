import { validationRun, validationRunList } from '@ykt/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DomainError, forbidden } from '../../../lib/errors.ts';
import { actorOf } from '../../../plugins/app/auth.ts';
import { errors } from './common.ts';

/** 账户验证: start a run now (municipal caseworker), list the runs (any caseworker). */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { validationRuns } = app.services;

  app.post(
    '/api/review/validation-runs',
    {
      schema: {
        tags: ['review'],
        summary: '立即验证（市级经办人）',
        description:
          'Checks every valid account with the bank now and answers when done. Municipal (500000) caseworker only (403 otherwise). 409 VALIDATION_RUN_IN_PROGRESS while a run is going (on any instance); a run that stopped answers 503 BANK_UNAVAILABLE when the bank failed mid-run, 503 VALIDATION_RUN_FAILED otherwise (recorded as failed; the next run carries on where it stopped).',
        response: { 200: validationRun, ...errors(401, 403, 409, 503) },
      },
    },
    async (req) => {
      if (!req.scope.all) throw forbidden('账户验证覆盖全市账号，只有市级经办人可以启动');
      const run = await validationRuns.start('manual', actorOf(req));
      if (run.status !== 'failed') return run;
      const done = `已检查${run.checked}个账号，${run.invalidated}个设为无效，下次验证将从中断处继续`;
      throw run.errorCode === 'BANK_UNAVAILABLE'
        ? new DomainError('BANK_UNAVAILABLE', `银行系统暂时无法连接，本次验证已中断（${done}）`)
        : new DomainError('VALIDATION_RUN_FAILED', `本次验证未能完成（${done}）`);
    },
  );

  app.get(
    '/api/review/validation-runs',
    {
      schema: { tags: ['review'], summary: '账户验证记录', response: { 200: validationRunList, ...errors(401, 403) } },
    },
    async () => validationRuns.list(),
  );
};
export default routes;
