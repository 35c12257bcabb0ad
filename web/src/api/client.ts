import type { ErrorBody } from '@ykt/shared';

/** An error answer of the BFF, with its Chinese message and the bad fields (api.md "Errors"). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Extra headers for one call (e.g. the PC login poll's `x-qr-secret`, api-extensions.md). */
export interface RequestOptions {
  headers?: Record<string, string>;
}

export interface ApiClient {
  request<T>(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<T>;
}

/**
 * One fetch wrapper per front end; `tokenKey` is where that front end keeps its session token
 * (sessionStorage: it is gone when the browser closes, as a shared PC at a village office needs).
 */
export function createApiClient(
  tokenKey: string,
  onUnauthenticated: () => void,
): ApiClient & {
  token(): string | null;
  setToken(token: string | null): void;
} {
  const token = () => sessionStorage.getItem(tokenKey);
  const setToken = (t: string | null) =>
    t ? sessionStorage.setItem(tokenKey, t) : sessionStorage.removeItem(tokenKey);
  async function request<T>(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    const headers: Record<string, string> = { ...options?.headers };
    const t = token();
    if (t) headers.authorization = `Bearer ${t}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
    }
    if (res.status === 204) return undefined as T;
    const data = await res.json().catch(() => null);
    if (!res.ok) {
      const err = (data as ErrorBody | null)?.error;
      if (res.status === 401) {
        setToken(null);
        onUnauthenticated();
      }
      throw new ApiError(res.status, err?.code ?? 'INTERNAL', err?.message ?? '系统繁忙，请稍后再试', err?.fields);
    }
    return data as T;
  }
  return { request, token, setToken };
}
