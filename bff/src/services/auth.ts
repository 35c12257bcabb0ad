import { GatewayUnavailable } from '../gateways/identityGateway.ts';
import { identityUnavailable, unauthenticated } from '../lib/errors.ts';
import { iso } from '../lib/time.ts';
import { writeAudit } from './audit.ts';
import type { Beneficiaries } from './beneficiaries.ts';
import type { ServiceContext } from './context.ts';
import type { Sessions } from './sessions.ts';

/** Face login (mobile): the identity platform vouches for the person; the session and its audit row go together. */
export function createAuth(ctx: ServiceContext, beneficiaries: Beneficiaries, sessions: Sessions) {
  const { db, clock, identity } = ctx;
  return {
    async faceLogin(faceToken: string, ip: string) {
      let check: Awaited<ReturnType<typeof identity.verifyFaceToken>>;
      try {
        check = await identity.verifyFaceToken(faceToken);
      } catch (err) {
        // Out of reach, or an answer we cannot read: never the citizen's fault, and nothing is recorded.
        if (err instanceof GatewayUnavailable) throw identityUnavailable();
        throw err;
      }
      if (!check.verified) throw unauthenticated('人脸识别未通过或已失效，请重新识别');
      const person = check.person;
      const now = iso(clock.now());
      return db.unitOfWork(async (tx) => {
        const beneficiary = await beneficiaries.findOrRegister(tx, person);
        const session = await sessions.open(tx, 'citizen', beneficiary.id, 'face');
        await writeAudit(
          tx,
          now,
          { type: 'citizen', id: `beneficiary:${beneficiary.id}`, ip },
          'auth.face_login',
          null,
        );
        return { session, beneficiary: beneficiaries.masked(beneficiary) };
      });
    },
  };
}
