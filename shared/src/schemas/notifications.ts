import { z } from 'zod';
import { district, isoTime } from './common.ts';

/**
 * What a 系统通知 is about: an account made invalid (上卡失败, 手动验证, 定时验证) or the outcome of a change request
 * (审核通过, 审核不通过).
 */
export const notificationKind = z.enum([
  'crediting_failure',
  'manual_validation',
  'scheduled_validation',
  'review_approved',
  'review_rejected',
]);
export type NotificationKind = z.infer<typeof notificationKind>;

export const notification = z.object({
  id: z.number().int(),
  kind: notificationKind,
  bankName: z.string(),
  accountNumber: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  /** Every district the notice is about (one card can be used in several). */
  districts: z.array(district),
  /** The change request an outcome notice is about. */
  requestId: z.number().int().nullable(),
  message: z.string(),
  occurredAt: isoTime,
  readAt: isoTime.nullable(),
});
export type Notification = z.infer<typeof notification>;
export const notificationList = z.object({ items: z.array(notification) });
