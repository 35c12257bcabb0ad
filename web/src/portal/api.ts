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

/** 退出所有设备: every session of the person ends (phones and PCs), this one too; dropped here once the server said so. */
export async function logoutAll(): Promise<void> {
  await call(citizen.logoutAll);
  portal.setToken(null);
  forgetAll();
}

/** The 变更卡 draft kept on this PC (localStorage; pages/changeDraft.ts): dropped on logout. */
export function clearDraft(): void {
  try {
    localStorage.removeItem(DRAFT_KEY);
  } catch {
    // Storage blocked: nothing was kept.
  }
}
export const DRAFT_KEY = 'ykt.portal.changeDraft';

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
/** 发放记录 of a year (undefined: the latest year that has any). */
export const usePayments = (year?: number) => useCall(citizen.payments, { query: year ? { year } : {} });
export const refreshCard = () => refresh(citizen.myCard);
