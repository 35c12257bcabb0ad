import type { ErrorCode } from '@ykt/shared';

/** An error the user is meant to read: becomes `{error: {code, message, fields?}}` with its status. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

export const validationFailed = (fields: Record<string, string>, message = '提交的信息有误，请按提示修改') =>
  new AppError(400, 'VALIDATION_FAILED', message, fields);
export const unauthenticated = (message = '登录已过期，请重新登录') => new AppError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message = '您没有权限进行此操作') => new AppError(403, 'FORBIDDEN', message);
export const notFound = (message = '没有找到相关记录') => new AppError(404, 'NOT_FOUND', message);
export const notPending = (message = '该申请已办结，不能再操作') => new AppError(409, 'NOT_PENDING', message);
export const accountLocked = () => new AppError(423, 'ACCOUNT_LOCKED', '存在渝快办账号变更待审核数据，不允许操作');
export const rateLimited = (message = '操作太频繁，请稍后再试') => new AppError(429, 'RATE_LIMITED', message);
export const bankUnavailable = () =>
  new AppError(503, 'BANK_UNAVAILABLE', '银行系统暂时无法连接，请稍后再试，您填写的信息不会丢失');
