import { z } from 'zod';

/** Every error answer of the BFF: `{ error: { code, message, fields? } }` (api.md "Errors"). */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'REQUEST_IN_PROGRESS',
  'NOT_PENDING',
  'QR_EXPIRED',
  'ACCOUNT_LOCKED',
  'RATE_LIMITED',
  'BANK_UNAVAILABLE',
  'IDENTITY_UNAVAILABLE',
  'VALIDATION_RUN_IN_PROGRESS',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;
