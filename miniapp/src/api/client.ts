/**
 * The one HTTP client of the mini-app: typed over @ykt/shared, the BFF's error shape
 * `{error: {code, message, fields?}}`, the session token in Taro storage, and 401 -> face login.
 * Pages never call Taro.request themselves.
 */
import Taro from '@tarojs/taro';
import type {
  ChangeRequest,
  ChangeRequestBody,
  ErrorBody,
  FaceLoginAnswer,
  MyCard,
  Notification,
  QrTicketStatus,
} from '@ykt/shared';
import { goToLogin } from '../utils/nav';
import { readString, STORAGE_KEYS, writeString } from '../utils/storage';

/** Same origin in the H5 build (the BFF serves /m/ and /api); weapp needs an absolute URL at build time. */
const API_BASE: string = YKT_API_BASE;
const TIMEOUT_MS = 20_000;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const NETWORK_ERROR_MESSAGE = '网络连接失败，请检查网络后重试';

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return NETWORK_ERROR_MESSAGE;
}

export function getToken(): string {
  const token = readString(STORAGE_KEYS.token);
  const expiresAt = readString(STORAGE_KEYS.tokenExpiresAt);
  if (token && expiresAt && Date.parse(expiresAt) <= Date.now()) {
    clearSession();
    return '';
  }
  return token;
}

export function hasSession(): boolean {
  return getToken() !== '';
}

export function saveSession(token: string, expiresAt: string): void {
  writeString(STORAGE_KEYS.token, token);
  writeString(STORAGE_KEYS.tokenExpiresAt, expiresAt);
}

export function clearSession(): void {
  writeString(STORAGE_KEYS.token, '');
  writeString(STORAGE_KEYS.tokenExpiresAt, '');
}

/** The current page with its query, so face login can bring the person back to it. */
function currentPageUrl(): string | undefined {
  const pages = Taro.getCurrentPages();
  const page = pages[pages.length - 1];
  if (!page?.route) return undefined;
  const route = page.route.startsWith('/') ? page.route : `/${page.route}`;
  const query = Object.entries((page.options ?? {}) as Record<string, string>)
    .filter(([k]) => k !== '$taroTimestamp' && k !== 'stamp')
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
  return query ? `${route}?${query}` : route;
}

interface RequestOptions {
  method?: 'GET' | 'POST';
  data?: unknown;
  /** false for calls that must not send the person to login on 401 (the login call itself). */
  auth?: boolean;
}

let redirecting = false;

export async function request<T>(path: string, { method = 'GET', data, auth = true }: RequestOptions = {}): Promise<T> {
  const header: Record<string, string> = { Accept: 'application/json' };
  const token = auth ? getToken() : '';
  if (token) header.Authorization = `Bearer ${token}`;
  if (method === 'POST') header['Content-Type'] = 'application/json';

  let res: Taro.request.SuccessCallbackResult<TaroGeneral.IAnyObject>;
  try {
    res = await Taro.request({
      url: `${API_BASE}${path}`,
      method,
      // Body-less POSTs still send {} so a JSON content type never meets an empty body.
      data: method === 'POST' ? (data ?? {}) : data,
      header,
      timeout: TIMEOUT_MS,
      dataType: 'json',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_ERROR_MESSAGE);
  }

  const status = res.statusCode;
  if (status >= 200 && status < 300) return res.data as T;

  const body = (res.data ?? {}) as Partial<ErrorBody>;
  const err = body.error;
  const apiError = new ApiError(
    status,
    err?.code ?? `HTTP_${status}`,
    err?.message ?? (status >= 500 ? '服务暂时不可用，请稍后重试' : '请求未能完成，请稍后重试'),
    err?.fields ?? {},
  );
  if (status === 401 && auth) {
    clearSession();
    if (!redirecting) {
      redirecting = true;
      goToLogin({ back: currentPageUrl(), reason: 'expired' });
      setTimeout(() => {
        redirecting = false;
      }, 1000);
    }
  }
  throw apiError;
}

// ---- The citizen's calls (api.md + docs/api-extensions.md) ----

export interface ClientConfig {
  faceMode: 'preview' | 'container';
  identityPreviewUrl: string | null;
  qrLoginBaseUrl: string;
}

export interface QrScanAnswer {
  status: QrTicketStatus;
  target: string;
  expiresAt: string;
}

export interface RevealedAccount {
  maskedAccountNumber: string;
  accountNumber: string;
}

export const api = {
  clientConfig: () => request<ClientConfig>('/client-config', { auth: false }),

  faceLogin: async (faceToken: string) => {
    const answer = await request<FaceLoginAnswer>('/auth/face', { method: 'POST', data: { faceToken }, auth: false });
    saveSession(answer.token, answer.expiresAt);
    return answer;
  },
  logout: async () => {
    try {
      await request<void>('/auth/logout', { method: 'POST', auth: true });
    } finally {
      clearSession();
    }
  },

  myCard: () => request<MyCard>('/me/card'),
  reveal: () => request<{ items: RevealedAccount[] }>('/me/card/reveal'),

  changeRequests: () => request<{ items: ChangeRequest[] }>('/me/change-requests'),
  submitChange: (body: ChangeRequestBody) =>
    request<ChangeRequest>('/me/change-requests', { method: 'POST', data: body }),
  withdraw: (id: number) =>
    request<{ id: number; status: 'withdrawn' }>(`/me/change-requests/${id}/withdraw`, { method: 'POST' }),

  notifications: () => request<{ items: Notification[] }>('/me/notifications'),
  markRead: (id: number) => request<{ id: number; readAt: string }>(`/me/notifications/${id}/read`, { method: 'POST' }),

  qrScan: (ticket: string) =>
    request<QrScanAnswer>(`/auth/qr-tickets/${encodeURIComponent(ticket)}/scan`, { method: 'POST' }),
  qrConfirm: (ticket: string) =>
    request<unknown>(`/auth/qr-tickets/${encodeURIComponent(ticket)}/confirm`, { method: 'POST' }),
  qrCancel: (ticket: string) =>
    request<unknown>(`/auth/qr-tickets/${encodeURIComponent(ticket)}/cancel`, { method: 'POST' }),
};
