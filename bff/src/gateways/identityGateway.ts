/** Client of the identity platform (渝快办 face recognition): exchanges a one-time face token for a person. */
import { parseIdNumber } from '@ykt/shared';
import { z } from 'zod';
import { callJson, expectShape, type GatewayOptions, GatewayUnavailable, pingUpstream } from './http.ts';

export interface VerifiedPerson {
  idNumber: string;
  name: string;
  /** The person's mobile number as the platform knows it (11 digits), for SMS; absent when it has none. */
  mobile?: string;
}
export type FaceCheck = { verified: true; person: VerifiedPerson } | { verified: false; reason: string };

export interface IdentityGateway {
  verifyFaceToken(faceToken: string): Promise<FaceCheck>;
  ping(): Promise<boolean>;
}

export { GatewayUnavailable };

const WHAT = 'identity platform';

/**
 * POST /identity/face-tokens/verify answers. A verified answer must name a person (a valid ID number and a name);
 * a mobile number that is not 11 digits of a mainland mobile is dropped rather than failing the login over it.
 */
const verifyAnswer = z.discriminatedUnion('verified', [
  z.object({
    verified: z.literal(true),
    // A valid GB 11643 number (check digit, birth date, area), or the platform is vouching for nobody.
    idNumber: z.string().refine((id) => parseIdNumber(id).ok),
    name: z.string().trim().min(1).max(50),
    mobile: z
      .string()
      .regex(/^1[3-9]\d{9}$/)
      .optional()
      .catch(undefined),
  }),
  z.object({ verified: z.literal(false), reason: z.string().max(200).optional() }),
]);

export function createIdentityGateway(opts: GatewayOptions): IdentityGateway {
  return {
    async verifyFaceToken(faceToken) {
      const answer = await callJson(opts, WHAT, '/identity/face-tokens/verify', {
        method: 'POST',
        body: { faceToken },
      });
      // The platform refusing the token itself (malformed, unknown) is a bad face token, not the platform being down;
      // 401/403 (our app key refused) and 5xx are ours or theirs to fix, never the citizen's.
      if (answer.status >= 400 && answer.status < 500 && answer.status !== 401 && answer.status !== 403) {
        return { verified: false, reason: `rejected (${answer.status})` };
      }
      if (answer.status < 200 || answer.status > 299) {
        throw new GatewayUnavailable(`${WHAT} answered ${answer.status}`, { reached: true });
      }
      const body = expectShape(verifyAnswer, answer, WHAT);
      if (!body.verified) return { verified: false, reason: body.reason ?? 'unknown' };
      const person: VerifiedPerson = { idNumber: body.idNumber.toUpperCase(), name: body.name };
      if (body.mobile) person.mobile = body.mobile;
      return { verified: true, person };
    },
    ping: () => pingUpstream(opts),
  };
}
