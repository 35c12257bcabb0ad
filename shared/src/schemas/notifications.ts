import { z } from 'zod';
import { isoTime } from './common.ts';

export const notificationKind = z.enum(['crediting_failure', 'manual_validation', 'scheduled_validation']);
export type NotificationKind = z.infer<typeof notificationKind>;

export const notification = z.object({
  id: z.number().int(),
  kind: z.string(),
  bankName: z.string(),
  accountNumber: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  message: z.string(),
  occurredAt: isoTime,
  readAt: isoTime.nullable(),
});
export type Notification = z.infer<typeof notification>;
export const notificationList = z.object({ items: z.array(notification) });
