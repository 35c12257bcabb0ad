/**
 * The front ends' glue to their data library, SWR (`@ykt/shared/swr`; the BFF never loads it): reads of the
 * endpoint table as hooks, cached under the call's key, refreshed by endpoint, retried by `retryReads`.
 * Each front end binds it to its own API client once, at module scope: `export const useCall = readsOf(call)`.
 */
import useSWR, { mutate, type SWRConfiguration } from 'swr';
import type { Call, CallArgs, CallInput } from './client/api.ts';
import { callKey, isKeyOf, retryReads } from './client/cache.ts';
import type { AnswerOf, AnyEndpoint } from './client/endpoints.ts';
import type { ApiError } from './client/errors.ts';

/** For <SWRConfig value>: no refetch on window focus (pages refresh when they are shown), reads retried. */
export const SWR_DEFAULTS: SWRConfiguration = { revalidateOnFocus: false, onErrorRetry: retryReads };

/** Reads through `call` as a hook: `useCall(endpoint, input?, config?)`, no read while the endpoint is null. */
export function readsOf(call: Call) {
  return <E extends AnyEndpoint>(
    endpoint: E | null,
    input?: CallInput<E>,
    config?: SWRConfiguration<AnswerOf<E>, ApiError>,
  ) =>
    useSWR<AnswerOf<E>, ApiError>(
      endpoint && callKey(endpoint, input),
      () => call(endpoint as E, ...([input] as CallArgs<E>)),
      config,
    );
}

/** Reads every kept answer of these endpoints again (after a change they depend on). */
export function refresh(...endpoints: AnyEndpoint[]): Promise<unknown> {
  return mutate((key) => isKeyOf(key, ...endpoints));
}

/** Drops every kept answer (login, logout, expiry): the next person must not see the last one's data. */
export function forgetAll(): void {
  void mutate(() => true, undefined, { revalidate: false });
}
