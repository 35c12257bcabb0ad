import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import accounts from './accounts.ts';
import audit from './audit.ts';
import auth from './auth.ts';
import changeRequests from './changeRequests.ts';
import validationRuns from './validationRuns.ts';

/**
 * /api/review/*: the 一卡通 back office (issues 4 and 6). Caseworker routes need a caseworker session (a citizen
 * token answers 403); the 上卡失败 report needs the 一卡通 system's service key instead.
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  await app.register(auth);
  await app.register(changeRequests);
  await app.register(accounts);
  await app.register(validationRuns);
  await app.register(audit);
};
export default routes;
