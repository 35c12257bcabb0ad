import { caseworkerLoginAnswer, caseworkerLoginBody } from '@ykt/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { LOGIN_LIMITS } from '../../../services/caseworkers.ts';
import { errors } from './common.ts';

/** Caseworker login (password, scrypt). */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { caseworkers } = app.services;
  app.post(
    '/api/review/auth/login',
    {
      schema: {
        tags: ['review'],
        summary: '经办人登录',
        description: `${LOGIN_LIMITS.perAddress} failed logins of one username from one address within ${LOGIN_LIMITS.windowSeconds / 60} minutes refuse that username from that address (429); ${LOGIN_LIMITS.perUsername} from everywhere refuse it from addresses the caseworker has not used successfully in ${LOGIN_LIMITS.trustedAddressDays} days. A disabled caseworker gets 403.`,
        body: caseworkerLoginBody,
        response: { 200: caseworkerLoginAnswer, ...errors(400, 401, 403, 429) },
      },
      // Per address, on top of the limits on failed logins.
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req) => {
      const { session, caseworker } = await caseworkers.login(req.body.username, req.body.password, req.ip);
      return { ...app.signSession(session), caseworker: caseworkers.profile(caseworker) };
    },
  );
};
export default routes;
