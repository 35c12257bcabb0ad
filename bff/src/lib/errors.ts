import type { ErrorCode } from '@ykt/shared';

/**
 * An error the user is meant to read. Services throw these (no HTTP in them); the error handler answers
 * `{error: {code, message, fields?}}` with the status STATUS_OF gives the code.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

/** The one table of code -> HTTP status, used at the edge only. */
export const STATUS_OF: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  REQUEST_IN_PROGRESS: 409,
  NOT_PENDING: 409,
  BATCH_CONFLICT: 409,
  VALIDATION_RUN_IN_PROGRESS: 409,
  QR_EXPIRED: 410,
  REQUEST_TOO_LARGE: 413,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  BANK_UNAVAILABLE: 503,
  IDENTITY_UNAVAILABLE: 503,
  VALIDATION_RUN_FAILED: 503,
};

export const validationFailed = (fields: Record<string, string>, message = '提交的信息有误，请按提示修改') =>
  new DomainError('VALIDATION_FAILED', message, fields);
export const unauthenticated = (message = '登录已过期，请重新登录') => new DomainError('UNAUTHENTICATED', message);
export const forbidden = (message = '您没有权限进行此操作') => new DomainError('FORBIDDEN', message);
export const notFound = (message = '没有找到相关记录') => new DomainError('NOT_FOUND', message);
export const notPending = (message = '该申请已办结，不能再操作') => new DomainError('NOT_PENDING', message);
export const accountLocked = () => new DomainError('ACCOUNT_LOCKED', '存在渝快办账号变更待审核数据，不允许操作');
export const rateLimited = (message = '操作太频繁，请稍后再试') => new DomainError('RATE_LIMITED', message);
export const bankUnavailable = () =>
  new DomainError('BANK_UNAVAILABLE', '银行系统暂时无法连接，请稍后再试，您填写的信息不会丢失');
export const identityUnavailable = () =>
  new DomainError('IDENTITY_UNAVAILABLE', '人脸识别服务暂时无法连接，请稍后再试');
