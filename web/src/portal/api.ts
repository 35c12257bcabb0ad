import { citizenEndpoints as citizen } from '@ykt/shared';
import { forgetAll, refresh } from '@ykt/shared/swr';
import { createWebApi } from '../api/client';

export { refresh };

/** The PC pages' client: the citizen's session token, the citizen's endpoints. */
const portal = createWebApi('ykt.portal.token');

export const { call, useCall, onSessionExpired } = portal;
export const hasToken = () => portal.token() !== null;

/** The QR login handed this PC its session. */
export function startSession(token: string): void {
  forgetAll();
  portal.setToken(token);
}

/** Revokes the session server-side; the token and everything read with it are dropped here whatever the answer. */
export async function logout(): Promise<void> {
  try {
    if (hasToken()) await call(citizen.logout);
  } finally {
    portal.setToken(null);
    forgetAll();
  }
}

/** The card face feeds the header (name), the badges and every page. */
export const useCard = () => useCall(citizen.myCard);
export const useChangeRequests = () => useCall(citizen.changeRequests);
export const refreshCard = () => refresh(citizen.myCard);
