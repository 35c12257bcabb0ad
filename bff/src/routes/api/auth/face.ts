import { errorBody, faceLoginAnswer, faceLoginBody } from '@ykt/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { GatewayUnavailable } from '../../../gateways/identityGateway.ts';
import { AppError, unauthenticated } from '../../../lib/errors.ts';
import { iso } from '../../../lib/time.ts';
import { actorOf } from '../../../plugins/app/auth.ts';
import { writeAudit } from '../../../services/audit.ts';

/** Face login (mobile) and logout. */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/auth/face',
    {
      schema: {
        tags: ['auth'],
        body: faceLoginBody,
        response: { 200: faceLoginAnswer, 401: errorBody, 503: errorBody },
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req) => {
      let check: Awaited<ReturnType<typeof app.ctx.identity.verifyFaceToken>>;
      try {
        check = await app.ctx.identity.verifyFaceToken(req.body.faceToken);
      } catch (err) {
        if (err instanceof GatewayUnavailable) {
          throw new AppError(503, 'IDENTITY_UNAVAILABLE', '人脸识别服务暂时无法连接，请稍后再试');
        }
        throw err;
      }
      if (!check.verified) throw unauthenticated('人脸识别未通过或已失效，请重新识别');
      const { beneficiaries, sessions } = app.services;
      const now = iso(app.ctx.clock.now());
      const { session, beneficiary } = app.ctx.db.transaction((tx) => {
        const beneficiary = beneficiaries.findOrRegister(tx, check.person);
        const session = sessions.open(tx, 'citizen', beneficiary.id, 'face');
        writeAudit(
          tx,
          now,
          { type: 'citizen', id: `beneficiary:${beneficiary.id}`, ip: req.ip },
          'auth.face_login',
          null,
        );
        return { session, beneficiary };
      });
      return { ...app.signSession(session), beneficiary: beneficiaries.masked(beneficiary) };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'] }, onRequest: app.requireRole('citizen') },
    async (req, reply) => {
      app.services.sessions.revoke(req.session.id, actorOf(req));
      return reply.status(204).send();
    },
  );
};
export default routes;
