import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import accountPayments from './accountPayments.ts';
import accounts from './accounts.ts';
import audit from './audit.ts';
import auth from './auth.ts';
import caseworkers from './caseworkers.ts';
import changeRequests from './changeRequests.ts';
import { caseworkerOnly } from './common.ts';
import outbox from './outbox.ts';
import settings from './settings.ts';
import system from './system.ts';
import validationRuns from './validationRuns.ts';

/**
 * /api/review/*: the 一卡通 back office. Login is anonymous; the 一卡通 system's own calls (上卡失败 reports, payment
 * batches) carry its service key; everything else is for a logged-in caseworker, checked once for the folder.
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  await app.register(auth);
  await app.register(system);
  await app.register(async (caseworker) => {
    caseworkerOnly(caseworker);
    await caseworker.register(changeRequests);
    await caseworker.register(accounts);
    await caseworker.register(accountPayments);
    await caseworker.register(validationRuns);
    await caseworker.register(audit);
    await caseworker.register(caseworkers);
    await caseworker.register(settings);
    await caseworker.register(outbox);
  });
};
export default routes;
