/** The person's data as the screens read it (SWR over ./client's `call`): cached, deduplicated, retried. */
import { type AnswerOf, type ApiError, citizenEndpoints as citizen, retryReads } from '@ykt/shared';
import { forgetAll, readsOf, refresh } from '@ykt/shared/swr';
import type { SWRResponse } from 'swr';
import { call, onSessionChange } from './client';

onSessionChange(forgetAll);

export const useCall = readsOf(call);

export const useCard = () => useCall(citizen.myCard);
export const useChangeRequests = () => useCall(citizen.changeRequests);
export const useNotifications = () => useCall(citizen.notifications);
/** 发放记录 of a year (undefined: the latest year that has any). */
export const usePayments = (year?: number) =>
  useCall(citizen.payments, { query: year ? { year } : {} }, { onErrorRetry: retryReads });

/** A read as a screen holds it. */
export type Reading<E extends keyof typeof citizen> = SWRResponse<AnswerOf<(typeof citizen)[E]>, ApiError>;

/** Reads the person's card, requests and notifications again (the card page, each time it is shown). */
export const refreshMine = () => refresh(citizen.myCard, citizen.changeRequests, citizen.notifications);
