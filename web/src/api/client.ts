import {
  type AnswerOf,
  type AnyEndpoint,
  type ApiError,
  type Call,
  type CallArgs,
  type CallInput,
  callKey,
  createApiClient,
  fetchTransport,
  isKeyOf,
  retryReads,
} from '@ykt/shared';
import useSWR, { mutate, type SWRConfiguration } from 'swr';

/** The data library's defaults for both web front ends: no refetch on window focus, reads retried (retryReads). */
export const SWR_DEFAULTS: SWRConfiguration = { revalidateOnFocus: false, onErrorRetry: retryReads };

/**
 * The web build's one way to call the BFF: the shared client over fetch, one per front end. `tokenKey` is where
 * that front end keeps its session token (sessionStorage: gone when the browser closes, as a shared PC at a
 * village office needs). Reads go through `useCall` (SWR: cached, deduplicated, retried); changes through `call`.
 */
export function createWebApi(tokenKey: string) {
  const expiredListeners = new Set<() => void>();
  const token = () => sessionStorage.getItem(tokenKey);
  const setToken = (t: string | null) => {
    if (t) sessionStorage.setItem(tokenKey, t);
    else sessionStorage.removeItem(tokenKey);
  };
  const { call } = createApiClient({
    transport: fetchTransport,
    token,
    onUnauthenticated: () => {
      setToken(null);
      forgetAll();
      for (const l of expiredListeners) l();
    },
  });

  return {
    call,
    useCall: readsOf(call),
    token,
    setToken,
    /** Any call that needed the session got 401 (the token is already dropped): back to the login page. */
    onSessionExpired(listener: () => void): () => void {
      expiredListeners.add(listener);
      return () => expiredListeners.delete(listener);
    },
  };
}

/**
 * Reads through `call` as a hook: a read of `endpoint` (none while it is null), kept in SWR's cache under the
 * call's key. Made once per front end, at module scope (createWebApi).
 */
function readsOf(call: Call) {
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

/** Reads every cached answer of these endpoints again (after a change they depend on). */
export function refresh(...endpoints: AnyEndpoint[]): Promise<unknown> {
  return mutate((key) => isKeyOf(key, ...endpoints));
}

/** Drops every kept answer (logout, expiry): the next person at this PC must not see the last one's data. */
export function forgetAll(): void {
  void mutate(() => true, undefined, { revalidate: false });
}
