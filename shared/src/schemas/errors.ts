import { z } from 'zod';

/** Every error code the BFF answers (api.md "Errors" + docs/api-extensions.md). */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'REQUEST_IN_PROGRESS',
  'NOT_PENDING',
  'BATCH_CONFLICT',
  'QR_EXPIRED',
  'REQUEST_TOO_LARGE',
  'ACCOUNT_LOCKED',
  'RATE_LIMITED',
  'BANK_UNAVAILABLE',
  'IDENTITY_UNAVAILABLE',
  'VALIDATION_RUN_IN_PROGRESS',
  'VALIDATION_RUN_FAILED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export const errorCode = z.enum(ERROR_CODES);

/** Every error answer of the BFF: `{ error: { code, message, fields? } }` (api.md "Errors"). */
export const errorBody = z.object({
  error: z.object({
    code: errorCode,
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;
