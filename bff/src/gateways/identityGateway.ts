/** Client of the identity platform (渝快办 face recognition): exchanges a one-time face token for a person. */
export interface VerifiedPerson {
  idNumber: string;
  name: string;
}
export type FaceCheck = { verified: true; person: VerifiedPerson } | { verified: false; reason: string };

export interface IdentityGateway {
  verifyFaceToken(faceToken: string): Promise<FaceCheck>;
  ping(): Promise<boolean>;
}

export class GatewayUnavailable extends Error {}

export function createIdentityGateway(opts: { baseUrl: string; appKey: string; timeoutMs: number }): IdentityGateway {
  const url = (p: string) => new URL(p, opts.baseUrl).toString();
  return {
    async verifyFaceToken(faceToken) {
      let res: Response;
      try {
        res = await fetch(url('/identity/face-tokens/verify'), {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-app-key': opts.appKey },
          body: JSON.stringify({ faceToken }),
          signal: AbortSignal.timeout(opts.timeoutMs),
        });
      } catch {
        throw new GatewayUnavailable('identity platform unreachable');
      }
      // The platform refusing the token itself (malformed, unknown) is a bad face token, not the platform being down;
      // 401/403 (our app key refused) and 5xx are ours or theirs to fix, never the citizen's.
      if (res.status >= 400 && res.status < 500 && res.status !== 401 && res.status !== 403) {
        return { verified: false, reason: `rejected (${res.status})` };
      }
      if (!res.ok) throw new GatewayUnavailable(`identity platform answered ${res.status}`);
      const body = (await res.json()) as { verified: boolean; idNumber?: string; name?: string; reason?: string };
      if (body.verified && body.idNumber && body.name) {
        return { verified: true, person: { idNumber: body.idNumber, name: body.name } };
      }
      return { verified: false, reason: body.reason ?? 'unknown' };
    },
    async ping() {
      try {
        const res = await fetch(url('/healthz'), { signal: AbortSignal.timeout(opts.timeoutMs) });
        return res.ok;
      } catch {
        return false;
      }
    },
  };
}
