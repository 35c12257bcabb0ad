/**
 * The one way a front end calls the BFF: `call(endpoint, input)` over a transport, with the session token, the
 * contract's error shape turned into ApiError, and a 401 reported once to the front end (which sends the person
 * to log in again). Each front end creates one client (miniapp/src/api, web/src/api).
 */
import type { AnswerOf, AnyEndpoint, BodyOf, None, ParamsOf, QueryOf } from './endpoints.ts';
import { fillPath, queryString } from './endpoints.ts';
import { type ApiError, networkError, parseApiError } from './errors.ts';
import type { Transport, TransportResponse } from './transport.ts';

type Part<K extends string, T, Optional extends boolean> = [T] extends [None]
  ? { [P in K]?: never }
  : Optional extends true
    ? { [P in K]?: T }
    : { [P in K]: T };

/** What one call sends besides the endpoint: path params, query and body as the endpoint types them. */
export type CallInput<E extends AnyEndpoint> = Part<'params', ParamsOf<E>, false> &
  Part<'query', QueryOf<E>, true> &
  Part<'body', BodyOf<E>, false> & {
    /** Extra headers of this call (e.g. `x-qr-secret`, `x-ykt-channel`). */
    headers?: Record<string, string>;
  };

type NeedsInput<E extends AnyEndpoint> = [ParamsOf<E>] extends [None]
  ? [BodyOf<E>] extends [None]
    ? false
    : true
  : true;
export type CallArgs<E extends AnyEndpoint> =
  NeedsInput<E> extends true ? [input: CallInput<E>] : [input?: CallInput<E>];

export interface ApiClientOptions {
  transport: Transport;
  /** Prefix of the endpoints' paths: '' on the BFF's own origin, else e.g. 'https://ykt.example.cn'. */
  baseUrl?: string;
  /** The session token to send, if any. */
  token(): string | null | undefined;
  /** A call that needed the session got 401: the session is over. */
  onUnauthenticated?(error: ApiError): void;
}

export type Call = <E extends AnyEndpoint>(endpoint: E, ...args: CallArgs<E>) => Promise<AnswerOf<E>>;

export function createApiClient({ transport, baseUrl = '', token, onUnauthenticated }: ApiClientOptions): {
  call: Call;
} {
  async function call<E extends AnyEndpoint>(endpoint: E, ...[input]: CallArgs<E>): Promise<AnswerOf<E>> {
    const {
      params,
      query,
      body,
      headers: extra,
    } = (input ?? {}) as {
      params?: Record<string, string | number>;
      query?: Record<string, unknown>;
      body?: unknown;
      headers?: Record<string, string>;
    };
    const headers: Record<string, string> = { accept: 'application/json', ...extra };
    const t = endpoint.auth ? token() : undefined;
    if (t) headers.authorization = `Bearer ${t}`;
    if (body !== undefined) headers['content-type'] = 'application/json';

    let res: TransportResponse;
    try {
      res = await transport({
        method: endpoint.method,
        url: `${baseUrl}${fillPath(endpoint.path, params)}${queryString(query)}`,
        headers,
        body,
        responseType: endpoint.responseType,
      });
    } catch {
      throw networkError();
    }
    if (res.status >= 200 && res.status < 300) return res.body as AnswerOf<E>;
    const error = parseApiError(res.status, res.body);
    if (res.status === 401 && endpoint.auth) onUnauthenticated?.(error);
    throw error;
  }
  return { call };
}
