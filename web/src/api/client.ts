import { createApiClient, fetchTransport } from '@ykt/shared';
import { forgetAll, readsOf } from '@ykt/shared/swr';

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
