/**
 * How a front end moves one request over the wire. The API client (api.ts) builds the request and reads the
 * answer; a transport only sends it: `fetchTransport` in browsers (the PC pages and the console), a
 * Taro.request one in the mini-app (miniapp/src/api/transport.ts).
 */

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT';

export interface TransportRequest {
  method: HttpMethod;
  /** Absolute, or relative to the page's origin. */
  url: string;
  headers: Record<string, string>;
  /** A JSON value to send, or undefined for none; the transport serialises it. */
  body?: unknown;
  /** 'blob' for downloads (a 2xx answer's body is then a Blob); anything else is read as JSON. */
  responseType: 'json' | 'blob';
}

export interface TransportResponse {
  status: number;
  /** The parsed JSON (null when the body was not JSON, undefined for 204), or a Blob for a 2xx blob request. */
  body: unknown;
}

/** Resolves with whatever status the server answered; rejects only when no answer arrived (offline, timeout). */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/** The browsers' transport. */
export const fetchTransport: Transport = async ({ method, url, headers, body, responseType }) => {
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 204) return { status: 204, body: undefined };
  if (res.ok && responseType === 'blob') return { status: res.status, body: await res.blob() };
  return { status: res.status, body: await res.json().catch(() => null) };
};
