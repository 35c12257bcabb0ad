/**
 * What the front ends' data library (SWR) needs from the client core: a cache key per call, a test that a key
 * belongs to an endpoint (to refresh everything of one endpoint after a change), and when to try a failed read
 * again. Typed structurally, so shared does not depend on the library.
 */
import type { AnyEndpoint } from './endpoints.ts';
import { ApiError } from './errors.ts';

/** The cache key of a read: the endpoint and the params and query it was called with (not the headers). */
export function callKey(endpoint: AnyEndpoint, input?: { params?: unknown; query?: unknown }): readonly unknown[] {
  return [endpoint.method, endpoint.path, input?.params ?? null, input?.query ?? null];
}

/** True when `key` (as SWR hands it to a matcher) is a callKey of one of `endpoints`. */
export function isKeyOf(key: unknown, ...endpoints: AnyEndpoint[]): boolean {
  return Array.isArray(key) && endpoints.some((e) => key[0] === e.method && key[1] === e.path);
}

export const READ_RETRIES = 2;

/**
 * When to read again after `error`, or undefined not to: no answer, or a server fault other than the bank's
 * (which a retry right away does not cure), up to READ_RETRIES times after 1 s, then 2 s. A 4xx is an answer.
 */
export function retryDelay(error: unknown, retryCount: number): number | undefined {
  if (!(error instanceof ApiError) || retryCount > READ_RETRIES) return undefined;
  const transient = error.status === 0 || (error.status >= 500 && error.code !== 'BANK_UNAVAILABLE');
  return transient ? 1000 * 2 ** (retryCount - 1) : undefined;
}

/** SWR's `onErrorRetry` over retryDelay. */
export function retryReads(
  error: unknown,
  _key: unknown,
  _config: unknown,
  revalidate: (opts: { retryCount: number }) => unknown,
  { retryCount }: { retryCount: number },
): void {
  const delay = retryDelay(error, retryCount);
  if (delay !== undefined) setTimeout(() => revalidate({ retryCount }), delay);
}
