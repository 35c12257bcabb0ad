import { z } from 'zod';
import { cardType, isoTime } from './common.ts';

export const changeRequestStatus = z.enum(['pending', 'approved', 'rejected', 'withdrawn', 'failed']);
export type ChangeRequestStatus = z.infer<typeof changeRequestStatus>;

/**
 * The body as it arrives. Only the shape is checked here; the domain rules (Luhn, BIN, the person's districts)
 * run in shared/rules/changeRequest so the forms and the BFF say the same thing for the same mistake.
 */
export const changeRequestBody = z.object({
  cardType: z.string({ error: '请选择卡类型' }),
  accountNumber: z.string({ error: '请输入银行账号' }).max(64, '银行账号过长'),
  bankCode: z.string({ error: '请选择开户行' }).max(32),
  districtCode: z.string({ error: '请选择区县' }).max(16),
  reason: z.string().optional(),
  consent: z.boolean({ error: '请阅读并勾选授权说明' }),
});
export type ChangeRequestBody = z.infer<typeof changeRequestBody>;

export const changeRequest = z.object({
  id: z.number().int(),
  status: changeRequestStatus,
  /** Where it was made: 手机 (mobile) or 电脑 (pc). */
  channel: z.enum(['mobile', 'pc']),
  cardType,
  bankCode: z.string(),
  bankName: z.string(),
  /** Masked on lists. */
  accountNumber: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  reason: z.string().nullable(),
  appliedAt: isoTime,
  /** When the bank answered the verification (the timeline's 银行验证 step). */
  verifiedAt: isoTime.nullable(),
  finishedAt: isoTime.nullable(),
  failureReason: z.string().nullable(),
  reviewOpinion: z.string().nullable(),
  /** While pending: the working days review usually takes in this district. */
  reviewDays: z.number().int().nullable(),
});
export type ChangeRequest = z.infer<typeof changeRequest>;
/** 事项办理, newest first, 20 at a time: `nextCursor` asks for the next 20. */
export const changeRequestList = z.object({ items: z.array(changeRequest), nextCursor: z.string().nullable() });
export const changeRequestListQuery = z.object({
  cursor: z.string().max(256).optional(),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});

export const withdrawAnswer = z.object({ id: z.number().int(), status: z.literal('withdrawn') });
