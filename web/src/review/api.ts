import type {
  auditList,
  caseworkerLoginAnswer,
  caseworkerProfile,
  decisionAnswer,
  reviewAccount,
  reviewAccountList,
  reviewDetail,
  reviewList,
  reviewListItem,
  validationRun,
} from '@ykt/shared';
import { ApiError, createApiClient } from '../api/client';

/** The output type of a shared zod schema, without importing zod here. */
type Out<T extends { _zod: { output: unknown } }> = T['_zod']['output'];

export type CaseworkerProfile = Out<typeof caseworkerProfile>;
export type LoginAnswer = Out<typeof caseworkerLoginAnswer>;
export type ReviewListItem = Out<typeof reviewListItem>;
export type ReviewList = Out<typeof reviewList>;
export type ReviewDetail = Out<typeof reviewDetail>;
export type DecisionAnswer = Out<typeof decisionAnswer>;
export type ReviewAccount = Out<typeof reviewAccount>;
export type ReviewAccountList = Out<typeof reviewAccountList>;
export type AuditList = Out<typeof auditList>;
export type AuditEntry = AuditList['items'][number];
export type ValidationRun = Out<typeof validationRun>;

const TOKEN_KEY = 'ykt.review.token';

/** Called when any answer is 401: the console goes back to the login page. */
let unauthenticatedListener: () => void = () => {};
export function onUnauthenticated(listener: () => void) {
  unauthenticatedListener = listener;
}

export const client = createApiClient(TOKEN_KEY, () => unauthenticatedListener());

/** `?a=1&b=x` from an object, leaving out empty values. */
export function queryString(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null) continue;
    const s = typeof v === 'string' ? v.trim() : String(v);
    if (s !== '') q.set(k, s);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export interface ReviewFilter {
  bankName?: string;
  name?: string;
  idNumber?: string;
  accountNumber?: string;
  applicantName?: string;
  showCompleted?: boolean;
}

export interface AccountFilter {
  name?: string;
  idNumber?: string;
  accountNumber?: string;
  districtCode?: string;
}

export interface AccountEdit {
  cardType?: string;
  bankCode?: string;
  accountNumber?: string;
}

export const api = {
  login: (username: string, password: string) =>
    client.request<LoginAnswer>('POST', '/api/review/auth/login', { username, password }),
  me: () => client.request<CaseworkerProfile>('GET', '/api/review/me'),
  logout: () => client.request<void>('POST', '/api/review/auth/logout'),

  changeRequests: (f: ReviewFilter, page: number, pageSize: number) =>
    client.request<ReviewList>(
      'GET',
      `/api/review/change-requests${queryString({ ...f, showCompleted: f.showCompleted ?? false, page, pageSize })}`,
    ),
  changeRequest: (id: number) => client.request<ReviewDetail>('GET', `/api/review/change-requests/${id}`),
  decide: (id: number, result: 'approved' | 'rejected', opinion: string) =>
    client.request<DecisionAnswer>('POST', `/api/review/change-requests/${id}/decision`, { result, opinion }),

  accounts: (f: AccountFilter, page: number, pageSize: number) =>
    client.request<ReviewAccountList>('GET', `/api/review/accounts${queryString({ ...f, page, pageSize })}`),
  editAccount: (id: number, body: AccountEdit) =>
    client.request<ReviewAccount>('PATCH', `/api/review/accounts/${id}`, body),
  invalidateAccount: (id: number, message: string) =>
    client.request<unknown>('POST', `/api/review/accounts/${id}/invalidate`, { message }),

  audit: (action: string | undefined, page: number, pageSize: number) =>
    client.request<AuditList>('GET', `/api/review/audit${queryString({ action, page, pageSize })}`),

  validationRuns: () => client.request<{ items: ValidationRun[] }>('GET', '/api/review/validation-runs'),
  startValidationRun: () =>
    client.request<{ checked: number; invalidated: number }>('POST', '/api/review/validation-runs'),
};

/**
 * GET /api/review/audit.csv with the bearer token (a plain link cannot send it), then saves it as a file.
 */
export async function downloadAuditCsv(action: string | undefined): Promise<void> {
  const headers: Record<string, string> = {};
  const t = client.token();
  if (t) headers.authorization = `Bearer ${t}`;
  let res: Response;
  try {
    res = await fetch(`/api/review/audit.csv${queryString({ action })}`, { headers });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  if (!res.ok) {
    const data = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    if (res.status === 401) {
      client.setToken(null);
      unauthenticatedListener();
    }
    throw new ApiError(res.status, data?.error?.code ?? 'INTERNAL', data?.error?.message ?? '导出失败，请稍后再试');
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `操作日志-${dateStamp(new Date())}.csv`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function dateStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`;
}

/** The Chinese message of any error, for message.error / Alert. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return '系统繁忙，请稍后再试';
}

export { ApiError };
