/**
 * The mini-app's one way to call the BFF: the shared client over Taro.request, the session token in Taro
 * storage, 401 -> face login. Changes go through `call`; reads through the hooks of ./reads (SWR), which only
 * the screens that read load, so the login screen ships no data library. Pages never call Taro.request.
 */
import { citizenEndpoints as citizen, createApiClient } from '@ykt/shared';
import { clearSession, getToken, saveSession, sessionEnded } from './session';
import { taroTransport } from './transport';

export { hasSession } from './session';

/** Same origin in the H5 build (the BFF serves /m/ and /api); weapp needs the BFF's absolute URL at build time. */
const API_ORIGIN = YKT_API_BASE.replace(/\/api\/?$/, '');

/** Drops the answers kept by ./reads, once it is loaded (nothing is kept before). */
let forgetReads = () => {};
export function onSessionChange(forget: () => void): void {
  forgetReads = forget;
}

export const { call } = createApiClient({
  transport: taroTransport,
  baseUrl: API_ORIGIN,
  token: getToken,
  onUnauthenticated: () => {
    forgetReads();
    sessionEnded();
  },
});

/** Face login with the host's one-time face token; the session is kept for the next calls. */
export async function faceLogin(faceToken: string) {
  const answer = await call(citizen.faceLogin, { body: { faceToken } });
  forgetReads(); // the next person on this phone must not see the last one's data
  saveSession(answer.token, answer.expiresAt);
  return answer;
}

/** Revokes the session server-side; it is dropped on this phone whatever the answer. */
export async function logout(): Promise<void> {
  try {
    await call(citizen.logout);
  } finally {
    clearSession();
    forgetReads();
  }
}
