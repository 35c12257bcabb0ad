/**
 * One error type for every front end: the BFF's `{error: {code, message, fields?}}` (api.md "Errors"), or no
 * answer at all (status 0, code NETWORK). Messages are Chinese and meant for the person reading the screen.
 */
import type { ErrorCode } from '../schemas/errors.ts';

export const NETWORK_ERROR_MESSAGE = '网络连接失败，请检查网络后重试';
/** For anything that is neither an answer of the BFF nor a failed connection (a bug, a broken answer). */
export const UNEXPECTED_ERROR_MESSAGE = '系统繁忙，请稍后再试';

/** The codes of the contract, plus NETWORK (no answer) and HTTP_<status> (an answer without an error body). */
export type ApiErrorCode = ErrorCode | 'NETWORK' | `HTTP_${number}`;

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when no answer arrived. */
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    /** Field -> message, for 400 VALIDATION_FAILED. */
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function networkError(): ApiError {
  return new ApiError(0, 'NETWORK', NETWORK_ERROR_MESSAGE);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The error an answer with a non-2xx `status` and (parsed JSON) `body` stands for. */
export function parseApiError(status: number, body: unknown): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  const code =
    typeof error.code === 'string' && error.code ? (error.code as ApiErrorCode) : (`HTTP_${status}` as const);
  const message =
    typeof error.message === 'string' && error.message
      ? error.message
      : status >= 500
        ? '服务暂时不可用，请稍后重试'
        : '请求未能完成，请稍后重试';
  const fields: Record<string, string> = {};
  if (isRecord(error.fields)) {
    for (const [k, v] of Object.entries(error.fields)) if (typeof v === 'string') fields[k] = v;
  }
  return new ApiError(status, code, message, fields);
}

/** True for an ApiError, of `code` when one is given. */
export function isApiError(e: unknown, code?: ApiErrorCode): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}

/** The words to show for any error. */
export function errorMessage(e: unknown): string {
  return e instanceof ApiError ? e.message : UNEXPECTED_ERROR_MESSAGE;
}
